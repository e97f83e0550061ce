package group

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// snapshotMagic and snapshotVersion open an encoded Index. The version
// changes whenever the layout or the meaning of a stored field changes
// (docEntry, postings, LSH buckets); an older snapshot is then refused and
// the caller rebuilds the index from the articles' features.
const (
	snapshotMagic   = "PXGI"
	snapshotVersion = 2
)

// ErrBadSnapshot is returned for bytes that are not an encoded Index of
// this version.
var ErrBadSnapshot = errors.New("bad index snapshot")

// MarshalBinary encodes the index as it stands, so that a later process
// can load it (LoadIndex) instead of adding every article again. Adding
// articles in a different order gives a slightly different index (which
// terms are posted depends on the idf of the moment), so the snapshot
// keeps the index's own structures rather than its articles.
func (ix *Index) MarshalBinary() ([]byte, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	words := make([]string, len(ix.df))
	for w, id := range ix.vocab {
		words[id] = w
	}
	size := 64 + 8*len(ix.df) + 4*len(ix.bandNext)
	for _, d := range ix.docs {
		size += 24 + 6*(len(d.terms)+len(d.ents))
	}
	b := make([]byte, 0, size)
	b = append(b, snapshotMagic...)
	b = append(b, snapshotVersion)
	b = binary.AppendVarint(b, ix.nextGroup)
	b = binary.AppendUvarint(b, uint64(len(words)))
	for i, w := range words {
		b = appendString(b, w)
		b = binary.AppendUvarint(b, uint64(ix.df[i]))
		b = appendSlots(b, ix.postings[i])
	}
	// Weights take few distinct values (1+ln n of small counts): a table
	// of them, and one small index per term, keep the snapshot (and its
	// loading) about half the size.
	weightIdx := map[uint32]uint64{}
	var weights []uint32
	for i := range ix.docs {
		for _, ts := range [][]termWeight{ix.docs[i].terms, ix.docs[i].ents} {
			for _, t := range ts {
				bits := math.Float32bits(t.w)
				if _, ok := weightIdx[bits]; !ok {
					weightIdx[bits] = uint64(len(weights))
					weights = append(weights, bits)
				}
			}
		}
	}
	b = binary.AppendUvarint(b, uint64(len(weights)))
	for _, w := range weights {
		b = binary.LittleEndian.AppendUint32(b, w)
	}
	b = binary.AppendUvarint(b, uint64(len(ix.docs)))
	for i := range ix.docs {
		d := &ix.docs[i]
		b = binary.AppendVarint(b, d.id)
		b = binary.AppendVarint(b, d.group)
		b = binary.AppendVarint(b, d.pub)
		if d.removed {
			b = append(b, 1)
			continue
		}
		b = append(b, 0)
		b = appendTermWeights(b, d.terms, weightIdx)
		b = appendTermWeights(b, d.ents, weightIdx)
	}
	for band := range ix.bandHead {
		b = binary.AppendUvarint(b, uint64(len(ix.bandHead[band])))
		for k, slot := range ix.bandHead[band] {
			b = binary.LittleEndian.AppendUint64(b, k)
			b = binary.AppendUvarint(b, uint64(slot))
		}
	}
	for _, next := range ix.bandNext {
		b = binary.AppendUvarint(b, uint64(next))
	}
	return b, nil
}

// appendSlots writes ascending slots as deltas.
func appendSlots(b []byte, slots []int32) []byte {
	b = binary.AppendUvarint(b, uint64(len(slots)))
	prev := int32(0)
	for _, s := range slots {
		b = binary.AppendUvarint(b, uint64(s-prev))
		prev = s
	}
	return b
}

// appendTermWeights writes terms sorted by id: id deltas and the index of
// each weight in the weight table.
func appendTermWeights(b []byte, ts []termWeight, weightIdx map[uint32]uint64) []byte {
	b = binary.AppendUvarint(b, uint64(len(ts)))
	prev := uint32(0)
	for _, t := range ts {
		b = binary.AppendUvarint(b, uint64(t.id-prev))
		b = binary.AppendUvarint(b, weightIdx[math.Float32bits(t.w)])
		prev = t.id
	}
	return b
}

// LoadIndex decodes an index written by MarshalBinary. Every count, term
// id and slot is checked against what the data can hold, so damaged or
// foreign bytes give ErrBadSnapshot, never a panic or an index that points
// nowhere.
func LoadIndex(data []byte, opt Options) (*Index, error) {
	ix, err := loadIndex(data, opt)
	if err != nil {
		return nil, fmt.Errorf("group: index snapshot: %w: %v", ErrBadSnapshot, err)
	}
	return ix, nil
}

