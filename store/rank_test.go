package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
	"testing"
)

func TestDocSpanEstimate(t *testing.T) {
	span := docSpan{first: 1, last: 1000, docs: 1000}
	tests := []struct {
		name   string
		span   docSpan
		found  int
		sample int
		oldest int64
		want   float64
	}{
		{"fewer than the sample is a count", span, 7, 100, 3, 7},
		{"a sample filled by the newest tenth is ten times as many", span, 100, 100, 901, 1000},
		{"a sample filled by the newest half is twice as many", span, 100, 100, 501, 200},
		{"never more than the library", span, 100, 100, 1000, 1000},
		{"an empty library", docSpan{}, 0, 100, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.span.estimate(tc.found, tc.sample, tc.oldest); math.Abs(got-tc.want) > 1e-9 {
				t.Errorf("estimate = %v, want %v", got, tc.want)
			}
		})
	}
}

// harbourLibrary holds n articles that all say "harbour"; the title of
// article i names it "pier" when pier(i).
func harbourLibrary(t *testing.T, n int, pier func(int) bool) (*Store, []int64) {
	t.Helper()
	s := openTest(t)
	var ids []int64
	for i := range n {
		title := fmt.Sprintf("Harbour notice %d", i)
		if pier(i) {
			title = fmt.Sprintf("Pier notice %d", i)
		}
		a := testArticle(title, fmt.Sprintf("The harbour office posted notice %d about the quays.", i))
		mustAdd(t, s, a, "")
		ids = append(ids, a.ID)
	}
	return s, ids
}

func TestSearchRanksTheNewestCandidates(t *testing.T) {
	// Articles 2 and 8 have "pier" in the title, which BM25 puts first.
	s, ids := harbourLibrary(t, 10, func(i int) bool { return i == 2 || i == 8 })
	ctx := context.Background()
	tests := []struct {
		name       string
		candidates int
		query      string
		want       []int // article indexes, best first
	}{
		{"all matches ranked when under the bound", 0, "notice pier", []int{8, 2}},
		{"title hits first, then newest", 0, "pier OR harbour", []int{8, 2, 9, 7}},
		{"only the newest matches ranked above the bound", 4, "pier OR harbour", []int{8, 9, 7, 6}},
		{"the bound does not drop a match it reaches", 3, "pier", []int{8, 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s.searchCandidates = tc.candidates
			hits, err := s.Search(ctx, tc.query, 4)
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, h := range hits {
				for i, id := range ids {
					if id == h.ArticleID {
						got = append(got, i)
					}
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("%q found %v, want %v", tc.query, got, tc.want)
			}
		})
	}
}

func TestSearchEstimatedFrequencyKeepsRareWordsWeighty(t *testing.T) {
	// "pier" is in 1 title of 40, "harbour" in every article: with the
	// frequencies estimated from a sample of 5, an OR query still ranks
	// the rare word's article first and scores match exact counting.
	s, ids := harbourLibrary(t, 40, func(i int) bool { return i == 11 })
	ctx := context.Background()
	exact, err := s.Search(ctx, "pier OR quays", 3)
	if err != nil {
		t.Fatal(err)
	}
	s.frequencySample = 5
	sampled, err := s.Search(ctx, "pier OR quays", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(exact) != 3 || len(sampled) != 3 || exact[0].ArticleID != ids[11] || sampled[0].ArticleID != ids[11] {
		t.Fatalf("exact %v, sampled %v: want article %d first", exact, sampled, ids[11])
	}
	for i := range exact {
		if exact[i].ArticleID != sampled[i].ArticleID || math.Abs(exact[i].Score-sampled[i].Score) > 0.05*exact[i].Score {
			t.Errorf("hit %d: exact %d (%.3f), sampled %d (%.3f)", i, exact[i].ArticleID, exact[i].Score, sampled[i].ArticleID, sampled[i].Score)
		}
	}
}

// A library made before migration 007 has its index rebuilt newest first
// when opened, and finds what it held.
func TestOpenRebuildsTheSearchIndex(t *testing.T) {
	s := openTest(t)
	a := testArticle("Ferry timetable changes", "The winter ferry timetable starts on Monday.")
	mustAdd(t, s, a, "")
	s.Close()
	// Put the library back as migration 006 left it.
	putBackAsSchema16(t, s.Path(), func(db *sql.DB) {
		for _, q := range []string{
			`DROP TABLE article_fts`,
			`CREATE VIRTUAL TABLE article_fts USING fts4 (title, body, tokenize = unicode61 "remove_diacritics=2")`,
			`INSERT INTO article_fts (docid, title, body) VALUES (1, 'old row', 'nothing about boats')`,
			`CREATE INDEX article_story ON article (story_id)`,
			`DELETE FROM schema_migrations WHERE version = 7`,
		} {
			if _, err := db.Exec(q); err != nil {
				t.Fatal(q, err)
			}
		}
	})
	s, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	hits, err := s.Search(context.Background(), "timetab*", 0)
	if err != nil || len(hits) != 1 || hits[0].ArticleID != a.ID {
		t.Errorf("after the rebuild: %v, %v", hits, err)
	}
	if hits, err := s.Search(context.Background(), "boats", 0); err != nil || len(hits) != 0 {
		t.Errorf("a row of the old index survived: %v, %v", hits, err)
	}
	var def string
	if err := s.index.db.QueryRow(`SELECT sql FROM sqlite_master WHERE name = 'article_fts'`).Scan(&def); err != nil || !containsAll(def, "prefix", "order=desc") {
		t.Errorf("index is %q, %v", def, err)
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
