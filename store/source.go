package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	parallax "github.com/parallax-news/parallax"
)

// upsertSource finds or makes the source row for src; an outlet with
// neither name nor site gives a NULL id.
func (s *Store) upsertSource(ctx context.Context, tx *sql.Tx, src parallax.Source) (sql.NullInt64, error) {
	name, site := strings.TrimSpace(src.Name), strings.ToLower(strings.TrimSpace(src.Site))
	if name == "" && site == "" {
		return sql.NullInt64{}, nil
	}
	if name == "" {
		name = site
	}
	// Most articles come from an outlet already known: look first, as an
	// upsert would rewrite the row's page in every import's commit.
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM source WHERE name = ? AND site = ?`, name, site).Scan(&id)
	if err == nil {
		return sql.NullInt64{Int64: id, Valid: true}, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return sql.NullInt64{}, s.fail("add source "+name, err)
	}
	err = tx.QueryRowContext(ctx, `
		INSERT INTO source (name, site) VALUES (?, ?)
		ON CONFLICT (name, site) DO UPDATE SET name = excluded.name
		RETURNING id`, name, site).Scan(&id)
	if err != nil {
		return sql.NullInt64{}, s.fail("add source "+name, err)
	}
	return sql.NullInt64{Int64: id, Valid: true}, nil
}
