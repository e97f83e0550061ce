package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare/group"
)

// snapshotEvery is the least number of logged changes the store lets
// accumulate before it saves the grouping index again; with a larger
// library it waits for snapshotShare of its size. Saving costs in
// proportion to the library (about 0.6 KB an article), so spreading it
// over a share of the library keeps its cost per article the same at any
// size; loading replays at most that many changes (about 50 µs each).
const (
	snapshotEvery = 1000
	snapshotShare = 8 // one eighth
)

// featureBatch is how many articles without stored features are computed
// and saved per transaction when the index is rebuilt.
const featureBatch = 500

// groupIndex is the store's automatic-grouping index: a group.Index of
// every article (groups are story ids), loaded on first use from the saved
// snapshot and brought up to date from group_index_log. The log is the
// only way the index changes, so it always shows the library as committed,
// including changes made by another process.
type groupIndex struct {
	mu      sync.Mutex
	ix      *group.Index // nil until first needed
	seq     int64        // the last log entry applied
	snapSeq int64        // the seq of the snapshot last seen in the library
}

// GroupTarget returns the story an article should join by automatic
// grouping, or 0 when it should start a new one, with the similarity that
// decided. It consults the in-memory index, so it does not read the
// library beyond the changes made since the last call.
func (s *Store) GroupTarget(ctx context.Context, a *parallax.Article) (storyID int64, score float64, err error) {
	f := group.Extract(a.Title, a.Text, a.Published)
	g := &s.grouping
	g.mu.Lock()
	defer g.mu.Unlock()
	if err := s.syncGroupIndex(ctx, nil); err != nil {
		return 0, 0, err
	}
	m, ok := g.ix.Match(group.Doc{Features: &f})
	if !ok {
		return 0, m.Score, nil
	}
	return m.Group, m.Score, nil
}

// AddArticleGrouped stores a in the story automatic grouping picks (a new
// one titled a.Title when none fits) unless a.StoryID is already set, and
// records its grouping features in the same transaction: the article is
// stored with its features or not at all. Duplicates fail as AddArticle
// does, before any grouping work. A library held by another process is
// waited for up to lockRetries times the busy timeout.
func (s *Store) AddArticleGrouped(ctx context.Context, a *parallax.Article) error {
	errs, err := s.AddArticles(ctx, []*parallax.Article{a}, AddOptions{Grouped: true})
	if err != nil {
		return err
	}
	return errs[0]
}

// lockRetries is how many times a write finding the library locked
// (another process importing) is tried before it fails with ErrLocked.
const lockRetries = 3

// checkDuplicate returns a *DuplicateError when an article with this
// content hash is stored.
func (s *Store) checkDuplicate(ctx context.Context, hash string) error {
	return s.scanDuplicate(s.db.QueryRowContext(ctx, `SELECT id, story_id FROM article WHERE hash = ?`, hash), "add article")
}

// scanDuplicate reads a row of (article id, story id) into a *DuplicateError;
// no row is no duplicate.
func (s *Store) scanDuplicate(row *sql.Row, what string) error {
	var dup DuplicateError
	err := row.Scan(&dup.ID, &dup.StoryID)
	switch {
	case err == nil:
		return &dup
	case errors.Is(err, sql.ErrNoRows):
		return nil
	default:
		return s.fail(what, err)
	}
}

