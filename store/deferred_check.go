package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
)

// A library not closed cleanly gets SQLite's quick check at open (see
// checked.go), which at 100,000 articles costs the window most of a
// second before its first frame. With WithDeferredCheck, Open leaves the
// check to run after it, when opening writes nothing into the file (no
// migration, already in WAL mode, not read-only): the library serves
// reads at once, every write into it waits for the check, and a check
// that finds damage turns the store into the damaged mode Open would
// have given it, writing nothing. The caller starts the check when it
// suits it (FinishCheck); the first write starts it otherwise. The
// checkpointer copies only what such writes logged; the log a crash left
// is copied into the file by the last connection to close, which Close
// prevents when the check did not pass (holdLogUnlessPassed).

// WithDeferredCheck lets Open leave the check of a library not closed
// cleanly to run after it (see FinishCheck) rather than before it
// returns, when opening writes nothing into the file; otherwise the check
// runs at open as without it.
func WithDeferredCheck() Option {
	return func(s *Store) { s.deferCheck = true }
}

// deferredCheck is the quick check Open left to run later.
type deferredCheck struct {
	ctx    context.Context
	cancel context.CancelFunc // Close stops the check with it
	start  sync.Once
	done   chan struct{} // closed when the check has ended
	// Set before done is closed: what the check found wrong ("" when
	// the library passed, or the check ran out of its budget, as at
	// open), and why it did not end (errCheckStopped when Close stopped
	// it, else its error).
	found string
	err   error
}

// errCheckStopped says the library was closed before its check ended.
var errCheckStopped = errors.New("the library was closed before its check ended")

func newDeferredCheck() *deferredCheck {
	ctx, cancel := context.WithCancel(context.Background())
	return &deferredCheck{ctx: ctx, cancel: cancel, done: make(chan struct{})}
}

// ended reports whether the check has ended; its result may be read then.
func (c *deferredCheck) ended() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// startCheck starts the deferred check, once.
func (s *Store) startCheck() {
	c := s.check
	c.start.Do(func() {
		go func() {
			defer close(c.done)
			if h := s.testHookCheck; h != nil {
				h()
			}
			found, err := s.quickCheck(c.ctx)
			switch {
			case c.ctx.Err() != nil:
				c.err = errCheckStopped
			case err != nil:
				c.err = err
			default:
				c.found = found
			}
		}()
	})
}

// stopCheck ends a deferred check still running, or never started, and
// waits for it (Close).
func (s *Store) stopCheck() {
	c := s.check
	if c == nil {
		return
	}
	c.cancel()
	c.start.Do(func() {
		c.err = errCheckStopped
		close(c.done)
	})
	<-c.done
}

// CheckPending reports whether a check Open deferred (WithDeferredCheck)
// has yet to end.
func (s *Store) CheckPending() bool {
	return s.check != nil && !s.check.ended()
}

// FinishCheck starts the check Open deferred, if it has not started, and
// waits for it or for ctx. It returns nil when the library passed or no
// check was deferred, and an error wrapping ErrDamaged when the check
// found damage: the library then serves reads and refuses every write, as
// one found damaged at open does.
func (s *Store) FinishCheck(ctx context.Context) error {
	if err := s.awaitCheck(ctx); err != nil {
		return fmt.Errorf("store: check %s: %w", s.path, err)
	}
	return nil
}

// awaitCheck holds a write into the library until a deferred check has
// passed, starting the check when it has not started. It fails when ctx
// ends first, when the check found damage (wrapping ErrDamaged) or when
// the check could not run.
func (s *Store) awaitCheck(ctx context.Context) error {
	c := s.check
	if c == nil {
		return nil
	}
	if !c.ended() {
		s.startCheck()
		select {
		case <-c.done:
		case <-ctx.Done():
			return fmt.Errorf("waiting for the library's check: %w", ctx.Err())
		}
	}
	if c.found != "" {
		return fmt.Errorf("%w (%s); nothing is written into it", ErrDamaged, c.found)
	}
	return c.err
}

// checkPassed reports whether the library may be stamped clean at close:
// no check was deferred, or it ran and found nothing wrong.
func (s *Store) checkPassed() bool {
	c := s.check
	return c == nil || (c.ended() && c.found == "" && c.err == nil)
}

// beginWrite is s.db.BeginTx for a transaction that writes into the
// library: it begins once a deferred check has passed. Every write into
// the library goes through it or execWrite (TestEveryWriteAwaitsTheCheck).
func (s *Store) beginWrite(ctx context.Context) (*sql.Tx, error) {
	if err := s.awaitCheck(ctx); err != nil {
		return nil, err
	}
	return s.db.BeginTx(ctx, nil)
}

// execWrite is s.db.ExecContext for a statement that writes into the
// library, run once a deferred check has passed.
func (s *Store) execWrite(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := s.awaitCheck(ctx); err != nil {
		return nil, err
	}
	return s.db.ExecContext(ctx, query, args...)
}

// canDeferCheck reports whether opening the library writes nothing into
// its file, so that its check may wait: it is writable, already in WAL
// mode, needs no migration and keeps no search index inside it (which
// opening moves out); init's look at sqlite_master says whether it has
// schema_migrations and such an index. Anything it cannot read says no:
// the check at open then finds out why.
func (s *Store) canDeferCheck(ctx context.Context, hasMigrations, oldIndex bool) bool {
	if !s.deferCheck || s.readOnly || !hasMigrations || oldIndex || !walHeader(s.path) {
		return false
	}
	pending, err := s.migrationPending(ctx)
	return err == nil && !pending
}

// walHeader reports whether the SQLite file at path is in WAL mode (its
// header's read and write versions are 2), read from the file so that no
// connection's idea of it matters.
func walHeader(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 100)
	if _, err := io.ReadFull(f, head); err != nil {
		return false
	}
	return bytes.HasPrefix(head, []byte(sqliteMagic)) && head[18] == 2 && head[19] == 2
}

// holdLogUnlessPassed keeps a read-only connection to the library open,
// when a deferred check did not pass (found damage, or never ended),
// until the returned function is called: the last connection to close
// copies SQLite's write-ahead log into the file, which would write into a
// damaged or unchecked library. A read-only connection copies nothing,
// so the log stays for the next open, whose check reads it.
func (s *Store) holdLogUnlessPassed() (release func()) {
	if s.readOnly || s.checkPassed() {
		return func() {}
	}
	return s.holdLog()
}

// holdLog keeps a read-only connection to the library open until the
// returned function is called (see holdLogUnlessPassed): the connections
// closed meanwhile leave SQLite's write-ahead log as it is.
func (s *Store) holdLog() (release func()) {
	ctx := context.Background()
	db, err := sql.Open(driverName, dsn(s.path, s.busyTimeout, true))
	if err != nil {
		return func() {}
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return func() {}
	}
	// In WAL mode a connection keeps the shared lock its first read
	// takes, and the last to close is the one that gets the file alone.
	var n int
	conn.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master`).Scan(&n)
	return func() {
		conn.Close()
		db.Close()
	}
}
