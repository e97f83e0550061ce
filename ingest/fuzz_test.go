package ingest

import (
	"errors"
	"fmt"
	"html"
	"math/rand"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	parallax "github.com/parallax-news/parallax"
	"golang.org/x/text/unicode/norm"
)

// sentinels are the errors Parse may refuse an input with.
var sentinels = []error{ErrEmpty, ErrBinary, ErrTooLarge, ErrUndecodable, ErrMalformed, ErrUnsupported}

func isSentinel(err error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// plainInput reports whether s survives decoding unchanged (valid UTF-8,
// NFC, no control characters but white space), so its words can be looked
// for in the output.
func plainInput(s string) bool {
	if !utf8.ValidString(s) || !norm.NFC.IsNormalString(s) || strings.HasPrefix(s, "\ufeff") {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' {
			return false
		}
	}
	return true
}

// checkArticle asserts what holds for every article: paragraphs numbered
// from 1, none empty, every kind valid, and the hash of the text.
func checkArticle(t *testing.T, a *parallax.Article) {
	t.Helper()
	for i, p := range a.Paragraphs {
		if p.Ordinal != i+1 || strings.TrimSpace(p.Text) == "" || !p.Kind.Valid() {
			t.Fatalf("bad paragraph %d: %+v", i, p)
		}
	}
	if a.Hash != ContentHash(a.Text) {
		t.Fatal("hash is not the hash of the text")
	}
	for _, s := range append([]string{a.Text, a.Title}, a.Headlines...) {
		for _, r := range s {
			if isStrippedControl(r) || r == 0x1b {
				t.Fatalf("control character %U kept", r)
			}
		}
	}
}

// assertWordsInOrder fails unless every word of in appears in the
// paragraphs, in the same order.
func assertWordsInOrder(t *testing.T, in string, ps []parallax.Paragraph) {
	t.Helper()
	var out []string
	for _, p := range ps {
		out = append(out, words(p.Text)...)
	}
	j := 0
	for _, w := range words(in) {
		for j < len(out) && out[j] != w {
			j++
		}
		if j == len(out) {
			t.Fatalf("word %q of the input is missing or out of order\ninput: %q\nparagraphs: %q", w, in, out)
		}
		j++
	}
}

func seedCorpus(f *testing.F) {
	for _, name := range []string{"wire.txt", "single-lines.txt", "story.md", "cp1252.txt", "article.html", "malformed.html"} {
		f.Add(string(readFixture(f, name)))
	}
	f.Add("Mill to close\n\n- Jobs lost -\n\nHARROW (VP) — The mill closes.\n\nab-cd/ef")
	f.Add("date 2025-11-06 HARROW: “Quoted,” he said.\r\n\r\nK.Varga--VP")
	f.Add("")
	f.Add("<p>One <b>two</p> three")
}

func FuzzParseText(f *testing.F) {
	seedCorpus(f)
	f.Fuzz(checkParseText)
}

// checkParseText is FuzzParseText's property: an input is refused with a
// known reason, or every word of it comes out in order in non-empty
// paragraphs.
func checkParseText(t *testing.T, in string) {
	a, err := Parse("fuzz.txt", []byte(in), Options{MaxBytes: 1 << 20})
	if err != nil {
		if !isSentinel(err) {
			t.Fatalf("unexpected error kind: %v", err)
		}
		return
	}
	checkArticle(t, a)
	if plainInput(in) && detectFormat("fuzz.txt", []byte(in)) == formatText {
		assertWordsInOrder(t, in, a.Paragraphs)
	}
}

// FuzzParseMarkdown reaches the Markdown reader through its extension.
func FuzzParseMarkdown(f *testing.F) {
	seedCorpus(f)
	f.Add("# Title\n\nA [link (with) parens](http://x.example/a_(b)) and *emphasis*.\n\n> quote\n\n- item\n\n```\ncode\n```")
	f.Fuzz(func(t *testing.T, in string) {
		a, err := Parse("fuzz.md", []byte(in), Options{MaxBytes: 1 << 20})
		if err != nil {
			if !isSentinel(err) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		checkArticle(t, a)
	})
}

func FuzzParseHTML(f *testing.F) {
	seedCorpus(f)
	f.Fuzz(checkParseHTML)
}

// checkParseHTML is FuzzParseHTML's property: any bytes given as a page are
// refused with a known reason or give sane paragraphs; and the input's lines
// wrapped as the paragraphs of a page all come out, every word in order.
func checkParseHTML(t *testing.T, in string) {
	// Any bytes as a page: refused with a reason or read sanely.
	if a, err := ParseHTML("https://fuzz.example/a", []byte(in), "", Options{MaxBytes: 1 << 20}); err != nil {
		if !isSentinel(err) {
			t.Fatalf("unexpected error kind: %v", err)
		}
	} else {
		checkArticle(t, a)
	}
	// The input's lines as the paragraphs of an article page: every
	// word of them must come out, in order.
	if !plainInput(in) {
		return
	}
	var page strings.Builder
	page.WriteString("<html><body><article>")
	for _, line := range strings.Split(in, "\n") {
		page.WriteString("<p>" + html.EscapeString(line) + "</p>\n")
	}
	page.WriteString("</article></body></html>")
	a, err := ParseHTML("", []byte(page.String()), "text/html; charset=utf-8", Options{MaxBytes: 1 << 22})
	if err != nil {
		if len(words(in)) > 0 {
			t.Fatalf("page with words refused: %v", err)
		}
		return
	}
	checkArticle(t, a)
	assertWordsInOrder(t, in, a.Paragraphs)
}

// TestParseMutations runs FuzzParseText's property over seeded random
// mutations of the fixtures, so plain "go test" exercises it beyond the
// seed corpus.
func TestParseMutations(t *testing.T) {
	var seeds []string
	for _, name := range []string{"wire.txt", "single-lines.txt", "story.md", "cp1252.txt", "gbk.txt", "malformed.html"} {
		seeds = append(seeds, string(readFixture(t, name)))
	}
	pieces := []string{"\n\n", "\n", " — ", ":", "- ", " -", "(", ")", "/", "--", "©", "By ", "date 2025-01-02 ", "“", "<p>", "\xff", "\x00", "É", "\u0301"}
	r := rand.New(rand.NewSource(7))
	for i := range 400 {
		b := []byte(seeds[r.Intn(len(seeds))])
		for range 1 + r.Intn(6) {
			p := r.Intn(len(b) + 1)
			switch r.Intn(3) {
			case 0:
				b = append(b[:p:p], append([]byte(pieces[r.Intn(len(pieces))]), b[p:]...)...)
			case 1:
				b = append(b[:p:p], b[min(len(b), p+r.Intn(40)):]...)
			case 2:
				if p < len(b) {
					b[p] = byte(r.Intn(256))
				}
			}
		}
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			checkParseText(t, string(b))
			if i%4 == 0 {
				checkParseHTML(t, string(b))
			}
		})
	}
}
