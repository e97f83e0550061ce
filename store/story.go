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

// querier is what *sql.DB and *sql.Tx share, for helpers used with both.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// storyExists returns ErrNotFound when story id does not exist.
func storyExists(ctx context.Context, q querier, id int64) error {
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM story WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("story %d: %w", id, ErrNotFound)
	}
	return err
}

// CreateStory makes an empty story and returns its id.
func (s *Store) CreateStory(ctx context.Context, title string) (int64, error) {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return 0, s.fail("create story", err)
	}
	defer tx.Rollback()
	id, err := s.insertStory(ctx, tx, title)
	if err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, s.fail("create story", err)
	}
	return id, nil
}

func (s *Store) insertStory(ctx context.Context, tx *sql.Tx, title string) (int64, error) {
	title = strings.TrimSpace(title)
	if title == "" {
		title = "Untitled story"
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO story (title, created_at) VALUES (?, ?)`,
		title, formatTime(s.now().UTC()))
	if err != nil {
		return 0, s.fail("create story", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, s.fail("create story", err)
	}
	return id, nil
}

// StoryByTitle finds the newest story with exactly this title (ignoring
// case and surrounding space), or ErrNotFound.
func (s *Store) StoryByTitle(ctx context.Context, title string) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM story WHERE title = ? COLLATE NOCASE ORDER BY id DESC LIMIT 1`,
		strings.TrimSpace(title)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store: story %q: %w", title, ErrNotFound)
	}
	if err != nil {
		return 0, s.fail(fmt.Sprintf("story %q", title), err)
	}
	return id, nil
}

// Story reads one story with summaries of its articles.
func (s *Store) Story(ctx context.Context, id int64) (*parallax.Story, error) {
	stories, err := s.listStories(ctx, id)
	if err != nil {
		return nil, err
	}
	if len(stories) == 0 {
		return nil, fmt.Errorf("store: story %d: %w", id, ErrNotFound)
	}
	return &stories[0], nil
}

// ListingVersion is a number that changes whenever what Stories lists
// changes (stories, their titles, which articles each holds and the
// articles' listed fields), whoever changed it; read and starred marks,
// comparisons, decisions and notes leave it as it is.
func (s *Store) ListingVersion(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.QueryRowContext(ctx, `SELECT n FROM listing_version`).Scan(&n); err != nil {
		return 0, s.fail("listing version", err)
	}
	return n, nil
}

// Stories lists every story with summaries of its articles, the story
// with the newest article first (see StoryList). OpenFlags is left 0.
func (s *Store) Stories(ctx context.Context) ([]parallax.Story, error) {
	return s.listStories(ctx, 0)
}

// StoryList lists stories as a story list shows them, in the order of
// Stories: the story whose newest article was published last first
// (import dates stand in for a story none of whose articles has a
// publication date, and the story's own date for one without articles),
// ties newest story first. Each has Versions, Dated and Latest, and no
// Articles: of the articles it reads their dates alone. limit > 0 lists
// the first limit stories, reading those alone whatever the size of the
// library, so that the window shows its list at once and the rest after.
func (s *Store) StoryList(ctx context.Context, limit int) ([]parallax.Story, error) {
	cut := ""
	var args []any
	if limit > 0 {
		cut = `LIMIT ?`
		args = append(args, limit)
	}
	// The order is the story_listing index's (migration 016); the dates
	// come from the article_listing index, without the articles' rows.
	rows, err := s.db.QueryContext(ctx, `
		SELECT st.id, st.title, st.created_at, a.published, a.imported_at
		FROM (SELECT id, title, created_at, listed_at FROM story
		      ORDER BY listed_at DESC, id DESC `+cut+`) st
		LEFT JOIN article a ON a.story_id = st.id
		ORDER BY st.listed_at DESC, st.id DESC`, args...)
	if err != nil {
		return nil, s.fail("list stories", err)
	}
	defer rows.Close()
	var out []parallax.Story
	var dates storyDates
	for rows.Next() {
		var (
			id                  int64
			title, created      string
			published, imported sql.NullString
		)
		if err := rows.Scan(&id, &title, &created, &published, &imported); err != nil {
			return nil, s.fail("list stories", err)
		}
		if len(out) == 0 || out[len(out)-1].ID != id {
			c, err := parseTime(created)
			if err != nil {
				return nil, fmt.Errorf("store: story %d created_at: %w", id, err)
			}
			out = append(out, parallax.Story{ID: id, Title: title, CreatedAt: c, Latest: c})
			dates = storyDates{}
		}
		if !imported.Valid {
			continue // no article
		}
		st := &out[len(out)-1]
		st.Versions++
		pub, err := parseTime(published.String)
		if err != nil {
			return nil, fmt.Errorf("store: story %d: article published: %w", id, err)
		}
		var imp time.Time
		if pub.IsZero() && !st.Dated {
			// Import dates count only while no article has a
			// publication date.
			if imp, err = parseTime(imported.String); err != nil {
				return nil, fmt.Errorf("store: story %d: article imported_at: %w", id, err)
			}
		}
		st.Dated = st.Dated || !pub.IsZero()
		noteLatest(st, &dates, pub, imp)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail("list stories", err)
	}
	return out, nil
}

