package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/parallax-news/parallax/compare/group"
)

// Pending filings (migration 024). Filing a batch writes its articles'
// keys as one row of group_pending, a few dozen pages written in order,
// instead of a row of group_term, group_recent and group_fresh per key:
// those keys are hashes spread over every page of the three tables, so
// each batch rewrote most of them (at 20,000 articles, 1,270 of the 2,820
// pages a 500-file grouped import changed). Once the pending batches
// hold pendingMerge articles, the filing that brings them there writes
// them all into the tables (postings straight into the posting lists,
// migration 025), in one pass over their pages; a grouped import that
// starts with them due writes them out beside its first reading
// (WritePendingFilings). Readers (Frequencies, Recent, Postings) add the
// pending batches to what the tables hold, each in one read transaction,
// so what grouping reads is the same either way.

// pendingMerge is how many articles pending batches hold before a filing
// writes them into the grouping's tables. A variable so that tests can
// write at once (1) or never (a large number).
var pendingMerge = 2048

// filedArticle is one article's filing as a batch records it.
type filedArticle struct {
	id int64
	fl group.Filing
}

// pendingBatch is one pending batch as stored: its keys, sorted, each
// with the document frequency the batch adds and the postings it files
// under the key (in the order filed), so that a reader looks a key up in
// each batch by binary search, with nothing to build.
type pendingBatch struct {
	articles int
	keys     []group.Key
	df       []int32
	first    []int32 // key i's postings are posts[first[i]:first[i+1]]
	posts    []group.Posting
}

// newPendingBatch gathers the filings of arts by key.
func newPendingBatch(arts []filedArticle) *pendingBatch {
	type gathered struct {
		df    int32
		posts []group.Posting
	}
	by := map[group.Key]*gathered{}
	get := func(k group.Key) *gathered {
		g := by[k]
		if g == nil {
			g = &gathered{}
			by[k] = g
		}
		return g
	}
	n := 0
	for _, a := range arts {
		for _, k := range a.fl.Counted {
			get(k).df++
		}
		for _, k := range a.fl.Posted {
			g := get(k)
			g.posts = append(g.posts, group.Posting{Published: a.fl.Published, Article: a.id})
		}
		n += len(a.fl.Posted)
	}
	b := &pendingBatch{articles: len(arts), keys: make([]group.Key, 0, len(by))}
	for k := range by {
		b.keys = append(b.keys, k)
	}
	slices.Sort(b.keys)
	b.df, b.first, b.posts = make([]int32, len(b.keys)), make([]int32, len(b.keys)+1), make([]group.Posting, 0, n)
	for i, k := range b.keys {
		g := by[k]
		b.df[i] = g.df
		b.posts = append(b.posts, g.posts...)
		b.first[i+1] = int32(len(b.posts))
	}
	return b
}

// find is the index of k in b.keys, -1 when b does not hold it.
func (b *pendingBatch) find(k group.Key) int {
	if i, ok := slices.BinarySearch(b.keys, k); ok {
		return i
	}
	return -1
}

// pendingVersion is the first byte of a pending batch's encoding.
const pendingVersion = 1

// encode writes b: its article count and key count, its keys (eight bytes
// each: they are hashes; a batch of 256 articles has about 7,600), then
// for each key the document frequency it adds and its postings (each
// posting's date and article). About 500 bytes an article.
func (b *pendingBatch) encode() []byte {
	out := make([]byte, 0, 16+10*len(b.keys)+10*len(b.posts))
	out = append(out, pendingVersion)
	out = binary.AppendUvarint(out, uint64(b.articles))
	out = binary.AppendUvarint(out, uint64(len(b.keys)))
	for _, k := range b.keys {
		out = binary.LittleEndian.AppendUint64(out, uint64(k))
	}
	for i := range b.keys {
		out = binary.AppendUvarint(out, uint64(b.df[i]))
		posts := b.posts[b.first[i]:b.first[i+1]]
		out = binary.AppendUvarint(out, uint64(len(posts)))
		for _, p := range posts {
			out = binary.AppendVarint(out, p.Published)
			out = binary.AppendVarint(out, p.Article)
		}
	}
	return out
}

// encodePending is the encoding of the batch arts make.
func encodePending(arts []filedArticle) []byte { return newPendingBatch(arts).encode() }

