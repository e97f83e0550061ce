package report

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare"
	"golang.org/x/net/html"
)

// Every hostile payload, if it ran, would set data-pwned on <body> (the
// name is built at run time, so the escaped source text never contains
// it) or fetch a /pwned-… path from the server that serves the report.
const (
	hostileScript   = `<script>fetch('/pwned-script');document.body.dataset['pw'+'ned']='script'</script>`
	hostileImg      = `<img src="/pwned-img" onerror="document.body.dataset['pw'+'ned']='img'">`
	hostileLink     = `<a href="javascript:document.body.dataset['pw'+'ned']='link'">click</a>`
	hostileCSS      = `<style>body{background:url(/pwned-css)}</style>`
	hostileStyleEnd = `</style><script>document.body.dataset['pw'+'ned']='style-end'</script>`
	hostileSVG      = `<svg onload="document.body.dataset['pw'+'ned']='svg'"></svg><iframe src="/pwned-iframe"></iframe>`
	hostileMD       = `[x](javascript:alert(1)) ![img](/pwned-md) <b>**bold**</b> | a | b | $x$ &lt;`
)

var hostileAll = []string{hostileScript, hostileImg, hostileLink, hostileCSS, hostileStyleEnd, hostileSVG, hostileMD}

func hostileDocument(t testing.TB) Document {
	t.Helper()
	vs := []fixtureVersion{
		{"h1", "Ferry news " + hostileScript, "Wire " + hostileImg, []string{hostileLink}, []compare.ParagraphOut{
			body(1, "The ferry sailed at noon. "+hostileScript+" "+hostileImg),
			body(2, hostileCSS+" The harbour master "+hostileStyleEnd+" spoke."),
		}},
		{"h2", "Copy " + hostileSVG, "Copier </style>", nil, []compare.ParagraphOut{
			body(1, "The ferry left at one. "+hostileScript+" "+hostileLink),
			body(2, hostileCSS+" The harbour chief "+hostileSVG+" spoke. "+hostileMD),
		}},
	}
	c := buildComparison(t, vs, []compare.Passage{
		{Members: []compare.Member{member("h1", 1), member("h2", 1)}, Missing: []string{}},
		{Members: []compare.Member{member("h1", 2), member("h2", 2)}, Missing: []string{}},
	})
	c.Provenance = []compare.Provenance{{A: "h1", B: "h2", VerbatimShare: 0.5, Direction: "a->b", Reason: hostileScript}}
	s, e := runeSpan(t, vs[1].paras[0].Text, "one")
	c.Flags = []compare.Flag{{Key: "time:" + hostileScript, Kind: compare.FlagKind("x" + hostileImg), Severity: compare.Severity(hostileLink),
		Version: "h2", Paragraph: 1, Start: s, End: e, Found: hostileScript, Expected: hostileCSS, Message: hostileStyleEnd, Passage: 0,
		Support: compare.Support{Found: 1, Expected: 1}}}
	return Document{
		Title:      "Ferry " + hostileStyleEnd,
		Generated:  fixtureGenerated,
		AppVersion: `"><script>alert(1)</script>`,
		Comparison: c,
		Decisions:  map[string]parallax.Decision{c.Flags[0].Key: {Status: parallax.StatusConfirmed, Note: hostileScript + hostileMD}},
		Notes: []parallax.Note{
			{ID: 1, ArticleID: 2, Paragraph: 2, Start: 0, End: 5, Quote: hostileImg, Text: hostileScript + hostileCSS},
			{ID: 2, Text: hostileStyleEnd + hostileMD},
		},
		ArticleOf: map[string]int64{"h1": 1, "h2": 2},
		Meta: map[string]VersionMeta{
			"h1": {URL: "javascript:document.body.dataset['pw'+'ned']='meta'", Byline: hostileSVG},
			"h2": {URL: `https://copier.example/a"><script>alert(1)</script>`, Source: hostileMD},
		},
	}
}

