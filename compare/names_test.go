package compare

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// nameMentionsOf runs the mention finder on one paragraph, with the
// paragraph itself as the lexicon of common words.
func nameMentionsOf(text string) []nameMention {
	rs := []rune(text)
	ws := flagWords(rs)
	return findNameMentions(rs, ws, SplitSentences(text), newNameLexicon(ws))
}

func TestFindNameMentions(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		want  []string // mention texts
		title map[string]string
		app   map[string]string
	}{
		{"pronoun surname before a given name", "He Lanfeng said the talks went well. He said more would follow.",
			[]string{"He Lanfeng"}, nil, nil},
		{"title before name", "Vice Premier He Lanfeng met Commerce Secretary Howard Lutmann in Geneva.",
			[]string{"He Lanfeng", "Howard Lutmann", "Geneva"},
			map[string]string{"He Lanfeng": "Vice Premier", "Howard Lutmann": "Commerce Secretary"}, nil},
		{"lower-case former title", "It was former President Ma Jinhao who spoke.",
			[]string{"Ma Jinhao"}, map[string]string{"Ma Jinhao": "former President"}, nil},
		{"appositive title", "Greta Valdsen, the bank's governor, said rates would rise.",
			[]string{"Greta Valdsen"}, nil, map[string]string{"Greta Valdsen": "bank's governor"}},
		{"possessive", "Ardenia's central bank met Valdsen’s board.",
			[]string{"Ardenia", "Valdsen"}, nil, nil},
		{"sentence-initial common words", "The board met. In Lorvik, officials said so.",
			[]string{"Lorvik"}, nil, nil},
		{"initials and particles", "H. Lutmann met Karim bin Tarek and Lena van der Berg.",
			[]string{"H. Lutmann", "Karim bin Tarek", "Lena van der Berg"}, nil, nil},
		{"title with of", "Minister of Finance Su Lanning spoke.",
			[]string{"Su Lanning"}, map[string]string{"Su Lanning": "Minister of Finance"}, nil},
		{"months and weekdays are no names", "On Tuesday, June 3, Valdsen spoke.",
			[]string{"Valdsen"}, nil, nil},
		{"curly and accented", "“Zoë Marchetti” wrote to José Alvarez.",
			[]string{"Zoë Marchetti", "José Alvarez"}, nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ms := nameMentionsOf(tc.text)
			var got []string
			for _, m := range ms {
				got = append(got, m.Text)
				if want, ok := tc.title[m.Text]; ok && m.Title != want {
					t.Errorf("%s: title %q, want %q", m.Text, m.Title, want)
				}
				if want, ok := tc.app[m.Text]; ok && m.Appositive != want {
					t.Errorf("%s: appositive %q, want %q", m.Text, m.Appositive, want)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("mentions %q, want %q", got, tc.want)
			}
		})
	}
}

