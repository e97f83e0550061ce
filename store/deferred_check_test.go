package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	parallax "github.com/parallax-news/parallax"
)

// uncleanLibrary makes a sound library of a few articles and leaves it as
// after a crash or a copy: its modification time no longer matches the
// stamp of its last clean close.
func uncleanLibrary(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "library.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		mustAdd(t, s, testArticle(fmt.Sprintf("Council minutes %d", i), fmt.Sprintf("The council met for the %dth time.", i+1)), "")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	touch(t, path)
	return path
}

// touch sets the file's modification time to now, as touch(1) does.
func touch(t *testing.T, path string) {
	t.Helper()
	now := time.Now()
	if err := os.Chtimes(path, now, now); err != nil {
		t.Fatal(err)
	}
	if cleanSinceClose(path) {
		t.Fatal("a touched library still counts as closed cleanly")
	}
}

// withCheckHook runs hook on the deferred check's goroutine before it
// checks.
func withCheckHook(hook func()) Option {
	return func(s *Store) { s.testHookCheck = hook }
}

// awaitSignal waits for ch to be closed, failing the test with why when
// it is not within a generous bound (a hang, not a slow machine).
func awaitSignal(t *testing.T, ch <-chan struct{}, why string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(time.Minute):
		t.Fatal(why)
	}
}

