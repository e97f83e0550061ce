package store

import (
	"context"
	"strings"
	"testing"
)

// A huge article is searchable to its last word, its index entry and its
// snippet are bounded, and a phrase in its first part is still found.
func TestSearchHugeArticle(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	para := strings.Repeat("harbour council minutes record the ferry timetable ", 40)
	var paras []string
	for len(paras)*len(para) < 3*maxSearchBody {
		paras = append(paras, para)
	}
	paras[1] += " the quartermaster signed"
	paras[len(paras)-1] += " zanzibarique"
	mustAdd(t, s, testArticle("Minutes of every meeting", paras...), "")
	mustAdd(t, s, testArticle("Ferry timetable", "The ferry timetable changes on Monday."), "")

	for _, q := range []string{"zanzibarique", `"quartermaster signed"`, "ferry"} {
		hits, err := s.Search(ctx, q, DefaultSearchLimit)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, h := range hits {
			if h.Title == "Minutes of every meeting" {
				found = true
				if len(h.Snippet) > maxSnippetBody {
					t.Errorf("%s: snippet of %d bytes", q, len(h.Snippet))
				}
			}
		}
		if !found {
			t.Errorf("%s: the huge article was not found", q)
		}
	}
	body := searchBody(testArticle("x", paras...))
	if len(body) > maxSearchBody+4096 {
		t.Errorf("indexed body of %d bytes for a text of %d", len(body), len(paras)*len(para))
	}
}
