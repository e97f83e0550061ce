// Package store keeps the Parallax library in one SQLite file: sources,
// stories, articles with their original bytes and typed paragraphs, and a
// full-text index over titles and bodies. It is the only package that
// speaks SQL.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/mattn/go-sqlite3"
)

// Errors callers can test for with errors.Is.
var (
	// ErrNotFound says the asked-for row does not exist.
	ErrNotFound = errors.New("not found")
	// ErrDuplicate says an article with the same content is already stored.
	ErrDuplicate = errors.New("already in the library")
	// ErrLocked says another process held the library for longer than the
	// busy timeout.
	ErrLocked = errors.New("library is locked by another process")
	// ErrNotLibrary says the file is not a SQLite database, is damaged, or
	// is a database made by something other than Parallax.
	ErrNotLibrary = errors.New("not a Parallax library")
	// ErrReadOnly says the library was opened read-only (the user may not
	// write the file or its folder), so nothing can be changed in it.
	ErrReadOnly = errors.New("library is read-only")
	// ErrDamaged says the library failed SQLite's check after an unclean
	// close (at open, or deferred: WithDeferredCheck); it serves what it
	// can read and nothing is written into it.
	ErrDamaged = errors.New("library is damaged")
)

// DefaultBusyTimeout is how long a write waits for another process holding
// the library before it fails with ErrLocked.
const DefaultBusyTimeout = 5 * time.Second

// Store is an open library.
type Store struct {
	db          *sql.DB
	path        string
	busyTimeout time.Duration
	now         func() time.Time
	// ckpt checkpoints the write-ahead log in the background;
	// sinceCheckpoint counts the articles stored since it was started.
	ckpt            *checkpointer
	sinceCheckpoint atomic.Int64
	// recentCompact is set once the recent postings are known to be
	// binary (CompactRecentPostings), which they then stay.
	recentCompact atomic.Bool
	// pending is the filings not yet written into the grouping's tables,
	// as read (group_pending.go).
	pending pendingOverlay
	// index is the search index's own file (search_index.go).
	index *searchIndex
	// noticeTo tells the user of something done on their behalf (the
	// search index built again); see WithNotice and SetNotice.
	noticeTo atomic.Pointer[func(string)]
	// indexProgress, when set, hears how far building the search index
	// again has come; see SetIndexProgress.
	indexProgress atomic.Pointer[func(done, total int)]
	// searchCandidates and frequencySample replace the constants of the
	// same names when set (tests use small ones).
	searchCandidates, frequencySample int
	// readOnly is set when the file or its folder cannot be written: the
	// library serves reads and refuses writes with ErrReadOnly.
	readOnly bool
	// damaged holds what the check at open found wrong ("" when sound).
	damaged string
	// deferCheck: WithDeferredCheck was given. check is the check Open
	// left to run after it (nil: none); see deferred_check.go.
	deferCheck bool
	check      *deferredCheck
	// testHookBeforeFeatures, when set, runs as AddArticles is about to
	// store an article's grouping features.
	testHookBeforeFeatures func()
	// testHookIndexer, when set, runs on the indexer's thread as it
	// starts (true) and ends (false).
	testHookIndexer func(start bool)
	// testHookCheck, when set, runs on the deferred check's goroutine
	// before the check.
	testHookCheck func()
	// testHookClosed, when set, runs in Close once the library's
	// connections are closed.
	testHookClosed func()
}

// Damaged says why the library failed its check, at open or deferred
// (WithDeferredCheck), or "" when it passed or has yet to end.
func (s *Store) Damaged() string {
	if c := s.check; c != nil && c.ended() {
		return c.found
	}
	return s.damaged
}

// ReadOnly reports whether the library was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// Option changes how Open opens a library.
type Option func(*Store)

// WithBusyTimeout sets how long to wait for another process holding the
// library (DefaultBusyTimeout when not given).
func WithBusyTimeout(d time.Duration) Option {
	return func(s *Store) { s.busyTimeout = d }
}

// WithNotice sets where the store reports what it does on the user's
// behalf that takes time or replaces a file (building the search index
// again); by default a line on standard error.
func WithNotice(f func(msg string)) Option {
	return func(s *Store) { s.noticeTo.Store(&f) }
}

// SetNotice replaces where the store reports what it does on the user's
// behalf (see WithNotice); a window that opened the library sets it once
// it can show the messages. Safe while the store works.
func (s *Store) SetNotice(f func(msg string)) {
	if f == nil {
		f = noticeOnStderr
	}
	s.noticeTo.Store(&f)
}

