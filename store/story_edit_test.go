package store

import (
	"context"
	"errors"
	"testing"

	parallax "github.com/parallax-news/parallax"
)

func TestMoveMergeRenameDelete(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a := testArticle("Dam inspection ordered", "Inspectors will visit the Orla dam on Friday.")
	b := testArticle("Orla dam to be inspected", "The Orla dam will be inspected on Friday, officials said.")
	c := testArticle("Market hours change", "The Velmar market opens an hour later from May.")
	mustAdd(t, s, a, "Dam")
	mustAdd(t, s, b, "Dam copy")
	mustAdd(t, s, c, "Market")
	if a.StoryID == b.StoryID {
		t.Fatal("fixture: a and b should start in two stories")
	}

	if err := s.RenameStory(ctx, a.StoryID, "Orla dam inspection"); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.Story(ctx, a.StoryID); st == nil || st.Title != "Orla dam inspection" {
		t.Fatalf("rename: story = %+v", st)
	}
	if err := s.RenameStory(ctx, a.StoryID, " "); err == nil {
		t.Fatal("empty title accepted")
	}

	// A decision made in b's story follows it into the merged story.
	if err := s.SetDecision(ctx, parallax.Decision{StoryID: b.StoryID, Key: "k", Status: parallax.StatusConfirmed}); err != nil {
		t.Fatal(err)
	}
	if err := s.MergeStories(ctx, a.StoryID, b.StoryID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Story(ctx, b.StoryID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("merged-away story still there: %v", err)
	}
	arts, err := s.StoryArticles(ctx, a.StoryID)
	if err != nil || len(arts) != 2 {
		t.Fatalf("merged story has %d articles (%v), want 2", len(arts), err)
	}
	if d, _ := s.Decisions(ctx, a.StoryID); d["k"].Status != parallax.StatusConfirmed {
		t.Fatalf("decision lost in merge: %+v", d)
	}
	for _, id := range []int64{a.ID, b.ID} {
		if p, _ := s.Pinned(ctx, id); !p {
			t.Errorf("article %d not pinned after merge", id)
		}
	}
	if err := s.MergeStories(ctx, a.StoryID, a.StoryID); err == nil {
		t.Fatal("merge into itself accepted")
	}

	// Moving the market article into the dam story empties and deletes its story.
	marketStory := c.StoryID
	if err := s.MoveArticle(ctx, c.ID, a.StoryID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Story(ctx, marketStory); !errors.Is(err, ErrNotFound) {
		t.Fatalf("empty story kept: %v", err)
	}
	if err := s.MoveArticle(ctx, 9999, a.StoryID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("move of a missing article: %v", err)
	}
	if err := s.MoveArticle(ctx, c.ID, 9999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("move into a missing story: %v", err)
	}

	if err := s.DeleteArticle(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Article(ctx, c.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted article still there: %v", err)
	}
	hits, err := s.Search(ctx, "Velmar", 10)
	if err != nil || len(hits) != 0 {
		t.Fatalf("deleted article still found by search: %v %v", hits, err)
	}
}
