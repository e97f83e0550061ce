package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	parallax "github.com/parallax-news/parallax"
)

// CachedComparison returns the comparison stored for a story under key, or
// ErrNotFound when there is none or it was made for another key (another
// set of versions or engine).
func (s *Store) CachedComparison(ctx context.Context, storyID int64, key string) ([]byte, error) {
	var data []byte
	err := s.db.QueryRowContext(ctx,
		`SELECT data FROM comparison_cache WHERE story_id = ? AND key = ?`, storyID, key).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: comparison of story %d: %w", storyID, ErrNotFound)
	}
	if err != nil {
		return nil, s.fail("read comparison", err)
	}
	return data, nil
}

// PutComparison stores a story's comparison under key, with the keys of its
// flags so that listings can count the open ones.
func (s *Store) PutComparison(ctx context.Context, storyID int64, key string, data []byte, flagKeys []string) error {
	if s.readOnly || !s.checkPassed() {
		// A cache is optional: a read-only or damaged library keeps none,
		// and none is kept while a deferred check has yet to pass, so that
		// a story shown meanwhile does not wait for it.
		return nil
	}
	keys, err := json.Marshal(nonNil(flagKeys))
	if err != nil {
		return fmt.Errorf("store: comparison: %w", err)
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return s.fail("save comparison", err)
	}
	defer tx.Rollback()
	if err := storyExists(ctx, tx, storyID); err != nil {
		return fmt.Errorf("store: save comparison: %w", err)
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO comparison_cache (story_id, key, data, flag_keys, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (story_id) DO UPDATE SET key = excluded.key, data = excluded.data,
			flag_keys = excluded.flag_keys, updated_at = excluded.updated_at`,
		storyID, key, data, string(keys), formatTime(s.now().UTC()))
	if err != nil {
		return s.fail("save comparison", err)
	}
	if err := tx.Commit(); err != nil {
		return s.fail("save comparison", err)
	}
	return nil
}

// OpenFlagCounts counts, per story with a cached comparison, the flags the
// analyst has neither confirmed nor dismissed.
func (s *Store) OpenFlagCounts(ctx context.Context) (map[int64]int, error) {
	return s.openFlagCounts(ctx, nil)
}

// OpenFlagCountsOf is OpenFlagCounts for the stories ids alone (a page of
// the list), reading their cached comparisons and no others.
func (s *Store) OpenFlagCountsOf(ctx context.Context, ids []int64) (map[int64]int, error) {
	if len(ids) == 0 {
		return map[int64]int{}, nil
	}
	return s.openFlagCounts(ctx, ids)
}

// openFlagCounts counts the open flags of stories ids, or of every story
// with a cached comparison when ids is nil.
func (s *Store) openFlagCounts(ctx context.Context, ids []int64) (map[int64]int, error) {
	args := []any{string(parallax.StatusOpen)}
	only := ""
	if ids != nil {
		only = `AND c.story_id IN (` + strings.Repeat(`?,`, len(ids)-1) + `?)`
		for _, id := range ids {
			args = append(args, id)
		}
	}
	rows, err := s.db.QueryContext(ctx, `
		SELECT c.story_id, COUNT(*)
		FROM comparison_cache c, json_each(c.flag_keys) k
		LEFT JOIN decision d ON d.key = k.value
		WHERE (d.status IS NULL OR d.status = ?) `+only+`
		GROUP BY c.story_id`, args...)
	if err != nil {
		return nil, s.fail("count open flags", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, s.fail("count open flags", err)
		}
		out[id] = n
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail("count open flags", err)
	}
	return out, nil
}