// notice reports msg where SetNotice or WithNotice said.
func (s *Store) notice(msg string) { (*s.noticeTo.Load())(msg) }

// SetIndexProgress sets what hears, while the search index is built again
// from the library, how many of its articles are done (nil: nothing).
// Safe while the store works.
func (s *Store) SetIndexProgress(f func(done, total int)) {
	if f == nil {
		s.indexProgress.Store(nil)
		return
	}
	s.indexProgress.Store(&f)
}

// reportIndexProgress tells SetIndexProgress's function, if any, that done
// of total articles are indexed.
func (s *Store) reportIndexProgress(done, total int) {
	if f := s.indexProgress.Load(); f != nil {
		(*f)(done, total)
	}
}

func noticeOnStderr(msg string) { fmt.Fprintln(os.Stderr, "parallax: "+msg) }

// sqliteMagic opens every SQLite database file.
const sqliteMagic = "SQLite format 3\x00"

// Open opens the library at path, creating the file (and its folder) when
// it does not exist and bringing its schema up to date. It refuses, without
// writing to it, a file that is not a Parallax library.
func Open(path string, opts ...Option) (*Store, error) {
	s := &Store{path: path, busyTimeout: DefaultBusyTimeout, now: time.Now}
	s.SetNotice(nil)
	for _, o := range opts {
		o(s)
	}
	if path == "" {
		return nil, errors.New("store: open: no library path given")
	}
	writable, err := checkLibraryFile(path)
	if err != nil {
		return nil, err
	}
	s.readOnly = !writable
	err = s.openDB()
	var damage *damageError
	if errors.As(err, &damage) {
		// Serve what can be read; write nothing into it.
		s.readOnly, s.damaged = true, damage.found
		err = s.openDB()
	}
	if err != nil && !s.readOnly && errors.Is(err, ErrReadOnly) {
		// The file is writable but its folder is not (the write-ahead log
		// cannot be created beside it): serve reads.
		s.readOnly = true
		err = s.openDB()
		if err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, err
	}
	return s, nil
}

// openDB opens the database and checks it, read-only when s.readOnly.
func (s *Store) openDB() error {
	err := s.openDSN(dsn(s.path, s.busyTimeout, s.readOnly))
	if err != nil && s.readOnly && !hasLog(s.path) {
		// A read-only connection to a WAL library needs its shared-memory
		// file, which a folder the user cannot write cannot hold. With no
		// log beside the file, everything is in the file itself, and it
		// can be read as a fixed snapshot.
		err = s.openDSN(dsn(s.path, s.busyTimeout, s.readOnly) + "&immutable=1")
	}
	return err
}

func (s *Store) openDSN(dsn string) error {
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		return fmt.Errorf("store: open %s: %w", s.path, err)
	}
	s.db = db
	if err := s.init(context.Background()); err != nil {
		release := func() {}
		var damage *damageError
		if errors.As(err, &damage) {
			// The last connection to close would copy a crash's log
			// into the damaged file.
			release = s.holdLog()
		}
		db.Close()
		release()
		return err
	}
	return nil
}

// hasLog reports whether a write-ahead log with content lies beside path.
func hasLog(path string) bool {
	st, err := os.Stat(path + "-wal")
	return err == nil && st.Size() > 0
}

// checkLibraryFile refuses a path that exists but cannot be a SQLite
// database, before SQLite gets a chance to touch it, and reports whether
// the user may write it. A missing file is created empty (SQLite reads an
// empty file as an empty database), with its folder, so that a folder the
// user cannot write is named as the problem.
func checkLibraryFile(path string) (writable bool, err error) {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		dir := filepath.Dir(path)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return false, fmt.Errorf("store: cannot create library %s: %w", path, err)
		}
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			return checkLibraryFile(path) // another process made it first
		}
		if err != nil {
			return false, fmt.Errorf("store: cannot create library %s in folder %s: %w", filepath.Base(path), dir, unwrapPath(err))
		}
		return true, f.Close()
	}
	if err != nil {
		return false, fmt.Errorf("store: open %s: %w", path, err)
	}
	if !st.Mode().IsRegular() {
		return false, fmt.Errorf("store: open %s: not a regular file: %w", path, ErrNotLibrary)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, os.ErrPermission) {
		writable = false
		f, err = os.Open(path)
	} else {
		writable = true
	}
	if err != nil {
		return false, fmt.Errorf("store: open %s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	if st.Size() == 0 {
		return writable, nil // SQLite treats an empty file as an empty database
	}
	if !hasSQLiteHeader(f) {
		return false, fmt.Errorf("store: open %s: the file is not a SQLite database (left untouched): %w", path, ErrNotLibrary)
	}
	return writable, nil
}

