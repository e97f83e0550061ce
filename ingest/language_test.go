package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// guessLatinLanguageByDefinition is guessLatinLanguage written plainly
// (split into words, lower-case, count stopwords); the fast version must
// give the same answers.
func guessLatinLanguageByDefinition(text string) string {
	var counts [9]int
	total := 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !isWordRune(r) }) {
		total++
		if len(w) > 12 {
			continue
		}
		for _, i := range stopwordLanguages[strings.ToLower(w)] {
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

func TestGuessLanguage(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"english", "The minister said that the strike was over and the port is open for the ships of the line.", "en"},
		{"english in capitals", "THE MINISTER SAID THAT THE STRIKE WAS OVER AND THE PORT IS OPEN FOR THE SHIPS.", "en"},
		{"french", "Le ministre a dit que la grève est finie et que les navires sont dans le port pour la nuit.", "fr"},
		{"german", "Der Minister sagte, dass der Streik vorbei ist und die Schiffe nicht mehr auf den Hafen warten.", "de"},
		{"spanish with accents", "El ministro dijo que la huelga terminó, según los sindicatos y las autoridades del puerto para el año.", "es"},
		{"polish", "Minister powiedział, że strajk się skończył i statki nie czekają na port, który jest otwarty przez noc.", "pl"},
		{"chinese", "港口罢工结束，码头工人周四复工。部长说，谈判取得了进展。", "zh"},
		{"japanese", "港のストライキが終わり、労働者は木曜日に仕事に戻った。", "ja"},
		{"greek", "Ο υπουργός είπε ότι η απεργία τελείωσε και τα πλοία επέστρεψαν.", "el"},
		{"too short", "The end.", ""},
		{"made-up words", "Kalomer vinost rabel tusen drapi monel garfu nisto welar quen.", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := guessLanguage(tc.text); got != tc.want {
				t.Errorf("guessLanguage = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestGuessLatinLanguageMatchesDefinition(t *testing.T) {
	texts := []string{
		"Ünïcödé wörds and the ÉTÉ of der Straße, la última según İstanbul",
		"a i w z o e y the THE The tHe",
		"word\xffbroken \xc3 the and of to in is that",
		strings.Repeat("x", 13) + " the and of to in is that was",
	}
	fixtures, _ := filepath.Glob(filepath.Join("testdata", "*"))
	for _, f := range fixtures {
		if b, err := os.ReadFile(f); err == nil {
			texts = append(texts, string(b))
		}
	}
	for i, text := range texts {
		if got, want := guessLatinLanguage(text), guessLatinLanguageByDefinition(text); got != want {
			t.Errorf("text %d: guessLatinLanguage = %q, definition gives %q", i, got, want)
		}
	}
}

func FuzzGuessLatinLanguage(f *testing.F) {
	f.Add("The minister said that the strike was over and the port is open.")
	f.Add("Le ministre a dit que la grève est finie et que les navires")
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := guessLatinLanguage(text), guessLatinLanguageByDefinition(text); got != want {
			t.Errorf("guessLatinLanguage(%q) = %q, definition gives %q", text, got, want)
		}
	})
}

// scriptOf skips the table look-ups for runes below Greek and in the
// general punctuation block: no rune there may be of a script it tells apart.
func TestScriptOf(t *testing.T) {
	tables := map[script][]*unicode.RangeTable{
		scriptKana: {unicode.Hiragana, unicode.Katakana}, scriptHan: {unicode.Han}, scriptHangul: {unicode.Hangul},
		scriptGreek: {unicode.Greek}, scriptHebrew: {unicode.Hebrew}, scriptArabic: {unicode.Arabic},
		scriptCyrillic: {unicode.Cyrillic}, scriptThai: {unicode.Thai},
	}
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		sc, letter := scriptOf(r)
		if letter != unicode.IsLetter(r) {
			t.Fatalf("scriptOf(%U) says letter %v", r, letter)
		}
		want := scriptOther
		for s := scriptKana; s < scriptCount; s++ {
			if unicode.In(r, tables[s]...) {
				want = s
				break
			}
		}
		if sc != want {
			t.Fatalf("scriptOf(%U) = %d, want %d", r, sc, want)
		}
	}
}

// The stopword table holds every stopword with its languages, and no
// other word.
func TestStopwordTable(t *testing.T) {
	for w, langs := range stopwordLanguages {
		var want uint16
		for _, l := range langs {
			want |= 1 << l
		}
		if got := stopwordIndex.languages([]byte(w)); got != want {
			t.Errorf("%q: languages %b, want %b", w, got, want)
		}
	}
	for _, w := range []string{"th", "thee", "x", "segundos", "ostfu", "ąę", "şi", "zz"} {
		if got := stopwordIndex.languages([]byte(w)); got != 0 {
			t.Errorf("%q is no stopword, but the table gives %b", w, got)
		}
	}
}

// guessLanguageByDefinition is guessLanguage counting every rune in one
// pass, as first written; the fast version must give the same answers.
func guessLanguageByDefinition(text string) string {
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
		return ""
	}
	return guessLatinLanguageByDefinition(text)
}

func checkGuessLanguage(t *testing.T, text string) {
	t.Helper()
	if got, want := guessLanguage(text), guessLanguageByDefinition(text); got != want {
		t.Errorf("guessLanguage(%q) = %q, definition gives %q", text, got, want)
	}
}

func TestGuessLanguageMatchesDefinition(t *testing.T) {
	texts := []string{
		"", "123 456", "é", "“ ”", "The minister said that the strike was over and the port is open.",
		"Ο υπουργός είπε ότι the strike was over and the port is open for the ships of the line today.",
		"Министр сказал, что the strike was over and the port is open for the ships of the line.",
		"港口 the strike was over and the port is open for the ships of the line and more words here.",
		"ΩΩΩ " + strings.Repeat("é", 10), "Ω", "日本 カナ",
	}
	fixtures, _ := filepath.Glob(filepath.Join("testdata", "*"))
	for _, f := range fixtures {
		if b, err := os.ReadFile(f); err == nil {
			texts = append(texts, string(b))
		}
	}
	for _, text := range texts {
		checkGuessLanguage(t, text)
	}
}

func FuzzGuessLanguage(f *testing.F) {
	f.Add("The minister said that the strike was over and the port is open.")
	f.Add("Ο υπουργός είπε ότι the strike")
	f.Fuzz(checkGuessLanguage)
}
