package ingest

import (
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
	var han, kana, hangul, greek, hebrew, arabic, cyrillic, thai, letters int
	for _, r := range text {
		if r < 0x80 {
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
				letters++
			}
			continue
		}
		switch {
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			kana++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		case unicode.Is(unicode.Greek, r):
			greek++
		case unicode.Is(unicode.Hebrew, r):
			hebrew++
		case unicode.Is(unicode.Arabic, r):
			arabic++
		case unicode.Is(unicode.Cyrillic, r):
			cyrillic++
		case unicode.Is(unicode.Thai, r):
			thai++
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
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
		if !fits || n > len(lower) {
			continue // longer than any stopword
		}
		for _, l := range stopwordLanguages[string(lower[:n])] {
			counts[l]++
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
	asciiWord  [utf8.RuneSelf]bool
	asciiLower [utf8.RuneSelf]byte
)

func init() {
	for c := range utf8.RuneSelf {
		asciiWord[c] = isWordRune(rune(c))
		asciiLower[c] = byte(unicode.ToLower(rune(c)))
	}
}
