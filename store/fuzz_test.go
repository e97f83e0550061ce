package store

import (
	"context"
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzSearchQuery: no query is a syntax error or a failure; the search
// query parser quotes every term for SQLite.
func FuzzSearchQuery(f *testing.F) {
	for _, q := range []string{"ferry", `"harbour master" -storm OR quay*`, `-`, `"`, `NEAR(a b)`, `a AND OR NOT`, `*`, `^x`, `col:x`, `'`} {
		f.Add(q)
	}
	s, err := Open(f.TempDir() + "/library.db")
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	for _, a := range []struct{ title, body string }{
		{"Ferry to Velstad resumes", "The harbour master said the ferry would sail again on Tuesday."},
		{"Storm closes the quay", "A storm closed the quay at Aldmouth; no ferry sailed."},
	} {
		if err := s.AddArticle(ctx, testArticle(a.title, a.body), ""); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, q string) {
		if !utf8.ValidString(q) {
			return
		}
		if _, err := s.Search(ctx, q, 10); err != nil && !errors.Is(err, errEmptyQuery) {
			t.Fatalf("search %q: %v", q, err)
		}
	})
}
