package ingest

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Stray bytes in otherwise valid UTF-8 keep the UTF-8 (each stray byte
// replaced, and a warning given); only text with no UTF-8 evidence is read
// in a legacy charset.
func TestDecodeStrayBytes(t *testing.T) {
	cases := []struct {
		name     string
		data     string
		want     string // must appear in the text
		charset  string
		warnings int
	}{
		{"one stray byte in UTF-8", "Café in Zürich \xff opened on Monday.\n\nThe owner said the terrace would stay.\n",
			"Café in Zürich \ufffd opened", "utf-8", 1},
		{"stray byte before the UTF-8", "The \x92 owner of the Café in Zürich said so.\n",
			"Café in Zürich", "utf-8", 1},
		{"clean UTF-8", "Café in Zürich opened.\n", "Café in Zürich", "utf-8", 0},
		{"windows-1252 throughout", "Caf\xe9 in Z\xfcrich opened on Monday, the owner said.\n",
			"Café in Zürich", "windows-1252", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Parse("note.txt", []byte(tc.data), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(a.Text, tc.want) {
				t.Errorf("text %q does not contain %q", a.Text, tc.want)
			}
			if strings.Contains(a.Text, "Ã") {
				t.Errorf("mojibake: %q", a.Text)
			}
			if len(a.Warnings) != tc.warnings {
				t.Errorf("warnings %q, want %d", a.Warnings, tc.warnings)
			}
		})
	}
}

// Control characters anywhere in the input (past the binary check's first
// bytes too) are removed at import, escape sequences whole.
func TestControlCharactersRemoved(t *testing.T) {
	pad := strings.Repeat("The council met on Monday to discuss the budget for the harbour.\n\n", 200) // > 8 KB
	cases := []struct{ name, file, tail string }{
		{"text", "note.txt", "Mayor Ilse Varn \x1b[2J\x1b[31mresigned\x1b[0m on \x00Tuesday\x07.\n\nA \x1b]0;owned\x07title change.\n"},
		{"markdown", "note.md", "Mayor Ilse Varn \x1b[31mresigned\x1b[0m on \x00Tuesday\x7f.\n"},
		{"html", "page.html", "<p>Mayor Ilse Varn \x1b[31mresigned\x1b[0m on \x00Tuesday\u0085.</p>"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := pad + tc.tail
			if tc.name == "html" {
				data = "<html><body><p>" + strings.ReplaceAll(pad, "\n\n", "</p><p>") + "</p>" + tc.tail + "</body></html>"
			}
			a, err := Parse(tc.file, []byte(data), Options{})
			if err != nil {
				t.Fatal(err)
			}
			texts := []string{a.Text, a.Title}
			for _, p := range a.Paragraphs {
				texts = append(texts, p.Text)
			}
			for _, s := range texts {
				for _, r := range s {
					if r != '\n' && r != '\t' && (r < 0x20 || (r >= 0x7f && r <= 0x9f)) {
						t.Fatalf("control character %U kept in %q", r, tail(s))
					}
				}
				if strings.Contains(s, "[31m") || strings.Contains(s, "]0;") {
					t.Fatalf("escape sequence left behind in %q", tail(s))
				}
			}
			if !strings.Contains(a.Text, "Mayor Ilse Varn resigned on Tuesday") {
				t.Errorf("text around the controls lost: %q", tail(a.Text))
			}
		})
	}
}

func tail(s string) string {
	if len(s) > 120 {
		return "…" + s[len(s)-120:]
	}
	return s
}

// A feed is not an article: import says how to follow it instead.
func TestParseRefusesFeeds(t *testing.T) {
	rss := `<?xml version="1.0"?><rss version="2.0"><channel><title>Oskby Courier</title><item><title>Lamp lit</title></item></channel></rss>`
	atom := "\ufeff<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- c -->\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Wire</title></feed>"
	rdf := `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel/></rdf:RDF>`
	for _, tc := range []struct{ name, data string }{
		{"courier.rss", rss}, {"courier.xml", rss}, {"wire.atom", atom}, {"wire.xml", atom}, {"saved.txt", rss}, {"rdf.xml", rdf}, {"noext", atom},
	} {
		_, err := Parse(tc.name, []byte(tc.data), Options{})
		if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "feeds add") {
			t.Errorf("%s: %v, want a refusal pointing to feeds add", tc.name, err)
		}
	}
	if _, err := Parse("page.html", []byte("<html><body><p>The rss feed of the council is new.</p></body></html>"), Options{}); err != nil {
		t.Errorf("a page mentioning rss refused: %v", err)
	}
}

