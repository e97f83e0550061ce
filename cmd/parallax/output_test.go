package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/store"
)

func TestQuotePathAndSafeLine(t *testing.T) {
	cases := []struct{ in, path, line string }{
		{"plain/file.txt", "plain/file.txt", "plain/file.txt"},
		{"two\nlines.txt", `"two\nlines.txt"`, `two\nlines.txt`},
		{"evil\u202etxt.exe", `"evil\u202etxt.exe"`, `evil\u202etxt.exe`},
		{"bell\x07\x1b[2J", `"bell\a\x1b[2J"`, `bell\x07\x1b[2J`},
		{"Zürich café", "Zürich café", "Zürich café"},
	}
	for _, tc := range cases {
		if got := quotePath(tc.in); got != tc.path {
			t.Errorf("quotePath(%q) = %s, want %s", tc.in, got, tc.path)
		}
		if got := safeLine(tc.in); got != tc.line {
			t.Errorf("safeLine(%q) = %s, want %s", tc.in, got, tc.line)
		}
	}
}

// Text stored before control characters were removed at import (or by
// another tool) still reaches the terminal escaped.
func TestCLIOutputEscapesStoredControls(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	evil := "Lamp \x1b]0;owned\x07lit \x1b[2Jon \u202eMonday in Oskby"
	a := &parallax.Article{Title: "Lamp \x1b[31mlit", Text: evil, Source: parallax.Source{Name: "Courier\x1b[0m"},
		Paragraphs: []parallax.Paragraph{{Ordinal: 1, Kind: parallax.KindBody, Text: evil}}}
	if err := s.AddArticle(context.Background(), a, ""); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, args := range [][]string{{"show", "1"}, {"search", "oskby"}, {"stories"}} {
		r := runCLI(t, db, "", args...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d %s", args, r.code, r.stderr)
		}
		if strings.ContainsAny(r.stdout, "\x1b\x07\u202e") {
			t.Errorf("%v printed raw controls: %q", args, r.stdout)
		}
	}
}
