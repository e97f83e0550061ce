package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	parallax "github.com/parallax-news/parallax"
	"golang.org/x/text/unicode/norm"
)

// ContentHash is the hash the store gives an article whose Hash is empty:
// the hex SHA-256 of its text after NFC normalisation, with every run of
// white space collapsed to one space (the same as ingest.ContentHash, so a
// re-import is recognised however the text was wrapped).
func ContentHash(text string) string {
	normal := strings.Join(strings.Fields(norm.NFC.String(text)), " ")
	sum := sha256.Sum256([]byte(normal))
	return hex.EncodeToString(sum[:])
}

// DuplicateError says an article with the same content hash is already in
// the library; it matches ErrDuplicate with errors.Is.
type DuplicateError struct {
	ID      int64 // the article already stored
	StoryID int64
}

// Error says which article already holds the content.
func (e *DuplicateError) Error() string {
	return fmt.Sprintf("already in the library as article %d (story %d)", e.ID, e.StoryID)
}

// Is makes errors.Is(err, ErrDuplicate) true.
func (e *DuplicateError) Is(target error) bool { return target == ErrDuplicate }

// KnownRaw returns a *DuplicateError when an article imported from exactly
// these original bytes is stored, and nil when none is: a file imported
// again is recognised before it is parsed.
func (s *Store) KnownRaw(ctx context.Context, raw []byte) error {
	sum := sha256.Sum256(raw)
	return s.KnownRawSum(ctx, sum)
}

// KnownRawSum is KnownRaw for bytes whose SHA-256 is sum.
func (s *Store) KnownRawSum(ctx context.Context, sum [sha256.Size]byte) error {
	return s.scanDuplicate(s.db.QueryRowContext(ctx, knownRawQuery, sum[:]), "known article")
}

// AddArticle stores a, its paragraphs and its source in one transaction,
// and queues it for the search index (see search_index.go). It joins story a.StoryID, or, when that
// is 0, a new story titled newStory (a.Title when newStory is empty) made
// in the same transaction. On success a.ID, a.StoryID, a.Hash,
// a.Source.ID and a.ImportedAt are set. When the library already holds the
// same content it stores nothing and returns a *DuplicateError.
func (s *Store) AddArticle(ctx context.Context, a *parallax.Article, newStory string) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return s.fail("add article", err)
	}
	defer tx.Rollback()
	queueBefore, err := queueNewest(ctx, tx)
	if err != nil {
		return s.fail("add article", err)
	}
	stored, err := s.addArticle(ctx, tx, a, articleInsert{newStory: newStory})
	if err != nil {
		return err
	}
	if err := s.listStoredArticles(ctx, tx, []int64{stored.ID}); err != nil {
		return err
	}
	queueAfter, err := queueNewest(ctx, tx)
	if err != nil {
		return s.fail("add article", err)
	}
	one := []parallax.Article{stored}
	s.index.publish(one, []searchDoc{newSearchDoc(&stored)}, nil)
	if err := tx.Commit(); err != nil {
		s.index.unpublish(one, nil)
		return s.fail("add article", err)
	}
	s.index.committed(one, nil, queueEntry(queueBefore, queueAfter, 1))
	*a = stored
	s.articleStored()
	s.index.wake()
	return nil
}

// articleInsert says how addArticle stores one article in a transaction.
type articleInsert struct {
	// newStory titles the story made when the article's StoryID is 0
	// (the article's own title when empty).
	newStory string
	// seen holds the stories and sources the transaction has already
	// looked up, so that a batch looks each up once; nil for none.
	seen *txLookups
	// rawHash is rawHash(a.Raw) when the caller has it (worked out
	// before the transaction); nil to work it out here.
	rawHash []byte
}

// rawHash is the SHA-256 of an article's original bytes, as
// article_raw_hash keeps it; nil for none.
func rawHash(raw []byte) []byte {
	if len(raw) == 0 {
		return nil
	}
	sum := sha256.Sum256(raw)
	return sum[:]
}

// txLookups are the stories and sources one transaction has found or made.
type txLookups struct {
	stories map[int64]bool
	sources map[parallax.Source]sql.NullInt64
	// stored, when not nil, holds the articles the transaction stored by
	// content hash: the caller looked the batch's hashes up in the
	// library inside the transaction, so only the batch's own duplicates
	// are left to find, here rather than by a query per article.
	stored map[string]DuplicateError
}

func newTxLookups() *txLookups {
	return &txLookups{stories: map[int64]bool{}, sources: map[parallax.Source]sql.NullInt64{}}
}

