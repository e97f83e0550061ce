package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Hit is one search result.
type Hit struct {
	ArticleID int64
	StoryID   int64
	Title     string
	Source    string
	Published time.Time
	Score     float64 // BM25; higher is better
	// Snippet is a short passage of the body around the best cluster of
	// matches, whitespace collapsed, with "…" where it was cut.
	Snippet string
	// Highlights are the matched words, as [start, end) byte offsets into
	// Snippet.
	Highlights [][2]int
}

// DefaultSearchLimit is how many hits Search returns when limit <= 0.
const DefaultSearchLimit = 20

// Search finds articles whose title or body match query, best first
// (Okapi BM25, a word in the title counting as three in the body).
// The query is a list of words, all of which must appear; "quoted words"
// must appear together in that order, word* matches any word starting
// with word, -word excludes articles with it, and OR between two terms
// lets either match. Case and accents are ignored. When more than
// searchCandidates articles match, the newest searchCandidates of them
// are ranked, so that a search for a word found everywhere stays fast.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]Hit, error) {
	if limit <= 0 {
		limit = DefaultSearchLimit
	}
	q, err := parseQuery(query)
	if err != nil {
		return nil, fmt.Errorf("store: search %q: %w", query, err)
	}
	// Articles still queued join the index first, so a search sees every
	// stored article; if another process holds the index too long, it
	// searches what is indexed. The index is held meanwhile, so that the
	// indexer does not make it again under the search.
	s.index.mu.Lock()
	defer s.index.mu.Unlock()
	if err := s.catchUpAll(ctx); err != nil && !errors.Is(err, ErrLocked) {
		return nil, err
	}
	hits, err := s.rankMatches(ctx, q, limit)
	if errors.Is(err, ErrNotLibrary) {
		// The index file is damaged: built again, then asked again.
		s.index.damaged = err
		s.index.checked = false
		if err = s.catchUpAll(ctx); err == nil {
			hits, err = s.rankMatches(ctx, q, limit)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("store: search %q: %w", query, err)
	}
	if hits, err = s.fillHits(ctx, hits, q.words); err != nil {
		return nil, fmt.Errorf("store: search %q: %w", query, err)
	}
	return hits, nil
}

// PrepareSearch brings the search index up to date with the library now,
// building it again from the library when it must be (a library copied
// without its index file, a damaged or stale one), so that the first
// search does not wait for that. SetIndexProgress hears how far a build
// has come; cancelling ctx stops it between chunks of articles (the old
// index stays). Another process holding the index is not an error.
func (s *Store) PrepareSearch(ctx context.Context) error {
	s.index.mu.Lock()
	defer s.index.mu.Unlock()
	if err := s.catchUpAll(ctx); err != nil && !errors.Is(err, ErrLocked) {
		return fmt.Errorf("store: prepare search: %w", err)
	}
	return nil
}

