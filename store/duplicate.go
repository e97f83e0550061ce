package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"sync"
	"time"

	parallax "github.com/parallax-news/parallax"
)

// lockRetries is how many times a write finding the library locked
// (another process importing) is tried before it fails with ErrLocked.
const lockRetries = 3

// duplicateLookup bounds the hashes looked up in one query, well under
// SQLite's variable limit.
const duplicateLookup = 256

// markDuplicates sets errs[i] to a *DuplicateError for each article of
// work (not yet refused) whose content hash the library already holds.
// A batch is looked up in a few queries, not one per article.
func (s *Store) markDuplicates(ctx context.Context, work []parallax.Article, errs []error) error {
	return s.findDuplicates(ctx, s.db, work, errs, func(i int, dup *DuplicateError) { errs[i] = dup })
}

// findDuplicates calls found for each article of work (not yet refused)
// whose content hash the library holds, as q sees it.
func (s *Store) findDuplicates(ctx context.Context, q rowsQuerier, work []parallax.Article, errs []error, found func(i int, dup *DuplicateError)) error {
	var at []int
	for i := range work {
		if errs[i] == nil {
			at = append(at, i)
		}
	}
	for len(at) > 0 {
		chunk := at[:min(len(at), duplicateLookup)]
		at = at[len(chunk):]
		args := make([]any, len(chunk))
		for k, i := range chunk {
			args[k] = work[i].Hash
		}
		rows, err := q.QueryContext(ctx, `SELECT hash, id, story_id FROM article WHERE hash IN (`+
			placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return s.fail("add article", err)
		}
		known := map[string]*DuplicateError{}
		for rows.Next() {
			var hash string
			var dup DuplicateError
			if err := rows.Scan(&hash, &dup.ID, &dup.StoryID); err != nil {
				rows.Close()
				return s.fail("add article", err)
			}
			known[hash] = &dup
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return s.fail("add article", err)
		}
		for _, i := range chunk {
			if dup, ok := known[work[i].Hash]; ok {
				found(i, dup)
			}
		}
	}
	return nil
}

// knownRawQuery finds the article imported from the original bytes whose
// SHA-256 is given.
const knownRawQuery = `SELECT a.id, a.story_id FROM article_raw_hash r JOIN article a ON a.id = r.article_id
	WHERE r.hash = ?`

// RawLookup is KnownRawSum for the files of one import, asked from the
// goroutines that read them: on one connection of its own, opened at the
// first question, with its query prepared once. Through the pool each
// reading goroutine took a connection of its own, and each new connection
// reads and parses the whole schema and prepares its statements again.
//
// Up to rawLookupSnapshot questions in a row are answered from one read
// transaction. Each transaction of its own began by finding that the
// import had changed the library since the last (it commits while the
// files are read), so the connection dropped its cache and read its pages
// again, a system call each: 500 files took 32 ms of CPU for their
// questions. An answer is at worst a few files behind the library, which
// only costs a parse: a file found new here and stored meanwhile is still
// refused as a duplicate by its content, in the transaction that would
// store it.
type RawLookup struct {
	s    *Store
	mu   sync.Mutex
	conn *sql.Conn
	stmt *sql.Stmt
	// open: a read transaction is open on conn, which has answered asked
	// questions, the last at last. idle ends it once no question comes.
	open  bool
	asked int
	last  time.Time
	idle  *time.Timer
}

// rawLookupSnapshot is how many questions one read transaction of a
// RawLookup answers; rawLookupIdle how long it stays open without one
// (an open read transaction keeps the log from being copied back past
// it).
const (
	rawLookupSnapshot = 32
	rawLookupIdle     = 20 * time.Millisecond
)

// NewRawLookup starts a RawLookup; Close gives its connection back.
func (s *Store) NewRawLookup() *RawLookup { return &RawLookup{s: s} }

// Known is KnownRawSum: a *DuplicateError when an article imported from
// the bytes whose SHA-256 is sum is stored, nil when none is.
func (l *RawLookup) Known(ctx context.Context, sum [sha256.Size]byte) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stmt == nil {
		conn, err := l.s.db.Conn(ctx)
		if err != nil {
			return l.s.fail("known article", err)
		}
		stmt, err := conn.PrepareContext(ctx, knownRawQuery)
		if err != nil {
			conn.Close()
			return l.s.fail("known article", err)
		}
		l.conn, l.stmt = conn, stmt
	}
	if !l.open {
		// BEGIN alone is deferred whatever the connection's default: a
		// read transaction, taken by the first query.
		if _, err := l.conn.ExecContext(ctx, `BEGIN DEFERRED`); err != nil {
			return l.s.fail("known article", err)
		}
		l.open, l.asked = true, 0
	}
	err := l.s.scanDuplicate(l.stmt.QueryRowContext(ctx, sum[:]), "known article")
	l.asked++
	l.last = time.Now()
	if l.asked >= rawLookupSnapshot || (err != nil && !errors.Is(err, ErrDuplicate)) {
		if endErr := l.end(); err == nil {
			err = endErr
		}
	} else if l.idle == nil {
		l.idle = time.AfterFunc(rawLookupIdle, l.endIdle)
	} else {
		l.idle.Reset(rawLookupIdle)
	}
	return err
}

// end ends the open read transaction; the caller holds l.mu.
func (l *RawLookup) end() error {
	if !l.open {
		return nil
	}
	l.open = false
	if _, err := l.conn.ExecContext(context.Background(), `COMMIT`); err != nil {
		return l.s.fail("known article", err)
	}
	return nil
}

// endIdle ends the read transaction when no question came for
// rawLookupIdle.
func (l *RawLookup) endIdle() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open && time.Since(l.last) >= rawLookupIdle {
		l.end()
	}
}

// Close gives the lookup's connection back to the library.
func (l *RawLookup) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.idle != nil {
		l.idle.Stop()
	}
	if l.stmt == nil {
		return nil
	}
	endErr := l.end()
	l.stmt.Close()
	err := l.conn.Close()
	l.conn, l.stmt = nil, nil
	return errors.Join(endErr, err)
}

// scanDuplicate reads a row of (article id, story id) into a *DuplicateError;
// no row is no duplicate.
func (s *Store) scanDuplicate(row *sql.Row, what string) error {
	var dup DuplicateError
	err := row.Scan(&dup.ID, &dup.StoryID)
	switch {
	case err == nil:
		return &dup
	case errors.Is(err, sql.ErrNoRows):
		return nil
	default:
		return s.fail(what, err)
	}
}