// TestHTMLEscapesHostileText parses the report and checks that outside text
// added no element, attribute, link or style: only the report's own
// markup is there, and the hostile text reads as text.
func TestHTMLEscapesHostileText(t *testing.T) {
	out := render(t, FormatHTML, hostileDocument(t), DefaultOptions())
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{}
	for _, tag := range strings.Fields(`html head meta link title style body header nav ul li a main section h1 h2 h3 h4
		table caption thead tbody tr th td p strong span ol del ins mark sup aside`) {
		allowed[tag] = true
	}
	styles := 0
	var text strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			text.WriteString(n.Data)
		}
		if n.Type == html.ElementNode {
			if !allowed[n.Data] {
				t.Errorf("unexpected element <%s>", n.Data)
			}
			if n.Data == "style" {
				styles++
				if n.FirstChild == nil || n.FirstChild.Data != reportCSS {
					t.Errorf("a <style> other than the report's own")
				}
			}
			for _, a := range n.Attr {
				switch {
				case strings.HasPrefix(a.Key, "on"), a.Key == "style", a.Key == "src", a.Key == "srcset":
					t.Errorf("<%s %s=%q>", n.Data, a.Key, a.Val)
				case a.Key == "href" && n.Data == "link":
					if a.Val != "data:," {
						t.Errorf("<link href=%q>", a.Val)
					}
				case a.Key == "href" && !strings.HasPrefix(a.Val, "#") && !strings.HasPrefix(a.Val, "https://copier.example/"):
					t.Errorf("<a href=%q>", a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if styles != 1 {
		t.Errorf("%d <style> elements, want 1", styles)
	}
	for _, h := range hostileAll {
		if !strings.Contains(text.String(), h) {
			t.Errorf("hostile text %q is not shown as text", h)
		}
	}
}

func TestMarkdownEscapesHostileText(t *testing.T) {
	out := render(t, FormatMarkdown, hostileDocument(t), DefaultOptions())
	for i := 0; i < len(out); i++ {
		if strings.IndexByte("<>[]`|$&", out[i]) < 0 {
			continue
		}
		if i > 0 && out[i-1] == '\\' || out[i] == '>' && (i == 0 || out[i-1] == '\n') {
			continue // escaped, or a blockquote of the report's own
		}
		// The report's own markup: tables, links to passages, flag marks.
		if own := out[max(0, i-12):min(len(out), i+12)]; strings.Contains(own, "](#passage-") || strings.Contains(own, "[Passage") ||
			strings.HasPrefix(strings.TrimSpace(lineAt(out, i)), "|") && out[i] == '|' {
			continue
		}
		t.Errorf("unescaped %q in %q", out[i], lineAt(out, i))
	}
	for _, tc := range []struct{ in, want string }{
		{"plain words", "plain words"},
		{"<script>", `\<script\>`},
		{"[x](javascript:y)", `\[x\]\(javascript:y\)`},
		{"**bold** _it_ ~~s~~", `\*\*bold\*\* \_it\_ \~\~s\~\~`},
		{"a | b", `a \| b`},
		{"line\nbreak", "line break"},
		{"$x$ &amp; #1 !", `\$x\$ \&amp; \#1 \!`},
		{"Zoë 河谷", "Zoë 河谷"},
	} {
		if got := mdEscape(tc.in); got != tc.want {
			t.Errorf("mdEscape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"- item", `\- item`},
		{"+ item", `\+ item`},
		{"=== ", `\=== `},
		{"2024. A year", `2024\. A year`},
		{"3) three", `3\) three`},
		{"    code", "code"},
		{"12 people", "12 people"},
	} {
		if got := mdLine(tc.in); got != tc.want {
			t.Errorf("mdLine(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func lineAt(s string, i int) string {
	start := strings.LastIndexByte(s[:i], '\n') + 1
	end := strings.IndexByte(s[i:], '\n')
	if end < 0 {
		return s[start:]
	}
	return s[start : i+end]
}

// findChromium returns a headless-capable Chromium, or "".
func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browse serves page from a local server, loads it in headless Chromium
// and returns the DOM after load and every path requested.
func browse(t *testing.T, chromium, page string) (string, []string) {
	t.Helper()
	var mu sync.Mutex
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.URL.Path)
		mu.Unlock()
		if r.URL.Path == "/report.html" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page)
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--virtual-time-budget=3000", "--user-data-dir="+t.TempDir(),
		"--dump-dom", srv.URL+"/report.html")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	srv.Close() // waits for requests in flight
	mu.Lock()
	defer mu.Unlock()
	return stdout.String(), slices.Clone(paths)
}

// TestHTMLInChromium opens hostile reports in headless Chromium: no script
// may run and nothing but the page itself may be fetched, both with the
// report's Content-Security-Policy and without it (so that escaping alone
// is shown to hold). A control page with a real script proves the check
// would see one.
func TestHTMLInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chromium := findChromium()
	if chromium == "" {
		t.Skip("chromium not found: install Debian's chromium package (apt-get install chromium) to run this test")
	}
	if os.Getuid() == 0 && os.Getenv("PARALLAX_NO_BROWSER") != "" {
		t.Skip("PARALLAX_NO_BROWSER set")
	}
	report := render(t, FormatHTML, hostileDocument(t), DefaultOptions())
	withoutCSP := strings.Replace(report, `<meta http-equiv="Content-Security-Policy"`, `<meta name="csp-removed"`, 1)
	if withoutCSP == report {
		t.Fatal("the report has no CSP meta to remove")
	}
	control := "<!DOCTYPE html><html><head><title>c</title></head><body><p>control</p>" +
		strings.ReplaceAll(hostileScript, "/pwned-script", "/pwned-control") + "</body></html>"

	for _, tc := range []struct {
		name, page string
		wantRun    bool
	}{
		{"control page runs its script", control, true},
		{"report", report, false},
		{"report without CSP", withoutCSP, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dom, paths := browse(t, chromium, tc.page)
			ran := strings.Contains(dom, `data-pwned=`)
			var others []string
			for _, p := range paths {
				if p != "/report.html" && p != "/favicon.ico" {
					others = append(others, p)
				}
			}
			if tc.wantRun {
				if !ran || !slices.Contains(others, "/pwned-control") {
					t.Fatalf("the control script did not show: ran=%v fetched=%v; the check is blind", ran, others)
				}
				return
			}
			if ran {
				t.Errorf("a script ran: %s", dom[:min(len(dom), 400)])
			}
			if len(others) > 0 {
				t.Errorf("the page fetched %v", others)
			}
			if slices.Contains(paths, "/favicon.ico") {
				t.Errorf("the page fetched a favicon")
			}
			if !strings.Contains(dom, "<h1>Ferry &lt;/style&gt;&lt;script&gt;") {
				t.Errorf("the title is not shown as text")
			}
		})
	}
}