// rawExec runs statements on the library at path through a connection of
// its own, as another tool would, and closes it.
func rawExec(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open(driverName, dsn(path, time.Second, false))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// A library not closed cleanly, opened with its check deferred, opens
// without checking: it reads at once, a write waits for the check, which
// the write starts, and goes through once the check has passed; a clean
// close then stamps it.
func TestDeferredCheckHoldsWritesUntilItPasses(t *testing.T) {
	path := uncleanLibrary(t)
	checking, release := make(chan struct{}), make(chan struct{})
	s, err := Open(path, WithDeferredCheck(), withCheckHook(func() {
		close(checking)
		<-release
	}))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	select {
	case <-checking:
		t.Fatal("the check ran before Open returned")
	default:
	}
	if !s.CheckPending() || s.Damaged() != "" || s.ReadOnly() {
		t.Fatalf("after open: pending %v, damaged %q, read-only %v; want a pending check", s.CheckPending(), s.Damaged(), s.ReadOnly())
	}
	ctx := context.Background()

	wrote := make(chan error, 1)
	go func() { wrote <- s.SetRead(ctx, 1, true) }()
	awaitSignal(t, checking, "the write did not start the check") // which the hook holds
	stories, err := s.Stories(ctx)
	if err != nil || len(stories) != 5 {
		t.Fatalf("reading during the check: %d stories, %v", len(stories), err)
	}
	// A write whose context ends gives up waiting.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := s.SetStarred(cancelled, 1, true); !errors.Is(err, context.Canceled) {
		t.Errorf("write with a cancelled context during the check: %v, want context.Canceled", err)
	}
	select {
	case err := <-wrote:
		t.Fatalf("a write went through before the check ended (%v)", err)
	default:
	}
	if err := s.PutComparison(ctx, 1, "key", []byte("{}"), nil); err != nil {
		t.Errorf("caching a comparison during the check: %v, want it skipped", err)
	}

	close(release)
	if err := <-wrote; err != nil {
		t.Fatalf("the write held for the check: %v", err)
	}
	if err := s.FinishCheck(ctx); err != nil || s.CheckPending() || s.Damaged() != "" {
		t.Fatalf("after the check: %v, pending %v, damaged %q", err, s.CheckPending(), s.Damaged())
	}
	a, err := s.Article(ctx, 1)
	if err != nil || !a.Read {
		t.Fatalf("the held write is not stored: read %v, %v", a != nil && a.Read, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if !cleanSinceClose(path) {
		t.Error("a library whose deferred check passed was not stamped clean at close")
	}
}

// A deferred check that finds damage turns the store into the damaged
// mode Open gives a library whose check at open fails: every write is
// refused with ErrDamaged, the file is not changed, and it is not stamped
// clean.
func TestDeferredCheckFindsDamage(t *testing.T) {
	path := damageLibrary(t)
	before := fileSum(t, path)
	ctx := context.Background()
	s, err := Open(path, WithDeferredCheck())
	if err != nil {
		t.Fatal(err)
	}
	if !s.CheckPending() || s.Damaged() != "" {
		t.Fatalf("after open: pending %v, damaged %q; want the check deferred", s.CheckPending(), s.Damaged())
	}
	if err := s.AddArticle(ctx, testArticle("One more", "Text."), ""); !errors.Is(err, ErrDamaged) {
		t.Errorf("write into a library its deferred check found damaged: %v, want ErrDamaged", err)
	}
	if s.Damaged() == "" || s.CheckPending() {
		t.Errorf("after the check: damaged %q, pending %v", s.Damaged(), s.CheckPending())
	}
	if err := s.FinishCheck(ctx); !errors.Is(err, ErrDamaged) {
		t.Errorf("FinishCheck: %v, want ErrDamaged", err)
	}
	writes := map[string]func() error{
		"mark read": func() error { return s.SetRead(ctx, 1, true) },
		"note": func() error {
			_, err := s.AddNote(ctx, &parallax.Note{ArticleID: 1, Paragraph: 1, Text: "A note."})
			return err
		},
		"story":  func() error { _, err := s.CreateStory(ctx, "A story"); return err },
		"feed":   func() error { _, err := s.AddFeed(ctx, "https://example.org/feed", "Feed"); return err },
		"rename": func() error { return s.RenameStory(ctx, 1, "Renamed") },
	}
	for name, write := range writes {
		if err := write(); !errors.Is(err, ErrDamaged) {
			t.Errorf("%s: %v, want ErrDamaged", name, err)
		}
	}
	if err := s.PutComparison(ctx, 1, "key", []byte("{}"), nil); err != nil {
		t.Errorf("caching a comparison in a damaged library: %v, want it skipped", err)
	}
	if _, err := s.Stories(ctx); err != nil {
		t.Errorf("listing a damaged library: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if fileSum(t, path) != before {
		t.Error("the damaged library file was changed")
	}
	if cleanSinceClose(path) {
		t.Error("a library its deferred check found damaged was stamped clean")
	}
}

// A library found damaged keeps the write-ahead log a crash left beside
// it: closing copies nothing into the file.
func TestDeferredCheckKeepsTheLogOfADamagedLibrary(t *testing.T) {
	path := crashedDamagedLibrary(t)
	before := fileSum(t, path)

	s, err := Open(path, WithDeferredCheck())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.FinishCheck(context.Background()); !errors.Is(err, ErrDamaged) {
		t.Fatalf("FinishCheck: %v, want ErrDamaged", err)
	}
	closeKeepsLog(t, s, path, before)
}

// The same holds when the check at open finds the damage: the connections
// the check used close without copying the log into the file, and so does
// the read-only store served after it.
func TestCheckAtOpenKeepsTheLogOfADamagedLibrary(t *testing.T) {
	path := crashedDamagedLibrary(t)
	before := fileSum(t, path)

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.Damaged() == "" {
		t.Fatal("the check at open found no damage")
	}
	if fileSum(t, path) != before {
		t.Error("opening copied the log into the damaged library")
	}
	closeKeepsLog(t, s, path, before)
}

// closeKeepsLog closes s, on the damaged library at path whose file summed
// to before, and checks that the file is unchanged and its log still
// beside it.
func closeKeepsLog(t *testing.T, s *Store, path string, before [32]byte) {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if fileSum(t, path) != before {
		t.Error("closing copied the log into the damaged library")
	}
	if !hasLog(path) {
		t.Error("the log beside the damaged library is gone")
	}
}

// crashedDamagedLibrary is a damaged library with a crash's leftovers
// beside it: a committed write still in its write-ahead log.
func crashedDamagedLibrary(t *testing.T) string {
	t.Helper()
	damaged := damageLibrary(t)
	// A crash's leftovers: a committed write still in the log, copied
	// with the file while the writer had it open.
	path := filepath.Join(t.TempDir(), "crashed.db")
	db, err := sql.Open(driverName, dsn(damaged, time.Second, false))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`INSERT INTO feed (url, title, created_at) VALUES ('https://example.org/feed', 'Feed', '2026-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(damaged + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path+suffix, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	if !hasLog(path) {
		t.Fatal("no log beside the crashed copy")
	}
	return path
}

// A library closed before its deferred check ended is not stamped clean:
// the next open checks it.
func TestDeferredCheckNotEndedIsNotStamped(t *testing.T) {
	for _, started := range []bool{false, true} {
		t.Run(fmt.Sprintf("started=%v", started), func(t *testing.T) {
			path := uncleanLibrary(t)
			checking := make(chan struct{})
			var s *Store
			s, err := Open(path, WithDeferredCheck(), withCheckHook(func() {
				close(checking)
				// Held until Close stops it.
				<-s.check.ctx.Done()
			}))
			if err != nil {
				t.Fatal(err)
			}
			if started {
				go s.FinishCheck(context.Background())
				awaitSignal(t, checking, "FinishCheck did not start the check")
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if cleanSinceClose(path) {
				t.Error("a library closed before its check ended was stamped clean")
			}
		})
	}
}

// The check is deferred only when opening writes nothing into the file:
// a library that needs a migration, is not in WAL mode or is read-only is
// checked at open, so a damaged one is found damaged at open and neither
// migrated nor switched to WAL.
func TestCheckAtOpenWhenOpeningWrites(t *testing.T) {
	cases := []struct {
		name string
		prep func(t *testing.T, path string)
	}{
		{"migration pending", func(t *testing.T, path string) {
			rawExec(t, path, fmt.Sprintf(`DELETE FROM schema_migrations WHERE version = %d`, SchemaVersion()))
		}},
		{"not in WAL mode", func(t *testing.T, path string) {
			rawExec(t, path, `PRAGMA journal_mode = DELETE`)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// Sound: checked at open, so no check is left pending, and
			// the open brings the file up to date.
			path := uncleanLibrary(t)
			tc.prep(t, path)
			touch(t, path)
			var deferred atomic.Bool
			s, err := Open(path, WithDeferredCheck(), withCheckHook(func() { deferred.Store(true) }))
			if err != nil {
				t.Fatal(err)
			}
			if s.CheckPending() || deferred.Load() {
				t.Error("the check was deferred for a library that opening writes into")
			}
			if err := s.SetRead(context.Background(), 1, true); err != nil {
				t.Error(err)
			}
			s.Close()

			// Damaged: found at open, and the file left as it was.
			path = damageLibrary(t)
			tc.prep(t, path)
			touch(t, path)
			before := fileSum(t, path)
			s, err = Open(path, WithDeferredCheck())
			if err == nil {
				if s.Damaged() == "" || s.CheckPending() {
					t.Errorf("damaged %q, pending %v: the damage was not found at open", s.Damaged(), s.CheckPending())
				}
				s.Close()
			} else if !errors.Is(err, ErrDamaged) && !errors.Is(err, ErrReadOnly) {
				t.Errorf("open: %v, want the library served damaged, or refused as needing an upgrade it cannot get", err)
			}
			if fileSum(t, path) != before {
				t.Error("opening wrote into a damaged library")
			}
		})
	}
}

// Without the option, and for commands, the check stays at open.
func TestCheckAtOpenByDefault(t *testing.T) {
	path := damageLibrary(t)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Damaged() == "" || s.CheckPending() {
		t.Errorf("damaged %q, pending %v: want the damage found at open", s.Damaged(), s.CheckPending())
	}
	if err := s.FinishCheck(context.Background()); err != nil {
		t.Errorf("FinishCheck without a deferred check: %v", err)
	}
}

// TestEveryWriteAwaitsTheCheck: every write into the library goes through
// beginWrite or execWrite, which hold it for a deferred check, so a write
// added later cannot slip into an unchecked file. The checkpointer copies
// only what such writes logged.
func TestEveryWriteAwaitsTheCheck(t *testing.T) {
	allowed := map[string]bool{"deferred_check.go": true, "checkpoint.go": true}
	fset := gotoken.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || allowed[name] {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			switch sel.Sel.Name {
			case "BeginTx", "Begin", "ExecContext", "Exec":
			default:
				return true
			}
			if db, ok := sel.X.(*ast.SelectorExpr); ok && db.Sel.Name == "db" {
				if recv, ok := db.X.(*ast.Ident); ok && recv.Name == "s" {
					t.Errorf("%s: s.db.%s writes into the library without waiting for its check; use beginWrite or execWrite",
						fset.Position(call.Pos()), sel.Sel.Name)
				}
			}
			return true
		})
	}
}
