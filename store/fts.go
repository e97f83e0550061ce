package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"

	parallax "github.com/parallax-news/parallax"
)

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
func readSearchDocs(ctx context.Context, tx rowsQuerier, ids []int64) (map[int64]searchDoc, error) {
	args := idArgs(ids)
	rows, err := tx.QueryContext(ctx, `SELECT a.id, a.title, a.headlines, `+articleText+` FROM article a
		WHERE a.id IN (`+placeholders(len(ids))+`)`, args...)
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

// maxCachedDocs bounds the search documents waiting for the indexer:
// an import that stores faster than the index is written waits for it
// there, rather than holding every document of a large import in memory.
const maxCachedDocs = 1024

// searchDocCache holds the indexed text of the articles this Store stored,
// until the indexer takes it.
type searchDocCache struct {
	mu sync.Mutex
	// stopped: the index is to be built again from the library, so
	// nothing is kept until it is (see stop).
	stopped bool
	docs    map[int64]cachedDoc
	// room is signalled when the indexer takes documents.
	room chan struct{}
}

// cachedDoc is an article's search document and the content hash of the
// article it was made from (an id alone could be a later article's), and
// the search queue entry that storing it wrote, once committed (0: not
// known).
type cachedDoc struct {
	hash string
	seq  int64
	doc  searchDoc
}

// put remembers the indexed text of article id.
func (c *searchDocCache) put(id int64, hash string, d searchDoc) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stopped {
		return
	}
	c.init()
	c.docs[id] = cachedDoc{hash: hash, doc: d}
}

// written records that storing article id (content hash) wrote queue
// entry seq, committed.
func (c *searchDocCache) written(id int64, hash string, seq int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if cd, ok := c.docs[id]; ok && cd.hash == hash {
		cd.seq = seq
		c.docs[id] = cd
	}
}

// stop forgets every text held and keeps none until clear.
func (c *searchDocCache) stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stopped = true
	clear(c.docs)
}

func (c *searchDocCache) init() {
	if c.docs == nil {
		c.docs = map[int64]cachedDoc{}
		c.room = make(chan struct{}, 1)
	}
}

// waitForRoom waits, a while at most, for the indexer to take documents
// when maxCachedDocs are waiting (a stuck indexer reads the rest back).
func (c *searchDocCache) waitForRoom() {
	c.mu.Lock()
	c.init()
	full, room := len(c.docs) >= maxCachedDocs && !c.stopped, c.room
	c.mu.Unlock()
	if full {
		select {
		case <-room:
		case <-time.After(5 * time.Second):
		}
	}
}

// take removes the texts held for ids and returns those of the articles
// want names (by id, with the hash each has now), and the ids of want it
// lacks.
func (c *searchDocCache) take(ids []int64, want map[int64]string) (map[int64]searchDoc, []int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	found := make(map[int64]searchDoc, len(want))
	var missing []int64
	for _, id := range ids {
		cd, ok := c.docs[id]
		delete(c.docs, id)
		hash, wanted := want[id]
		switch {
		case !wanted:
		case ok && cd.hash == hash:
			found[id] = cd.doc
		default:
			missing = append(missing, id)
		}
	}
	return found, missing
}

// takeWritten removes and returns the texts held for the articles whose
// last queue entry, in last (by id), is the one storing them wrote: the
// entry is then that article's, as it was stored, whatever came before
// it. The other ids of last are returned, their texts (if any) still held.
func (c *searchDocCache) takeWritten(last map[int64]int64) (map[int64]searchDoc, []int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	found := make(map[int64]searchDoc, len(last))
	var others []int64
	for id, seq := range last {
		if cd, ok := c.docs[id]; ok && cd.seq != 0 && cd.seq == seq {
			found[id] = cd.doc
			delete(c.docs, id)
			continue
		}
		others = append(others, id)
	}
	return found, others
}

// drained tells a put waiting for room that the indexer took documents.
func (c *searchDocCache) drained() {
	c.mu.Lock()
	room := c.room
	c.mu.Unlock()
	if room != nil {
		select {
		case room <- struct{}{}:
		default:
		}
	}
}

// clear forgets every text held (the index was built from the library)
// and keeps them again.
func (c *searchDocCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.docs)
	c.stopped = false
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
	if body, ok := bodyInText(ps, text); ok {
		return body
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

// bodyInText returns the body paragraphs of ps joined by blank lines as a
// part of text, without a copy, when text is ps joined by blank lines (as
// ingest makes every article's text) and the body paragraphs follow one
// another in it; ok is false otherwise. Each imported article's body was
// otherwise copied once more, into memory first touched (a page fault a
// page) while the import runs.
func bodyInText(ps []parallax.Paragraph, text string) (body string, ok bool) {
	start, end, at := -1, -1, 0
	for i, p := range ps {
		if i > 0 {
			if !strings.HasPrefix(text[at:], "\n\n") {
				return "", false
			}
			at += 2
		}
		if !strings.HasPrefix(text[at:], p.Text) {
			return "", false
		}
		if p.Kind == parallax.KindBody || p.Kind == parallax.KindSubhead {
			if end >= 0 && end != at-2 {
				return "", false // another kind between two body paragraphs
			}
			if start < 0 {
				start = at
			}
			end = at + len(p.Text)
		}
		at += len(p.Text)
	}
	if at != len(text) || start < 0 {
		return "", false
	}
	return text[start:end], true
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