func loadIndex(data []byte, opt Options) (*Index, error) {
	if len(data) < len(snapshotMagic)+1 || string(data[:len(snapshotMagic)]) != snapshotMagic {
		return nil, errors.New("not a snapshot")
	}
	if v := data[len(snapshotMagic)]; v != snapshotVersion {
		return nil, fmt.Errorf("version %d, want %d", v, snapshotVersion)
	}
	d := decoder{data: data[len(snapshotMagic)+1:]}
	ix := NewIndex(opt)
	ix.nextGroup = d.varint()
	nTerms := d.count(len(d.data))
	ix.df = make([]int32, nTerms)
	ix.postings = make([][]int32, nTerms)
	for i := 0; i < nTerms && d.err == nil; i++ {
		ix.vocab[d.string()] = uint32(i)
		ix.df[i] = int32(d.count(math.MaxInt32))
		ix.postings[i] = d.slots()
	}
	if d.err == nil && len(ix.vocab) != nTerms {
		return nil, errors.New("repeated term")
	}
	weights := make([]float32, d.count(len(d.data)/4))
	for i := range weights {
		weights[i] = math.Float32frombits(d.uint32())
	}
	nDocs := d.count(len(d.data))
	ix.docs = make([]docEntry, nDocs)
	var pool []termWeight
	ix.slotOf = make(map[int64]int32, nDocs)
	for band := range ix.bandHead {
		ix.bandHead[band] = make(map[uint64]int32, nDocs/2)
	}
	for i := 0; i < nDocs && d.err == nil; i++ {
		e := &ix.docs[i]
		e.id, e.group, e.pub = d.varint(), d.varint(), d.varint()
		switch d.byte() {
		case 1:
			e.removed = true
			continue
		case 0:
		default:
			d.fail("bad article flag")
		}
		e.terms = d.termWeights(nTerms, weights, &pool)
		e.ents = d.termWeights(nTerms, weights, &pool)
		if _, dup := ix.slotOf[e.id]; dup {
			d.fail("repeated article")
		}
		ix.slotOf[e.id] = int32(i)
		ix.groups[e.group] = append(ix.groups[e.group], int32(i))
		ix.live++
	}
	for band := range ix.bandHead {
		n := d.count(len(d.data) / 9)
		for k := 0; k < n && d.err == nil; k++ {
			key := d.uint64()
			ix.bandHead[band][key] = d.slotRef(nDocs)
		}
	}
	ix.bandNext = make([]int32, nDocs*lshBands)
	for i := range ix.bandNext {
		ix.bandNext[i] = d.slotRef(nDocs)
	}
	if d.err == nil && len(d.data) != 0 {
		d.fail("trailing bytes")
	}
	if d.err != nil {
		return nil, d.err
	}
	for _, p := range ix.postings {
		for _, s := range p {
			if int(s) >= nDocs {
				return nil, errors.New("posting past the last article")
			}
		}
	}
	return ix, nil
}

func (d *decoder) fail(msg string) {
	if d.err == nil {
		d.err = errors.New(msg)
	}
}

// take returns the next n bytes, or nil (and the error) when fewer remain.
func (d *decoder) take(n int) []byte {
	if d.err != nil {
		return nil
	}
	if len(d.data) < n {
		d.fail("truncated")
		return nil
	}
	b := d.data[:n]
	d.data = d.data[n:]
	return b
}

func (d *decoder) uint64() uint64 {
	if b := d.take(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

func (d *decoder) uint32() uint32 {
	if b := d.take(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

// slots reads what appendSlots wrote (checked against the article count
// by the caller, which knows it only later).
func (d *decoder) slots() []int32 {
	n := d.count(len(d.data))
	if n == 0 || d.err != nil {
		return nil
	}
	out := make([]int32, n)
	prev := uint64(0)
	for i := range out {
		prev += d.uvarint()
		if prev > math.MaxInt32 {
			d.fail("slot out of range")
			return nil
		}
		out[i] = int32(prev)
	}
	return out
}

// slotRef reads a slot+1 link (0 for none) below n.
func (d *decoder) slotRef(n int) int32 {
	v := d.uvarint()
	if v > uint64(n) {
		d.fail("link past the last article")
		return 0
	}
	return int32(v)
}

// termWeights reads what appendTermWeights wrote, with ids below nTerms
// and weights from the table. The slices of all articles are cut from
// large shared blocks (pool): a library's worth of small allocations is
// most of what loading costs otherwise.
func (d *decoder) termWeights(nTerms int, weights []float32, pool *[]termWeight) []termWeight {
	n := d.count(len(d.data) / 2)
	if n == 0 || d.err != nil {
		return nil
	}
	if len(*pool) < n {
		*pool = make([]termWeight, max(n, 1<<16))
	}
	out := (*pool)[:n:n]
	*pool = (*pool)[n:]
	id := uint64(0)
	for i := range out {
		id += d.uvarint()
		if id >= uint64(nTerms) {
			d.fail("term id out of range")
			return nil
		}
		w := d.uvarint()
		if w >= uint64(len(weights)) {
			d.fail("weight out of range")
			return nil
		}
		out[i] = termWeight{uint32(id), weights[w]}
	}
	return out
}
