package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/parallax-news/parallax/internal/unprivileged"
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
	removeSearchIndex(t, path)
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

// A read-only library opens for reading: showing a story does not try to
// mark it read, the status line says what cannot be saved, and a missing
// index file is left to the first search (what the window would build is
// a temporary index, thrown away at close).
func TestWindowOnAReadOnlyLibrary(t *testing.T) {
	if !unprivileged.Run(t) {
		return
	}
	st, _ := manyStoriesLibrary(t, 3)
	path := st.Path()
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	removeSearchIndex(t, path)
	dir := filepath.Dir(path)
	os.Chmod(path, 0o444)
	os.Chmod(dir, 0o555)
	t.Cleanup(func() { os.Chmod(dir, 0o755); os.Chmod(path, 0o644) })
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if !st.ReadOnly() {
		t.Fatal("the library did not open read-only")
	}

	a := test.NewTempApp(t)
	mw := newMainWindow(a, library.New(st))
	var lines []string
	mw.jobs.observe = func(s string) { lines = append(lines, s) }
	mw.jobs.wait()
	if mw.story == nil {
		t.Fatal("no story shown")
	}
	// Showing a story marks nothing read (it would fail): the status line
	// says once what cannot be saved, and no error was shown.
	if mw.status.Text != readOnlyNotice || slices.Contains(lines, "Marking as read…") {
		t.Errorf("status line %q after %q, want the read-only notice and no mark", mw.status.Text, lines)
	}
	if !mw.reader.read.Disabled() || !mw.reader.star.Disabled() {
		t.Error("the read and star marks of a read-only library can be changed")
	}
	for _, l := range lines {
		if strings.Contains(l, "search index") || strings.Contains(l, "Search index") {
			t.Errorf("the window built a read-only library's index at the start: %q", lines)
			break
		}
	}
	built := false
	st.SetIndexProgress(func(done, total int) { built = true })
	hits, err := st.Search(context.Background(), "harbour", 10)
	if err != nil || len(hits) != 3 || !built {
		t.Errorf("the first search found %d of 3 (%v); built a temporary index: %v", len(hits), err, built)
	}
	mw.stopPreparingSearch()
}

// removeSearchIndex removes the search index file of the library at path,
// with its log.
func removeSearchIndex(t *testing.T, path string) {
	t.Helper()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(library.SearchIndexPath(path) + suffix); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
}
