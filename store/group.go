package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare/group"
)

// Bounds on the articles an automatic grouping looks at. Articles further
// apart in time than the grouping window never join, so only those near
// the new one's date (and the newest undated ones) are loaded.
const (
	groupUndatedLimit = 5000
	groupRecentLimit  = 20000
	featureBatch      = 500
)

// GroupTarget returns the story an article should join by automatic
// grouping, or 0 when it should start a new one, with the similarity that
// decided. It reads the stored features of the articles published near a
// (computing any that are missing), so it costs milliseconds, not a pass
// over the library.
func (s *Store) GroupTarget(ctx context.Context, a *parallax.Article) (storyID int64, score float64, err error) {
	if err := s.ensureFeatures(ctx); err != nil {
		return 0, 0, err
	}
	f := group.Extract(a.Title, a.Text, a.Published)
	opt := group.Options{}
	window := int64(group.DefaultWindow.Seconds())
	var rows *sql.Rows
	if a.Published.IsZero() {
		rows, err = s.db.QueryContext(ctx, `SELECT f.article_id, a.story_id, f.data FROM article_features f
			JOIN article a ON a.id = f.article_id ORDER BY f.article_id DESC LIMIT ?`, groupRecentLimit)
	} else {
		p := a.Published.Unix()
		rows, err = s.db.QueryContext(ctx, `SELECT f.article_id, a.story_id, f.data FROM article_features f
			JOIN article a ON a.id = f.article_id WHERE f.published BETWEEN ? AND ?
			UNION ALL
			SELECT * FROM (SELECT f.article_id, a.story_id, f.data FROM article_features f
			JOIN article a ON a.id = f.article_id WHERE f.published = 0 ORDER BY f.article_id DESC LIMIT ?)`,
			p-window, p+window, groupUndatedLimit)
	}
	if err != nil {
		return 0, 0, s.fail("group article", err)
	}
	defer rows.Close()
	ix := group.NewIndex(opt)
	var undecodable []int64
	for rows.Next() {
		var id, story int64
		var data []byte
		if err := rows.Scan(&id, &story, &data); err != nil {
			return 0, 0, s.fail("group article", err)
		}
		var af group.Features
		if err := af.UnmarshalBinary(data); err != nil {
			// Damaged, or written by an older layout: never trusted,
			// recomputed from the article below.
			undecodable = append(undecodable, id)
			continue
		}
		ix.Add(group.Doc{ID: id, Group: story, Features: &af})
	}
	if err := rows.Err(); err != nil {
		return 0, 0, s.fail("group article", err)
	}
	rows.Close()
	for _, id := range undecodable {
		doc, err := s.recomputeFeatures(ctx, id)
		if err != nil {
			return 0, 0, err
		}
		ix.Add(doc)
	}
	m, ok := ix.Match(group.Doc{Features: &f})
	if !ok {
		return 0, m.Score, nil
	}
	return m.Group, m.Score, nil
}

// AddArticleGrouped stores a in the story automatic grouping picks (a new
// one titled a.Title when none fits) unless a.StoryID is already set, with
// its grouping features, in one transaction: the article is stored with
// its features or not at all. Duplicates fail as AddArticle does. A
// library held by another process is waited for up to lockRetries times
// the busy timeout.
func (s *Store) AddArticleGrouped(ctx context.Context, a *parallax.Article) error {
	if a.StoryID == 0 {
		story, _, err := s.GroupTarget(ctx, a)
		if err != nil {
			return err
		}
		a.StoryID = story
	}
	var err error
	for range lockRetries {
		if err = s.addArticleGrouped(ctx, a); !errors.Is(err, ErrLocked) {
			return err
		}
	}
	return err
}

// lockRetries is how many times a write finding the library locked
// (another process importing) is tried before it fails with ErrLocked.
const lockRetries = 3

func (s *Store) addArticleGrouped(ctx context.Context, a *parallax.Article) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.fail("add article", err)
	}
	defer tx.Rollback()
	stored, err := s.addArticle(ctx, tx, a, "")
	if err != nil {
		return err
	}
	if s.testHookBeforeFeatures != nil {
		s.testHookBeforeFeatures()
	}
	if err := s.saveFeaturesTx(ctx, tx, &stored); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return s.fail("add article", err)
	}
	*a = stored
	s.published(&stored)
	return nil
}

// recomputeFeatures replaces the stored features of article id with ones
// computed afresh from its title and text.
func (s *Store) recomputeFeatures(ctx context.Context, id int64) (group.Doc, error) {
	var a parallax.Article
	var published string
	err := s.db.QueryRowContext(ctx, `SELECT id, story_id, title, text, published FROM article WHERE id = ?`, id).
		Scan(&a.ID, &a.StoryID, &a.Title, &a.Text, &published)
	if err != nil {
		return group.Doc{}, s.fail(fmt.Sprintf("features of article %d", id), err)
	}
	a.Published, _ = parseTime(published) // an unreadable date groups as undated
	if err := s.saveFeatures(ctx, &a); err != nil {
		return group.Doc{}, err
	}
	f := group.Extract(a.Title, a.Text, a.Published)
	return group.Doc{ID: a.ID, Group: a.StoryID, Features: &f}, nil
}

