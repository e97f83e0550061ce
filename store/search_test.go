package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// searchLibrary holds a few articles written to tell the query forms apart.
func searchLibrary(t *testing.T) (*Store, map[string]int64) {
	t.Helper()
	s := openTest(t)
	ids := map[string]int64{}
	add := func(key, title string, body ...string) {
		a := testArticle(title, body...)
		mustAdd(t, s, a, "")
		ids[key] = a.ID
	}
	add("floods", "Floods close the Varn valley road",
		"Heavy rain flooded the valley road near Oskby on Monday.",
		"The mayor, Petra Lindqvist, said repairs would take a week.")
	add("bridge", "New footbridge for Oskby",
		"The council approved a footbridge over the Varn.",
		"Work starts in spring; the road stays open.")
	add("cafe", "Café owner wins award",
		"Zoë Marchetti, who runs the harbour café, won the regional award for her pastries.")
	add("beijing", "北京举行灯会",
		"本周末北京市举行元宵灯会，吸引大批游客。",
		"组织者表示活动将持续三天。")
	add("title-only", "Road safety week",
		"Volunteers handed out reflective vests to cyclists.")
	return s, ids
}

func TestSearch(t *testing.T) {
	s, ids := searchLibrary(t)
	tests := []struct {
		name  string
		query string
		want  []string // article keys, best first; nil for no hits
	}{
		{"one word", "footbridge", []string{"bridge"}},
		{"all words must appear", "valley mayor", []string{"floods"}},
		{"case is ignored", "OSKBY FOOTBRIDGE", []string{"bridge"}},
		{"accents are ignored", "cafe zoe", []string{"cafe"}},
		{"accents in the query", "Café", []string{"cafe"}},
		{"phrase in order", `"valley road"`, []string{"floods"}},
		{"phrase words apart do not match", `"road valley"`, nil},
		{"prefix", "pastr*", []string{"cafe"}},
		{"excluded word", "road -footbridge", []string{"floods", "title-only"}},
		{"either word", "pastries OR footbridge", []string{"bridge", "cafe"}},
		// floods has it in title and body; a title alone outranks a body alone.
		{"title weighs more than body", "road", []string{"floods", "title-only", "bridge"}},
		{"punctuation inside a word", "Lindqvist's", nil},
		{"stray quote and brackets", `Oskby ) ( "`, []string{"bridge", "floods"}},
		{"unclosed quote is a phrase to the end", `"valley road`, []string{"floods"}},
		{"Chinese word inside a sentence", "北京", []string{"beijing"}},
		{"Chinese phrase", "元宵灯会", []string{"beijing"}},
		{"Chinese characters out of order", "灯元", nil},
		{"no match", "volcano", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hits, err := s.Search(context.Background(), tc.query, 10)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				for k, id := range ids {
					if id == h.ArticleID {
						got = append(got, k)
					}
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("%q found %v, want %v", tc.query, got, tc.want)
			}
		})
	}
}

func TestSearchRefusesEmptyQueries(t *testing.T) {
	s, _ := searchLibrary(t)
	for _, q := range []string{"", "   ", `""`, "-road", "!!! ...", "OR", "*"} {
		if _, err := s.Search(context.Background(), q, 0); !errors.Is(err, errEmptyQuery) {
			t.Errorf("%q: %v, want the empty-query error", q, err)
		}
	}
}

func TestSearchHitFields(t *testing.T) {
	s, ids := searchLibrary(t)
	hits, err := s.Search(context.Background(), "mayor repairs", 0)
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits %v, %v", hits, err)
	}
	h := hits[0]
	a, _ := s.Article(context.Background(), ids["floods"])
	if h.StoryID != a.StoryID || h.Title != a.Title || h.Source != "Harbour Gazette" || h.Score <= 0 {
		t.Errorf("hit %+v", h)
	}
	var marked []string
	for _, m := range h.Highlights {
		marked = append(marked, h.Snippet[m[0]:m[1]])
	}
	if fmt.Sprint(marked) != "[mayor repairs]" {
		t.Errorf("snippet %q marks %v, want [mayor repairs]", h.Snippet, marked)
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("filler words go here ", 20)
	tests := []struct {
		name    string
		body    string
		words   []queryWord
		width   int
		want    string
		matches []string
	}{
		{"whole short body", "The mayor spoke.\n\nThen left.", []queryWord{{text: "mayor"}}, 10,
			"The mayor spoke. Then left.", []string{"mayor"}},
		{"cut around the match", long + "the harbour master resigned today " + long, []queryWord{{text: "master"}}, 6,
			"… harbour master resigned today filler words …", []string{"master"}},
		{"prefers the window with both words", "mayor " + long + "the mayor and the harbour " + long,
			[]queryWord{{text: "mayor"}, {text: "harbour"}}, 6,
			"… the mayor and the harbour filler …", []string{"mayor", "harbour"}},
		{"prefix and accents", "Zoë Marchetti's pastries.", []queryWord{{text: "zoe"}, {text: "pastr", prefix: true}}, 10,
			"Zoë Marchetti's pastries.", []string{"Zoë", "pastries"}},
		{"no match starts at the top", "First words of the body here.", []queryWord{{text: "absent"}}, 3,
			"First words of …", nil},
		{"ideographs", "本周末北京市举行灯会", []queryWord{{text: "北"}, {text: "京"}}, 4,
			"… 末北京市 …", []string{"北", "京"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, marks := snippet(tc.body, tc.words, tc.width)
			var matched []string
			for _, m := range marks {
				matched = append(matched, got[m[0]:m[1]])
			}
			if got != tc.want || fmt.Sprint(matched) != fmt.Sprint(tc.matches) {
				t.Errorf("snippet %q marks %q\nwant    %q marks %q", got, matched, tc.want, tc.matches)
			}
		})
	}
}

func TestBM25SurvivesShortInput(t *testing.T) {
	for _, b := range [][]byte{nil, {1, 0, 0}, make([]byte, 8), {2, 0, 0, 0, 2, 0, 0, 0, 9, 0, 0, 0}, {255, 255, 255, 255, 255, 255, 255, 255, 9, 0, 0, 0}} {
		if got := bm25(b, []float64{1, 2}); got != 0 {
			t.Errorf("bm25(%v) = %v, want 0", b, got)
		}
	}
}

// BenchmarkSnippet cuts the snippet of a 3 KB article, as each of a
// search's hits needs, for a word found several times in it.
func BenchmarkSnippet(b *testing.B) {
	var body strings.Builder
	for i := 0; body.Len() < 3000; i++ {
		fmt.Fprintf(&body, "The Harbour Board met on Tuesday %d, and the mayor said repairs would start. ", i)
		if i%4 == 3 {
			body.WriteString("\n\n")
		}
	}
	words := []queryWord{{text: "mayor"}, {text: "repair", prefix: true}}
	b.ReportAllocs()
	for b.Loop() {
		snippet(body.String(), words, snippetWords)
	}
}