// fillHits reads the title, story, source and body of each hit and cuts
// its snippet. A hit whose article is no longer in the library (an index
// the library's deletions have not reached: a read-only library's) is
// left out.
func (s *Store) fillHits(ctx context.Context, hits []Hit, words []queryWord) ([]Hit, error) {
	if len(hits) == 0 {
		return hits, nil
	}
	ids := make([]int64, len(hits))
	args := make([]any, len(hits))
	at := make(map[int64]int, len(hits))
	for i, h := range hits {
		ids[i], args[i], at[h.ArticleID] = h.ArticleID, h.ArticleID, i
	}
	rows, err := s.db.QueryContext(ctx, `
		SELECT a.id, a.story_id, a.title, coalesce(src.name, ''), a.published
		FROM article a LEFT JOIN source src ON src.id = a.source_id
		WHERE a.id IN (`+placeholders(len(ids))+`)`, args...)
	if err != nil {
		return nil, s.fail("hits", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var published string
		var h Hit
		if err := rows.Scan(&id, &h.StoryID, &h.Title, &h.Source, &published); err != nil {
			return nil, s.fail("hits", err)
		}
		if h.Published, err = parseTime(published); err != nil {
			return nil, fmt.Errorf("article %d published: %w", id, err)
		}
		i := at[id]
		hits[i].StoryID, hits[i].Title, hits[i].Source, hits[i].Published = h.StoryID, h.Title, h.Source, h.Published
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail("hits", err)
	}
	bodies, err := s.snippetBodies(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range hits {
		hits[i].Snippet, hits[i].Highlights = snippet(bodies[hits[i].ArticleID], words, snippetWords)
	}
	// Every stored article has a story: a hit without one was not found.
	return slices.DeleteFunc(hits, func(h Hit) bool { return h.StoryID == 0 }), nil
}

// errEmptyQuery says the query held nothing to search for.
var errEmptyQuery = errors.New("nothing to search for: give at least one word that must appear")

// parsedQuery is a user query rewritten for FTS4, and the words to
// highlight.
type parsedQuery struct {
	fts   string
	words []queryWord
	// phrases are the phrases that must (or, with OR, may) appear, as
	// quoted FTS4 phrases in the order the expression holds them; the
	// excluded ones follow them in the expression.
	phrases []string
	negated bool
}

// queryWord is one normalised word to highlight; prefix matches any word
// that starts with it.
type queryWord struct {
	text   string
	prefix bool
}

// queryTerm is a word or quoted phrase of the user's query.
type queryTerm struct {
	text     string
	prefix   bool
	negated  bool
	orBefore bool
}

// parseQuery turns the user's query into an FTS4 MATCH expression in which
// every term is a quoted phrase, so that no input can be a syntax error.
func parseQuery(query string) (parsedQuery, error) {
	// SQLite ends a quoted phrase at a NUL, leaving the expression open:
	// control characters separate words like spaces.
	query = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, query)
	var terms []queryTerm
	orNext := false
	for rest := strings.TrimSpace(query); rest != ""; rest = strings.TrimLeftFunc(rest, unicode.IsSpace) {
		var t queryTerm
		if strings.HasPrefix(rest, "-") && len(rest) > 1 && !unicode.IsSpace(rune(rest[1])) {
			t.negated = true
			rest = rest[1:]
		}
		if strings.HasPrefix(rest, `"`) {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				t.text, rest = rest[1:], ""
			} else {
				t.text, rest = rest[1:1+end], rest[2+end:]
			}
		} else {
			end := strings.IndexFunc(rest, unicode.IsSpace)
			if end < 0 {
				end = len(rest)
			}
			t.text, rest = rest[:end], rest[end:]
			if t.text == "OR" && !t.negated {
				orNext = true
				continue
			}
		}
		if strings.HasSuffix(t.text, "*") {
			t.prefix = true
			t.text = strings.TrimRight(t.text, "*")
		}
		t.text = strings.ReplaceAll(t.text, `"`, " ")
		if len(tokenize(t.text)) == 0 {
			continue // only punctuation: nothing the index could hold
		}
		t.orBefore, orNext = orNext, false
		terms = append(terms, t)
	}
	var pos, neg, phrases []string
	var words []queryWord
	for _, t := range terms {
		phrase := `"` + spaceIdeographs(t.text)
		if t.prefix {
			phrase += "*"
		}
		phrase += `"`
		if t.negated {
			neg = append(neg, phrase)
			continue
		}
		if len(pos) > 0 && t.orBefore {
			pos = append(pos, "OR")
		}
		pos = append(pos, phrase)
		phrases = append(phrases, phrase)
		toks := tokenize(t.text)
		for i, tok := range toks {
			words = append(words, queryWord{text: tok.norm, prefix: t.prefix && i == len(toks)-1})
		}
	}
	if len(pos) == 0 {
		return parsedQuery{}, errEmptyQuery
	}
	fts := strings.Join(pos, " ")
	for _, n := range neg {
		fts += " NOT " + n
	}
	return parsedQuery{fts: fts, words: words, phrases: phrases, negated: len(neg) > 0}, nil
}

// token is one word of a text as the index sees it.
type token struct {
	start, end int    // byte offsets
	norm       string // lower case, accents removed
}

// isWordRune mirrors what SQLite's unicode61 tokenizer keeps in a token.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r)
}

// tokenize splits text into words the way the index does: runs of letters
// and digits, and every ideograph on its own.
func tokenize(text string) []token {
	spans := wordSpans(text, nil)
	out := make([]token, len(spans))
	for i, sp := range spans {
		out[i] = token{start: sp.start, end: sp.end, norm: normalizeWord(text[sp.start:sp.end])}
	}
	return out
}

// span is the byte range of one word of a text.
type span struct{ start, end int }

