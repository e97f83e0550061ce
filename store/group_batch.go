package store

import (
	"context"
	"runtime"
	"strings"
	"sync"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare/group"
)

// Bounds on the library articles a batch is grouped with (see
// groupNeighbours): the newest members of each story the index proposes,
// read by key this many at a time.
const (
	neighbourMembers = 8
	neighbourQuery   = 500
)

// GroupBatch decides, jointly, where articles imported together go: each
// gets the id of an existing story to join, or a negative number shared by
// the articles of the batch that should start one new story together.
// The library's articles published near the batch take part as fixed
// stories, so a batch joins what the library already holds; the batch's
// own articles are weighed as a whole, so five versions of one event find
// each other even in an empty library. Articles with StoryID set keep it.
func (s *Store) GroupBatch(ctx context.Context, batch []*parallax.Article) ([]int64, error) {
	targets, _, err := s.GroupBatchFeatures(ctx, batch)
	return targets, err
}

// GroupBatchFeatures is GroupBatch also returning the grouping features of
// each article, for AddArticles (AddOptions.Features) to store without
// computing them again.
func (s *Store) GroupBatchFeatures(ctx context.Context, batch []*parallax.Article) ([]int64, []group.Features, error) {
	feats := extractAll(batch)
	var docs []group.Doc
	for i, a := range batch {
		docs = append(docs, group.Doc{ID: int64(i), Group: a.StoryID, Features: &feats[i]})
	}
	lib, err := s.groupNeighbours(ctx, docs)
	if err != nil {
		return nil, nil, err
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
	return out, feats, nil
}

// extractAll computes the grouping features of a batch, on every core.
func extractAll(batch []*parallax.Article) []group.Features {
	feats := make([]group.Features, len(batch))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				feats[i] = group.Extract(batch[i].Title, batch[i].Text, batch[i].Published)
			}
		})
	}
	for i := range batch {
		next <- i
	}
	close(next)
	wg.Wait()
	return feats
}

// groupNeighbours loads the grouping features of the library's articles
// a batch could join: for each article of the batch, the newest members
// of the story the grouping index finds closest to it (however weak the
// match: the joint grouping decides). It reads a bounded number of rows
// by key, never a stretch of the library.
func (s *Store) groupNeighbours(ctx context.Context, docs []group.Doc) ([]group.Doc, error) {
	g := &s.grouping
	g.mu.Lock()
	if err := s.syncGroupIndex(ctx, nil); err != nil {
		g.mu.Unlock()
		return nil, err
	}
	seen := map[int64]bool{}
	var ids []any
	for _, d := range docs {
		m, _ := g.ix.Match(group.Doc{Features: d.Features})
		if m.Group == 0 || seen[-m.Group] {
			continue
		}
		seen[-m.Group] = true // stories and articles share the map, stories negated
		members := g.ix.Members(m.Group)
		if len(members) > neighbourMembers {
			members = members[len(members)-neighbourMembers:]
		}
		for _, id := range members {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	g.mu.Unlock()
	var out []group.Doc
	for start := 0; start < len(ids); start += neighbourQuery {
		part := ids[start:min(start+neighbourQuery, len(ids))]
		rows, err := s.db.QueryContext(ctx, `SELECT f.article_id, a.story_id, f.data FROM article_features f
			JOIN article a ON a.id = f.article_id WHERE f.article_id IN (?`+strings.Repeat(",?", len(part)-1)+`)`, part...)
		if err != nil {
			return nil, s.fail("group batch", err)
		}
		for rows.Next() {
			var id, story int64
			var data []byte
			if err := rows.Scan(&id, &story, &data); err != nil {
				rows.Close()
				return nil, s.fail("group batch", err)
			}
			var f group.Features
			if err := f.UnmarshalBinary(data); err != nil {
				continue // a damaged or outdated blob: that article sits this batch out
			}
			out = append(out, group.Doc{ID: -id, Group: story, Features: &f})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, s.fail("group batch", err)
		}
	}
	return out, nil
}
