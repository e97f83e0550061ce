package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	parallax "github.com/parallax-news/parallax"
	"golang.org/x/text/unicode/norm"
)

// parseTextDoc reads a plain-text or Markdown input.
func parseTextDoc(name string, data []byte, f format) (*parallax.Article, error) {
	dec, err := decode(name, data, "", false)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(dec.text) == "" {
		return nil, fmt.Errorf("ingest: %s: %w", name, ErrEmpty)
	}
	if controlRatioTooHigh(dec.text) {
		return nil, fmt.Errorf("ingest: %s: %w: too many control characters after decoding as %s", name, ErrBinary, dec.charset)
	}
	var blocks []block
	if f == formatMarkdown {
		blocks = markdownBlocks(dec.text)
	} else {
		blocks = textBlocks(dec.text)
	}
	lay := typeBlocks(blocks, true)
	if len(lay.paras) == 0 {
		return nil, fmt.Errorf("ingest: %s: %w: no text once the %s markup is removed", name, ErrEmpty, f)
	}
	a := &parallax.Article{Raw: bytes.Clone(data)}
	fillFromLayout(a, lay)
	a.Language = guessLanguage(a.Text)
	return a, nil
}

// fillFromLayout copies typed paragraphs and the metadata found among them
// into a, and sets Text and Hash.
func fillFromLayout(a *parallax.Article, lay layout) {
	a.Paragraphs = lay.paras
	if a.Title == "" {
		a.Title = lay.title
	}
	if len(a.Headlines) == 0 {
		a.Headlines = lay.headlines
	}
	if a.Dateline == "" {
		a.Dateline = lay.dateline
	}
	if a.Published.IsZero() {
		a.Published = lay.published
	}
	if a.Byline == "" {
		a.Byline = lay.byline
	}
	if a.Title == "" {
		a.Title = fallbackTitle(a.Paragraphs)
	}
	a.Text = joinParagraphs(a.Paragraphs)
	a.Hash = ContentHash(a.Text)
}

// joinParagraphs is the article text: its paragraphs separated by blank lines.
func joinParagraphs(ps []parallax.Paragraph) string {
	var sb strings.Builder
	for i, p := range ps {
		if i > 0 {
			sb.WriteString("\n\n")
		}
		sb.WriteString(p.Text)
	}
	return sb.String()
}

// fallbackTitle names an article that has no headline by the opening words
// of its first body paragraph.
func fallbackTitle(ps []parallax.Paragraph) string {
	for _, p := range ps {
		if p.Kind != parallax.KindBody {
			continue
		}
		ws := strings.Fields(p.Text)
		if len(ws) > 12 {
			return strings.Join(ws[:12], " ") + "…"
		}
		return strings.Join(ws, " ")
	}
	return ""
}

// ContentHash is the hex SHA-256 of text after NFC normalisation and with
// every run of white space collapsed to one space, so the same content
// imported again, however wrapped, has the same hash.
func ContentHash(text string) string {
	h := sha256.New()
	first := true
	for f := range strings.FieldsSeq(norm.NFC.String(text)) {
		if !first {
			h.Write([]byte{' '})
		}
		first = false
		io.WriteString(h, f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// controlRatioTooHigh reports whether more than 1 in 10 characters of the
// decoded text are control characters other than white space.
func controlRatioTooHigh(s string) bool {
	n, ctl := 0, 0
	for _, r := range s {
		n++
		if unicode.IsControl(r) && !unicode.IsSpace(r) {
			ctl++
		}
		if n >= 8192 {
			break
		}
	}
	return ctl*10 > n
}

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
	var lower []byte
	for w := range strings.FieldsFuncSeq(text, func(r rune) bool { return !isWordRune(r) }) {
		total++
		if len(w) > 12 {
			continue // longer than any stopword
		}
		lower = append(lower[:0], strings.ToLower(w)...)
		for _, i := range stopwordLanguages[string(lower)] {
			counts[i]++
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
