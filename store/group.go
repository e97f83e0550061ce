package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// PinArticles records that the analyst placed these articles in their
// current stories by hand.
func (s *Store) PinArticles(ctx context.Context, ids ...int64) error {
	now := formatTime(s.now().UTC())
	for _, id := range ids {
		if _, err := s.db.ExecContext(ctx, `INSERT INTO article_pin (article_id, pinned_at) VALUES (?, ?)
			ON CONFLICT (article_id) DO UPDATE SET pinned_at = excluded.pinned_at`, id, now); err != nil {
			return s.fail(fmt.Sprintf("pin article %d", id), err)
		}
	}
	return nil
}

// Pinned reports whether the analyst placed an article by hand.
func (s *Store) Pinned(ctx context.Context, id int64) (bool, error) {
	var one int
	err := s.db.QueryRowContext(ctx, `SELECT 1 FROM article_pin WHERE article_id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, s.fail("pinned", err)
	}
	return true, nil
}

// SplitStory moves the given articles of a story into a new story titled
// title (the first article's title when empty), pins them, and returns the
// new story. Every article must belong to the story, and at least one must
// stay behind.
func (s *Store) SplitStory(ctx context.Context, storyID int64, articleIDs []int64, title string) (int64, error) {
	what := fmt.Sprintf("split story %d", storyID)
	if len(articleIDs) == 0 {
		return 0, fmt.Errorf("store: %s: no articles given", what)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, s.fail(what, err)
	}
	defer tx.Rollback()
	if err := storyExists(ctx, tx, storyID); err != nil {
		return 0, fmt.Errorf("store: %s: %w", what, err)
	}
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM article WHERE story_id = ?`, storyID).Scan(&total); err != nil {
		return 0, s.fail(what, err)
	}
	seen := map[int64]bool{}
	for _, id := range articleIDs {
		var in int64
		err := tx.QueryRowContext(ctx, `SELECT story_id FROM article WHERE id = ?`, id).Scan(&in)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("store: %s: article %d: %w", what, id, ErrNotFound)
		}
		if err != nil {
			return 0, s.fail(what, err)
		}
		if in != storyID {
			return 0, fmt.Errorf("store: %s: article %d belongs to story %d", what, id, in)
		}
		seen[id] = true
	}
	if len(seen) >= total {
		return 0, fmt.Errorf("store: %s: every article would move; rename the story instead", what)
	}
	if strings.TrimSpace(title) == "" {
		if err := tx.QueryRowContext(ctx, `SELECT title FROM article WHERE id = ?`, articleIDs[0]).Scan(&title); err != nil {
			return 0, s.fail(what, err)
		}
	}
	newID, err := s.insertStory(ctx, tx, title)
	if err != nil {
		return 0, err
	}
	now := formatTime(s.now().UTC())
	for id := range seen {
		if _, err := tx.ExecContext(ctx, `UPDATE article SET story_id = ? WHERE id = ?`, newID, id); err != nil {
			return 0, s.fail(what, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_pin (article_id, pinned_at) VALUES (?, ?)
			ON CONFLICT (article_id) DO UPDATE SET pinned_at = excluded.pinned_at`, id, now); err != nil {
			return 0, s.fail(what, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, s.fail(what, err)
	}
	return newID, nil
}