// hasSQLiteHeader says whether r starts with a whole SQLite header (100
// bytes, the first of them SQLite's magic string).
func hasSQLiteHeader(r io.Reader) bool {
	head := make([]byte, 100)
	_, err := io.ReadFull(r, head)
	return err == nil && bytes.HasPrefix(head, []byte(sqliteMagic))
}

// unwrapPath drops the operation and path an *os.PathError repeats, so a
// message names the path once.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// dsn builds the go-sqlite3 connection string. Every connection gets the
// same settings:
func dsn(path string, busy time.Duration, readOnly bool) string {
	// NORMAL is durable across application crashes in WAL mode and skips
	// an fsync per commit.
	return dsnSync(path, busy, readOnly, "NORMAL")
}

// dsnSync is dsn with SQLite's synchronous setting given (the search
// index, a cache of the library, takes OFF).
func dsnSync(path string, busy time.Duration, readOnly bool, synchronous string) string {
	// SQLite decodes %XX in file: URIs; escape what would end the path.
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	params := []string{
		// foreign keys keep paragraphs and articles from pointing nowhere.
		"_foreign_keys=1",
		"_synchronous=" + synchronous,
		// a writer waits this long for another process before giving up.
		fmt.Sprintf("_busy_timeout=%d", busy.Milliseconds()),
		// take the write lock at BEGIN, so waiting happens under the busy
		// timeout instead of failing on a read-to-write upgrade.
		"_txlock=immediate",
		// reuse prepared statements: an import runs the same few per file.
		"_stmt_cache_size=32",
	}
	if readOnly {
		// the user may not write the file: SQLite must not try.
		params = append(params, "mode=ro")
	}
	return "file:" + esc + "?" + strings.Join(params, "&")
}

// init checks that the database is a Parallax library (or empty) and
// applies pending migrations.
func (s *Store) init(ctx context.Context) error {
	var foreign, ours, oldIndex int
	err := s.db.QueryRowContext(ctx, `
		SELECT count(*) FILTER (WHERE name NOT LIKE 'sqlite_%'),
		       count(*) FILTER (WHERE name = 'schema_migrations'),
		       count(*) FILTER (WHERE type = 'table' AND name = 'article_fts')
		FROM sqlite_master`).Scan(&foreign, &ours, &oldIndex)
	if err != nil {
		return s.fail("open "+s.path, err)
	}
	if foreign > 0 && ours == 0 {
		return fmt.Errorf("store: open %s: a SQLite database of another application (left untouched): %w", s.path, ErrNotLibrary)
	}
	// A library not closed cleanly is checked before anything is written
	// into it: here, or after Open when opening writes nothing and the
	// caller asked for that (deferred_check.go).
	s.check = nil
	if s.damaged == "" && !cleanSinceClose(s.path) {
		if s.canDeferCheck(ctx, ours > 0, oldIndex > 0) {
			s.check = newDeferredCheck()
		} else if found, err := s.quickCheck(ctx); err != nil {
			return err
		} else if found != "" {
			return &damageError{path: s.path, found: found}
		}
	}
	if s.readOnly {
		if err := s.checkSchemaReadOnly(ctx); err != nil {
			return err
		}
		return s.openSearchIndex(ctx)
	}
	// WAL lets the window read while an import writes, and makes each
	// small per-file transaction cheap. It is a property of the file, set
	// here rather than in the DSN so that a refused file is never touched.
	var mode string
	if err := s.db.QueryRowContext(ctx, `PRAGMA journal_mode = WAL`).Scan(&mode); err != nil {
		return s.fail("open "+s.path, err)
	}
	if mode != "wal" {
		return fmt.Errorf("store: open %s: cannot use write-ahead logging (journal mode %q)", s.path, mode)
	}
	if err := s.migrate(ctx); err != nil {
		return err
	}
	if err := s.openSearchIndex(ctx); err != nil {
		return err
	}
	if err := s.moveSearchIndexOut(ctx); err != nil {
		s.index.db.Close()
		return err
	}
	s.startCheckpointer()
	// Index in the background what an earlier process left queued.
	s.startIndexer()
	return nil
}

