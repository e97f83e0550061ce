package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/unprivileged"
)

// A library the user may read but not write opens read-only: reads work,
// writes say why they cannot.
func TestReadOnlyLibraryServesReads(t *testing.T) {
	if !unprivileged.Run(t) {
		return
	}
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "lib")
	path := filepath.Join(dir, "library.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, testArticle("Harbour cranes return", "The cranes came back to Pellin harbour on Monday."), "")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o444)
	os.Chmod(dir, 0o555)
	t.Cleanup(func() { os.Chmod(dir, 0o755); os.Chmod(path, 0o644) })

	ro, err := Open(path)
	if err != nil {
		t.Fatalf("open read-only library: %v", err)
	}
	defer ro.Close()
	if !ro.ReadOnly() {
		t.Error("ReadOnly() = false for a library the user cannot write")
	}
	stories, err := ro.Stories(ctx)
	if err != nil || len(stories) != 1 {
		t.Fatalf("stories: %v, %d", err, len(stories))
	}
	hits, err := ro.Search(ctx, "cranes", 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf("search: %v, %d hits", err, len(hits))
	}
	err = ro.AddArticle(ctx, testArticle("Another", "Text."), "")
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("write to a read-only library: %v, want ErrReadOnly", err)
	}
}

// A read-only library without its search index file (and no right to
// make one beside it) still finds every article: searches use a
// temporary index built from it, with a notice.
func TestReadOnlyLibraryWithoutItsIndexSearches(t *testing.T) {
	if !unprivileged.Run(t) {
		return
	}
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "lib")
	path := filepath.Join(dir, "library.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	a := testArticle("Harbour cranes return", "The cranes came back to Pellin harbour on Monday.")
	mustAdd(t, s, a, "")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(SearchIndexPath(path)); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o444)
	os.Chmod(dir, 0o555)
	t.Cleanup(func() { os.Chmod(dir, 0o755); os.Chmod(path, 0o644) })

	var got notices
	ro, err := Open(path, WithNotice(got.add))
	if err != nil {
		t.Fatalf("open read-only library: %v", err)
	}
	defer ro.Close()
	hits, err := ro.Search(ctx, "cranes", 10)
	if err != nil || len(hits) != 1 || hits[0].ArticleID != a.ID {
		t.Fatalf("search: %v, %+v", err, hits)
	}
	if !strings.Contains(got.String(), "building it") {
		t.Errorf("notices %q: want one saying the index is being built", got.String())
	}
	if _, err := os.Stat(SearchIndexPath(path)); err == nil {
		t.Error("an index file was made beside a read-only library")
	}
}

// A new library in a folder the user cannot write says so.
func TestNewLibraryInReadOnlyFolder(t *testing.T) {
	if !unprivileged.Run(t) {
		return
	}
	dir := filepath.Join(t.TempDir(), "locked")
	os.Mkdir(dir, 0o555)
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	_, err := Open(filepath.Join(dir, "library.db"))
	if err == nil {
		t.Fatal("opened a new library in a read-only folder")
	}
	msg := err.Error()
	if strings.Contains(msg, "no such file") || !strings.Contains(msg, "permission denied") || !strings.Contains(msg, "cannot create") {
		t.Errorf("message %q does not say the folder cannot be written", msg)
	}
}
