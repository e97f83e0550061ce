package store

import (
	"context"
	"errors"
	"testing"

	parallax "github.com/parallax-news/parallax"
)

func TestParagraphLinks(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a := testArticle("Ferry strike ends", "The ferry strike in Porthaven ended on Monday.")
	b := testArticle("Porthaven ferries sail again", "Ferries sailed again from Porthaven.")
	mustAdd(t, s, a, "")
	b.StoryID = a.StoryID
	mustAdd(t, s, b, "")
	other := testArticle("Harbour fees rise", "Harbour fees rise in spring.")
	mustAdd(t, s, other, "Harbour fees")
	if err := s.PutComparison(ctx, a.StoryID, "k", []byte(`{}`), nil); err != nil {
		t.Fatal(err)
	}

	// Given from b's side: stored with the lower article id first.
	link := parallax.ParagraphLink{ArticleA: b.ID, HashA: "hb", ParagraphA: 2, ArticleB: a.ID, HashB: "ha", ParagraphB: 2}
	before, err := s.SetParagraphLink(ctx, link)
	if err != nil || before != nil {
		t.Fatalf("first link: before = %v, err = %v", before, err)
	}
	if _, err := s.CachedComparison(ctx, a.StoryID, "k"); !errors.Is(err, ErrNotFound) {
		t.Errorf("the story's cached comparison survived a new link: %v", err)
	}
	got, err := s.ParagraphLinks(ctx, a.StoryID)
	if err != nil || len(got) != 1 {
		t.Fatalf("links = %+v, %v", got, err)
	}
	if g := got[0]; g.ArticleA != a.ID || g.HashA != "ha" || g.ArticleB != b.ID || g.HashB != "hb" || g.Unlink || g.CreatedAt.IsZero() {
		t.Errorf("stored link = %+v", g)
	}
	if l, _ := s.ParagraphLinks(ctx, other.StoryID); len(l) != 0 {
		t.Errorf("another story sees the link: %+v", l)
	}

	// The same two paragraphs unlinked: one row, and the link it replaced.
	link.Unlink = true
	before, err = s.SetParagraphLink(ctx, link)
	if err != nil || before == nil || before.Unlink {
		t.Fatalf("unlink: before = %+v, err = %v", before, err)
	}
	got, _ = s.ParagraphLinks(ctx, a.StoryID)
	if len(got) != 1 || !got[0].Unlink {
		t.Fatalf("after unlink: %+v", got)
	}

	removed, err := s.DeleteParagraphLink(ctx, link)
	if err != nil || removed == nil || !removed.Unlink {
		t.Fatalf("delete: %+v, %v", removed, err)
	}
	if _, err := s.DeleteParagraphLink(ctx, link); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: err = %v, want ErrNotFound", err)
	}

	for _, tc := range []struct {
		name string
		l    parallax.ParagraphLink
	}{
		{"one article", parallax.ParagraphLink{ArticleA: a.ID, HashA: "x", ParagraphA: 1, ArticleB: a.ID, HashB: "y", ParagraphB: 2}},
		{"no hash", parallax.ParagraphLink{ArticleA: a.ID, ParagraphA: 1, ArticleB: b.ID, HashB: "y", ParagraphB: 2}},
		{"paragraph 0", parallax.ParagraphLink{ArticleA: a.ID, HashA: "x", ArticleB: b.ID, HashB: "y", ParagraphB: 2}},
	} {
		if _, err := s.SetParagraphLink(ctx, tc.l); err == nil {
			t.Errorf("%s: accepted", tc.name)
		}
	}
	missing := parallax.ParagraphLink{ArticleA: a.ID, HashA: "x", ParagraphA: 1, ArticleB: 9999, HashB: "y", ParagraphB: 1}
	if _, err := s.SetParagraphLink(ctx, missing); !errors.Is(err, ErrNotFound) {
		t.Errorf("link to a missing article: err = %v, want ErrNotFound", err)
	}

	// Deleting an article takes its links with it.
	if _, err := s.SetParagraphLink(ctx, link); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteArticle(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.ParagraphLinks(ctx, a.StoryID); len(got) != 0 {
		t.Errorf("links of a deleted article remain: %+v", got)
	}
}