// errBadPending is returned for bytes that are not a pending batch's.
var errBadPending = errors.New("bad pending filings")

// decodePending reads a batch encode wrote. Keys must rise, so that a
// damaged batch cannot make binary search miss what it holds.
func decodePending(data []byte) (*pendingBatch, error) {
	fail := func(what string) (*pendingBatch, error) {
		return nil, fmt.Errorf("store: %w: %s", errBadPending, what)
	}
	if len(data) == 0 || data[0] != pendingVersion {
		return fail("version")
	}
	data = data[1:]
	uvarint := func() (uint64, bool) {
		v, n := binary.Uvarint(data)
		if n <= 0 {
			return 0, false
		}
		data = data[n:]
		return v, true
	}
	varint := func() (int64, bool) {
		v, n := binary.Varint(data)
		if n <= 0 {
			return 0, false
		}
		data = data[n:]
		return v, true
	}
	arts, ok1 := uvarint()
	nk, ok2 := uvarint()
	if !ok1 || !ok2 || arts > 1<<31 || nk > uint64(len(data))/8 {
		return fail("counts")
	}
	b := &pendingBatch{articles: int(arts), keys: make([]group.Key, nk), df: make([]int32, nk), first: make([]int32, nk+1)}
	for i := range b.keys {
		b.keys[i] = group.Key(binary.LittleEndian.Uint64(data))
		data = data[8:]
		if i > 0 && b.keys[i] <= b.keys[i-1] {
			return fail("keys out of order")
		}
	}
	for i := range b.keys {
		df, ok1 := uvarint()
		np, ok2 := uvarint()
		if !ok1 || !ok2 || df > 1<<31 || np > uint64(len(data))/2 {
			return fail("key")
		}
		b.df[i] = int32(df)
		for range np {
			pub, ok1 := varint()
			id, ok2 := varint()
			if !ok1 || !ok2 {
				return fail("posting")
			}
			b.posts = append(b.posts, group.Posting{Published: pub, Article: id})
		}
		if len(b.posts) > 1<<31-1 {
			return fail("postings")
		}
		b.first[i+1] = int32(len(b.posts))
	}
	if len(data) != 0 {
		return fail("trailing bytes")
	}
	return b, nil
}

// pendingOverlay is what the pending batches add to the grouping's
// tables, as a reader adds it: decoded once per batch and kept while the
// batch stays pending.
type pendingOverlay struct {
	mu      sync.Mutex
	last    int64          // the highest id of the batches loaded
	loaded  map[int64]bool // the ids loaded
	batches []*pendingBatch
}

// pendingView is the overlay as one read saw it.
type pendingView struct{ batches []*pendingBatch }

// df is the document frequency the pending batches add to k's.
func (v pendingView) df(k group.Key) int {
	n := 0
	for _, b := range v.batches {
		if i := b.find(k); i >= 0 {
			n += int(b.df[i])
		}
	}
	return n
}

// postings calls each for each posting the pending batches file under k,
// oldest batch first.
func (v pendingView) postings(k group.Key, each func(group.Posting)) {
	for _, b := range v.batches {
		if i := b.find(k); i >= 0 {
			for _, p := range b.posts[b.first[i]:b.first[i+1]] {
				each(p)
			}
		}
	}
}

func (o *pendingOverlay) reset() {
	o.last, o.loaded, o.batches = 0, map[int64]bool{}, nil
}

// pendingFilings brings the overlay up to the library's pending batches
// and runs read with what it holds (under its lock: read must not keep
// the view). One statement lists the batches and reads those not loaded
// yet; when a batch loaded is gone (written into the tables), the overlay
// is read again from nothing.
func (s *Store) pendingFilings(ctx context.Context, q querier, read func(pendingView)) error {
	o := &s.pending
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.loaded == nil {
		o.reset()
	}
	for attempt := 0; ; attempt++ {
		gone, err := loadPending(ctx, q, o)
		if err != nil {
			return err
		}
		if !gone {
			break
		}
		if attempt > 0 {
			return errors.New("store: pending filings changed while read")
		}
		o.reset()
	}
	read(pendingView{o.batches})
	return nil
}

