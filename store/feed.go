package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	parallax "github.com/parallax-news/parallax"
)

// ErrFeedExists is returned when subscribing to a URL already followed.
var ErrFeedExists = errors.New("already subscribed")

const feedColumns = `f.id, f.url, f.title, f.site_url, f.etag, f.last_modified, f.last_checked,
	f.last_error, f.error_count, f.created_at,
	(SELECT COUNT(*) FROM feed_item i JOIN article a ON a.id = i.article_id WHERE i.feed_id = f.id AND a.read = 0)`

func scanFeed(row interface{ Scan(...any) error }) (parallax.Subscription, error) {
	var f parallax.Subscription
	var checked, created string
	err := row.Scan(&f.ID, &f.URL, &f.Title, &f.SiteURL, &f.ETag, &f.LastModified, &checked,
		&f.LastError, &f.ErrorCount, &created, &f.Unread)
	if err != nil {
		return f, err
	}
	if f.LastChecked, err = parseTime(checked); err != nil {
		return f, fmt.Errorf("feed %d last_checked: %w", f.ID, err)
	}
	if f.CreatedAt, err = parseTime(created); err != nil {
		return f, fmt.Errorf("feed %d created_at: %w", f.ID, err)
	}
	return f, nil
}

// AddFeed subscribes to a feed URL and returns its id; ErrFeedExists
// (with the existing id) when the URL is already followed.
func (s *Store) AddFeed(ctx context.Context, url, title string) (int64, error) {
	url = strings.TrimSpace(url)
	if url == "" {
		return 0, errors.New("store: add feed: empty URL")
	}
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM feed WHERE url = ?`, url).Scan(&id)
	switch {
	case err == nil:
		return id, fmt.Errorf("store: add feed %s: %w (feed %d)", url, ErrFeedExists, id)
	case !errors.Is(err, sql.ErrNoRows):
		return 0, s.fail("add feed", err)
	}
	res, err := s.execWrite(ctx, `INSERT INTO feed (url, title, created_at) VALUES (?, ?, ?)`,
		url, strings.TrimSpace(title), formatTime(s.now().UTC()))
	if err != nil {
		return 0, s.fail("add feed", err)
	}
	if id, err = res.LastInsertId(); err != nil {
		return 0, s.fail("add feed", err)
	}
	return id, nil
}

// Feed reads one subscription.
func (s *Store) Feed(ctx context.Context, id int64) (parallax.Subscription, error) {
	f, err := scanFeed(s.db.QueryRowContext(ctx, `SELECT `+feedColumns+` FROM feed f WHERE f.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return f, fmt.Errorf("store: feed %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return f, s.fail(fmt.Sprintf("feed %d", id), err)
	}
	return f, nil
}

// Feeds lists the subscriptions by title, with their unread counts.
func (s *Store) Feeds(ctx context.Context) ([]parallax.Subscription, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+feedColumns+` FROM feed f
		ORDER BY CASE f.title WHEN '' THEN f.url ELSE f.title END COLLATE NOCASE, f.id`)
	if err != nil {
		return nil, s.fail("feeds", err)
	}
	defer rows.Close()
	var out []parallax.Subscription
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, s.fail("feeds", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail("feeds", err)
	}
	return out, nil
}

// RenameFeed sets a subscription's title.
func (s *Store) RenameFeed(ctx context.Context, id int64, title string) error {
	return s.execOne(ctx, fmt.Sprintf("rename feed %d", id), `UPDATE feed SET title = ? WHERE id = ?`, strings.TrimSpace(title), id)
}

// RemoveFeed unsubscribes. The articles already imported from it stay.
func (s *Store) RemoveFeed(ctx context.Context, id int64) error {
	return s.execOne(ctx, fmt.Sprintf("remove feed %d", id), `DELETE FROM feed WHERE id = ?`, id)
}

