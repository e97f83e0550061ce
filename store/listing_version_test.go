package store

import (
	"context"
	"testing"
)

// TestListingVersionFollowsTheStoryList: every change to what Stories
// lists moves the version; read marks and cached comparisons, which the
// list does not show, leave it.
func TestListingVersionFollowsTheStoryList(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	version := func() int64 {
		t.Helper()
		v, err := s.ListingVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	ferry := testArticle("Ferry aground off Pellam", "The ferry ran aground at dawn.")
	mustAdd(t, s, ferry, "Pellam ferry")
	light := testArticle("Varn light keeper retires", "The keeper retired on Friday.")
	mustAdd(t, s, light, "Varn light")
	steps := []struct {
		name    string
		change  func() error
		changes bool
	}{
		{"mark read", func() error { return s.SetRead(ctx, ferry.ID, true) }, false},
		{"star", func() error { return s.SetStarred(ctx, ferry.ID, true) }, false},
		{"cache a comparison", func() error {
			return s.PutComparison(ctx, ferry.StoryID, "key", []byte("{}"), nil)
		}, false},
		{"import", func() error {
			return s.AddArticle(ctx, testArticle("Ferry refloated", "Tugs refloated the ferry."), "Pellam ferry refloated")
		}, true},
		{"rename a story", func() error { return s.RenameStory(ctx, light.StoryID, "Varn lighthouse") }, true},
		{"move an article", func() error { return s.MoveArticle(ctx, light.ID, ferry.StoryID) }, true},
		{"merge stories", func() error {
			stories, err := s.Stories(ctx)
			if err != nil {
				return err
			}
			return s.MergeStories(ctx, ferry.StoryID, stories[0].ID)
		}, true},
		{"delete an article", func() error { return s.DeleteArticle(ctx, light.ID) }, true},
	}
	for _, st := range steps {
		before := version()
		if err := st.change(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if moved := version() != before; moved != st.changes {
			t.Errorf("%s: version moved %v, want %v", st.name, moved, st.changes)
		}
	}
}