// addArticle does AddArticle's work inside tx and returns a copy of a with
// the ids set, for the caller to publish once tx commits.
func (s *Store) addArticle(ctx context.Context, tx *sql.Tx, a *parallax.Article, in articleInsert) (parallax.Article, error) {
	out := *a
	a = &out
	if a.Hash == "" {
		a.Hash = ContentHash(a.Text)
	}
	for _, p := range a.Paragraphs {
		if !p.Kind.Valid() {
			return out, fmt.Errorf("store: add article %q: paragraph %d has unknown kind %q", a.Title, p.Ordinal, p.Kind)
		}
	}
	seen := in.seen
	if seen == nil {
		seen = newTxLookups()
	}
	if err := s.storedDuplicate(ctx, tx, seen, a.Hash); err != nil {
		return out, err
	}
	var err error
	storyID := a.StoryID
	switch {
	case storyID == 0:
		title := in.newStory
		if title == "" {
			title = a.Title
		}
		if storyID, err = s.insertStory(ctx, tx, title); err != nil {
			return out, err
		}
		seen.stories[storyID] = true
	case !seen.stories[storyID]:
		if err := storyExists(ctx, tx, storyID); err != nil {
			return out, s.fail("add article", err)
		}
		seen.stories[storyID] = true
	}
	srcID, ok := seen.sources[a.Source]
	if !ok {
		if srcID, err = s.upsertSource(ctx, tx, a.Source); err != nil {
			return out, err
		}
		seen.sources[a.Source] = srcID
	}
	importedAt := a.ImportedAt
	if importedAt.IsZero() {
		importedAt = s.now()
	}
	headlines, err := json.Marshal(nonNil(a.Headlines))
	if err != nil {
		return out, fmt.Errorf("store: add article: %w", err)
	}
	raw := a.Raw
	if raw == nil {
		raw = []byte{}
	}
	// The text is not stored again when the paragraphs hold it.
	text, fromParagraphs := a.Text, textFromParagraphs(a.Text, a.Paragraphs)
	if fromParagraphs {
		text = ""
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO article (story_id, source_id, title, headlines, byline, dateline, published,
		                     url, path, language, raw, text, text_from_paragraphs, hash, read, starred, imported_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		storyID, srcID, a.Title, string(headlines), a.Byline, a.Dateline, formatTime(a.Published),
		a.URL, a.Path, a.Language, raw, text, fromParagraphs, a.Hash, a.Read, a.Starred, formatTime(importedAt.UTC()))
	if err != nil {
		return out, s.fail("add article", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return out, s.fail("add article", err)
	}
	if err := s.insertParagraphs(ctx, tx, id, a.Paragraphs); err != nil {
		return out, err
	}
	if len(a.Raw) > 0 {
		sum := in.rawHash
		if sum == nil {
			sum = rawHash(a.Raw)
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO article_raw_hash (hash, article_id) VALUES (?, ?)`, sum, id); err != nil {
			return out, s.fail("add article: original bytes", err)
		}
	}
	if seen.stored != nil {
		seen.stored[a.Hash] = DuplicateError{ID: id, StoryID: storyID}
	}
	out.ID, out.StoryID, out.Source.ID, out.ImportedAt = id, storyID, srcID.Int64, importedAt
	return out, nil
}

// storedDuplicate returns a *DuplicateError when the library, as tx sees
// it, holds an article with content hash: looked up in seen when the
// caller keeps what its transaction stored there, else by a query.
func (s *Store) storedDuplicate(ctx context.Context, tx *sql.Tx, seen *txLookups, hash string) error {
	if seen.stored != nil {
		if dup, ok := seen.stored[hash]; ok {
			return &dup
		}
		return nil
	}
	return s.scanDuplicate(tx.QueryRowContext(ctx, `SELECT id, story_id FROM article WHERE hash = ?`, hash), "add article")
}

// paragraphBatch bounds the rows in one INSERT (4 variables each) well
// under SQLite's variable limit.
const paragraphBatch = 200

// insertParagraphs stores ps; ordinals missing (0) are numbered from 1 in
// order.
func (s *Store) insertParagraphs(ctx context.Context, tx *sql.Tx, articleID int64, ps []parallax.Paragraph) error {
	for start := 0; start < len(ps); start += paragraphBatch {
		batch := ps[start:min(start+paragraphBatch, len(ps))]
		var q strings.Builder
		q.WriteString(`INSERT INTO paragraph (article_id, ordinal, kind, text) VALUES `)
		args := make([]any, 0, 4*len(batch))
		for i, p := range batch {
			if i > 0 {
				q.WriteByte(',')
			}
			q.WriteString("(?,?,?,?)")
			ord := p.Ordinal
			if ord == 0 {
				ord = start + i + 1
			}
			args = append(args, articleID, ord, string(p.Kind), p.Text)
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return s.fail("add article: paragraphs", err)
		}
	}
	return nil
}

// articleColumns are read by scanArticle, in its order.
const articleColumns = `a.id, a.story_id, coalesce(a.source_id, 0), coalesce(src.name, ''), coalesce(src.site, ''),
	a.title, a.headlines, a.byline, a.dateline, a.published, a.url, a.path, a.language,
	a.raw, ` + articleText + `, a.hash, a.read, a.starred, a.imported_at`

func scanArticle(row interface{ Scan(...any) error }) (*parallax.Article, error) {
	var a parallax.Article
	var headlines, published, imported string
	err := row.Scan(&a.ID, &a.StoryID, &a.Source.ID, &a.Source.Name, &a.Source.Site,
		&a.Title, &headlines, &a.Byline, &a.Dateline, &published, &a.URL, &a.Path, &a.Language,
		&a.Raw, &a.Text, &a.Hash, &a.Read, &a.Starred, &imported)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(headlines), &a.Headlines); err != nil {
		return nil, fmt.Errorf("article %d headlines: %w", a.ID, err)
	}
	if a.Published, err = parseTime(published); err != nil {
		return nil, fmt.Errorf("article %d published: %w", a.ID, err)
	}
	if a.ImportedAt, err = parseTime(imported); err != nil {
		return nil, fmt.Errorf("article %d imported_at: %w", a.ID, err)
	}
	return &a, nil
}

// Article reads one article with its source and paragraphs.
func (s *Store) Article(ctx context.Context, id int64) (*parallax.Article, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+articleColumns+`
		FROM article a LEFT JOIN source src ON src.id = a.source_id WHERE a.id = ?`, id)
	a, err := scanArticle(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: article %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, s.fail(fmt.Sprintf("article %d", id), err)
	}
	ps, err := s.paragraphs(ctx, []int64{id})
	if err != nil {
		return nil, err
	}
	a.Paragraphs = ps[id]
	return a, nil
}

// StoryArticles reads every article of a story, with paragraphs, oldest
// import first. An unknown story gives ErrNotFound.
func (s *Store) StoryArticles(ctx context.Context, storyID int64) ([]*parallax.Article, error) {
	what := fmt.Sprintf("story %d articles", storyID)
	if err := storyExists(ctx, s.db, storyID); err != nil {
		return nil, s.fail(what, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+articleColumns+`
		FROM article a LEFT JOIN source src ON src.id = a.source_id
		WHERE a.story_id = ? ORDER BY a.id`, storyID)
	if err != nil {
		return nil, s.fail(what, err)
	}
	defer rows.Close()
	var out []*parallax.Article
	var ids []int64
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, s.fail(what, err)
		}
		out = append(out, a)
		ids = append(ids, a.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail(what, err)
	}
	ps, err := s.paragraphs(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, a := range out {
		a.Paragraphs = ps[a.ID]
	}
	return out, nil
}

// paragraphs reads the paragraphs of the given articles, in order.
func (s *Store) paragraphs(ctx context.Context, ids []int64) (map[int64][]parallax.Paragraph, error) {
	ps, err := paragraphsOf(ctx, s.db, ids)
	if err != nil {
		return nil, s.fail("paragraphs", err)
	}
	return ps, nil
}

// rowsQuerier is what *sql.DB and *sql.Tx share for queries of many rows.
type rowsQuerier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// paragraphsOf reads the paragraphs of the given articles through q.
func paragraphsOf(ctx context.Context, q rowsQuerier, ids []int64) (map[int64][]parallax.Paragraph, error) {
	out := make(map[int64][]parallax.Paragraph, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	ph := placeholders(len(ids))
	args := idArgs(ids)
	rows, err := q.QueryContext(ctx, `SELECT article_id, ordinal, kind, text FROM paragraph
		WHERE article_id IN (`+ph+`) ORDER BY article_id, ordinal`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var p parallax.Paragraph
		var kind string
		if err := rows.Scan(&id, &p.Ordinal, &kind, &p.Text); err != nil {
			return nil, err
		}
		p.Kind = parallax.ParagraphKind(kind)
		out[id] = append(out[id], p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// CountArticles is the number of articles in the library.
func (s *Store) CountArticles(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM article`).Scan(&n); err != nil {
		return 0, s.fail("count articles", err)
	}
	return n, nil
}

// SetRead marks an article read or unread.
func (s *Store) SetRead(ctx context.Context, id int64, read bool) error {
	return s.setArticleFlag(ctx, id, "read", read)
}

// SetStarred stars or unstars an article.
func (s *Store) SetStarred(ctx context.Context, id int64, starred bool) error {
	return s.setArticleFlag(ctx, id, "starred", starred)
}

// setArticleFlag sets one of the boolean columns read or starred.
func (s *Store) setArticleFlag(ctx context.Context, id int64, column string, v bool) error {
	res, err := s.execWrite(ctx, `UPDATE article SET `+column+` = ? WHERE id = ?`, v, id)
	if err != nil {
		return s.fail(fmt.Sprintf("article %d: set %s", id, column), err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: article %d: %w", id, ErrNotFound)
	}
	return nil
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// formatTime writes t with its zone as found, so that a date read as
// "2025-11-06" in Beijing stays that day; the zero time is stored empty.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.RFC3339Nano, s)
}