func (s *Store) insertFeatures(ctx context.Context, tx *sql.Tx, a *parallax.Article, data []byte) error {
	var pub int64
	if !a.Published.IsZero() {
		pub = a.Published.Unix()
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO article_features (article_id, published, data) VALUES (?, ?, ?)
		ON CONFLICT (article_id) DO UPDATE SET published = excluded.published, data = excluded.data`, a.ID, pub, data)
	if err != nil {
		return s.fail(fmt.Sprintf("features of article %d", a.ID), err)
	}
	return nil
}

// syncGroupIndex loads the index when this Store has none (or another
// process saved a newer snapshot, dropping log entries this one has not
// seen) and replays the log entries after the last applied. known holds
// features already in hand, to skip decoding them. The caller holds
// s.grouping.mu.
func (s *Store) syncGroupIndex(ctx context.Context, known map[int64]*group.Features) error {
	g := &s.grouping
	var snapSeq int64
	err := s.db.QueryRowContext(ctx, `SELECT seq FROM group_index_snapshot WHERE id = 1`).Scan(&snapSeq)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return s.fail("grouping index", err)
	}
	if g.ix == nil || snapSeq > g.seq {
		if err := s.loadGroupIndex(ctx); err != nil {
			return err
		}
	}
	if err := s.replayGroupLog(ctx, known); err != nil {
		return err
	}
	if g.seq-g.snapSeq >= int64(max(snapshotEvery, g.ix.Len()/snapshotShare)) {
		return s.saveGroupIndex(ctx)
	}
	return nil
}

// loadGroupIndex reads the saved snapshot, or rebuilds the index from the
// articles' stored features when there is none or it does not decode (a
// damaged or older snapshot is never trusted).
func (s *Store) loadGroupIndex(ctx context.Context) error {
	g := &s.grouping
	rows, err := s.db.QueryContext(ctx, `SELECT seq, data FROM group_index_snapshot WHERE id = 1`)
	if err != nil {
		return s.fail("grouping index", err)
	}
	var loaded *group.Index
	var seq int64
	if rows.Next() {
		// RawBytes: the snapshot (tens of MB in a large library) is
		// decoded where the driver put it, not copied once more.
		var data sql.RawBytes
		if err := rows.Scan(&seq, &data); err != nil {
			rows.Close()
			return s.fail("grouping index", err)
		}
		loaded, _ = group.LoadIndex(data, group.Options{}) // one that does not load is rebuilt
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s.fail("grouping index", err)
	}
	if loaded != nil {
		g.ix, g.seq, g.snapSeq = loaded, seq, seq
		return nil
	}
	return s.rebuildGroupIndex(ctx)
}

// rebuildGroupIndex indexes every article in the order they arrived,
// computing the features of those stored without them, and saves the
// result as the snapshot.
func (s *Store) rebuildGroupIndex(ctx context.Context) error {
	g := &s.grouping
	// Everything logged up to here is in the articles read below; whatever
	// is logged after is replayed (replaying reads the current state, so
	// an entry applied twice changes nothing).
	var seq int64
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM group_index_log`).Scan(&seq); err != nil {
		return s.fail("grouping index", err)
	}
	var afterSnapshot sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT seq FROM sqlite_sequence WHERE name = 'group_index_log'`).Scan(&afterSnapshot); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return s.fail("grouping index", err)
	}
	seq = max(seq, afterSnapshot.Int64)
	ix := group.NewIndex(group.Options{})
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.story_id, f.data FROM article a
		LEFT JOIN article_features f ON f.article_id = a.id ORDER BY a.id`)
	if err != nil {
		return s.fail("grouping index", err)
	}
	var missing []int64
	for rows.Next() {
		var id, story int64
		var data []byte
		if err := rows.Scan(&id, &story, &data); err != nil {
			rows.Close()
			return s.fail("grouping index", err)
		}
		var f group.Features
		if data == nil || f.UnmarshalBinary(data) != nil {
			missing = append(missing, id) // recomputed below, never trusted
			continue
		}
		ix.Add(group.Doc{ID: id, Group: story, Features: &f})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s.fail("grouping index", err)
	}
	g.ix, g.seq, g.snapSeq = ix, seq, 0
	if err := s.indexComputed(ctx, missing); err != nil {
		return err
	}
	return s.saveGroupIndex(ctx)
}

