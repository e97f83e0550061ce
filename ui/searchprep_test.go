package ui

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/parallax-news/parallax/library"
	"github.com/parallax-news/parallax/store"
)

// A library opened without its search index file gets the index built in
// the background once the first story is shown, with its progress in the
// status line, so that the first search finds everything at once.
func TestWindowBuildsAMissingSearchIndex(t *testing.T) {
	const stories = 300 // more than one chunk of the build
	st, _ := manyStoriesLibrary(t, stories)
	path := st.Path()
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(store.SearchIndexPath(path) + suffix); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })

	a := test.NewTempApp(t)
	mw := newMainWindow(a, library.New(st))
	var lines []string
	mw.jobs.observe = func(s string) { lines = append(lines, s) }
	mw.jobs.wait()

	if !slices.Contains(lines, "Building the search index: 0 of 300 articles…") ||
		!slices.Contains(lines, "Building the search index: 300 of 300 articles…") {
		t.Errorf("the status line did not show the build's progress: %q", lines)
	}
	if !strings.HasPrefix(mw.status.Text, "Search index built: 300 articles") {
		t.Errorf("status line %q, want the build's end", mw.status.Text)
	}
	// The first search builds nothing: every story's notice is found.
	built := false
	st.SetIndexProgress(func(done, total int) { built = true })
	hits, err := st.Search(context.Background(), "harbour", 1000)
	if err != nil {
		t.Fatal(err)
	}
	if built || len(hits) != stories {
		t.Errorf("the first search found %d of %d articles; built the index again: %v", len(hits), stories, built)
	}
	mw.stopPreparingSearch()
}