func TestNameFormRelation(t *testing.T) {
	cases := []struct {
		name string
		a, b string
		want string
	}{
		{"surname only", "lutmann", "howard lutmann", "compatible"},
		{"initial", "h. lutmann", "howard lutmann", "compatible"},
		{"pronoun surname misspelt", "hen lanfeng", "he lanfeng", "variant"},
		{"truncated given name", "ma jin", "ma jinhao", "variant"},
		{"both words slip", "su lanning", "xu lanping", "variant"},
		{"different people", "karl brandt", "dana okafor", "none"},
		{"different given names", "frank richter", "frederik richter", "none"},
		{"plural against adjective", "ostlandic", "ostlanders", "none"},
		{"two demonyms", "veranian", "veraqi", "none"},
		{"compound against name", "ostland-based", "ostland", "none"},
		{"party label against place", "r-ostland", "ostland", "none"},
		{"compound against compound", "kell-romar", "kell-romer", "variant"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := nameFormRelation(strings.Fields(tc.a), strings.Fields(tc.b)); got != tc.want {
				t.Errorf("nameFormRelation(%q, %q) = %q, want %q", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func TestSameName(t *testing.T) {
	cases := []struct {
		name string
		a, b string
		want bool
	}{
		{"misspelt surname", "Howard Lotman", "Howard Lutmann", true},
		{"surname only", "Lutmann", "Howard Lutmann", true},
		{"initial", "H. Lutmann", "Howard Lutmann", true},
		{"honorific", "Dr. Greta Valdsen", "Greta Valdsen", true},
		{"word order with comma", "Valdsen, Greta", "Greta Valdsen", true},
		{"joined words", "GretaValdsen", "Greta Valdsen", true},
		{"accents", "Zoë Marchetti", "Zoe Marchetti", true},
		{"cyrillic", "Грета Валдсен", "Greta Valdsen", true},
		{"different given name", "Frank Richter", "Frederik Richter", false},
		{"different surname", "Karl Brandt", "Karl Okafor", false},
		{"other initial", "Hans O Brandt", "Hans Karl Brandt", false},
		{"empty", "", "Greta Valdsen", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, score := SameName(tc.a, tc.b)
			if got != tc.want {
				t.Errorf("SameName(%q, %q) = %v (%.2f), want %v", tc.a, tc.b, got, score, tc.want)
			}
			if score < 0 || score > 1 {
				t.Errorf("score %.2f out of [0,1]", score)
			}
		})
	}
}

// TestEvalNames scores SameName on the labelled person-name pairs of
// $PARALLAX_DATA/names/person_pairs.tsv.
func TestEvalNames(t *testing.T) {
	dir := os.Getenv("PARALLAX_DATA")
	if dir == "" {
		t.Skip("PARALLAX_DATA not set")
	}
	f, err := os.Open(filepath.Join(dir, "names", "person_pairs.tsv"))
	if err != nil {
		t.Skipf("no name pairs: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var col map[string]int
	total, right := map[string]int{}, map[string]int{}
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if col == nil {
			col = map[string]int{}
			for i, h := range fields {
				col[h] = i
			}
			for _, h := range []string{"name1", "name2", "is_match", "quality"} {
				if _, ok := col[h]; !ok {
					t.Fatalf("person_pairs.tsv: no %s column", h)
				}
			}
			continue
		}
		if len(fields) <= col["quality"] {
			continue
		}
		got, _ := SameName(fields[col["name1"]], fields[col["name2"]])
		want := fields[col["is_match"]] == "true"
		q := fields[col["quality"]]
		for _, k := range []string{q, "ALL"} {
			total[k]++
			if got == want {
				right[k]++
			}
		}
		if got != want {
			t.Logf("wrong (%s): %q vs %q: got %v", q, fields[col["name1"]], fields[col["name2"]], got)
		}
	}
	acc := func(k string) float64 {
		if total[k] == 0 {
			return 0
		}
		return float64(right[k]) / float64(total[k])
	}
	t.Logf("EVAL: names accuracy STRONG=%.3f (%d pairs) MEDIUM=%.3f (%d) WEAK=%.3f (%d) ALL=%.3f (%d)",
		acc("STRONG"), total["STRONG"], acc("MEDIUM"), total["MEDIUM"], acc("WEAK"), total["WEAK"], acc("ALL"), total["ALL"])
}

// FuzzFindNameMentions checks that every mention's offsets lie inside the
// paragraph and slice back to the mention text, and that its title, when
// any, comes before it.
func FuzzFindNameMentions(f *testing.F) {
	for _, s := range []string{
		"Vice Premier He Lanfeng met Commerce Secretary Howard Lutmann.",
		"Greta Valdsen, the bank's governor, said “no”.",
		"H. Lutmann met Karim bin Tarek and José’s aide.",
		"Minister of Finance Su Lanning spoke on Tuesday, June 3.",
		"习近平 met Ma Jinhao. Él dijo: «Sí».",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		rs := []rune(s)
		for _, m := range nameMentionsOf(s) {
			if m.Start < 0 || m.End > len(rs) || m.Start >= m.End {
				t.Fatalf("mention %q at [%d,%d) outside %d runes", m.Text, m.Start, m.End, len(rs))
			}
			if string(rs[m.Start:m.End]) != m.Text {
				t.Fatalf("mention %q does not slice back: %q", m.Text, string(rs[m.Start:m.End]))
			}
			if m.TitleStart > m.Start {
				t.Fatalf("title starts after the name")
			}
			if m.Appositive != "" && (m.AppStart < m.End || m.AppEnd > len(rs) || string(rs[m.AppStart:m.AppEnd]) != m.Appositive) {
				t.Fatalf("appositive %q at [%d,%d) does not slice back", m.Appositive, m.AppStart, m.AppEnd)
			}
		}
	})
}

func TestNameShapesMatch(t *testing.T) {
	cases := []struct {
		name string
		a, b string
		want bool
	}{
		{"plain names", "Dana Okafor", "Dana Okafer", true},
		{"camel-case coinage", "KellCare", "Kell-Romar", false},
		{"coinage against name", "KellCare", "Kellcar", false},
		{"both prefixed", "McAlder", "McAldor", true},
		{"different lengths left to tokens", "Dana Okafor", "Okafor", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := nameShapesMatch(tc.a, tc.b); got != tc.want {
				t.Errorf("nameShapesMatch(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func TestNameShortForm(t *testing.T) {
	cases := []struct {
		name string
		a, b string
		want bool
	}{
		{"state abbreviation", "ostl", "ostland", true},
		{"short given name", "tom veller", "tomas veller", true},
		{"misspelling", "tomas veler", "tomas veller", false},
		{"same form", "tomas veller", "tomas veller", false},
		{"different lengths", "veller", "tomas veller", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := nameShortForm(strings.Fields(tc.a), strings.Fields(tc.b)); got != tc.want {
				t.Errorf("nameShortForm(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
		})
	}
}
