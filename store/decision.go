package store

import (
	"context"
	"database/sql"
	"fmt"

	parallax "github.com/parallax-news/parallax"
)

// SetDecision records the analyst's judgement of one flag, replacing any
// earlier one for the same key.
func (s *Store) SetDecision(ctx context.Context, d parallax.Decision) error {
	if d.Key == "" {
		return fmt.Errorf("store: decision: empty flag key")
	}
	switch d.Status {
	case parallax.StatusOpen, parallax.StatusConfirmed, parallax.StatusDismissed:
	default:
		return fmt.Errorf("store: decision: unknown status %q", d.Status)
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return s.fail("save decision", err)
	}
	defer tx.Rollback()
	var story any
	if d.StoryID != 0 {
		story = d.StoryID
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO decision (key, story_id, status, note, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET story_id = excluded.story_id, status = excluded.status,
			note = excluded.note, updated_at = excluded.updated_at`,
		d.Key, story, string(d.Status), d.Note, formatTime(s.now().UTC()))
	if err != nil {
		return s.fail("save decision", err)
	}
	if err := tx.Commit(); err != nil {
		return s.fail("save decision", err)
	}
	return nil
}

// Decisions returns the decisions made in a story, by flag key.
func (s *Store) Decisions(ctx context.Context, storyID int64) (map[string]parallax.Decision, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT key, status, note, updated_at FROM decision WHERE story_id = ?`, storyID)
	if err != nil {
		return nil, s.fail("read decisions", err)
	}
	defer rows.Close()
	out := map[string]parallax.Decision{}
	for rows.Next() {
		d := parallax.Decision{StoryID: storyID}
		var status, updated string
		if err := rows.Scan(&d.Key, &status, &d.Note, &updated); err != nil {
			return nil, s.fail("read decisions", err)
		}
		d.Status = parallax.FlagStatus(status)
		d.UpdatedAt, _ = parseTime(updated)
		out[d.Key] = d
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail("read decisions", err)
	}
	return out, nil
}

// MoveDecisions puts the decisions with the given flag keys in story
// storyID (undoing a merge takes back the decisions it carried over).
// Keys with no decision are skipped.
func (s *Store) MoveDecisions(ctx context.Context, storyID int64, keys []string) error {
	return s.inTx(ctx, fmt.Sprintf("move decisions to story %d", storyID), func(tx *sql.Tx) error {
		if err := storyExists(ctx, tx, storyID); err != nil {
			return err
		}
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, `UPDATE decision SET story_id = ? WHERE key = ?`, storyID, k); err != nil {
				return err
			}
		}
		return nil
	})
}
