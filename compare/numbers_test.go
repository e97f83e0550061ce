package compare

import (
	"math"
	"testing"
)

func TestFindNumberMentions(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		value float64
		unit  string
		found string
	}{
		{"digits with thousands", "supports 10,000 jobs", 10000, "job", "10,000 jobs"},
		{"plain digits", "supports 10000 jobs", 10000, "job", "10000 jobs"},
		{"words", "supports ten thousand jobs", 10000, "job", "ten thousand jobs"},
		{"hyphenated words", "twenty-five ships waited", 25, "ship", "twenty-five ships"},
		{"percent sign", "cut to 30% now", 30, "%", "30%"},
		{"percent word", "cut by 30 percent", 30, "%", "30 percent"},
		{"money with scale", "covers $60 billion in trade", 60e9, "$", "$60 billion"},
		{"money suffix", "a $1.5bn deal", 1.5e9, "$", "$1.5bn"},
		{"hyphen unit", "a 90-day pause", 90, "day", "90-day"},
		{"word hyphen unit", "a three-day visit", 3, "day", "three-day"},
		{"fraction", "a third of the cranes", 1.0 / 3, "crane", "a third of the cranes"},
		{"hyphen fraction", "two-thirds of voters", 2.0 / 3, "voter", "two-thirds of voters"},
		{"skip words", "sixty thousand more households", 60000, "other household", "sixty thousand more households"},
		// A word of combining marks alone (folded to nothing) after the
		// number counts nothing; it made numberAt index an empty word
		// (found by FuzzCompareVersions).
		{"marks alone after", "0\u0300 \u036f", 0, "#", "0\u0300"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rs := []rune(tc.text)
			ms := findNumberMentions(rs, flagWords(rs), nil)
			if len(ms) != 1 {
				t.Fatalf("%d mentions in %q: %+v", len(ms), tc.text, ms)
			}
			m := ms[0]
			if math.Abs(m.Value-tc.value) > 1e-9*math.Max(1, tc.value) || m.Unit != tc.unit {
				t.Errorf("got %v %q, want %v %q", m.Value, m.Unit, tc.value, tc.unit)
			}
			if got := string(rs[m.Start:m.End]); got != m.Text || (tc.found != "" && !containsFold(tc.found, m.Text)) {
				t.Errorf("text %q (slice %q), want within %q", m.Text, got, tc.found)
			}
		})
	}
	for _, s := range []string{"in 2025 the", "at 3:30 p.m.", "the 5th time", "no one came"} {
		rs := []rune(s)
		if ms := findNumberMentions(rs, flagWords(rs), findDateMentions(rs, flagWords(rs))); len(ms) > 0 {
			t.Errorf("%q: unexpected %+v", s, ms)
		}
	}
}

func TestNumberKeysIgnoreFormatting(t *testing.T) {
	keys := map[string]bool{}
	for _, s := range []string{"10,000 jobs", "10000 jobs", "ten thousand jobs", "10 thousand jobs"} {
		rs := []rune(s)
		ms := findNumberMentions(rs, flagWords(rs), nil)
		if len(ms) != 1 {
			t.Fatalf("%q: %d mentions", s, len(ms))
		}
		keys[ms[0].Key()+"|"+ms[0].Unit] = true
	}
	if len(keys) != 1 {
		t.Errorf("formatting changed the key: %v", keys)
	}
}

func containsFold(hay, needle string) bool {
	return len(needle) > 0 && len(hay) >= len(needle) && (hay == needle || indexFold(hay, needle) >= 0)
}

func indexFold(hay, needle string) int {
	for i := 0; i+len(needle) <= len(hay); i++ {
		if hay[i:i+len(needle)] == needle {
			return i
		}
	}
	return -1
}
