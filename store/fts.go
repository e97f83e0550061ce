package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"unicode"

	parallax "github.com/parallax-news/parallax"
)

// searchBatch is how many queued articles make AddArticle flush the
// search queue.
const searchBatch = 200

// flushSearchIndex adds every article queued in search_pending to the
// full-text index, in one transaction per batch.
func (s *Store) flushSearchIndex(ctx context.Context) error {
	for {
		var any int
		if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM search_pending)`).Scan(&any); err != nil {
			return s.fail("index for search", err)
		}
		if any == 0 {
			s.unindexed.Store(0)
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
	rows, err := tx.QueryContext(ctx, `
		SELECT a.id, a.title, a.headlines, a.text
		FROM search_pending p JOIN article a ON a.id = p.article_id
		ORDER BY p.article_id LIMIT ?`, searchBatch)
	if err != nil {
		return 0, s.fail("index for search", err)
	}
	var batch []*parallax.Article
	var ids []int64
	for rows.Next() {
		var a parallax.Article
		var headlines string
		if err := rows.Scan(&a.ID, &a.Title, &headlines, &a.Text); err != nil {
			rows.Close()
			return 0, s.fail("index for search", err)
		}
		if err := json.Unmarshal([]byte(headlines), &a.Headlines); err != nil {
			rows.Close()
			return 0, fmt.Errorf("store: index for search: article %d headlines: %w", a.ID, err)
		}
		batch = append(batch, &a)
		ids = append(ids, a.ID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, s.fail("index for search", err)
	}
	ps, err := paragraphsOf(ctx, tx, ids)
	if err != nil {
		return 0, s.fail("index for search", err)
	}
	for _, a := range batch {
		a.Paragraphs = ps[a.ID]
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_fts (docid, title, body) VALUES (?, ?, ?)`,
			a.ID, spaceIdeographs(searchTitle(a)), spaceIdeographs(searchBody(a))); err != nil {
			return 0, s.fail(fmt.Sprintf("index article %d for search", a.ID), err)
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
	return len(batch), nil
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
	return bodyFromParagraphs(a.Paragraphs, a.Text)
}

func bodyFromParagraphs(ps []parallax.Paragraph, text string) string {
	var b strings.Builder
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
	for _, r := range s {
		if isIdeograph(r) {
			has = true
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

// Okapi BM25 parameters and the weight of each indexed column (title,
// body): a word in the title counts as much as three in the body.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

var columnWeights = []float64{3, 1}

// rankMatchinfo scores one row from FTS4's matchinfo(t, 'pcnalx') as
// Okapi BM25 summed over phrases and weighted columns; higher is better.
// FTS4 has no ranking function of its own (FTS5's bm25() needs a build tag
// that plain "go build" would lack), so the store registers this one.
func rankMatchinfo(mi []byte) float64 {
	n := len(mi) / 4
	u := func(i int) float64 {
		if i >= n {
			return 0
		}
		return float64(binary.NativeEndian.Uint32(mi[4*i:]))
	}
	if n < 3 {
		return 0
	}
	phrases, cols, rows := int(u(0)), int(u(1)), u(2)
	avgAt, lenAt, xAt := 3, 3+cols, 3+2*cols
	if n < xAt+3*phrases*cols {
		return 0
	}
	score := 0.0
	for p := 0; p < phrases; p++ {
		for c := 0; c < cols; c++ {
			x := xAt + 3*(p*cols+c)
			tf, docs := u(x), u(x+2)
			if tf == 0 {
				continue
			}
			idf := math.Log((rows - docs + 0.5) / (docs + 0.5))
			if idf < 1e-6 {
				idf = 1e-6 // a word in most articles still counts a little
			}
			avg := max(u(avgAt+c), 1)
			norm := tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*u(lenAt+c)/avg))
			w := 1.0
			if c < len(columnWeights) {
				w = columnWeights[c]
			}
			score += w * idf * norm
		}
	}
	return score
}
