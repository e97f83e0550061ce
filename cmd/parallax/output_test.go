package main

import (
	"testing"
)

// A page imported from the web keeps its URL, not a made-up file path.
func TestArticlePathOfURL(t *testing.T) {
	for _, u := range []string{"https://courier.example/a/b", "http://x.example/"} {
		if p := articlePath(u); p != "" {
			t.Errorf("articlePath(%q) = %q, want none (the URL is kept as the article's URL)", u, p)
		}
	}
}

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
