package store

import (
	"context"
	"database/sql"
	"errors"
)

// lockRetries is how many times a write finding the library locked
// (another process importing) is tried before it fails with ErrLocked.
const lockRetries = 3

// checkDuplicate returns a *DuplicateError when an article with this
// content hash is stored.
func (s *Store) checkDuplicate(ctx context.Context, hash string) error {
	return s.scanDuplicate(s.db.QueryRowContext(ctx, `SELECT id, story_id FROM article WHERE hash = ?`, hash), "add article")
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
