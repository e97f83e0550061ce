package ingest

import (
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// guessLanguage names the language of text when its script alone gives it
// away (Chinese, Japanese, Korean, Greek, Hebrew, Arabic, Thai), or when
// common short words of a Latin-script language dominate. It returns "" when
// unsure.
func guessLanguage(text string) string {
	if len(text) > 8000 {
		cut := 8000
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	// The runes past ASCII first: in most texts none is of the scripts
	// told apart, and then all the ASCII letters need not be counted.
	var counts [scriptCount]int
	letters := 0
	for i := 0; i < len(text); {
		if i+8 <= len(text) && load8(text[i:])&0x8080808080808080 == 0 {
			i += 8
			continue
		}
		if text[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		sc, letter := scriptOf(r)
		counts[sc]++
		if letter {
			letters++
		}
	}
	if counts == [scriptCount]int{scriptOther: counts[scriptOther]} {
		// No script decides: Latin stopwords do, if there is a letter.
		if letters == 0 && !hasASCIILetter(text) {
			return ""
		}
		return guessLatinLanguage(text)
	}
	for i := 0; i < len(text); i++ {
		if c := text[i]; 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
			letters++
		}
	}
	kana, han, hangul, greek := counts[scriptKana], counts[scriptHan], counts[scriptHangul], counts[scriptGreek]
	hebrew, arabic, cyrillic, thai := counts[scriptHebrew], counts[scriptArabic], counts[scriptCyrillic], counts[scriptThai]
	if letters == 0 {
		return ""
	}
	share := func(n int) bool { return n*10 >= letters*3 }
	switch {
	case share(kana) || (kana > 0 && share(han+kana)):
		return "ja"
	case share(hangul):
		return "ko"
	case share(han):
		return "zh"
	case share(greek):
		return "el"
	case share(hebrew):
		return "he"
	case share(arabic):
		return "ar"
	case share(thai):
		return "th"
	case share(cyrillic):
		return "" // Russian, Ukrainian, Bulgarian, Serbian … share the script
	}
	return guessLatinLanguage(text)
}

// hasASCIILetter reports whether s has a letter a–z or A–Z.
func hasASCIILetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; 'a' <= c && c <= 'z' {
			return true
		}
	}
	return false
}

// script is a writing system that guessLanguage tells apart.
type script int8

const (
	scriptOther script = iota
	scriptKana
	scriptHan
	scriptHangul
	scriptGreek
	scriptHebrew
	scriptArabic
	scriptCyrillic
	scriptThai
	scriptCount
)

// scriptOf is the script of a non-ASCII rune, and whether it is a letter.
func scriptOf(r rune) (script, bool) {
	// Latin letters with accents and the punctuation of any text (curly
	// quotes, dashes) are of none of the scripts: most runes of a Latin
	// text skip the table look-ups (TestScriptOf checks every rune).
	switch {
	case r < 0x370:
		return scriptOther, unicode.IsLetter(r)
	case 0x2000 <= r && r < 0x2070:
		return scriptOther, false
	}
	sc := scriptOther
	switch {
	case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
		sc = scriptKana
	case unicode.Is(unicode.Han, r):
		sc = scriptHan
	case unicode.Is(unicode.Hangul, r):
		sc = scriptHangul
	case unicode.Is(unicode.Greek, r):
		sc = scriptGreek
	case unicode.Is(unicode.Hebrew, r):
		sc = scriptHebrew
	case unicode.Is(unicode.Arabic, r):
		sc = scriptArabic
	case unicode.Is(unicode.Cyrillic, r):
		sc = scriptCyrillic
	case unicode.Is(unicode.Thai, r):
		sc = scriptThai
	}
	return sc, unicode.IsLetter(r)
}

// stopwords are frequent short words that tell Latin-script languages apart.
var stopwords = map[string][]string{
	"en": {"the", "and", "of", "to", "in", "is", "that", "was", "for", "with", "said"},
	"fr": {"le", "la", "les", "et", "des", "est", "une", "dans", "que", "pour", "qui"},
	"de": {"der", "die", "und", "das", "ist", "nicht", "mit", "den", "ein", "sich", "auf"},
	"es": {"el", "los", "las", "y", "que", "del", "una", "por", "para", "con", "según"},
	"it": {"il", "che", "della", "di", "per", "una", "sono", "del", "gli", "anche", "non"},
	"pt": {"o", "os", "que", "do", "da", "uma", "para", "com", "não", "em", "segundo"},
	"nl": {"de", "het", "een", "en", "van", "is", "niet", "dat", "op", "zijn", "voor"},
	"pl": {"i", "w", "nie", "na", "się", "jest", "że", "do", "to", "z", "przez"},
	"cs": {"a", "je", "se", "na", "že", "v", "to", "jsou", "který", "podle", "také"},
}

// latinLanguages orders the candidates so that ties break the same way.
var latinLanguages = []string{"en", "fr", "de", "es", "it", "pt", "nl", "pl", "cs"}

