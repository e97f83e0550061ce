package store

import (
	"context"
	"errors"
	"maps"
	"testing"

	parallax "github.com/parallax-news/parallax"
)

func TestDecisionsUpsertAndCountOpenFlags(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a := testArticle("Ferry strike ends", "The ferry strike in Porthaven ended on Monday.")
	mustAdd(t, s, a, "")
	story := a.StoryID

	if err := s.PutComparison(ctx, story, "k1", []byte(`{"flags":3}`), []string{"f1", "f2", "f3"}); err != nil {
		t.Fatal(err)
	}
	data, err := s.CachedComparison(ctx, story, "k1")
	if err != nil || string(data) != `{"flags":3}` {
		t.Fatalf("cached comparison = %q, %v", data, err)
	}
	if _, err := s.CachedComparison(ctx, story, "k2"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("stale key: err = %v, want ErrNotFound", err)
	}

	counts, err := s.OpenFlagCounts(ctx)
	if err != nil || counts[story] != 3 {
		t.Fatalf("open flags = %v, %v; want 3", counts, err)
	}
	for _, d := range []parallax.Decision{
		{StoryID: story, Key: "f1", Status: parallax.StatusConfirmed, Note: "checked the wire"},
		{StoryID: story, Key: "f2", Status: parallax.StatusDismissed},
		{StoryID: story, Key: "f2", Status: parallax.StatusOpen, Note: "reopened"}, // upsert
	} {
		if err := s.SetDecision(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Decisions(ctx, story)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got["f1"].Status != parallax.StatusConfirmed || got["f1"].Note != "checked the wire" ||
		got["f2"].Status != parallax.StatusOpen || got["f2"].Note != "reopened" {
		t.Fatalf("decisions = %+v", got)
	}
	counts, _ = s.OpenFlagCounts(ctx)
	if counts[story] != 2 {
		t.Fatalf("open flags after one confirm = %d, want 2", counts[story])
	}
	// Counting a page of stories reads those alone.
	other := testArticle("Varn light keeper retires", "The keeper retired on Friday.")
	mustAdd(t, s, other, "")
	if err := s.PutComparison(ctx, other.StoryID, "k1", []byte(`{}`), []string{"g1"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		ids  []int64
		want map[int64]int
	}{
		{[]int64{story}, map[int64]int{story: 2}},
		{[]int64{other.StoryID, 9999}, map[int64]int{other.StoryID: 1}},
		{[]int64{story, other.StoryID}, map[int64]int{story: 2, other.StoryID: 1}},
		{nil, map[int64]int{}},
	} {
		if got, err := s.OpenFlagCountsOf(ctx, tc.ids); err != nil || !maps.Equal(got, tc.want) {
			t.Errorf("OpenFlagCountsOf(%v) = %v, %v; want %v", tc.ids, got, err, tc.want)
		}
	}
	if err := s.SetDecision(ctx, parallax.Decision{Key: "f3", Status: "maybe"}); err == nil {
		t.Fatal("unknown status accepted")
	}
	// A new comparison with other flags replaces the old one.
	if err := s.PutComparison(ctx, story, "k2", []byte(`{}`), []string{"f1"}); err != nil {
		t.Fatal(err)
	}
	counts, _ = s.OpenFlagCounts(ctx)
	if counts[story] != 0 {
		t.Fatalf("open flags = %d, want 0 (only f1, confirmed)", counts[story])
	}
	if err := s.PutComparison(ctx, 9999, "k", nil, nil); !errors.Is(err, ErrNotFound) {
		t.Fatalf("comparison for a missing story: %v", err)
	}
}

func TestNotesLifecycle(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a := testArticle("Ferry strike ends", "The ferry strike in Porthaven ended on Monday.", "Crews return on Tuesday.")
	mustAdd(t, s, a, "")

	n := &parallax.Note{ArticleID: a.ID, Paragraph: 2, Start: 4, End: 9, Quote: "ferry", Text: "Which ferry line?"}
	id, err := s.AddNote(ctx, n)
	if err != nil || id == 0 || n.ID != id {
		t.Fatalf("AddNote = %d, %v", id, err)
	}
	for name, bad := range map[string]*parallax.Note{
		"no article": {Paragraph: 1, Text: "x"},
		"empty text": {ArticleID: a.ID, Paragraph: 1, Text: "  "},
		"bad range":  {ArticleID: a.ID, Paragraph: 1, Start: 5, End: 2, Text: "x"},
	} {
		if _, err := s.AddNote(ctx, bad); err == nil {
			t.Errorf("%s: note accepted", name)
		}
	}
	n.Text = "Which ferry line? Ask the port."
	if err := s.UpdateNote(ctx, n); err != nil {
		t.Fatal(err)
	}
	notes, err := s.Notes(ctx, a.StoryID)
	if err != nil || len(notes) != 1 {
		t.Fatalf("Notes = %v, %v", notes, err)
	}
	if got := notes[0]; got.Text != n.Text || got.StoryID != a.StoryID || got.Quote != "ferry" || got.End != 9 {
		t.Fatalf("note = %+v", got)
	}
	if err := s.DeleteNote(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteNote(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second delete: %v, want ErrNotFound", err)
	}
	if _, err := s.Note(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted note read: %v", err)
	}
}
