package group

import (
	"testing"
	"time"
)

func TestStem(t *testing.T) {
	for _, tc := range []struct{ word, want string }{
		{"rulings", "ruling"},
		{"cities", "city"},
		{"floods", "flood"},
		{"villages", "village"},
		{"bus", "bus"},       // -us is not a plural
		{"crisis", "crisis"}, // nor -is
		{"glass", "glass"},   // nor -ss
		{"ruling", "ruling"},
	} {
		if got := stem(tc.word); got != tc.want {
			t.Errorf("stem(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}

// Two reports of one event that differ only in number ("floods" against
// "flood") must share their content words: grouping compares stems.
func TestFeaturesMeetOverPlurals(t *testing.T) {
	day := time.Date(2031, 4, 2, 8, 0, 0, 0, time.UTC)
	a := Extract("Floods cut off villages", "Floods cut off three mountain villages near Orvath on Monday, and rescuers reached the villages by boat.", day)
	b := Extract("Flood cuts off village", "A flood cut off a mountain village near Orvath on Monday; a rescuer reached the village by boat.", day)
	words := map[string]bool{}
	for _, tm := range a.Terms {
		words[tm.Word] = true
	}
	for _, w := range []string{"flood", "village", "rescuer"} {
		if !words[w] {
			t.Errorf("%q is not among the first report's terms %v", w, a.Terms)
		}
		found := false
		for _, tm := range b.Terms {
			found = found || tm.Word == w
		}
		if !found {
			t.Errorf("%q is not among the second report's terms %v", w, b.Terms)
		}
	}
}