// loadPending adds the batches not loaded yet to o; gone reports that a
// batch o holds is no longer pending (o is then unchanged).
func loadPending(ctx context.Context, q querier, o *pendingOverlay) (gone bool, err error) {
	rows, err := q.QueryContext(ctx, `SELECT id, CASE WHEN id > ? THEN data END FROM group_pending ORDER BY id`, o.last)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	seen := 0
	var batches []*pendingBatch
	var ids []int64
	for rows.Next() {
		var id int64
		var data sql.RawBytes
		if err := rows.Scan(&id, &data); err != nil {
			return false, err
		}
		if id <= o.last {
			if !o.loaded[id] {
				return true, nil // not loaded, yet below one loaded: read again
			}
			seen++
			continue
		}
		ids = append(ids, id)
		b, err := decodePending(data)
		if err != nil {
			continue // left out, as a recent row that does not read is
		}
		batches = append(batches, b)
	}
	if err := rows.Err(); err != nil {
		return false, err
	}
	if seen < len(o.loaded) {
		return true, nil
	}
	for _, id := range ids {
		o.loaded[id] = true
		o.last = max(o.last, id)
	}
	o.batches = append(o.batches, batches...)
	return false, nil
}

// takePending reads the pending batches inside tx and removes them, for a
// filing to write them into the tables. A batch that does not decode is
// dropped.
func takePending(ctx context.Context, tx *sql.Tx) ([]*pendingBatch, error) {
	rows, err := tx.QueryContext(ctx, `SELECT data FROM group_pending ORDER BY id`)
	if err != nil {
		return nil, err
	}
	var out []*pendingBatch
	for rows.Next() {
		var data sql.RawBytes
		if err := rows.Scan(&data); err != nil {
			rows.Close()
			return nil, err
		}
		if b, err := decodePending(data); err == nil {
			out = append(out, b)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM group_pending`); err != nil {
		return nil, err
	}
	return out, nil
}

// PendingMergeArticles is how many articles' filings wait in pending
// batches before a filing writes them into the grouping's tables (for
// benchmarks that time both kinds of filing).
func PendingMergeArticles() int { return pendingMerge }

// snapshot runs read on one connection inside a read transaction, so
// that all it reads is the library at one moment: the grouping's tables
// and the pending batches read together (a filing that writes pending
// batches into the tables may commit beside it).
func (s *Store) snapshot(ctx context.Context, read func(q querier) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN DEFERRED`); err != nil {
		return err
	}
	err = read(conn)
	// Ended even when ctx is done: the connection goes back to the pool,
	// and must not go back inside a transaction (if it cannot be ended,
	// the pool drops the connection).
	if _, cerr := conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`); cerr != nil {
		conn.Raw(func(any) error { return driver.ErrBadConn })
		if err == nil {
			err = cerr
		}
	}
	return err
}

// pendingDue is how many articles pending batches hold before an import
// writes them out as it starts (Store.WritePendingFilings), beside its
// first reading and placing, which do not write: then no batch of the
// import reaches pendingMerge and writes them out on the storing
// thread.
func pendingDue() int { return pendingMerge - pendingMerge/4 }

// PendingFilingsDue reports whether the pending filings are due to be
// written out (see WritePendingFilings).
func (s *Store) PendingFilingsDue(ctx context.Context) (bool, error) {
	n, err := s.PendingArticles(ctx)
	return n >= pendingDue(), err
}

// PendingArticles is how many articles' filings are pending.
func (s *Store) PendingArticles(ctx context.Context) (int, error) {
	n, err := pendingArticles(ctx, s.db)
	if err != nil {
		return 0, s.fail("pending filings", err)
	}
	return n, nil
}

// pendingArticles is how many articles' filings are pending, as q reads
// the library.
func pendingArticles(ctx context.Context, q querier) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT coalesce(sum(articles), 0) FROM group_pending`).Scan(&n)
	return n, err
}

// WritePendingFilings writes the pending filings into the grouping's
// tables, in one transaction. What grouping reads is the same before and
// after; it only moves the work of writing them out to a moment of the
// caller's choosing (an import does it as it starts reading).
func (s *Store) WritePendingFilings(ctx context.Context) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return s.fail("write pending filings", err)
	}
	defer tx.Rollback()
	if err := s.newFiler(tx).writeOut(ctx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return s.fail("write pending filings", err)
	}
	return nil
}
