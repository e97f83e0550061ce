package store

import (
	"context"
	"database/sql"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare/group"
)

// Bounds on the library articles a batch is grouped with (see
// groupNeighbours).
const (
	batchRecentLimit  = 20000
	batchUndatedLimit = 5000
)

// GroupBatch decides, jointly, where articles imported together go: each
// gets the id of an existing story to join, or a negative number shared by
// the articles of the batch that should start one new story together.
// The library's articles published near the batch take part as fixed
// stories, so a batch joins what the library already holds; the batch's
// own articles are weighed as a whole, so five versions of one event find
// each other even in an empty library. Articles with StoryID set keep it.
func (s *Store) GroupBatch(ctx context.Context, batch []*parallax.Article) ([]int64, error) {
	var docs []group.Doc
	for i, a := range batch {
		f := group.Extract(a.Title, a.Text, a.Published)
		docs = append(docs, group.Doc{ID: int64(i), Group: a.StoryID, Features: &f})
	}
	lib, err := s.groupNeighbours(ctx, batch)
	if err != nil {
		return nil, err
	}
	docs = append(docs, lib...)
	got := group.Group(docs, group.Options{})
	stories := map[int64]bool{}
	for _, d := range lib {
		stories[d.Group] = true
	}
	for _, a := range batch {
		if a.StoryID != 0 {
			stories[a.StoryID] = true
		}
	}
	out := make([]int64, len(batch))
	for i := range batch {
		if g := got[i]; stories[g] {
			out[i] = g
		} else {
			out[i] = -g
		}
	}
	return out, nil
}

// groupNeighbours loads the grouping features of the library's articles
// that a batch could join: those published within the grouping window of
// any of its dates, and the newest undated ones (bounded).
func (s *Store) groupNeighbours(ctx context.Context, batch []*parallax.Article) ([]group.Doc, error) {
	window := int64(group.DefaultWindow.Seconds())
	var lo, hi int64
	undated := false
	for _, a := range batch {
		if a.Published.IsZero() {
			undated = true
			continue
		}
		p := a.Published.Unix()
		if lo == 0 || p-window < lo {
			lo = p - window
		}
		hi = max(hi, p+window)
	}
	var rows *sql.Rows
	var err error
	if undated {
		rows, err = s.db.QueryContext(ctx, `SELECT f.article_id, a.story_id, f.data FROM article_features f
			JOIN article a ON a.id = f.article_id ORDER BY f.article_id DESC LIMIT ?`, batchRecentLimit)
	} else {
		rows, err = s.db.QueryContext(ctx, `SELECT f.article_id, a.story_id, f.data FROM article_features f
			JOIN article a ON a.id = f.article_id WHERE f.published BETWEEN ? AND ?
			UNION ALL
			SELECT * FROM (SELECT f.article_id, a.story_id, f.data FROM article_features f
			JOIN article a ON a.id = f.article_id WHERE f.published = 0 ORDER BY f.article_id DESC LIMIT ?)`,
			lo, hi, batchUndatedLimit)
	}
	if err != nil {
		return nil, s.fail("group batch", err)
	}
	defer rows.Close()
	var docs []group.Doc
	for rows.Next() {
		var id, story int64
		var data []byte
		if err := rows.Scan(&id, &story, &data); err != nil {
			return nil, s.fail("group batch", err)
		}
		var f group.Features
		if err := f.UnmarshalBinary(data); err != nil {
			continue // a damaged or outdated blob: that article sits this batch out
		}
		docs = append(docs, group.Doc{ID: -id, Group: story, Features: &f})
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail("group batch", err)
	}
	return docs, nil
}