func (s *Store) saveFeatures(ctx context.Context, a *parallax.Article) error {
	return s.saveFeaturesTx(ctx, s.db, a)
}

// execer is what a *sql.DB and a *sql.Tx share for writing.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func (s *Store) saveFeaturesTx(ctx context.Context, ex execer, a *parallax.Article) error {
	f := group.Extract(a.Title, a.Text, a.Published)
	data, err := f.MarshalBinary()
	if err != nil {
		return fmt.Errorf("store: features of article %d: %w", a.ID, err)
	}
	var pub int64
	if !a.Published.IsZero() {
		pub = a.Published.Unix()
	}
	_, err = ex.ExecContext(ctx, `INSERT INTO article_features (article_id, published, data) VALUES (?, ?, ?)
		ON CONFLICT (article_id) DO UPDATE SET published = excluded.published, data = excluded.data`, a.ID, pub, data)
	if err != nil {
		return s.fail(fmt.Sprintf("features of article %d", a.ID), err)
	}
	return nil
}

// ensureFeatures computes the grouping features of articles stored without
// them (imported before grouping existed, or by another path).
func (s *Store) ensureFeatures(ctx context.Context) error {
	for {
		rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.title, a.text, a.published FROM article a
			LEFT JOIN article_features f ON f.article_id = a.id WHERE f.article_id IS NULL LIMIT ?`, featureBatch)
		if err != nil {
			return s.fail("grouping features", err)
		}
		var batch []parallax.Article
		for rows.Next() {
			var a parallax.Article
			var published string
			if err := rows.Scan(&a.ID, &a.Title, &a.Text, &published); err != nil {
				rows.Close()
				return s.fail("grouping features", err)
			}
			a.Published, _ = parseTime(published) // an unreadable date groups as undated
			batch = append(batch, a)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return s.fail("grouping features", err)
		}
		for i := range batch {
			if err := s.saveFeatures(ctx, &batch[i]); err != nil {
				return err
			}
		}
		if len(batch) < featureBatch {
			return nil
		}
	}
}

// PinArticles records that the analyst placed these articles in their
// current stories by hand.
func (s *Store) PinArticles(ctx context.Context, ids ...int64) error {
	now := formatTime(s.now().UTC())
	for _, id := range ids {
		if _, err := s.db.ExecContext(ctx, `INSERT INTO article_pin (article_id, pinned_at) VALUES (?, ?)
			ON CONFLICT (article_id) DO UPDATE SET pinned_at = excluded.pinned_at`, id, now); err != nil {
			return s.fail(fmt.Sprintf("pin article %d", id), err)
		}
	}
	return nil
}

// Pinned reports whether the analyst placed an article by hand.
func (s *Store) Pinned(ctx context.Context, id int64) (bool, error) {
	var one int
	err := s.db.QueryRowContext(ctx, `SELECT 1 FROM article_pin WHERE article_id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, s.fail("pinned", err)
	}
	return true, nil
}

// SplitStory moves the given articles of a story into a new story titled
// title (the first article's title when empty), pins them, and returns the
// new story. Every article must belong to the story, and at least one must
// stay behind.
func (s *Store) SplitStory(ctx context.Context, storyID int64, articleIDs []int64, title string) (int64, error) {
	what := fmt.Sprintf("split story %d", storyID)
	if len(articleIDs) == 0 {
		return 0, fmt.Errorf("store: %s: no articles given", what)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, s.fail(what, err)
	}
	defer tx.Rollback()
	if err := storyExists(ctx, tx, storyID); err != nil {
		return 0, fmt.Errorf("store: %s: %w", what, err)
	}
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM article WHERE story_id = ?`, storyID).Scan(&total); err != nil {
		return 0, s.fail(what, err)
	}
	seen := map[int64]bool{}
	for _, id := range articleIDs {
		var in int64
		err := tx.QueryRowContext(ctx, `SELECT story_id FROM article WHERE id = ?`, id).Scan(&in)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("store: %s: article %d: %w", what, id, ErrNotFound)
		}
		if err != nil {
			return 0, s.fail(what, err)
		}
		if in != storyID {
			return 0, fmt.Errorf("store: %s: article %d belongs to story %d", what, id, in)
		}
		seen[id] = true
	}
	if len(seen) >= total {
		return 0, fmt.Errorf("store: %s: every article would move; rename the story instead", what)
	}
	if strings.TrimSpace(title) == "" {
		if err := tx.QueryRowContext(ctx, `SELECT title FROM article WHERE id = ?`, articleIDs[0]).Scan(&title); err != nil {
			return 0, s.fail(what, err)
		}
	}
	newID, err := s.insertStory(ctx, tx, title)
	if err != nil {
		return 0, err
	}
	now := formatTime(s.now().UTC())
	for id := range seen {
		if _, err := tx.ExecContext(ctx, `UPDATE article SET story_id = ? WHERE id = ?`, newID, id); err != nil {
			return 0, s.fail(what, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_pin (article_id, pinned_at) VALUES (?, ?)
			ON CONFLICT (article_id) DO UPDATE SET pinned_at = excluded.pinned_at`, id, now); err != nil {
			return 0, s.fail(what, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, s.fail(what, err)
	}
	return newID, nil
}
