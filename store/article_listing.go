package store

import (
	"context"
	"database/sql"
	"strings"
)

// listStoredArticles does, for the articles a transaction stored (ids),
// what migration 016's and 013's triggers did for each as it was added
// (migration 022 moved it here): each story that received some raises
// its newest publication and import dates, and so its place in the story
// list, to its new articles' newest; the listing version moves by the
// number of articles. Once for the transaction: its result is the same as
// the triggers' one article after another, since the newest of the dates
// does not depend on their order.
func (s *Store) listStoredArticles(ctx context.Context, tx *sql.Tx, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	args := idArgs(ids)
	_, err := tx.ExecContext(ctx, `
		UPDATE story SET
			latest_published = coalesce(max(latest_published, k.p), latest_published, k.p),
			latest_imported = coalesce(max(latest_imported, k.i), latest_imported, k.i),
			listed_at = coalesce(max(latest_published, k.p), latest_published, k.p, max(latest_imported, k.i), latest_imported, k.i, listed_at)
		FROM (SELECT a.story_id AS story_id, max(`+listingNanos("a.published")+`) AS p, max(`+listingNanos("a.imported_at")+`) AS i
		      FROM article a WHERE a.id IN (`+placeholders(len(ids))+`)
		      GROUP BY a.story_id) AS k
		WHERE story.id = k.story_id`, args...)
	if err != nil {
		return s.fail("add article: story listing", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE listing_version SET n = n + ?`, len(ids)); err != nil {
		return s.fail("add article: listing version", err)
	}
	return nil
}

// listingNanos is migration 016's expression for a stored date (RFC 3339
// with its zone, or empty) as nanoseconds since 1970, or NULL for none,
// for the SQL column col.
func listingNanos(col string) string {
	return strings.ReplaceAll(`(CASE WHEN COL = '' THEN NULL ELSE strftime('%s', substr(COL, 1, 19) || CASE WHEN substr(COL, -1) = 'Z' THEN 'Z' ELSE substr(COL, -6) END) * 1000000000 + CASE WHEN substr(COL, 20, 1) = '.' THEN CAST(substr(substr(COL, 21, length(COL) - CASE WHEN substr(COL, -1) = 'Z' THEN 21 ELSE 26 END) || '000000000', 1, 9) AS INTEGER) ELSE 0 END END)`, "COL", col)
}
