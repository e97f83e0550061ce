package compare

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestFlagWords checks how the detector words join the diff units: names,
// abbreviations, initials and figures stay whole; gaps keep the punctuation
// between words.
func TestFlagWords(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string // Text|Gap of each word
	}{
		{"hyphenated", "al-Assad’s 90-day plan", []string{"al-Assad’s|", "90-day|", "plan|"}},
		{"abbreviations and initials", "U.S. envoy H. Ross at 9 a.m. today", []string{"U.S.|", "envoy|", "H.|", "Ross|", "at|", "9|", "a.m.|", "today|"}},
		{"figures", "1,200 rose 3.5%, then 4", []string{"1,200|", "rose|", "3.5|", "then|%,", "4|"}},
		{"apostrophe after a letter", "O'1 and 1990's", []string{"O'1|", "and|", "1990|", "s|'"}},
		{"sentence end is no abbreviation", "It fell. Then", []string{"It|", "fell|", "Then|."}},
		{"quotes and dashes in the gap", "“Go,” she said — (now)", []string{"Go|“", "she|,”", "said|", "now|— ("}},
		{"ideographs run together", "中国人 ab中c", []string{"中国人|", "ab中c|"}},
		{"a radical is no word", "ab⺛cd", []string{"ab|", "cd|⺛"}},
		{"invalid bytes", "ab\xffcd e", []string{"ab|", "cd|\uFFFD", "e|"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, w := range flagWordsOf(tc.text, []rune(tc.text)) {
				got = append(got, w.Text+"|"+w.Gap)
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("flagWordsOf(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

// FuzzFlagWords checks that detector words are in order, carry the text
// their rune offsets name, begin with a word rune, and leave no word rune
// outside a word.
func FuzzFlagWords(f *testing.F) {
	for _, s := range []string{"al-Assad said U.S. H. Smith 3.5, 1,200", "中国人 ab⺛c", "\xff\xfe ab-\xffcd", "e\u0301t\u00e9 x\u200b-y", "“Hi,” he said. (Mr. X.)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		rs := []rune(text)
		inWord := make([]bool, len(rs))
		prev := 0
		for _, w := range flagWordsOf(text, rs) {
			if w.Start < prev || w.End <= w.Start || w.End > len(rs) || !isWordRune(rs[w.Start]) {
				t.Fatalf("bad word %+v in %q", w, text)
			}
			if utf8.ValidString(text) && string(rs[w.Start:w.End]) != w.Text {
				t.Fatalf("word %+v: offsets give %q in %q", w, string(rs[w.Start:w.End]), text)
			}
			if w.Fold != flagFold(w.Text) {
				t.Fatalf("word %+v: fold is not flagFold", w)
			}
			for i := w.Start; i < w.End; i++ {
				inWord[i] = true
			}
			prev = w.End
		}
		for i, ok := range inWord {
			if !ok && isWordRune(rs[i]) {
				t.Fatalf("word rune %q at %d of %q is in no word", rs[i], i, text)
			}
		}
	})
}
