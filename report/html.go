package report

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"html/template"
	"io"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/parallax-news/parallax/compare"
)

//go:embed report.css
var reportCSS string

//go:embed report.html.tmpl
var reportTemplate string

// htmlCSP forbids the page every script and every fetch; only its own
// stylesheet, named by hash, applies. It backs up the escaping: even text
// that slipped through could neither run nor load anything.
var htmlCSP = sync.OnceValue(func() string {
	sum := sha256.Sum256([]byte(reportCSS))
	return "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
		"'; img-src data:; base-uri 'none'; form-action 'none'"
})

// htmlTemplate is parsed on first use: every command links the report
// package, and only an HTML report needs the template.
var htmlTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"made":      (*model).madeLine,
		"rel":       (*model).relationText,
		"where":     (*model).flagWhere,
		"missing":   (*model).missingText,
		"caption":   (*model).paragraphCaption,
		"noteWhere": (*model).noteWhere,
		"note":      func(m *model, n int) noteModel { return m.Notes[n-1] },
		"kind":      kindName,
		"evidence":  evidence,
		"decision":  decisionText,
		"date":      versionModel.publishedDate,
		"safeURL":   safeURL,
		"segments":  segmentsHTML,
		"message":   (*model).flagMessage,
	}).Parse(reportTemplate))
})

// htmlGroup is one status section of the flag list.
type htmlGroup struct {
	Heading string
	Flags   []flagModel
}

// writeHTML writes one self-contained page: inline CSS, no script, nothing
// fetched.
func writeHTML(w io.Writer, m *model) error {
	data := struct {
		M      *model
		CSS    template.CSS
		CSP    string
		Groups []htmlGroup
		Apart  []noteModel
	}{M: m, CSS: template.CSS(reportCSS), CSP: htmlCSP()}
	for _, g := range statusGroups {
		data.Groups = append(data.Groups, htmlGroup{Heading: g.heading, Flags: m.flagsWith(g.status)})
	}
	if m.Included.Notes {
		for _, n := range m.Notes {
			if n.Passage == 0 {
				data.Apart = append(data.Apart, n)
			}
		}
	}
	return htmlTemplate().Execute(w, data)
}

// safeURL returns u when it is an absolute http or https URL, the only ones
// a report links to; other URLs are shown as text.
func safeURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return u
}

// segmentsHTML marks up a paragraph's segments. All text goes through
// template.HTMLEscapeString; the tags are fixed here.
func segmentsHTML(p paragraphModel) template.HTML {
	var b strings.Builder
	esc := template.HTMLEscapeString
	for _, f := range p.Flags {
		n := strconv.Itoa(f)
		b.WriteString(`<sup class="ref"><a href="#flag-` + n + `">flag ` + n + `</a></sup> `)
	}
	segs := displaySegments(p.Segments)
	endFlags, endNotes := closing(segs)
	for i, s := range segs {
		text := esc(s.Text)
		switch {
		case s.Op == compare.OpDelete && s.Trivial:
			continue // a change no reader cares about: show this version's text only
		case s.Op == compare.OpDelete:
			text = `<del><span class="sr">[deleted: </span>` + text + `<span class="sr">]</span></del>`
		case s.Op == compare.OpInsert && s.Trivial:
			text = `<ins class="trivial">` + text + `</ins>`
		case s.Op == compare.OpInsert && s.Moved:
			text = `<ins class="moved"><span class="sr">[moved: </span>` + text + `<span class="sr">]</span></ins>`
		case s.Op == compare.OpInsert:
			text = `<ins><span class="sr">[inserted: </span>` + text + `<span class="sr">]</span></ins>`
		}
		if len(s.Notes) > 0 {
			text = `<span class="noted">` + text + `</span>`
		}
		if len(s.Flags) > 0 {
			text = `<mark class="flag">` + text + `</mark>`
		}
		b.WriteString(text)
		for _, f := range endFlags[i] {
			n := strconv.Itoa(f)
			b.WriteString(`<sup class="ref"><a href="#flag-` + n + `">flag ` + n + `</a></sup>`)
		}
		for _, nn := range endNotes[i] {
			n := strconv.Itoa(nn)
			b.WriteString(`<sup class="ref"><a href="#note-` + n + `">note ` + n + `</a></sup>`)
		}
	}
	return template.HTML(b.String())
}
