package store

import (
	"context"
	"database/sql"
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
// them all into the tables, in one pass over their pages. Readers
// (Frequencies, Recent, Postings) add the pending batches to what the
// tables hold, so what grouping reads is the same either way.

// pendingMerge is how many articles pending batches hold before a filing
// writes them into the grouping's tables. A variable so that tests can
// write at once (1) or never (a large number).
var pendingMerge = 2048

// filedArticle is one article's filing as a batch records it.
type filedArticle struct {
	id int64
	fl group.Filing
}

// pendingVersion is the first byte of a pending batch's encoding.
const pendingVersion = 1

// encodePending encodes a batch's filings: the distinct keys its articles
// count (eight bytes each: they are hashes; a batch of 256 articles
// counts about 7,600), then for each article its id (as the difference
// from the one before), its date, the keys it counts as indexes into
// those, and the keys it is posted under as indexes into its counted ones
// (a posted key is almost always counted too; one that is not is written
// whole after the index len(Counted)). About 450 bytes an article.
func encodePending(arts []filedArticle) []byte {
	index := map[group.Key]int{}
	var keys []group.Key
	size := 8
	for _, a := range arts {
		for _, k := range a.fl.Counted {
			if _, ok := index[k]; !ok {
				index[k] = len(keys)
				keys = append(keys, k)
			}
		}
		size += 24 + 3*len(a.fl.Counted) + 2*len(a.fl.Posted)
	}
	b := make([]byte, 0, size+8*len(keys))
	b = append(b, pendingVersion)
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = binary.LittleEndian.AppendUint64(b, uint64(k))
	}
	b = binary.AppendUvarint(b, uint64(len(arts)))
	var prev int64
	for _, a := range arts {
		b = binary.AppendVarint(b, a.id-prev)
		prev = a.id
		b = binary.AppendVarint(b, a.fl.Published)
		b = binary.AppendUvarint(b, uint64(len(a.fl.Counted)))
		for _, k := range a.fl.Counted {
			b = binary.AppendUvarint(b, uint64(index[k]))
		}
		b = binary.AppendUvarint(b, uint64(len(a.fl.Posted)))
		at := 0 // posted keys come in the order they are counted
		for _, k := range a.fl.Posted {
			i := indexFrom(a.fl.Counted, k, at)
			if i < 0 {
				b = binary.AppendUvarint(b, uint64(len(a.fl.Counted)))
				b = binary.LittleEndian.AppendUint64(b, uint64(k))
				continue
			}
			b = binary.AppendUvarint(b, uint64(i))
			at = i + 1
		}
	}
	return b
}

// indexFrom is the index of k in keys, looked for from at onwards and
// then before it; -1 when absent.
func indexFrom(keys []group.Key, k group.Key, at int) int {
	at = min(at, len(keys))
	if i := slices.Index(keys[at:], k); i >= 0 {
		return at + i
	}
	return slices.Index(keys[:at], k)
}

// errBadPending is returned for bytes that are not a pending batch's.
var errBadPending = errors.New("bad pending filings")

// maxPendingKeys bounds the keys of one article in a pending batch, so
// that damaged bytes cannot ask for a huge allocation.
const maxPendingKeys = 1 << 16

