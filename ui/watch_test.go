package ui

import (
	"context"
	"testing"
)

// TestOwnWritesDoNotListAgain: what the window writes and the story list
// does not show (read marks, cached comparisons) is not taken for an
// outside change, which would list the whole library again; an import
// (by anyone) still is.
func TestOwnWritesDoNotListAgain(t *testing.T) {
	mw, st, ferry := openFixture(t)
	ctx := context.Background()
	mw.watch.changed() // the fixture's own start-up writes
	first := mw.story.articles[0]
	if err := mw.lib.SetRead(ctx, first.ID, false); err != nil {
		t.Fatal(err)
	}
	if err := mw.lib.PutComparison(ctx, ferry, "another engine", []byte("{}"), nil); err != nil {
		t.Fatal(err)
	}
	if mw.watch.changed() {
		t.Error("a read mark and a cached comparison were taken for a change of the story list")
	}
	other := addOtherStory(t, st, "Lighthouse keeper retires", "The last keeper of the Varn light retired on Friday after forty years.")
	if !mw.watch.changed() {
		t.Fatalf("the watch missed the import of story %d", other)
	}
}
