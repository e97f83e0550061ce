package group

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"
)

// codecVersion is the first byte of encoded Features; a change of layout
// changes it, and old encodings are then refused (and recomputed).
const codecVersion = 1

// ErrBadFeatures is returned for bytes that are not encoded Features.
var ErrBadFeatures = errors.New("bad encoded features")

// MarshalBinary encodes the features compactly for storage; Published is
// kept to the second.
func (f *Features) MarshalBinary() ([]byte, error) {
	b := []byte{codecVersion}
	var pub int64
	if !f.Published.IsZero() {
		pub = f.Published.Unix()
	}
	b = binary.AppendVarint(b, pub)
	b = binary.AppendUvarint(b, uint64(f.Shingles))
	for _, v := range f.Sig {
		b = binary.AppendUvarint(b, uint64(v))
	}
	b = binary.AppendUvarint(b, uint64(len(f.Terms)))
	for _, t := range f.Terms {
		b = appendString(b, t.Word)
		b = binary.AppendUvarint(b, uint64(t.Count))
	}
	b = binary.AppendUvarint(b, uint64(len(f.Entities)))
	for _, e := range f.Entities {
		b = appendString(b, e)
	}
	return b, nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// UnmarshalBinary decodes features written by MarshalBinary.
func (f *Features) UnmarshalBinary(data []byte) error {
	d := decoder{data: data}
	if v := d.byte(); v != codecVersion {
		return fmt.Errorf("group: features: %w: version %d", ErrBadFeatures, v)
	}
	var out Features
	if pub := d.varint(); pub != 0 {
		out.Published = time.Unix(pub, 0).UTC()
	}
	out.Shingles = int(d.count(1 << 30))
	for i := range out.Sig {
		out.Sig[i] = uint32(d.uvarint())
	}
	n := d.count(maxFeatureTerms)
	out.Terms = make([]Term, 0, n)
	for i := 0; i < n && d.err == nil; i++ {
		w := d.string()
		out.Terms = append(out.Terms, Term{w, d.count(1 << 30)})
	}
	n = d.count(maxEntities)
	for i := 0; i < n && d.err == nil; i++ {
		out.Entities = append(out.Entities, d.string())
	}
	if d.err == nil && len(d.data) != 0 {
		d.err = errors.New("trailing bytes")
	}
	if d.err != nil {
		return fmt.Errorf("group: features: %w: %v", ErrBadFeatures, d.err)
	}
	*f = out
	return nil
}

// decoder reads the encoding, remembering the first error. Its strings
// are cut from one copy of the whole encoding (all), not copied one by
// one: placing an article reads back the features of a few hundred, each
// with hundreds of words.
type decoder struct {
	data []byte
	all  string // the encoding, of which data is the unread end
	err  error
}

func (d *decoder) byte() byte {
	if d.err != nil {
		return 0
	}
	if len(d.data) == 0 {
		d.err = errors.New("truncated")
		return 0
	}
	b := d.data[0]
	d.data = d.data[1:]
	return b
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.data)
	if n <= 0 {
		d.err = errors.New("truncated number")
		return 0
	}
	d.data = d.data[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.data)
	if n <= 0 {
		d.err = errors.New("truncated number")
		return 0
	}
	d.data = d.data[n:]
	return v
}

func (d *decoder) count(limit int) int {
	v := d.uvarint()
	if v > uint64(limit) {
		if d.err == nil {
			d.err = fmt.Errorf("count %d over %d", v, limit)
		}
		return 0
	}
	return int(v)
}

func (d *decoder) string() string {
	v := d.uvarint()
	// The limit is what remains after the length itself was read.
	if d.err == nil && v > uint64(len(d.data)) {
		d.err = fmt.Errorf("string of %d bytes with %d left", v, len(d.data))
	}
	n := int(v)
	if d.err != nil {
		return ""
	}
	if d.all == "" {
		d.all = string(d.data)
	}
	at := len(d.all) - len(d.data)
	d.data = d.data[n:]
	return d.all[at : at+n]
}