// stopwordLanguages maps each stopword to the indexes (in latinLanguages)
// of the languages it belongs to.
var stopwordLanguages = func() map[string][]int {
	m := map[string][]int{}
	for i, lang := range latinLanguages {
		for _, w := range stopwords[lang] {
			m[w] = append(m[w], i)
		}
	}
	return m
}()

// stopwordIndex is stopwordLanguages as a small open-addressed table
// keyed by the word's bytes packed in an integer: looking a word up costs
// a multiplication, not the hashing of a string.
var stopwordIndex = func() *stopwordTable {
	t := new(stopwordTable)
	for w, langs := range stopwordLanguages {
		var set uint16
		for _, l := range langs {
			set |= 1 << l
		}
		t.add(w, set)
	}
	return t
}()

// stopwordTable maps words of up to 8 bytes to sets of languages (bit i
// for latinLanguages[i]).
type stopwordTable struct {
	keys [256]uint64 // 0: empty (a word has no zero byte)
	sets [256]uint16
}

// stopwordKey packs a word of up to 8 bytes into an integer.
func stopwordKey[S string | []byte](w S) uint64 {
	var k uint64
	for i := len(w) - 1; i >= 0; i-- {
		k = k<<8 | uint64(w[i])
	}
	return k
}

func stopwordSlot(key uint64) uint64 { return key * 0x9e3779b97f4a7c15 >> 56 }

func (t *stopwordTable) add(w string, set uint16) {
	if len(w) == 0 || len(w) > 8 {
		panic("ingest: stopword " + w + " does not fit the table")
	}
	key := stopwordKey(w)
	i := stopwordSlot(key)
	for t.keys[i] != 0 {
		i = (i + 1) % uint64(len(t.keys))
	}
	t.keys[i], t.sets[i] = key, set
}

// languages is the set of languages w (lower case, up to 8 bytes) is a
// stopword of.
func (t *stopwordTable) languages(w []byte) uint16 {
	return t.lookup(stopwordKey(w))
}

// asciiLowerKey is the stopwordKey of ASCII w (up to 8 bytes) in lower case.
func asciiLowerKey(w string) uint64 {
	var k uint64
	for i := len(w) - 1; i >= 0; i-- {
		k = k<<8 | uint64(asciiLower[w[i]])
	}
	return k
}

// lookup is the set of languages of the word whose stopwordKey is key.
func (t *stopwordTable) lookup(key uint64) uint16 {
	for i := stopwordSlot(key); ; i = (i + 1) % uint64(len(t.keys)) {
		switch t.keys[i] {
		case key:
			return t.sets[i]
		case 0:
			return 0
		}
	}
}

// guessLatinLanguage picks the language whose stopwords cover the most of
// text's words, if they cover enough of them to be sure.
func guessLatinLanguage(text string) string {
	var counts [9]int
	total := 0
	var lower [12]byte // long enough for any stopword
	for i := 0; i < len(text); {
		// Skip to the next word: a run of word runes (see isWordRune).
		c := text[i]
		if c < utf8.RuneSelf {
			if !asciiWord[c] {
				i++
				continue
			}
			// A word of ASCII alone (most words) is looked up from its
			// bytes as they stand; one that goes on past ASCII is read
			// rune by rune below.
			j := i + 1
			for j < len(text) && asciiWord[text[j]] {
				j++
			}
			if j == len(text) || text[j] < utf8.RuneSelf {
				total++
				if j-i <= 8 {
					for langs := stopwordIndex.lookup(asciiLowerKey(text[i:j])); langs != 0; langs &= langs - 1 {
						counts[bits.TrailingZeros16(langs)]++
					}
				}
				i = j
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(text[i:]); !isWordRune(r) {
			i += size
			continue
		}
		total++
		n, fits := 0, true
		for i < len(text) {
			c := text[i]
			if c < utf8.RuneSelf {
				if !asciiWord[c] {
					break
				}
				if n < len(lower) {
					lower[n] = asciiLower[c]
				}
				n++
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			if lr := unicode.ToLower(r); n+utf8.RuneLen(lr) <= len(lower) && fits {
				n += utf8.EncodeRune(lower[n:], lr)
			} else {
				fits = false
			}
			i += size
		}
		if !fits || n > 8 {
			continue // longer than any stopword
		}
		for langs := stopwordIndex.languages(lower[:n]); langs != 0; langs &= langs - 1 {
			counts[bits.TrailingZeros16(langs)]++
		}
	}
	if total < 8 {
		return ""
	}
	best, bestN, second := -1, 0, 0
	for i, n := range counts {
		if n > bestN {
			best, bestN, second = i, n, bestN
		} else if n > second {
			second = n
		}
	}
	if best < 0 || bestN*100 < total*8 || bestN < second*3/2 {
		return ""
	}
	return latinLanguages[best]
}

// asciiWord marks the ASCII bytes isWordRune accepts; asciiLower maps an
// ASCII byte to lower case.
var (
	asciiWord  [256]bool
	asciiLower [256]byte
)

func init() {
	for c := range utf8.RuneSelf {
		asciiWord[c] = isWordRune(rune(c))
		asciiLower[c] = byte(unicode.ToLower(rune(c)))
	}
}
