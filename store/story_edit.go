package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// RenameStory changes a story's title.
func (s *Store) RenameStory(ctx context.Context, id int64, title string) error {
	title = strings.TrimSpace(title)
	if title == "" {
		return errors.New("store: rename story: empty title")
	}
	return s.inTx(ctx, fmt.Sprintf("rename story %d", id), func(tx *sql.Tx) error {
		if err := storyExists(ctx, tx, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE story SET title = ? WHERE id = ?`, title, id)
		return err
	})
}

// MoveArticle puts an article into another story and pins it there, so that
// automatic grouping leaves the analyst's choice alone. A story left empty
// is deleted.
func (s *Store) MoveArticle(ctx context.Context, articleID, toStoryID int64) error {
	return s.inTx(ctx, fmt.Sprintf("move article %d", articleID), func(tx *sql.Tx) error {
		from, err := articleStory(ctx, tx, articleID)
		if err != nil {
			return err
		}
		if err := storyExists(ctx, tx, toStoryID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE article SET story_id = ? WHERE id = ?`, toStoryID, articleID); err != nil {
			return err
		}
		if err := pinArticle(ctx, tx, articleID, formatTime(s.now().UTC())); err != nil {
			return err
		}
		return deleteIfEmpty(ctx, tx, from)
	})
}

// MergeStories moves every article of story from into story into, pins
// them, carries the flag decisions over, and deletes story from.
func (s *Store) MergeStories(ctx context.Context, into, from int64) error {
	if into == from {
		return fmt.Errorf("store: merge story %d into itself", into)
	}
	return s.inTx(ctx, fmt.Sprintf("merge story %d into %d", from, into), func(tx *sql.Tx) error {
		for _, id := range []int64{into, from} {
			if err := storyExists(ctx, tx, id); err != nil {
				return err
			}
		}
		now := formatTime(s.now().UTC())
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO article_pin (article_id, pinned_at) SELECT id, ? FROM article WHERE story_id IN (?, ?)
			ON CONFLICT (article_id) DO UPDATE SET pinned_at = excluded.pinned_at`, now, into, from); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE article SET story_id = ? WHERE story_id = ?`, into, from); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE decision SET story_id = ? WHERE story_id = ?`, into, from); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM story WHERE id = ?`, from)
		return err
	})
}

// DeleteArticle removes an article with its paragraphs and notes; its
// search entry goes when the indexer reaches the deletion (queued by a
// trigger, see migration 017). A story left empty is deleted.
func (s *Store) DeleteArticle(ctx context.Context, id int64) error {
	err := s.inTx(ctx, fmt.Sprintf("delete article %d", id), func(tx *sql.Tx) error {
		story, err := articleStory(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM article WHERE id = ?`, id); err != nil {
			return err
		}
		return deleteIfEmpty(ctx, tx, story)
	})
	if err == nil {
		s.index.wrote.Store(true)
		s.index.wake()
	}
	return err
}

// inTx runs fn in one transaction; what names the work in errors.
func (s *Store) inTx(ctx context.Context, what string, fn func(tx *sql.Tx) error) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return s.fail(what, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		if errors.Is(err, ErrNotFound) {
			return fmt.Errorf("store: %s: %w", what, err)
		}
		return s.fail(what, err)
	}
	if err := tx.Commit(); err != nil {
		return s.fail(what, err)
	}
	return nil
}

func articleStory(ctx context.Context, tx *sql.Tx, articleID int64) (int64, error) {
	var story int64
	err := tx.QueryRowContext(ctx, `SELECT story_id FROM article WHERE id = ?`, articleID).Scan(&story)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("article %d: %w", articleID, ErrNotFound)
	}
	return story, err
}

func pinArticle(ctx context.Context, q querier, articleID int64, now string) error {
	_, err := q.ExecContext(ctx, `INSERT INTO article_pin (article_id, pinned_at) VALUES (?, ?)
		ON CONFLICT (article_id) DO UPDATE SET pinned_at = excluded.pinned_at`, articleID, now)
	return err
}

// deleteIfEmpty deletes a story that no article belongs to any more.
func deleteIfEmpty(ctx context.Context, tx *sql.Tx, storyID int64) error {
	_, err := tx.ExecContext(ctx, `
		DELETE FROM story WHERE id = ? AND NOT EXISTS (SELECT 1 FROM article WHERE story_id = ?)`,
		storyID, storyID)
	return err
}

// PinArticles records that the analyst placed these articles in their
// current stories by hand.
func (s *Store) PinArticles(ctx context.Context, ids ...int64) error {
	now := formatTime(s.now().UTC())
	for _, id := range ids {
		if err := pinArticle(ctx, s.db, id, now); err != nil {
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
	tx, err := s.beginWrite(ctx)
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
		in, err := articleStory(ctx, tx, id)
		if errors.Is(err, ErrNotFound) {
			return 0, fmt.Errorf("store: %s: %w", what, err)
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
		if err := pinArticle(ctx, tx, id, now); err != nil {
			return 0, s.fail(what, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, s.fail(what, err)
	}
	return newID, nil
}
