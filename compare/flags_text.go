package compare

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// flagWord is one word as the detectors see it: unlike Tokenize, it keeps
// hyphenated words ("al-Assad", "90-day"), dotted abbreviations ("U.S.") and
// initials ("H.") whole, because names, titles and quantities are written
// that way. Start and End are rune offsets into the paragraph; Gap holds the
// non-space punctuation between the previous word and this one.
type flagWord struct {
	Text       string
	Start, End int
	Gap        string
	Fold       string // lower case, accents and curly apostrophes unified
}

// flagWords splits a paragraph's runes into flagWords.
func flagWords(rs []rune) []flagWord { return flagWordsOf(string(rs), rs) }

// flagWordsOf is flagWords for a paragraph given both as text and as its
// runes: the words' texts are cut from text and share its memory.
func flagWordsOf(text string, rs []rune) []flagWord {
	if !utf8.ValidString(text) {
		text = string(rs) // invalid bytes became U+FFFD in rs
	}
	out := make([]flagWord, 0, len(rs)/5+1)
	gapStart := 0
	// ri, bi: a rune index and its byte offset in text, moved forward only.
	ri, bi := 0, 0
	byteAt := func(r int) int {
		for ri < r {
			bi += utf8.RuneLen(rs[ri])
			ri++
		}
		return bi
	}
	for i := 0; i < len(rs); {
		if !isWordRune(rs[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(rs) {
			c := rs[j]
			if isWordRune(c) {
				j++
				continue
			}
			if j+1 < len(rs) && isWordRune(rs[j+1]) {
				switch {
				case (c == '\'' || c == '’') && unicode.IsLetter(rs[j-1]):
					j += 2
					continue
				case c == '-' || c == '‐' || c == '‑':
					j += 2
					continue
				case (c == '.' || c == ',') && unicode.IsDigit(rs[j-1]) && unicode.IsDigit(rs[j+1]):
					j += 2
					continue
				case c == '.' && unicode.IsLetter(rs[j-1]) && flagShortPart(rs, j):
					// "U.S", "a.m": a dotted abbreviation of single letters.
					j += 2
					continue
				}
			}
			break
		}
		// A trailing point belongs to an initial ("H.") or a dotted
		// abbreviation ("U.S.").
		if j < len(rs) && rs[j] == '.' && unicode.IsLetter(rs[j-1]) && flagShortPart(rs, j) {
			j++
		}
		bGap := byteAt(gapStart)
		bStart := byteAt(i)
		gap := ""
		for k := gapStart; k < i; k++ {
			if !unicode.IsSpace(rs[k]) {
				gap = strings.TrimSpace(text[bGap:bStart])
				break
			}
		}
		word := text[bStart:byteAt(j)]
		out = append(out, flagWord{Text: word, Start: i, End: j, Gap: gap, Fold: flagFold(word)})
		i = j
		gapStart = j
	}
	return out
}

// flagShortPart reports whether the letters just before position dot form a
// single-letter part ("U" in "U.S"), which marks an initial or abbreviation.
func flagShortPart(rs []rune, dot int) bool {
	k := dot - 1
	if k < 0 || !unicode.IsLetter(rs[k]) {
		return false
	}
	return k == 0 || !isWordRune(rs[k-1])
}

// flagFold lower-cases s, strips accents and unifies apostrophes and dashes,
// so that spelling-neutral variants compare equal.
func flagFold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '’' || r == '‘' || r == 'ʼ':
			r = '\''
		case r == '‐' || r == '‑' || r == '–' || r == '—':
			r = '-'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// flagIsCap reports whether a word starts with an upper-case letter.
func flagIsCap(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

// flagStripPossessive removes a trailing "'s" or "’s" (or a bare apostrophe
// after s) and says whether it did.
func flagStripPossessive(w string) (string, bool) {
	if t := strings.TrimSuffix(w, "."); t != w {
		// "Trump's." at a sentence end: the word kept its full stop.
		if s, ok := flagStripPossessive(t); ok {
			return s, true
		}
	}
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) {
			return w[:len(w)-len(suf)], true
		}
	}
	if (strings.HasSuffix(w, "s'") || strings.HasSuffix(w, "s’")) && len(w) > 2 {
		return strings.TrimRight(w, "'’"), true
	}
	return w, false
}

// flagSentenceStarts marks the index of each word that opens a sentence.
func flagSentenceStarts(words []flagWord, sents []Sentence) []bool {
	starts := make([]bool, len(words))
	wi := 0
	for _, s := range sents {
		for wi < len(words) && words[wi].Start < s.Start {
			wi++
		}
		if wi < len(words) && words[wi].Start < s.End {
			starts[wi] = true
		}
	}
	if len(words) > 0 {
		starts[0] = true
	}
	return starts
}

// flagSentenceOf returns the index of the sentence holding rune offset pos.
func flagSentenceOf(sents []Sentence, pos int) int {
	for i, s := range sents {
		if pos < s.End {
			return i
		}
	}
	return len(sents) - 1
}
