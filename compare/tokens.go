package compare

import (
	"strings"
	"unicode"
	"unicode/utf8"

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
	text = validText(text)
	var out []Token
	for _, u := range scanUnits(text) {
		if u.word {
			out = append(out, u.token(text))
		}
	}
	return out
}

// unit is one diff unit: a word or number, or one punctuation mark. It
// holds no pointer (its text is a range of the paragraph's), so a story's
// units cost the garbage collector nothing to scan.
type unit struct {
	start, end int   // rune offsets
	at         int   // byte offset of its text
	size       int32 // byte length of its text
	word       bool
}

// in returns the unit's text in text, the text it was scanned from.
func (u unit) in(text string) string { return text[u.at : u.at+int(u.size)] }

func (u unit) token(text string) Token {
	t := u.in(text)
	n := normalizeWord(t)
	return Token{Start: u.start, End: u.end, Text: t, Norm: n, Stem: stemWord(n)}
}

// validText is text, or, when text holds bytes that are not UTF-8, its
// runes written out again (each such byte read as U+FFFD, as a conversion
// to runes reads it), so that byte offsets found in it match rune offsets.
func validText(text string) string {
	if !utf8.ValidString(text) {
		return string([]rune(text))
	}
	return text
}

// scanUnits splits text, which must be valid UTF-8 (see validText), into
// words and single punctuation marks; spaces separate units and belong to
// none. Offsets count runes; a unit's text is a range of text, not a copy,
// as comparing a story scans every paragraph.
func scanUnits(text string) []unit {
	out := make([]unit, 0, len(text)/5+1)
	ri := 0 // rune offset of text[i]
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isSpaceLike(r):
			i += size
			ri++
		case isIdeograph(r):
			out = append(out, unit{start: ri, end: ri + 1, at: i, size: int32(size), word: true})
			i += size
			ri++
		case isWordRune(r):
			j, rj, prev := i+size, ri+1, r
			for j < len(text) {
				if b := text[j]; 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' {
					j, rj, prev = j+1, rj+1, rune(b) // most of a word: ASCII letters and digits
					continue
				}
				c, cs := utf8.DecodeRuneInString(text[j:])
				if isWordRune(c) && !isIdeograph(c) {
					j, rj, prev = j+cs, rj+1, c
					continue
				}
				// Inner apostrophe between letters, inner point or comma
				// between digits.
				if c == '\'' || c == '’' || c == '.' || c == ',' {
					n, ns := utf8.DecodeRuneInString(text[j+cs:])
					if j+cs < len(text) && isWordRune(n) && !isIdeograph(n) {
						if (c == '\'' || c == '’') && unicode.IsLetter(prev) && unicode.IsLetter(n) ||
							(c == '.' || c == ',') && unicode.IsDigit(prev) && unicode.IsDigit(n) {
							j, rj, prev = j+cs+ns, rj+2, n
							continue
						}
					}
				}
				break
			}
			out = append(out, unit{start: ri, end: rj, at: i, size: int32(j - i), word: true})
			i, ri = j, rj
		default:
			out = append(out, unit{start: ri, end: ri + 1, at: i, size: int32(size)})
			i += size
			ri++
		}
	}
	return out
}

// isSpaceLike reports whether r separates units without being one: white
// space, control characters, zero-width space and byte-order mark.
func isSpaceLike(r rune) bool {
	if r < utf8.RuneSelf {
		return r <= ' ' || r == 0x7f
	}
	return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u200b' || r == '\ufeff'
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// firstIdeograph is below every Han, Hiragana and Katakana code point.
const firstIdeograph = 0x2e80

func isIdeograph(r rune) bool {
	if r < firstIdeograph {
		return false
	}
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
