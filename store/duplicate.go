package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"

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
			strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",")+`)`, args...)
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

// lazyStmt is a query prepared at its first use and kept for the Store's
// life: an import asks one for every file it reads, from several
// goroutines.
type lazyStmt struct {
	mu   sync.Mutex
	stmt *sql.Stmt
}

// get returns the statement for query, preparing it on db the first time.
func (l *lazyStmt) get(ctx context.Context, db *sql.DB, query string) (*sql.Stmt, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stmt == nil {
		stmt, err := db.PrepareContext(ctx, query)
		if err != nil {
			return nil, err
		}
		l.stmt = stmt
	}
	return l.stmt, nil
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
