package compare

import (
	"testing"
)

func TestTokenize(t *testing.T) {
	type tok struct {
		start, end int
		text, norm string
	}
	tests := []struct {
		name string
		text string
		want []tok
	}{
		{"curly apostrophe", "Steele’s war", []tok{{0, 8, "Steele’s", "steele's"}, {9, 12, "war", "war"}}},
		{"accent", "José Ruiz", []tok{{0, 4, "José", "jose"}, {5, 9, "Ruiz", "ruiz"}}},
		{"chinese after curly quote", "“你好” he", []tok{{1, 2, "你", "你"}, {2, 3, "好", "好"}, {5, 7, "he", "he"}}},
		{"decimal and thousands", "3.5 of 1,200.", []tok{{0, 3, "3.5", "3.5"}, {4, 6, "of", "of"}, {7, 12, "1,200", "1,200"}}},
		{"hyphen splits", "round-trip", []tok{{0, 5, "round", "round"}, {6, 10, "trip", "trip"}}},
		{"em dash between", "yes—no", []tok{{0, 3, "yes", "yes"}, {4, 6, "no", "no"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Tokenize(tc.text)
			if len(got) != len(tc.want) {
				t.Fatalf("Tokenize(%q) = %+v, want %d tokens", tc.text, got, len(tc.want))
			}
			rs := []rune(tc.text)
			for i, w := range tc.want {
				g := got[i]
				if g.Start != w.start || g.End != w.end || g.Text != w.text || g.Norm != w.norm {
					t.Errorf("token %d = %+v, want %+v", i, g, w)
				}
				if string(rs[g.Start:g.End]) != g.Text {
					t.Errorf("token %d offsets [%d,%d) give %q, not %q", i, g.Start, g.End, string(rs[g.Start:g.End]), g.Text)
				}
			}
		})
	}
}

func TestStem(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"running", "run"}, {"announced", "announc"}, {"steele's", "steel"}, {"3.5", "3.5"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := stemWord(tc.in); got != tc.want {
				t.Errorf("stemWord(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"a’b", "3.5,", "“你好”", "é-e", "don't"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		rs := []rune(text)
		prev := 0
		for _, tk := range Tokenize(text) {
			if tk.Start < prev || tk.End <= tk.Start || tk.End > len(rs) {
				t.Fatalf("bad token %+v in %q", tk, text)
			}
			if string(rs[tk.Start:tk.End]) != tk.Text {
				t.Fatalf("token text %q does not match offsets in %q", tk.Text, text)
			}
			prev = tk.End
		}
	})
}

// FuzzScanUnits checks that units are in order, do not overlap, carry the
// text their rune offsets name, and leave out only spaces.
func FuzzScanUnits(f *testing.F) {
	for _, s := range []string{"a’b, c.", "3.5,1", "“你好” — ok", "\xff\xfe ab", "e\u0301t\u00e9", "\u200b x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		rs := []rune(text)
		covered := make([]bool, len(rs))
		prev := 0
		valid := validText(text)
		for _, u := range scanUnits(valid) {
			if u.start < prev || u.end <= u.start || u.end > len(rs) {
				t.Fatalf("bad unit %+v in %q", u, text)
			}
			if got := string(rs[u.start:u.end]); got != u.in(valid) {
				t.Fatalf("unit %+v: offsets give %q in %q", u, got, text)
			}
			for i := u.start; i < u.end; i++ {
				covered[i] = true
			}
			prev = u.end
		}
		for i, ok := range covered {
			if !ok && !isSpaceLike(rs[i]) {
				t.Fatalf("rune %q at %d of %q is in no unit", rs[i], i, text)
			}
		}
	})
}

// FuzzSameCanonical checks that comparing runs of units by their cached
// canonical ids agrees with comparing their canonical texts.
func FuzzSameCanonical(f *testing.F) {
	for _, p := range [][2]string{{"colour -- grey", "Color — gray"}, {"a...", "a…"}, {"x - - y", "x -- y"}, {"it's", "it’s"}, {"40", "400"}} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		st, err := analyzeStory([]Version{body("a", a), body("b", b)})
		if err != nil {
			t.Skip()
		}
		pa, pb := &st.vers[0].paras[0], &st.vers[1].paras[0]
		want := canonicalText([]rune(a)) == canonicalText([]rune(b))
		if got := st.sameCanonical(pa.uids, pb.uids); got != want {
			t.Fatalf("sameCanonical(%q, %q) = %v, canonical texts %q and %q", a, b, got, canonicalText([]rune(a)), canonicalText([]rune(b)))
		}
	})
}
