package store

import (
	"cmp"
	"context"
	"encoding/binary"
	"math"
	"slices"
)

// searchCandidates bounds the articles a search ranks: the newest this
// many that match. Below it (almost every query that names something)
// ranking is exact; above it the query is made of words found in a large
// share of the library, whose BM25 weight is small and whose best hits
// among recent articles are as useful to an analyst as any. Reading the
// matches newest first lets the index stop there (see migration 007).
const searchCandidates = 1000

// frequencySample is how many of a phrase's newest matches are read to
// count, or estimate, the articles it appears in.
const frequencySample = 1000

// Okapi BM25 parameters and the weight of each indexed column (title,
// body): a word in the title counts as much as three in the body.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

var columnWeights = []float64{3, 1}

// rankMatches scores the newest searchCandidates articles matching q by
// BM25 and returns the best limit of them, best first, with ArticleID and
// Score set.
func (s *Store) rankMatches(ctx context.Context, q parsedQuery, limit int) ([]Hit, error) {
	span, err := s.indexedSpan(ctx)
	if err != nil {
		return nil, err
	}
	candidates := s.searchCandidates
	if candidates <= 0 {
		candidates = searchCandidates
	}
	// matchinfo 'pcnaly': phrases, columns, rows, average column
	// lengths, this row's column lengths, and this row's hits per phrase
	// and column. Unlike 'x' it needs no pass over every match to count
	// the hits in all rows; document frequencies come from
	// phraseFrequency instead.
	rows, err := s.index.db.QueryContext(ctx, `
		SELECT docid, matchinfo(article_fts, 'pcnaly') FROM article_fts
		WHERE article_fts MATCH ? ORDER BY docid DESC LIMIT ?`, q.fts, candidates)
	if err != nil {
		return nil, s.fail("rank", err)
	}
	type candidate struct {
		id int64
		mi []byte
	}
	var cands []candidate
	for rows.Next() {
		var c candidate
		if err := rows.Scan(&c.id, &c.mi); err != nil {
			rows.Close()
			return nil, s.fail("rank", err)
		}
		cands = append(cands, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.fail("rank", err)
	}
	if len(cands) == 0 {
		return nil, nil
	}
	span.docs = matchinfoRows(cands[0].mi)
	freqs := make([]float64, len(q.phrases))
	if len(q.phrases) == 1 && !q.negated {
		// The candidates are the phrase's own newest matches.
		last := cands[len(cands)-1].id
		freqs[0] = span.estimate(len(cands), candidates, last)
	} else {
		sample := s.frequencySample
		if sample <= 0 {
			sample = frequencySample
		}
		for i, p := range q.phrases {
			if freqs[i], err = s.phraseFrequency(ctx, p, span, sample); err != nil {
				return nil, err
			}
		}
	}
	type scored struct {
		id    int64
		score float64
	}
	all := make([]scored, len(cands))
	for i, c := range cands {
		all[i] = scored{c.id, bm25(c.mi, freqs)}
	}
	slices.SortFunc(all, func(a, b scored) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(b.id, a.id) // on a tie, the newer first
	})
	hits := make([]Hit, min(limit, len(all)))
	for i := range hits {
		hits[i] = Hit{ArticleID: all[i].id, Score: all[i].score}
	}
	return hits, nil
}

// docSpan is the range of article ids in the full-text index and how many
// articles it holds, for estimating how many articles a phrase is in.
type docSpan struct {
	first, last int64
	docs        int
}

// indexedSpan reads the range of ids of the articles (all of them
// indexed, as Search flushes the queue first); docs is left for the
// caller, who has it from matchinfo.
func (s *Store) indexedSpan(ctx context.Context) (docSpan, error) {
	var d docSpan
	// Two subqueries: SQLite finds a lone min() or max() at one end of
	// the table, but scans it all for both in one SELECT.
	err := s.db.QueryRowContext(ctx, `SELECT coalesce((SELECT min(id) FROM article), 0), coalesce((SELECT max(id) FROM article), 0)`).Scan(&d.first, &d.last)
	if err != nil {
		return d, s.fail("rank", err)
	}
	return d, nil
}

// matchinfoRows is the number of indexed articles, from a matchinfo blob
// whose formats open with 'pcn'.
func matchinfoRows(mi []byte) int {
	if len(mi) < 12 {
		return 0
	}
	return int(binary.NativeEndian.Uint32(mi[8:]))
}

// estimate is the number of articles a phrase is in, from the newest of
// its matches: found of them were read, reading stopped at sample, and
// oldest is the id of the last one read. When fewer than sample were
// found, found is the count; otherwise the phrase's density among the
// newest articles is carried over the whole library (ids are handed out
// in order, so a span of ids is a span of articles).
func (d docSpan) estimate(found, sample int, oldest int64) float64 {
	if found < sample || d.docs == 0 {
		return float64(found)
	}
	all := float64(d.last - d.first + 1)
	newer := float64(d.last - oldest + 1)
	if newer <= 0 || all <= 0 {
		return float64(d.docs)
	}
	return min(float64(found)*all/newer, float64(d.docs))
}

// phraseFrequency counts (or, for a common phrase, estimates from its
// newest sample matches) the articles phrase appears in.
func (s *Store) phraseFrequency(ctx context.Context, phrase string, span docSpan, sample int) (float64, error) {
	var found int
	var oldest int64
	err := s.index.db.QueryRowContext(ctx, `
		SELECT count(*), coalesce(min(docid), 0) FROM (
			SELECT docid FROM article_fts WHERE article_fts MATCH ?
			ORDER BY docid DESC LIMIT ?)`, phrase, sample).Scan(&found, &oldest)
	if err != nil {
		return 0, s.fail("rank", err)
	}
	return span.estimate(found, sample, oldest), nil
}

// bm25 scores one row from matchinfo(article_fts, 'pcnaly') as Okapi BM25
// summed over the phrases that have a frequency in freqs and over the
// weighted columns; higher is better. Short or damaged input scores 0.
func bm25(mi []byte, freqs []float64) float64 {
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
	avgAt, lenAt, hitsAt := 3, 3+cols, 3+2*cols
	if phrases > n || cols > n || n < hitsAt+phrases*cols {
		return 0
	}
	score := 0.0
	for p := 0; p < min(phrases, len(freqs)); p++ {
		docs := freqs[p]
		idf := math.Log((rows - docs + 0.5) / (docs + 0.5))
		if idf < 1e-6 || math.IsNaN(idf) {
			idf = 1e-6 // a word in most articles still counts a little
		}
		for c := 0; c < cols; c++ {
			tf := u(hitsAt + p*cols + c)
			if tf == 0 {
				continue
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
