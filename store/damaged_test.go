package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// damageLibrary builds a library and overwrites the middle of one inner
// page of the paragraph table, leaving the header (and so SQLite's open)
// intact.
func damageLibrary(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "library.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		body := strings.Repeat(fmt.Sprintf("Paragraph %d of the harbour council minutes, with enough words to fill pages. ", i), 8)
		mustAdd(t, s, testArticle(fmt.Sprintf("Council minutes %d", i), body, body+" again"), "")
	}
	var root, pageSize int
	if err := s.db.QueryRow(`SELECT rootpage FROM sqlite_master WHERE name = 'paragraph'`).Scan(&root); err != nil {
		t.Fatal(err)
	}
	s.db.QueryRow(`PRAGMA page_size`).Scan(&pageSize)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Fatal("write-ahead log left after close; the damage would be overwritten")
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	junk := []byte(strings.Repeat("\xde\xad\xbe\xef", 64))
	if _, err := f.WriteAt(junk, int64((root-1)*pageSize)); err != nil {
		t.Fatal(err)
	}
	return path
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// A library with damaged inner pages is found out at open and never
// written to.
func TestDamagedLibraryIsNotWritten(t *testing.T) {
	path := damageLibrary(t)
	before := fileSum(t, path)
	ctx := context.Background()
	s, err := Open(path)
	if err != nil {
		if !errors.Is(err, ErrDamaged) {
			t.Fatalf("open: %v, want ErrDamaged or a read-only open", err)
		}
	} else {
		if s.Damaged() == "" {
			t.Error("Damaged() is empty for a library whose quick check fails")
		}
		err := s.AddArticle(ctx, testArticle("One more", "Text."), "")
		if !errors.Is(err, ErrDamaged) {
			t.Errorf("write into a damaged library: %v, want ErrDamaged", err)
		}
		s.PutComparison(ctx, 1, "key", []byte("{}"), nil)
		s.Close()
	}
	if fileSum(t, path) != before {
		t.Error("the damaged library file was changed")
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		if st, _ := os.Stat(path + "-wal"); st.Size() > 0 {
			t.Error("a write-ahead log with content was left beside the damaged library")
		}
	}
}

// Check runs the full integrity check on demand.
func TestCheck(t *testing.T) {
	s := openTest(t)
	mustAdd(t, s, testArticle("Fine", "All well."), "")
	if problems, err := s.Check(context.Background()); err != nil || len(problems) != 0 {
		t.Fatalf("check of a sound library: %v %v", problems, err)
	}
}

// The quick check is skipped for a library exactly as a clean Close left
// it, and runs again once anything has written to the file.
func TestQuickCheckSkippedAfterCleanClose(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, testArticle("Fine", "All well."), "")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if !cleanSinceClose(path) {
		t.Fatal("a cleanly closed library is not recognised as such")
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte{0}, 4096+200); err != nil { // a byte of page 2, changed by "another tool"
		t.Fatal(err)
	}
	f.Close()
	if cleanSinceClose(path) {
		t.Fatal("a file written after the close still counts as clean")
	}
}

// TestCloseCopiesTheLogItsConnectionsLeft: when the library's last
// connection did not copy the write-ahead log back at close (here a
// read-only connection of another reader, closed last, which may not;
// in the field a statement's cancelled context that left SQLite's
// interrupt flag set on a pooled connection, which stops the checkpoint
// at close), Close copies it with a connection of its own, so that the
// next open finds the library closed cleanly and skips its check.
func TestCloseCopiesTheLogItsConnectionsLeft(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, testArticle("Ferry service resumes", "The ferry to Kestrel Island ran again on Tuesday."), "")
	reader, err := sql.Open(driverName, dsn(path, time.Second, true))
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := reader.QueryRow(`SELECT count(*) FROM article`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("the reader saw %d articles (%v)", n, err)
	}
	var logLeft bool
	s.testHookClosed = func() {
		reader.Close()
		logLeft = hasLog(path)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if !logLeft {
		t.Fatal("the log was copied back before Close's own connection: the test no longer reaches it")
	}
	if hasLog(path) || !cleanSinceClose(path) {
		t.Fatalf("after Close: log left %v, clean %v; want the log copied back and the file stamped", hasLog(path), cleanSinceClose(path))
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, err := s.CountArticles(context.Background()); err != nil || got != 1 {
		t.Fatalf("%d articles after reopening (%v), want 1", got, err)
	}
}