// A Markdown link whose URL holds parentheses leaves only its text.
func TestMarkdownLinkWithParentheses(t *testing.T) {
	in := "# Bridge reopens\n\nThe [Oskby bridge](https://wiki.example/Bridge_(Oskby)) reopened, the [council](http://c.example/a(b)c \"title (x)\") said. ![map](https://m.example/m_(1).png)Traffic resumed.\n"
	a, err := Parse("bridge.md", []byte(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "The Oskby bridge reopened, the council said. Traffic resumed."
	if !strings.Contains(a.Text, want) {
		t.Errorf("text %q, want %q", a.Text, want)
	}
}

// The byte scans of decoding and sniffing skip ahead where they can;
// these are their definitions, which they must agree with on all input.
func hasControlByDefinition(s string) bool {
	for _, r := range s {
		if isStrippedControl(r) || r == 0x1b {
			return true
		}
	}
	return false
}

func controlRatioTooHighByDefinition(s string) bool {
	n, ctl := 0, 0
	for _, r := range s {
		n++
		if unicode.IsControl(r) && !unicode.IsSpace(r) {
			ctl++
		}
		if n >= 8192 {
			break
		}
	}
	return ctl*10 > n
}

func guessUTF16ByDefinition(data []byte) string {
	n := min(len(data), 4096) &^ 1
	if n < 8 {
		return ""
	}
	var evenZero, oddZero int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			evenZero++
		}
		if data[i+1] == 0 {
			oddZero++
		}
	}
	pairs := n / 2
	switch {
	case oddZero*10 >= pairs*7 && evenZero*10 < pairs:
		return "utf-16le"
	case evenZero*10 >= pairs*7 && oddZero*10 < pairs:
		return "utf-16be"
	}
	return ""
}

func sniffBinaryByDefinition(data []byte) string {
	for _, m := range magic {
		if bytes.HasPrefix(data, m.prefix) {
			return m.kind
		}
	}
	if len(data) >= 12 && string(data[0:4]) == "RIFF" || len(data) >= 12 && string(data[4:8]) == "ftyp" {
		return sniffBinary(data) // a media container: not what this checks
	}
	if isUTF16BOM(data) || guessUTF16ByDefinition(data) != "" {
		return ""
	}
	head := data
	control := 0
	head = head[:min(len(head), 8192)]
	for _, c := range head {
		switch {
		case c == 0:
			return "contains NUL bytes"
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b:
			control++
		case c == 0x7f:
			control++
		}
	}
	if control*10 > len(head) {
		return "too many control characters"
	}
	return ""
}

func checkTextScans(t *testing.T, s string) {
	t.Helper()
	b := []byte(s)
	ascii := !strings.ContainsFunc(s, func(r rune) bool { return r >= utf8.RuneSelf })
	if isASCII(s) != ascii || hasHighBit(b) == ascii {
		t.Errorf("%q: isASCII %v, hasHighBit %v", s, isASCII(s), hasHighBit(b))
	}
	if got, want := hasControl(s), hasControlByDefinition(s); got != want {
		t.Errorf("hasControl(%q) = %v, want %v", s, got, want)
	}
	if got, want := controlRatioTooHigh(s), controlRatioTooHighByDefinition(s); got != want {
		t.Errorf("controlRatioTooHigh(%q) = %v, want %v", s, got, want)
	}
	if got, want := guessUTF16(b), guessUTF16ByDefinition(b); got != want {
		t.Errorf("guessUTF16(%q) = %q, want %q", s, got, want)
	}
	if got, want := sniffBinary(b), sniffBinaryByDefinition(b); got != want {
		t.Errorf("sniffBinary(%q) = %q, want %q", s, got, want)
	}
}

func TestTextScansMatchDefinitions(t *testing.T) {
	for _, s := range []string{
		"", "plain ASCII text of more than eight bytes", "café", "\x1b[31mred\x1b[0m", "tab\tand\nnewline",
		"C1 \u0085 next line and \u0090 control", "bad \xff\xfe bytes \xc2", strings.Repeat("\x01", 20) + "text",
		"a\x00b\x00c\x00d\x00e\x00f\x00g\x00h\x00", "\x00a\x00b\x00c\x00d\x00e\x00f\x00g\x00h", "NUL\x00 in text",
		strings.Repeat("x\x7f", 10), strings.Repeat("é", 5000) + "\x01",
	} {
		checkTextScans(t, s)
	}
}

func FuzzTextScans(f *testing.F) {
	f.Add("café \x1b[1m\u0085")
	f.Add("a\x00b\x00c\x00d\x00e\x00f\x00")
	f.Fuzz(checkTextScans)
}

func TestPrintable8(t *testing.T) {
	for b := range 256 {
		for pos := range 8 {
			w := []byte("abcdefgh")
			w[pos] = byte(b)
			want := 0x20 <= b && b <= 0x7e
			if got := printable8(load8(string(w))); got != want {
				t.Fatalf("printable8(%q) = %v, want %v", w, got, want)
			}
		}
	}
	// Words of bytes near the edges, mixed.
	edges := []byte{0x00, 0x01, 0x1f, 0x20, 0x21, 0x7e, 0x7f, 0x80, 0x9f, 0xa0, 0xff}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var w [8]byte
		want := true
		for i := range w {
			w[i] = edges[rng.IntN(len(edges))]
			want = want && 0x20 <= w[i] && w[i] <= 0x7e
		}
		if got := printable8(load8(string(w[:]))); got != want {
			t.Fatalf("printable8(%q) = %v, want %v", w, got, want)
		}
	}
}