// Path is the library file.
func (s *Store) Path() string { return s.path }

// Close closes the library; when this Store stored or deleted articles,
// the search index is brought up to date first.
func (s *Store) Close() error {
	s.stopCheck()
	s.checkpointSoon()
	flushErr := s.flushSearchIndex()
	// The index file and the library are closed at once, each copying
	// its log back into its file on a core of its own: one after the
	// other, they were the last milliseconds of every import.
	indexClosed := make(chan struct{})
	go func() {
		defer close(indexClosed)
		s.closeSearchIndexFile()
	}()
	s.stopCheckpointer()
	release := s.holdLogUnlessPassed()
	err := s.db.Close()
	release()
	<-indexClosed
	if h := s.testHookClosed; h != nil {
		h()
	}
	if err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	if !s.readOnly && s.damaged == "" && s.checkPassed() {
		if hasLog(s.path) {
			s.closeLog()
		}
		markClean(s.path)
	}
	return flushErr
}

// closeLog copies the write-ahead log into the library and removes it,
// which the last connection to close does, unless a context cancelled
// while it ran a statement left SQLite's interrupt flag set on it (the
// driver interrupts from a goroutine of its own, which can fire just
// after the statement ended): the flag then stops the checkpoint at close,
// the log stays, and the next open takes the library for one a crash left
// (its quick check, no clean stamp). A fresh connection, opened and
// closed, does it again; with another process holding the library it is
// not the last, and leaves the log to that one.
func (s *Store) closeLog() {
	db, err := sql.Open(driverName, dsn(s.path, s.busyTimeout, false))
	if err != nil {
		return
	}
	var n int
	db.QueryRow(`SELECT count(*) FROM sqlite_master`).Scan(&n)
	db.Close()
}

// fail wraps err for the operation what, turning SQLite's busy and
// corruption codes into ErrLocked and ErrNotLibrary.
func (s *Store) fail(what string, err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return fmt.Errorf("store: %s: %w (waited %s)", what, ErrLocked, s.busyTimeout)
		case sqlite3.ErrReadonly:
			if s.damaged != "" {
				return fmt.Errorf("store: %s: %w (%s); nothing is written into it", what, ErrDamaged, s.damaged)
			}
			return fmt.Errorf("store: %s: %w (the file or its folder cannot be written)", what, ErrReadOnly)
		case sqlite3.ErrNotADB, sqlite3.ErrCorrupt:
			return fmt.Errorf("store: %s: %v: %w", what, err, ErrNotLibrary)
		}
	}
	return fmt.Errorf("store: %s: %w", what, err)
}

// Check runs SQLite's full integrity check and returns what it found wrong
// (nothing for a sound library).
func (s *Store) Check(ctx context.Context) ([]string, error) {
	return s.integrity(ctx, `PRAGMA integrity_check(100)`)
}

// quickCheckBudget bounds the check at open: SQLite's quick check reads
// every page (about 5 s for a 1 GB library), and every CLI command opens
// the library. A library it cannot finish within the budget is opened
// unchecked, and Check is there for the full check.
const quickCheckBudget = 750 * time.Millisecond

// quickCheck runs SQLite's quick check (every page read, no index
// cross-check) and says what it found wrong, or "" when the library is
// sound or the check ran out of time.
func (s *Store) quickCheck(ctx context.Context) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, quickCheckBudget)
	defer cancel()
	found, err := s.integrity(ctx, `PRAGMA quick_check(3)`)
	if ctx.Err() != nil {
		return "", nil
	}
	if err != nil {
		var de *damageError
		if errors.Is(err, ErrNotLibrary) && !errors.As(err, &de) {
			return err.Error(), nil
		}
		return "", err
	}
	return strings.Join(found, "; "), nil
}

func (s *Store) integrity(ctx context.Context, pragma string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, pragma)
	if err != nil {
		return nil, s.fail("check "+s.path, err)
	}
	defer rows.Close()
	var found []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, s.fail("check "+s.path, err)
		}
		if line != "ok" {
			found = append(found, line)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail("check "+s.path, err)
	}
	return found, nil
}

// damageError is what the check at open found wrong.
type damageError struct{ path, found string }

func (e *damageError) Error() string {
	return fmt.Sprintf("store: open %s: %v: %s", e.path, ErrDamaged, e.found)
}

func (e *damageError) Unwrap() error { return ErrDamaged }
