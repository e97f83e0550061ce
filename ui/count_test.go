package ui

import "testing"

func TestPluralGroupsThousands(t *testing.T) {
	for _, c := range []struct {
		n    int
		word string
		want string
	}{
		{0, "story", "0 stories"},
		{1, "story", "1 story"},
		{999, "flag", "999 flags"},
		{1000, "flag", "1,000 flags"},
		{24829, "story", "24,829 stories"},
		{100000, "article", "100,000 articles"},
		{1234567, "word", "1,234,567 words"},
		{-4500, "day", "-4,500 days"},
	} {
		if got := plural(c.n, c.word); got != c.want {
			t.Errorf("plural(%d, %q) = %q, want %q", c.n, c.word, got, c.want)
		}
	}
}
