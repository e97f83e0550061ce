package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/parallax-news/parallax/compare"
)

// writeMarkdown writes GitHub-flavoured Markdown: deletions as ~~text~~,
// insertions as **text**, moved words as _text_, every piece of outside text escaped.
func writeMarkdown(w io.Writer, m *model) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }

	p("# %s\n\n", mdLine(mdEscape(m.Title)))
	p("%s\n\n", mdEscape(m.madeLine()))

	p("## Versions\n\n")
	p("| | Source | Headline | Published | Words | Byline |\n|---|---|---|---|---:|---|\n")
	for _, v := range m.Versions {
		p("| %s | %s | %s | %s | %d | %s |\n", v.Label, mdEscape(v.Source), mdEscape(v.Title),
			mdEscape(v.publishedDate()), v.Words, mdEscape(v.Byline))
	}
	p("\n")
	for _, v := range m.Versions {
		var hints []string
		if v.URL != "" {
			hints = append(hints, "from "+mdEscape(v.URL))
		}
		for _, r := range v.Relations {
			hints = append(hints, mdEscape(m.relationText(r)))
		}
		if len(v.Headlines) > 0 {
			hs := make([]string, len(v.Headlines))
			for i, h := range v.Headlines {
				hs[i] = "“" + mdEscape(h) + "”"
			}
			hints = append(hints, "also headlined "+strings.Join(hs, ", "))
		}
		if len(hints) > 0 {
			p("- **%s**: %s\n", v.Label, strings.Join(hints, "; "))
		}
	}
	p("\n")

	if m.Included.Flags {
		p("## Flags\n\n")
		if len(m.Flags) == 0 {
			p("No discrepancies were flagged.\n\n")
		} else {
			p("| Kind | Confirmed | Open | Dismissed |\n|---|---:|---:|---:|\n")
			for _, k := range m.FlagSummary {
				p("| %s | %d | %d | %d |\n", mdEscape(kindName(k.Kind)), k.Confirmed, k.Open, k.Dismissed)
			}
			p("\n")
		}
		for _, g := range statusGroups {
			flags := m.flagsWith(g.status)
			if len(flags) == 0 {
				continue
			}
			p("### %s (%d)\n\n", g.heading, len(flags))
			for _, f := range flags {
				p("- **Flag %d · %s** (%s) %s: %s.", f.Number, mdEscape(kindName(f.Kind)), mdEscape(string(f.Severity)),
					mdEscape(m.flagWhere(f)), mdEscape(evidence(f)))
				if f.Message != "" {
					p(" %s", mdEscape(m.flagMessage(f)))
				}
				if f.Passage > 0 && m.Included.Passages {
					p(" [Passage %d](#passage-%d)", f.Passage, f.Passage)
				}
				if d := decisionText(f); d != "" {
					p("  \n  *%s*", mdEscape(d))
				}
				p("\n")
			}
			p("\n")
		}
	}

	if m.Included.Passages {
		p("## Passages\n\n")
		p("Changes are shown against the reference version of each passage: ~~deleted text~~ is the reference's, **inserted text** this version's; _moved text_ both have, in another order; \\[flag n\\] and \\[note n\\] follow the text they mark.\n\n")
		for _, ps := range m.Passages {
			p("### Passage %d\n\n", ps.Number)
			if s := m.missingText(ps); s != "" {
				p("*%s*\n\n", mdEscape(s))
			}
			for _, mem := range ps.Members {
				for _, para := range mem.Paragraphs {
					p("**%s**\n\n", mdEscape(m.paragraphCaption(mem.Version, para, mem.Version == ps.Reference)))
					p("%s\n\n", mdLine(mdParagraph(para)))
					for _, n := range para.Notes {
						writeMarkdownNote(bw, m.Notes[n-1], false, m)
					}
				}
			}
		}
	}

	if m.Included.Notes {
		var apart []noteModel
		for _, n := range m.Notes {
			if n.Passage == 0 {
				apart = append(apart, n)
			}
		}
		if len(apart) > 0 {
			p("## Notes\n\n")
			for _, n := range apart {
				writeMarkdownNote(bw, n, true, m)
			}
		}
	}
	return bw.Flush()
}

func writeMarkdownNote(w io.Writer, n noteModel, where bool, m *model) {
	head := "Note " + strconv.Itoa(n.Number)
	if where {
		head += " on " + m.noteWhere(n)
	}
	fmt.Fprintf(w, "> **%s**", mdEscape(head))
	if n.Quote != "" {
		fmt.Fprintf(w, " on “%s”", mdEscape(n.Quote))
	}
	fmt.Fprintf(w, ": %s\n\n", mdEscape(n.Text))
}

// mdParagraph renders a paragraph's segments with GFM change marks. Runs of
// segments with the same change share one pair of marks, which GFM could
// not parse back to back; flag and note numbers follow the text they mark.
func mdParagraph(p paragraphModel) string {
	var b strings.Builder
	for _, f := range p.Flags {
		fmt.Fprintf(&b, "\\[flag %d\\] ", f)
	}
	segs := displaySegments(p.Segments)
	endFlags, endNotes := closing(segs)
	mark := func(s segment) string {
		switch {
		case s.Op == compare.OpDelete && !s.Trivial:
			return "~~"
		case s.Op == compare.OpInsert && s.Moved && !s.Trivial:
			return "_"
		case s.Op == compare.OpInsert && !s.Trivial:
			return "**"
		}
		return ""
	}
	var run strings.Builder
	runMark := ""
	flush := func() {
		b.WriteString(mdWrap(run.String(), runMark))
		run.Reset()
	}
	for i, s := range segs {
		if s.Op == compare.OpDelete && (s.Trivial || s.Moved) {
			continue // a change no reader cares about, or words shown where this version has them
		}
		if mk := mark(s); mk != runMark {
			flush()
			runMark = mk
		}
		run.WriteString(mdEscape(s.Text))
		for _, f := range endFlags[i] {
			fmt.Fprintf(&run, " \\[flag %d\\]", f)
		}
		for _, n := range endNotes[i] {
			fmt.Fprintf(&run, " \\[note %d\\]", n)
		}
	}
	flush()
	return b.String()
}

// mdWrap puts marks around text, leaving its outer spaces outside, where
// GFM would not take the marks as emphasis.
func mdWrap(text, mark string) string {
	core := strings.TrimSpace(text)
	if core == "" || mark == "" {
		return text
	}
	i := strings.Index(text, core)
	return text[:i] + mark + core + mark + text[i+len(core):]
}

// mdEscape escapes Markdown and HTML metacharacters so that outside text
// reads as written: no emphasis, links, HTML, tables or math it did not ask
// for. Line breaks become spaces.
func mdEscape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '&', '!', '{', '}', '(', ')', '$':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n', '\r', '\t', '\v', '\f', 0x85, 0x2028, 0x2029:
			b.WriteByte(' ')
		case 0:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdLine makes already escaped text safe at the start of a line, where a
// leading "-", "+", "=", "1." or indentation would start a block.
func mdLine(s string) string {
	s = strings.TrimLeft(s, " ")
	if s == "" {
		return s
	}
	switch s[0] {
	case '-', '+', '=':
		return `\` + s
	}
	i := 0
	for i < len(s) && i < 10 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + `\` + s[i:]
	}
	return s
}
