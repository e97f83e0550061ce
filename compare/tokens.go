package compare

import (
	"strings"
	"unicode"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
)

// Token is one word or number of a text. Start and End are rune offsets into
// the text; Text is the word as written; Norm is case-folded with curly
// quotes, dashes and accents unified; Stem is the English stem of Norm (for
// numbers and non-Latin words, Norm itself).
type Token struct {
	Start, End int
	Text       string
	Norm       string
	Stem       string
}

// Tokenize splits text into words and numbers. A word keeps inner
// apostrophes ("don't", "Steele's"); a number keeps inner decimal points and
// thousands separators ("3.5", "1,200"); hyphens and dashes separate words;
// each Chinese, Japanese or Korean ideograph is a word of its own.
func Tokenize(text string) []Token {
	var out []Token
	for _, u := range scanUnits([]rune(text)) {
		if u.word {
			out = append(out, u.token())
		}
	}
	return out
}

// unit is one diff unit: a word or number, or one punctuation mark.
type unit struct {
	start, end int
	text       string
	word       bool
}

func (u unit) token() Token {
	n := normalizeWord(u.text)
	return Token{Start: u.start, End: u.end, Text: u.text, Norm: n, Stem: stemWord(n)}
}

// scanUnits splits runes into words and single punctuation marks; spaces
// separate units and belong to none.
func scanUnits(rs []rune) []unit {
	var out []unit
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u200b' || r == '\ufeff':
			i++
		case isIdeograph(r):
			out = append(out, unit{start: i, end: i + 1, text: string(r), word: true})
			i++
		case isWordRune(r):
			j := i + 1
			for j < len(rs) {
				c := rs[j]
				if isWordRune(c) && !isIdeograph(c) {
					j++
					continue
				}
				// Inner apostrophe between letters, inner point or comma
				// between digits.
				if j+1 < len(rs) && isWordRune(rs[j+1]) && !isIdeograph(rs[j+1]) {
					if (c == '\'' || c == '’') && unicode.IsLetter(rs[j-1]) && unicode.IsLetter(rs[j+1]) {
						j += 2
						continue
					}
					if (c == '.' || c == ',') && unicode.IsDigit(rs[j-1]) && unicode.IsDigit(rs[j+1]) {
						j += 2
						continue
					}
				}
				break
			}
			out = append(out, unit{start: i, end: j, text: string(rs[i:j]), word: true})
			i = j
		default:
			out = append(out, unit{start: i, end: i + 1, text: string(r)})
			i++
		}
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isIdeograph(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

// normalizeWord case-folds a word, unifies apostrophes and strips accents so
// that "José" and "Jose", "it’s" and "it's" compare equal.
func normalizeWord(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unifyPunct(unicode.ToLower(r)))
	}
	return norm.NFC.String(b.String())
}

// unifyPunct maps curly quotes, primes and dash variants to their plain
// ASCII forms.
func unifyPunct(r rune) rune {
	switch r {
	case '‘', '’', '‚', '‛', '′', '`', '´':
		return '\''
	case '“', '”', '„', '‟', '″', '«', '»':
		return '"'
	case '‐', '‑', '‒', '–', '—', '―', '−', '﹘', '﹣', '－':
		return '-'
	case '…':
		return '.'
	}
	return r
}

// stemWord stems a normalised English word; other words are returned as is.
func stemWord(n string) string {
	if n == "" {
		return n
	}
	for _, r := range n {
		if r > unicode.MaxLatin1 || unicode.IsDigit(r) {
			return n
		}
	}
	n = strings.TrimSuffix(n, "'s")
	n = strings.TrimSuffix(n, "'")
	return english.Stem(n, true)
}

// isStopWord reports whether a normalised word carries too little meaning
// to align on: English function words and reporting verbs.
func isStopWord(n string) bool {
	if english.IsStopWord(n) {
		return true
	}
	switch n {
	case "said", "says", "say", "told", "would", "could", "also", "mr", "mrs", "ms",
		"one", "may", "might", "must", "shall", "us", "yet", "however", "according",
		"including", "many", "much", "among", "since", "per", "though", "whether", "within":
		return true
	}
	return false
}
