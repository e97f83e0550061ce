package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"strings"
	"sync"
	"unicode"

	parallax "github.com/parallax-news/parallax"
)

// searchBatch is how many queued articles make AddArticle flush the
// search queue.
const searchBatch = 200

// flushSearchIndex adds every article queued in search_pending to the
// full-text index, in one transaction per batch.
func (s *Store) flushSearchIndex(ctx context.Context) error {
	if s.readOnly {
		return nil // articles still queued are found once someone can write
	}
	for {
		var any int
		if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM search_pending)`).Scan(&any); err != nil {
			return s.fail("index for search", err)
		}
		if any == 0 {
			s.unindexed.Store(0)
			s.searchDocs.clear()
			return nil
		}
		n, err := s.indexPendingBatch(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
	}
}

// indexPendingBatch indexes up to searchBatch queued articles and removes
// them from the queue, in one transaction; it returns how many it did.
func (s *Store) indexPendingBatch(ctx context.Context) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, s.fail("index for search", err)
	}
	defer tx.Rollback()
	// Read inside the write transaction: another process may have just
	// indexed the same articles.
	ids, err := pendingIDs(ctx, tx)
	if err != nil {
		return 0, s.fail("index for search", err)
	}
	docs, missing := s.searchDocs.take(ids)
	if len(missing) > 0 {
		// Queued by another process, or before a crash: read them back.
		read, err := readSearchDocs(ctx, tx, missing)
		if err != nil {
			return 0, err
		}
		maps.Copy(docs, read)
	}
	for _, id := range ids {
		d, ok := docs[id]
		if !ok {
			continue // deleted while queued
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_fts (docid, title, body) VALUES (?, ?, ?)`,
			id, d.title, d.body); err != nil {
			return 0, s.fail(fmt.Sprintf("index article %d for search", id), err)
		}
	}
	if len(ids) > 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_pending WHERE article_id BETWEEN ? AND ?`, ids[0], ids[len(ids)-1]); err != nil {
			return 0, s.fail("index for search", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, s.fail("index for search", err)
	}
	return len(ids), nil
}

// pendingIDs reads the first searchBatch ids of the queue, in order.
func pendingIDs(ctx context.Context, tx *sql.Tx) ([]int64, error) {
	return queryIDs(ctx, tx, `SELECT article_id FROM search_pending ORDER BY article_id LIMIT ?`, searchBatch)
}

// queryIDs runs a query whose rows are one id each and returns the ids in
// row order.
func queryIDs(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// readSearchDocs reads from the library the indexed text of the given
// articles.
func readSearchDocs(ctx context.Context, tx *sql.Tx, ids []int64) (map[int64]searchDoc, error) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := tx.QueryContext(ctx, `SELECT a.id, a.title, a.headlines, `+articleText+` FROM article a
		WHERE a.id IN (`+strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: index for search: %w", err)
	}
	var batch []*parallax.Article
	for rows.Next() {
		var a parallax.Article
		var headlines string
		if err := rows.Scan(&a.ID, &a.Title, &headlines, &a.Text); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: index for search: %w", err)
		}
		if err := json.Unmarshal([]byte(headlines), &a.Headlines); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: index for search: article %d headlines: %w", a.ID, err)
		}
		batch = append(batch, &a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: index for search: %w", err)
	}
	ps, err := paragraphsOf(ctx, tx, ids)
	if err != nil {
		return nil, fmt.Errorf("store: index for search: %w", err)
	}
	docs := make(map[int64]searchDoc, len(batch))
	for _, a := range batch {
		a.Paragraphs = ps[a.ID]
		docs[a.ID] = newSearchDoc(a)
	}
	return docs, nil
}

// searchDoc is the text an article is indexed by, as the index is given
// it (ideographs spaced apart).
type searchDoc struct{ title, body string }

func newSearchDoc(a *parallax.Article) searchDoc {
	return searchDoc{title: spaceIdeographs(searchTitle(a)), body: spaceIdeographs(searchBody(a))}
}

// searchDocCache holds the indexed text of the articles this Store queued,
// so that indexing them need not read them back from the library.
type searchDocCache struct {
	mu   sync.Mutex
	docs map[int64]searchDoc
}

// put remembers the indexed text of article id.
func (c *searchDocCache) put(id int64, d searchDoc) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.docs == nil {
		c.docs = map[int64]searchDoc{}
	}
	c.docs[id] = d
}

// take removes and returns the texts held for ids, and the ids it lacks.
func (c *searchDocCache) take(ids []int64) (map[int64]searchDoc, []int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	found := make(map[int64]searchDoc, len(ids))
	var missing []int64
	for _, id := range ids {
		if d, ok := c.docs[id]; ok {
			found[id] = d
			delete(c.docs, id)
		} else {
			missing = append(missing, id)
		}
	}
	return found, missing
}

// clear forgets every text held (the queue is empty: any left belong to
// articles another process indexed or deleted).
func (c *searchDocCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.docs)
}

// searchTitle is the text indexed as an article's title.
func searchTitle(a *parallax.Article) string {
	if len(a.Headlines) == 0 {
		return a.Title
	}
	return a.Title + "\n" + strings.Join(a.Headlines, "\n")
}

// searchBody is the text indexed, and snippets are cut from, as an
// article's body: its body paragraphs and subheads, or its whole text when
// it has no typed paragraphs.
func searchBody(a *parallax.Article) string {
	return boundSearchBody(bodyFromParagraphs(a.Paragraphs, a.Text))
}

func bodyFromParagraphs(ps []parallax.Paragraph, text string) string {
	// One body paragraph is the body itself, and the others are joined
	// in a buffer of the right size: a one-paragraph 20 MB file is not
	// copied (boundSearchBody keeps only a bounded part of it anyway).
	n, count, only := 0, 0, ""
	for _, p := range ps {
		if p.Kind == parallax.KindBody || p.Kind == parallax.KindSubhead {
			count++
			only = p.Text
			n += len(p.Text) + 2
		}
	}
	if count == 1 {
		return only
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range ps {
		if p.Kind != parallax.KindBody && p.Kind != parallax.KindSubhead {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(p.Text)
	}
	if b.Len() == 0 && len(ps) == 0 {
		return text
	}
	return b.String()
}

// isIdeograph reports whether r belongs to a script written without spaces
// between words. SQLite's unicode61 tokenizer would take a whole run of
// such characters as one token, so a search for a two-character Chinese
// name inside a sentence would never match; spacing each one apart makes
// every character a token and a quoted query a phrase of them.
func isIdeograph(r rune) bool {
	if r < 0x2E80 { // below the CJK radicals: Latin, Greek, Cyrillic, Arabic…
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

// spaceIdeographs puts a space around every ideograph in s.
func spaceIdeographs(s string) string {
	has := false
	for i := 0; i < len(s); i++ {
		// Every ideograph (U+2E80 and above) is encoded from a byte 0xE2
		// or above; text without one needs no rune decoding.
		if s[i] >= 0xE2 {
			for _, r := range s[i:] {
				if isIdeograph(r) {
					has = true
					break
				}
			}
			break
		}
	}
	if !has {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) * 2)
	for _, r := range s {
		if isIdeograph(r) {
			b.WriteByte(' ')
			b.WriteRune(r)
			b.WriteByte(' ')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