func (s *Store) execOne(ctx context.Context, what, query string, args ...any) error {
	res, err := s.execWrite(ctx, query, args...)
	if err != nil {
		return s.fail(what, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return s.fail(what, err)
	} else if n == 0 {
		return fmt.Errorf("store: %s: %w", what, ErrNotFound)
	}
	return nil
}

// SaveFeedState records a subscription's title, validators and error state
// after a refresh (part of the feed refresh).
func (s *Store) SaveFeedState(ctx context.Context, f parallax.Subscription) error {
	return s.execOne(ctx, fmt.Sprintf("save feed %d", f.ID), `UPDATE feed SET title = ?, site_url = ?, etag = ?,
		last_modified = ?, last_checked = ?, last_error = ?, error_count = ? WHERE id = ?`,
		f.Title, f.SiteURL, f.ETag, f.LastModified, formatTime(f.LastChecked.UTC()), f.LastError, f.ErrorCount, f.ID)
}

// FeedItem returns the article a feed item was stored as and the hash of
// its newest text (part of the feed refresh).
func (s *Store) FeedItem(ctx context.Context, feedID int64, guid string) (int64, string, bool, error) {
	var id sql.NullInt64
	var hash string
	err := s.db.QueryRowContext(ctx, `SELECT article_id, hash FROM feed_item WHERE feed_id = ? AND guid = ?`,
		feedID, guid).Scan(&id, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", false, nil
	}
	if err != nil {
		return 0, "", false, s.fail("feed item", err)
	}
	return id.Int64, hash, true, nil
}

// AddFeedItem remembers that a feed's item guid was stored as article
// articleID, whose text has hash.
func (s *Store) AddFeedItem(ctx context.Context, feedID int64, guid string, articleID int64, hash string) error {
	now := formatTime(s.now().UTC())
	_, err := s.execWrite(ctx, `INSERT INTO feed_item (feed_id, guid, article_id, hash, first_seen, last_seen)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (feed_id, guid) DO UPDATE SET article_id = excluded.article_id, hash = excluded.hash, last_seen = excluded.last_seen`,
		feedID, guid, articleID, hash, now, now)
	if err != nil {
		return s.fail("add feed item", err)
	}
	return nil
}

// Revision is one text an article had, stamped with when it was seen.
type Revision struct {
	ID        int64 // 0 for the text first imported
	ArticleID int64
	SeenAt    time.Time
	Title     string
	Text      string
	Hash      string
}

// AddRevision keeps a changed text of an article, seen at seen, and makes
// it the text the article's feed item is compared against (part of
// the feed refresh). A text already kept is not stored twice.
func (s *Store) AddRevision(ctx context.Context, articleID int64, a *parallax.Article, seen time.Time) error {
	if a.Hash == "" {
		a.Hash = ContentHash(a.Text)
	}
	raw := a.Raw
	if raw == nil {
		raw = []byte{}
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return s.fail("add revision", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO article_revision (article_id, seen_at, title, text, hash, raw)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (article_id, hash) DO NOTHING`,
		articleID, formatTime(seen.UTC()), a.Title, a.Text, a.Hash, raw); err != nil {
		return s.fail(fmt.Sprintf("add revision of article %d", articleID), err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE feed_item SET hash = ?, last_seen = ? WHERE article_id = ?`,
		a.Hash, formatTime(seen.UTC()), articleID); err != nil {
		return s.fail(fmt.Sprintf("add revision of article %d", articleID), err)
	}
	if err := tx.Commit(); err != nil {
		return s.fail("add revision", err)
	}
	return nil
}

// Revisions returns every text an article has had, oldest first: the text
// first imported (ID 0, seen when imported), then each later one.
func (s *Store) Revisions(ctx context.Context, articleID int64) ([]Revision, error) {
	var first Revision
	var imported string
	err := s.db.QueryRowContext(ctx, `SELECT a.title, `+articleText+`, a.hash, a.imported_at FROM article a WHERE a.id = ?`, articleID).
		Scan(&first.Title, &first.Text, &first.Hash, &imported)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: revisions of article %d: %w", articleID, ErrNotFound)
	}
	if err != nil {
		return nil, s.fail("revisions", err)
	}
	first.ArticleID = articleID
	if first.SeenAt, err = parseTime(imported); err != nil {
		return nil, fmt.Errorf("store: article %d imported_at: %w", articleID, err)
	}
	out := []Revision{first}
	rows, err := s.db.QueryContext(ctx, `SELECT id, seen_at, title, text, hash FROM article_revision
		WHERE article_id = ? ORDER BY seen_at, id`, articleID)
	if err != nil {
		return nil, s.fail("revisions", err)
	}
	defer rows.Close()
	for rows.Next() {
		r := Revision{ArticleID: articleID}
		var seen string
		if err := rows.Scan(&r.ID, &seen, &r.Title, &r.Text, &r.Hash); err != nil {
			return nil, s.fail("revisions", err)
		}
		if r.SeenAt, err = parseTime(seen); err != nil {
			return nil, fmt.Errorf("store: revision %d seen_at: %w", r.ID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
