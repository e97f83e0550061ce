package compare

import (
	"strings"
	"unicode"
)

// Sentence is one sentence of a paragraph: the rune range [Start,End) of the
// paragraph text, without surrounding spaces.
type Sentence struct{ Start, End int }

// abbreviations end with a point that never ends a sentence: titles, months,
// and the like. Lower case, without the point.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sen": true, "rep": true,
	"gov": true, "gen": true, "col": true, "lt": true, "sgt": true, "capt": true, "cmdr": true,
	"adm": true, "maj": true, "st": true, "jr": true, "sr": true, "rev": true, "hon": true,
	"pres": true, "supt": true, "insp": true, "det": true, "atty": true, "amb": true,
	"inc": true, "corp": true, "ltd": true, "co": true, "bros": true, "dept": true, "univ": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thurs": true, "fri": true,
	"vs": true, "v": true, "approx": true, "est": true, "fig": true,
	"mt": true, "ft": true, "ave": true, "blvd": true, "rd": true, "e.g": true, "i.e": true,
	"cf": true, "al": true, "vol": true, "ed": true, "pp": true,
}

// SplitSentences cuts a paragraph into sentences. A sentence ends at ".",
// "!", "?" or "…" (with any closing quotes or brackets) followed by a space
// and a capital letter, digit or opening quote. Abbreviations ("Dr.",
// "Jan."), dotted abbreviations ("U.S.", "a.m."), initials ("J. R."),
// decimals ("3.5") and an ellipsis followed by a lower-case word do not end a
// sentence. Text without such an end is one sentence.
func SplitSentences(text string) []Sentence { return splitSentences([]rune(text)) }

// splitSentences is SplitSentences over a paragraph's runes.
func splitSentences(rs []rune) []Sentence {
	var out []Sentence
	start := skipSpace(rs, 0)
	for i := start; i < len(rs); i++ {
		r := rs[i]
		if r != '.' && r != '!' && r != '?' && r != '…' {
			continue
		}
		end := i + 1
		for end < len(rs) && (rs[end] == '.' || rs[end] == '!' || rs[end] == '?' || rs[end] == '…') {
			end++
		}
		for end < len(rs) && isClosing(rs[end]) {
			end++
		}
		next := skipSpace(rs, end)
		if next == end || next >= len(rs) {
			// No space after the mark (3.5, U.S.A) or end of text.
			i = end - 1
			continue
		}
		if !startsSentence(rs[next]) {
			i = end - 1
			continue
		}
		if r == '.' && end-i == 1+countClosing(rs, i+1, end) && !endsSentenceAfterPoint(rs, start, i, rs[next]) {
			i = end - 1
			continue
		}
		out = append(out, Sentence{Start: start, End: end})
		start = next
		i = next - 1
	}
	if start < len(rs) {
		end := len(rs)
		for end > start && unicode.IsSpace(rs[end-1]) {
			end--
		}
		if end > start {
			out = append(out, Sentence{Start: start, End: end})
		}
	}
	return out
}

func countClosing(rs []rune, from, to int) int {
	n := 0
	for k := from; k < to; k++ {
		if isClosing(rs[k]) {
			n++
		}
	}
	return n
}

// endsSentenceAfterPoint decides for a single point at rs[dot] whether the
// word before it is an abbreviation or an initial; next is the first
// character after the following space.
func endsSentenceAfterPoint(rs []rune, start, dot int, next rune) bool {
	j := dot
	for j > start && (isWordRune(rs[j-1]) || rs[j-1] == '.') {
		j--
	}
	word := string(rs[j:dot])
	if word == "" {
		return true
	}
	if strings.Contains(word, ".") {
		// U.S., a.m., Ph.D: dotted abbreviations.
		return false
	}
	w := []rune(word)
	if len(w) == 1 && unicode.IsUpper(w[0]) {
		return false // an initial
	}
	lw := strings.ToLower(word)
	if lw == "no" || lw == "nos" {
		return !unicode.IsDigit(next) // "No. 5" but "said no. Then"
	}
	return !abbreviations[lw]
}

func isClosing(r rune) bool {
	switch r {
	case '"', '\'', '’', '”', '»', ')', ']', '}':
		return true
	}
	return false
}

func startsSentence(r rune) bool {
	if unicode.IsUpper(r) || unicode.IsDigit(r) || unicode.Is(unicode.Han, r) {
		return true
	}
	switch r {
	case '"', '“', '‘', '\'', '«', '(', '[', '—', '–', '-':
		return true
	}
	return false
}

func skipSpace(rs []rune, i int) int {
	for i < len(rs) && unicode.IsSpace(rs[i]) {
		i++
	}
	return i
}