// listStories reads one story (id > 0) or all of them, in the listing's
// order.
func (s *Store) listStories(ctx context.Context, id int64) ([]parallax.Story, error) {
	where := ""
	var args []any
	if id > 0 {
		where = `WHERE id = ?`
		args = append(args, id)
	}
	// One query over stories left-joined to their articles: no query per
	// story, so a library of thousands of stories lists at once. The
	// order is the story_listing index's (migration 016).
	rows, err := s.db.QueryContext(ctx, `
		SELECT st.id, st.title, st.created_at,
		       a.id, a.title, coalesce(src.name, ''), a.published, a.url, a.path, a.read, a.starred, a.imported_at
		FROM (SELECT id, title, created_at, listed_at FROM story `+where+`
		      ORDER BY listed_at DESC, id DESC) st
		LEFT JOIN article a ON a.story_id = st.id
		LEFT JOIN source src ON src.id = a.source_id
		ORDER BY st.listed_at DESC, st.id DESC, a.id`, args...)
	if err != nil {
		return nil, s.fail("list stories", err)
	}
	defer rows.Close()
	var out []parallax.Story
	var dates []storyDates // parallel to out
	for rows.Next() {
		var (
			stID                                             int64
			stTitle, created                                 string
			aID                                              sql.NullInt64
			aTitle, source, published, url, path, importedAt sql.NullString
			read, starred                                    sql.NullBool
		)
		if err := rows.Scan(&stID, &stTitle, &created, &aID, &aTitle, &source, &published, &url, &path, &read, &starred, &importedAt); err != nil {
			return nil, s.fail("list stories", err)
		}
		if len(out) == 0 || out[len(out)-1].ID != stID {
			c, err := parseTime(created)
			if err != nil {
				return nil, fmt.Errorf("store: story %d created_at: %w", stID, err)
			}
			out = append(out, parallax.Story{ID: stID, Title: stTitle, CreatedAt: c, Latest: c})
			dates = append(dates, storyDates{})
		}
		if !aID.Valid {
			continue
		}
		st := &out[len(out)-1]
		pub, err := parseTime(published.String)
		if err != nil {
			return nil, fmt.Errorf("store: article %d published: %w", aID.Int64, err)
		}
		imported, err := parseTime(importedAt.String)
		if err != nil {
			return nil, fmt.Errorf("store: article %d imported_at: %w", aID.Int64, err)
		}
		noteLatest(st, &dates[len(out)-1], pub, imported)
		st.Versions++
		st.Dated = st.Dated || !pub.IsZero()
		where := url.String
		if where == "" {
			where = path.String
		}
		st.Articles = append(st.Articles, parallax.ArticleSummary{
			ID: aID.Int64, StoryID: stID, Title: aTitle.String, Source: source.String,
			Published: pub, PathOrURL: where, Read: read.Bool, Starred: starred.Bool,
		})
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail("list stories", err)
	}
	return out, nil
}

// storyDates tracks, while a story's articles are scanned, the newest
// publication and import dates seen so far.
type storyDates struct {
	published, imported time.Time
}

// noteLatest folds one article's dates into st.Latest: the newest
// publication date when any article has one, else the newest import date.
// Import dates never outrank publication dates, since an import made
// today says nothing about when the story happened.
func noteLatest(st *parallax.Story, d *storyDates, published, imported time.Time) {
	if published.After(d.published) {
		d.published = published
	}
	if imported.After(d.imported) {
		d.imported = imported
	}
	switch {
	case !d.published.IsZero():
		st.Latest = d.published
	case !d.imported.IsZero():
		st.Latest = d.imported
	}
}
