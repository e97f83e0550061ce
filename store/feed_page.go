package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	parallax "github.com/parallax-news/parallax"
)

// ItemPage returns the validators last seen on a feed item's page (part of
// the feed refresh).
func (s *Store) ItemPage(ctx context.Context, feedID int64, guid string) (etag, lastModified string, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT page_etag, page_last_modified FROM feed_item WHERE feed_id = ? AND guid = ?`,
		feedID, guid).Scan(&etag, &lastModified)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	if err != nil {
		return "", "", s.fail("feed item page", err)
	}
	return etag, lastModified, nil
}

// SaveItemPage remembers a stored feed item's page: its link, publication
// time and validators (part of the feed refresh).
func (s *Store) SaveItemPage(ctx context.Context, feedID int64, it parallax.FeedItem, etag, lastModified string) error {
	var published string
	if !it.Published.IsZero() {
		published = formatTime(it.Published.UTC())
	}
	_, err := s.execWrite(ctx, `UPDATE feed_item SET link = ?, published = ?, page_etag = ?, page_last_modified = ?
		WHERE feed_id = ? AND guid = ?`, it.Link, published, etag, lastModified, feedID, it.GUID)
	if err != nil {
		return s.fail(fmt.Sprintf("feed %d item page", feedID), err)
	}
	return nil
}

// TrackedItems returns a feed's stored items published at or after since
// whose page is known (part of the feed refresh).
func (s *Store) TrackedItems(ctx context.Context, feedID int64, since time.Time) ([]parallax.FeedItem, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT guid, link, published FROM feed_item
		WHERE feed_id = ? AND link != '' AND published != '' AND published >= ? ORDER BY published`,
		feedID, formatTime(since.UTC()))
	if err != nil {
		return nil, s.fail("tracked feed items", err)
	}
	defer rows.Close()
	var out []parallax.FeedItem
	for rows.Next() {
		var it parallax.FeedItem
		var published string
		if err := rows.Scan(&it.GUID, &it.Link, &published); err != nil {
			return nil, s.fail("tracked feed items", err)
		}
		if it.Published, err = parseTime(published); err != nil {
			continue
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail("tracked feed items", err)
	}
	return out, nil
}
