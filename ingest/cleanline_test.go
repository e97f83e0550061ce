package ingest

import (
	"strings"
	"testing"

	parallax "github.com/parallax-news/parallax"
)

// TestCleanLineMatchesFields checks the one-pass cleanLine against the
// definition it replaced, including non-ASCII spaces and invalid bytes.
func TestCleanLineMatchesFields(t *testing.T) {
	for _, l := range []string{
		"", " ", "a", " a ", "a  b", "a\tb\n", "already clean text", "\u00a0x\u2003y\u0085",
		"bad \xff byte", "é  ü", "  lead", "trail  ", "a \t\r\n b",
	} {
		want := strings.Join(strings.Fields(l), " ")
		if got := cleanLine(l); got != want {
			t.Errorf("cleanLine(%q) = %q, want %q", l, got, want)
		}
	}
}

// TestFallbackTitleFirstWords checks the title taken from a huge one-line
// paragraph is its first twelve words.
func TestFallbackTitleFirstWords(t *testing.T) {
	long := strings.Repeat("word ", 100000)
	got := fallbackTitle([]parallax.Paragraph{{Kind: parallax.KindBody, Text: "  one two\tthree " + long}})
	want := "one two three word word word word word word word word word…"
	if got != want {
		t.Errorf("fallbackTitle = %q, want %q", got, want)
	}
	if got := fallbackTitle([]parallax.Paragraph{{Kind: parallax.KindBody, Text: " a  b "}}); got != "a b" {
		t.Errorf("fallbackTitle short = %q", got)
	}
}

func FuzzCleanLine(f *testing.F) {
	f.Add("  The ferry\tsails \u00a0again. ")
	f.Add("bad \xff byte\u2003end")
	f.Fuzz(func(t *testing.T, l string) {
		if got, want := cleanLine(l), strings.Join(strings.Fields(l), " "); got != want {
			t.Errorf("cleanLine(%q) = %q, want %q", l, got, want)
		}
	})
}
