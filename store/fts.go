package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"math"
	"strings"
	"unicode"

	parallax "github.com/parallax-news/parallax"
)

// indexArticle adds article id to the full-text index: its title and
// alternative headlines in one column, its body and subheads in the other.
func (s *Store) indexArticle(ctx context.Context, tx *sql.Tx, id int64, a *parallax.Article) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO article_fts (docid, title, body) VALUES (?, ?, ?)`,
		id, spaceIdeographs(searchTitle(a)), spaceIdeographs(searchBody(a)))
	if err != nil {
		return s.fail("add article: index", err)
	}
	return nil
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