// wordSpans appends to spans the byte ranges of text's words as tokenize
// splits them, without normalising them.
func wordSpans(text string, spans []span) []span {
	start := -1
	flush := func(end int) {
		if start >= 0 {
			spans = append(spans, span{start, end})
			start = -1
		}
	}
	for i, r := range text {
		if r < utf8.RuneSelf { // most text is ASCII: no table look-ups
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
				if start < 0 {
					start = i
				}
			} else {
				flush(i)
			}
			continue
		}
		switch {
		case isIdeograph(r):
			flush(i)
			spans = append(spans, span{i, i + utf8.RuneLen(r)})
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		default:
			flush(i)
		}
	}
	flush(len(text))
	return spans
}

// normalizeWord folds case and strips accents, as remove_diacritics does.
func normalizeWord(w string) string {
	// Most words are plain ASCII: fold them without decomposing.
	ascii, upper := true, false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if ascii {
		if !upper {
			return w
		}
		return strings.ToLower(w)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// snippetWords is how many words a snippet spans.
const snippetWords = 28

// snippet cuts from body the window of about width words holding the most
// distinct query words (then the most matches), and returns it with the
// byte ranges of the matches in it.
func snippet(body string, words []queryWord, width int) (string, [][2]int) {
	toks := wordSpans(body, nil)
	if len(toks) == 0 {
		return "", nil
	}
	match := make([]int, len(toks)) // index+1 of the query word matched, or 0
	for i, t := range toks {
		match[i] = matchQueryWord(body[t.start:t.end], words)
	}
	lead := min(4, width/4) // words of context before the first match
	best, bestDistinct, bestHits := 0, 0, 0
	seen := make([]int, len(words)+1) // seen[w] == i+1: word w is in window i
	for i := range toks {
		if match[i] == 0 {
			continue
		}
		from := max(i-lead, 0)
		to := min(from+width, len(toks))
		distinct, hits := 0, 0
		for j := from; j < to; j++ {
			if m := match[j]; m != 0 {
				if seen[m] != i+1 {
					seen[m] = i + 1
					distinct++
				}
				hits++
			}
		}
		if distinct > bestDistinct || (distinct == bestDistinct && hits > bestHits) {
			best, bestDistinct, bestHits = from, distinct, hits
		}
	}
	to := min(best+width, len(toks))
	var b strings.Builder
	b.Grow(toks[to-1].end - toks[best].start + 8)
	var marks [][2]int
	if best > 0 {
		b.WriteString("… ")
	}
	for j := best; j < to; j++ {
		if j > best {
			writeCollapsed(&b, body[toks[j-1].end:toks[j].start])
		}
		start := b.Len()
		b.WriteString(body[toks[j].start:toks[j].end])
		if match[j] != 0 {
			marks = append(marks, [2]int{start, b.Len()})
		}
	}
	if to < len(toks) {
		b.WriteString(" …")
	} else if tail := strings.TrimSpace(body[toks[to-1].end:]); tail != "" && utf8.RuneCountInString(tail) < 4 {
		b.WriteString(tail) // keep a closing full stop or quote
	}
	return b.String(), marks
}

// matchQueryWord returns the index+1 of the first query word that word
// (as found in a text) matches, case and accents ignored, or 0. Plain
// ASCII words, nearly all of them, are compared without normalising.
func matchQueryWord(word string, words []queryWord) int {
	ascii := true
	for i := 0; i < len(word); i++ {
		if word[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		norm := normalizeWord(word)
		for w, q := range words {
			if norm == q.text || (q.prefix && strings.HasPrefix(norm, q.text)) {
				return w + 1
			}
		}
		return 0
	}
	for w, q := range words {
		if len(word) == len(q.text) || (q.prefix && len(word) > len(q.text)) {
			if asciiFoldedPrefix(word, q.text) {
				return w + 1
			}
		}
	}
	return 0
}

// asciiFoldedPrefix reports whether the ASCII word starts with lower, a
// normalised (lower-case) query word, ignoring the word's case.
func asciiFoldedPrefix(word, lower string) bool {
	if len(lower) > len(word) {
		return false
	}
	for i := 0; i < len(lower); i++ {
		c := word[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// writeCollapsed writes s to b with every run of white space turned into
// one space.
func writeCollapsed(b *strings.Builder, s string) {
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
}