// decodePending reads a batch encodePending wrote.
func decodePending(data []byte) ([]filedArticle, error) {
	fail := func(what string) ([]filedArticle, error) {
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
	key := func() group.Key {
		k := group.Key(binary.LittleEndian.Uint64(data))
		data = data[8:]
		return k
	}
	nk, ok := uvarint()
	if !ok || nk > uint64(len(data))/8 {
		return fail("keys")
	}
	keys := make([]group.Key, nk)
	for i := range keys {
		keys[i] = key()
	}
	n, ok := uvarint()
	if !ok || n > uint64(len(data)) {
		return fail("count")
	}
	out := make([]filedArticle, 0, n)
	var id int64
	for range n {
		d, ok1 := varint()
		pub, ok2 := varint()
		nc, ok3 := uvarint()
		if !ok1 || !ok2 || !ok3 || nc > maxPendingKeys || nc > uint64(len(data)) {
			return fail("article")
		}
		id += d
		a := filedArticle{id: id, fl: group.Filing{Published: pub, Counted: make([]group.Key, nc)}}
		for i := range a.fl.Counted {
			at, ok := uvarint()
			if !ok || at >= nk {
				return fail("counted key")
			}
			a.fl.Counted[i] = keys[at]
		}
		np, ok := uvarint()
		if !ok || np > maxPendingKeys || np > uint64(len(data)) {
			return fail("posted keys")
		}
		a.fl.Posted = make([]group.Key, np)
		for i := range a.fl.Posted {
			at, ok := uvarint()
			switch {
			case !ok || at > nc:
				return fail("posted key")
			case at < nc:
				a.fl.Posted[i] = a.fl.Counted[at]
			case len(data) < 8:
				return fail("posted key")
			default:
				a.fl.Posted[i] = key()
			}
		}
		out = append(out, a)
	}
	if len(data) != 0 {
		return fail("trailing bytes")
	}
	return out, nil
}

// pendingOverlay is what the pending batches add to the grouping's
// tables, as a reader adds it: decoded once per batch and kept while the
// batch stays pending.
type pendingOverlay struct {
	mu      sync.Mutex
	last    int64          // the highest id of the batches loaded
	loaded  map[int64]bool // the ids loaded
	df      map[group.Key]int
	recent  map[group.Key][]group.Posting // every posting, by key
	damaged int                           // batches that did not decode
}

// pendingView is the overlay as one read saw it.
type pendingView struct {
	df     map[group.Key]int
	recent map[group.Key][]group.Posting
}

// add files a's keys in the overlay.
func (o *pendingOverlay) add(arts []filedArticle) {
	for _, a := range arts {
		for _, k := range a.fl.Counted {
			o.df[k]++
		}
		for _, k := range a.fl.Posted {
			o.recent[k] = append(o.recent[k], group.Posting{Published: a.fl.Published, Article: a.id})
		}
	}
}

func (o *pendingOverlay) reset() {
	o.last, o.loaded = 0, map[int64]bool{}
	o.df, o.recent = map[group.Key]int{}, map[group.Key][]group.Posting{}
	o.damaged = 0
}

// pendingFilings brings the overlay up to the library's pending batches
// and runs read with what it holds (under its lock: read must not keep
// the maps). One statement lists the batches and reads those not loaded
// yet; when a batch loaded is gone (written into the tables), the overlay
// is read again from nothing.
func (s *Store) pendingFilings(ctx context.Context, read func(pendingView)) error {
	o := &s.pending
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.loaded == nil {
		o.reset()
	}
	for attempt := 0; ; attempt++ {
		gone, err := s.loadPending(ctx, o)
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
	read(pendingView{df: o.df, recent: o.recent})
	return nil
}

// loadPending adds the batches not loaded yet to o; gone reports that a
// batch o holds is no longer pending (o is then unchanged).
func (s *Store) loadPending(ctx context.Context, o *pendingOverlay) (gone bool, err error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, CASE WHEN id > ? THEN data END FROM group_pending ORDER BY id`, o.last)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	seen := 0
	var batches [][]filedArticle
	var ids []int64
	var damaged int
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
		arts, err := decodePending(data)
		if err != nil {
			damaged++ // left out, as a recent row that does not read is
		}
		batches, ids = append(batches, arts), append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return false, err
	}
	if seen < len(o.loaded) {
		return true, nil
	}
	for i, arts := range batches {
		o.add(arts)
		o.loaded[ids[i]] = true
		o.last = max(o.last, ids[i])
	}
	o.damaged += damaged
	return false, nil
}

// takePending reads the pending batches inside tx and removes them, for a
// filing to write them into the tables. A batch that does not decode is
// dropped.
func takePending(ctx context.Context, tx *sql.Tx) ([]filedArticle, error) {
	rows, err := tx.QueryContext(ctx, `SELECT data FROM group_pending ORDER BY id`)
	if err != nil {
		return nil, err
	}
	var out []filedArticle
	for rows.Next() {
		var data sql.RawBytes
		if err := rows.Scan(&data); err != nil {
			rows.Close()
			return nil, err
		}
		if arts, err := decodePending(data); err == nil {
			out = append(out, arts...)
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
