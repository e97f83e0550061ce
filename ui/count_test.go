package ui

import (
	"testing"
	"time"
)

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

func TestPublishedTextOnlyWithAKnownTime(t *testing.T) {
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2032, 11, 8, 0, 0, 0, 0, time.UTC), "8 Nov 2032"},
		{time.Date(2032, 11, 8, 8, 0, 0, 0, time.UTC), "8 Nov 2032 08:00"},
		{time.Date(2032, 11, 8, 0, 0, 30, 0, time.UTC), "8 Nov 2032 00:00"},
		{time.Date(2032, 11, 8, 16, 15, 0, 0, time.FixedZone("", -5*3600)), "8 Nov 2032 16:15"},
	} {
		if got := publishedText(c.t, "2 Jan 2006"); got != c.want {
			t.Errorf("publishedText(%v) = %q, want %q", c.t, got, c.want)
		}
	}
}
