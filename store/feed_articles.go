package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	parallax "github.com/parallax-news/parallax"
)

// FeedArticles lists the articles a feed brought, newest first (by
// publication, else by when the item was first seen), at most limit of
// them (all when limit <= 0). Items whose article was deleted are left out.
func (s *Store) FeedArticles(ctx context.Context, feedID int64, limit int) ([]parallax.ArticleSummary, error) {
	return s.feedArticles(ctx, fmt.Sprintf("articles of feed %d", feedID), `
		SELECT a.id, a.story_id, a.title, coalesce(src.name, ''), a.published, a.url, a.path, a.read, a.starred, i.first_seen
		FROM feed_item i
		JOIN article a ON a.id = i.article_id
		LEFT JOIN source src ON src.id = a.source_id
		WHERE i.feed_id = ?`, []any{feedID}, limit)
}

// AllFeedArticles lists the articles every feed brought, as FeedArticles
// does; an article two feeds carry is listed once. The items are grouped
// before the articles are joined, so that the query reads the feeds'
// articles alone (grouping the join by article walked every article of the
// library, feeds or none: the window does this at start).
func (s *Store) AllFeedArticles(ctx context.Context, limit int) ([]parallax.ArticleSummary, error) {
	return s.feedArticles(ctx, "articles of the feeds", `
		SELECT a.id, a.story_id, a.title, coalesce(src.name, ''), a.published, a.url, a.path, a.read, a.starred, i.first_seen
		FROM (SELECT article_id, min(first_seen) AS first_seen FROM feed_item
		      WHERE article_id IS NOT NULL GROUP BY article_id) i
		JOIN article a ON a.id = i.article_id
		LEFT JOIN source src ON src.id = a.source_id`, nil, limit)
}

// feedArticles runs query (its columns those of FeedArticles) and sorts
// and cuts what it finds.
func (s *Store) feedArticles(ctx context.Context, what, query string, args []any, limit int) ([]parallax.ArticleSummary, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, s.fail(what, err)
	}
	defer rows.Close()
	type listed struct {
		parallax.ArticleSummary
		when string // sort key: RFC 3339 UTC
	}
	var out []listed
	for rows.Next() {
		var l listed
		var published, url, path, firstSeen string
		if err := rows.Scan(&l.ID, &l.StoryID, &l.Title, &l.Source, &published, &url, &path, &l.Read, &l.Starred, &firstSeen); err != nil {
			return nil, s.fail(what, err)
		}
		if l.Published, err = parseTime(published); err != nil {
			return nil, fmt.Errorf("store: article %d published: %w", l.ID, err)
		}
		seen, err := parseTime(firstSeen)
		if err != nil {
			return nil, fmt.Errorf("store: %s: item first_seen: %w", what, err)
		}
		when := l.Published
		if when.IsZero() {
			when = seen
		}
		l.when = when.UTC().Format("2006-01-02T15:04:05.000000000")
		l.PathOrURL = url
		if l.PathOrURL == "" {
			l.PathOrURL = path
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail(what, err)
	}
	// Sorted here, not in SQL: published dates keep the zone they were
	// found with, so their text does not sort by instant.
	slices.SortStableFunc(out, func(a, b listed) int {
		if c := cmp.Compare(b.when, a.when); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	res := make([]parallax.ArticleSummary, len(out))
	for i, l := range out {
		res[i] = l.ArticleSummary
	}
	return res, nil
}