// indexComputed computes, saves and indexes the features of articles that
// have none stored (imported with --story, or before grouping existed) or
// whose stored ones do not decode.
func (s *Store) indexComputed(ctx context.Context, ids []int64) error {
	for start := 0; start < len(ids); start += featureBatch {
		batch := ids[start:min(start+featureBatch, len(ids))]
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return s.fail("grouping features", err)
		}
		for _, id := range batch {
			var a parallax.Article
			var published string
			err := tx.QueryRowContext(ctx, `SELECT id, story_id, title, text, published FROM article WHERE id = ?`, id).
				Scan(&a.ID, &a.StoryID, &a.Title, &a.Text, &published)
			if errors.Is(err, sql.ErrNoRows) {
				continue // deleted since; its log entry says so
			}
			if err != nil {
				tx.Rollback()
				return s.fail("grouping features", err)
			}
			a.Published, _ = parseTime(published) // an unreadable date groups as undated
			f := group.Extract(a.Title, a.Text, a.Published)
			data, err := f.MarshalBinary()
			if err != nil {
				tx.Rollback()
				return fmt.Errorf("store: features of article %d: %w", id, err)
			}
			if err := s.insertFeatures(ctx, tx, &a, data); err != nil {
				tx.Rollback()
				return err
			}
			s.grouping.ix.Add(group.Doc{ID: a.ID, Group: a.StoryID, Features: &f})
		}
		if err := tx.Commit(); err != nil {
			return s.fail("grouping features", err)
		}
	}
	return nil
}

// replayGroupLog applies the log entries after the last applied: an
// article added, moved to another story, or deleted.
func (s *Store) replayGroupLog(ctx context.Context, known map[int64]*group.Features) error {
	g := &s.grouping
	rows, err := s.db.QueryContext(ctx, `SELECT l.seq, l.article_id, coalesce(a.story_id, 0), f.data
		FROM group_index_log l
		LEFT JOIN article a ON a.id = l.article_id
		LEFT JOIN article_features f ON f.article_id = l.article_id
		WHERE l.seq > ? ORDER BY l.seq`, g.seq)
	if err != nil {
		return s.fail("grouping index", err)
	}
	defer rows.Close()
	last := g.seq
	var missing []int64
	for rows.Next() {
		var seq, id, story int64
		var data []byte
		if err := rows.Scan(&seq, &id, &story, &data); err != nil {
			return s.fail("grouping index", err)
		}
		last = seq
		if story == 0 { // deleted
			_ = g.ix.Remove(id) // unknown when added and deleted since the last replay
			continue
		}
		if in, ok := g.ix.GroupOf(id); ok {
			if in != story {
				if err := g.ix.Move(id, story); err != nil {
					return err
				}
			}
			continue
		}
		f := known[id]
		if f == nil {
			f = new(group.Features)
			if data == nil || f.UnmarshalBinary(data) != nil {
				missing = append(missing, id)
				continue
			}
		}
		g.ix.Add(group.Doc{ID: id, Group: story, Features: f})
	}
	if err := rows.Err(); err != nil {
		return s.fail("grouping index", err)
	}
	rows.Close()
	g.seq = last
	return s.indexComputed(ctx, missing)
}

// saveGroupIndex writes the index as the library's snapshot and drops the
// log entries it includes, in one transaction.
func (s *Store) saveGroupIndex(ctx context.Context) error {
	g := &s.grouping
	data, err := g.ix.MarshalBinary()
	if err != nil {
		return fmt.Errorf("store: grouping index: %w", err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.fail("save grouping index", err)
	}
	defer tx.Rollback()
	// Another process may have saved a newer one meanwhile; keep it.
	var theirs int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM group_index_snapshot`).Scan(&theirs); err != nil {
		return s.fail("save grouping index", err)
	}
	if theirs > g.seq {
		g.snapSeq = theirs
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO group_index_snapshot (id, seq, data) VALUES (1, ?, ?)
		ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, data = excluded.data`, g.seq, data); err != nil {
		return s.fail("save grouping index", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM group_index_log WHERE seq <= ?`, g.seq); err != nil {
		return s.fail("save grouping index", err)
	}
	if err := tx.Commit(); err != nil {
		return s.fail("save grouping index", err)
	}
	g.snapSeq = g.seq
	return nil
}
