package group

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// RecentPostings is how many of a key's newest dated postings, and of its
// newest undated ones, a library keeps in the key's Recent: as many as an
// arrival reads of each list. A library's stored lists hold this many, so
// raising it needs them rebuilt.
const RecentPostings = libraryScan

// Posting is one article filed under a key.
type Posting struct {
	Published int64 // the article's, Unix seconds; 0 when unknown
	Article   int64
}

// Recent is the newest postings of one key, kept beside its document
// frequency so that an arrival reads one row per key, and filing a batch
// rewrites one row per key, whatever the length of the key's list and the
// size of the library. Dated holds the newest RecentPostings dated
// postings by publication (then article, newest first), Undated the
// newest RecentPostings undated articles (highest id first).
type Recent struct {
	Dated   []Posting
	Undated []int64
}

// ErrBadRecent is returned for text that is not a Recent's.
var ErrBadRecent = errors.New("bad recent postings")

func newerPosting(a, b Posting) int {
	return cmp.Or(cmp.Compare(b.Published, a.Published), cmp.Compare(b.Article, a.Article))
}

// Add files p, keeping the newest RecentPostings of its kind; quick for
// postings given newest first (as stored).
func (r *Recent) Add(p Posting) {
	if p.Published == 0 && len(r.Undated) > 0 && len(r.Undated) < RecentPostings && p.Article < r.Undated[len(r.Undated)-1] {
		r.Undated = append(r.Undated, p.Article)
		return
	}
	if p.Published != 0 && len(r.Dated) > 0 && len(r.Dated) < RecentPostings && newerPosting(r.Dated[len(r.Dated)-1], p) < 0 {
		r.Dated = append(r.Dated, p)
		return
	}
	if p.Published == 0 {
		i, found := slices.BinarySearchFunc(r.Undated, p.Article, func(a, b int64) int { return cmp.Compare(b, a) })
		if !found && i < RecentPostings {
			r.Undated = slices.Insert(r.Undated, i, p.Article)
			r.Undated = r.Undated[:min(len(r.Undated), RecentPostings)]
		}
		return
	}
	i, found := slices.BinarySearchFunc(r.Dated, p, newerPosting)
	if !found && i < RecentPostings {
		r.Dated = slices.Insert(r.Dated, i, p)
		r.Dated = r.Dated[:min(len(r.Dated), RecentPostings)]
	}
}

// MarshalText writes the postings newest first, separated by spaces: a
// dated one as "published:article", an undated one as "article" (the form
// a migration can build in SQL).
func (r Recent) MarshalText() ([]byte, error) {
	b := make([]byte, 0, 16*len(r.Dated)+8*len(r.Undated))
	for _, p := range r.Dated {
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, p.Published, 10)
		b = append(b, ':')
		b = strconv.AppendInt(b, p.Article, 10)
	}
	for _, id := range r.Undated {
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return b, nil
}

// UnmarshalText reads what MarshalText writes, in any order; it keeps the
// newest RecentPostings of each kind.
func (r *Recent) UnmarshalText(text []byte) error {
	var out Recent
	for field := range strings.FieldsSeq(string(text)) {
		pub, id, dated := strings.Cut(field, ":")
		if !dated {
			pub, id = "0", field
		}
		p, err1 := strconv.ParseInt(pub, 10, 64)
		a, err2 := strconv.ParseInt(id, 10, 64)
		if err1 != nil || err2 != nil || (dated && p == 0) {
			return fmt.Errorf("group: %w: %q", ErrBadRecent, field)
		}
		out.Add(Posting{Published: p, Article: a})
	}
	*r = out
	return nil
}

// recentBinary is the first byte of a Recent's binary form (text never
// starts with it).
const recentBinary = 1

// MarshalBinary writes the postings compactly, newest first, for a
// library to keep: each after the first as its difference from the one
// before (a few bytes, where the text takes 17 for a dated one), so that
// a library's rows of recent postings are a third of the pages and
// filing a batch rewrites a third as many.
func (r Recent) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 4+6*len(r.Dated)+3*len(r.Undated))
	b = append(b, recentBinary)
	b = binary.AppendUvarint(b, uint64(len(r.Dated)))
	var prev Posting
	for i, p := range r.Dated {
		if i == 0 {
			b = binary.AppendVarint(b, p.Published)
			b = binary.AppendVarint(b, p.Article)
		} else {
			b = binary.AppendVarint(b, prev.Published-p.Published)
			b = binary.AppendVarint(b, prev.Article-p.Article)
		}
		prev = p
	}
	b = binary.AppendUvarint(b, uint64(len(r.Undated)))
	var last int64
	for i, id := range r.Undated {
		if i == 0 {
			b = binary.AppendVarint(b, id)
		} else {
			b = binary.AppendVarint(b, last-id)
		}
		last = id
	}
	return b, nil
}

// UnmarshalBinary reads what MarshalBinary writes; like UnmarshalText it
// keeps the newest RecentPostings of each kind, whatever the order read.
func (r *Recent) UnmarshalBinary(data []byte) error {
	bad := func(why string) error { return fmt.Errorf("group: %w: %s", ErrBadRecent, why) }
	if len(data) == 0 || data[0] != recentBinary {
		return bad("not binary")
	}
	data = data[1:]
	next := func() (int64, bool) {
		v, n := binary.Varint(data)
		if n <= 0 {
			return 0, false
		}
		data = data[n:]
		return v, true
	}
	count := func() (int, bool) {
		v, n := binary.Uvarint(data)
		if n <= 0 || v > uint64(len(data)) { // each posting takes at least a byte
			return 0, false
		}
		data = data[n:]
		return int(v), true
	}
	// Postings are read into lists as written, which is what adding them
	// one by one makes of them when they are as MarshalBinary writes them
	// (newest first, none twice, no more than kept); lists that are not
	// are made again by adding their postings.
	var out Recent
	n, ok := count()
	if !ok {
		return bad("truncated")
	}
	out.Dated = make([]Posting, 0, n)
	var p Posting
	for i := range n {
		d1, ok1 := next()
		d2, ok2 := next()
		if !ok1 || !ok2 {
			return bad("truncated")
		}
		if i == 0 {
			p = Posting{Published: d1, Article: d2}
		} else {
			p = Posting{Published: p.Published - d1, Article: p.Article - d2}
		}
		if p.Published == 0 {
			return bad("a dated posting without a date")
		}
		out.Dated = append(out.Dated, p)
	}
	if n, ok = count(); !ok {
		return bad("truncated")
	}
	out.Undated = make([]int64, 0, n)
	var id int64
	for i := range n {
		d, ok := next()
		if !ok {
			return bad("truncated")
		}
		if i == 0 {
			id = d
		} else {
			id -= d
		}
		out.Undated = append(out.Undated, id)
	}
	if len(data) != 0 {
		return bad("trailing bytes")
	}
	if !out.asKept() {
		read := out
		out = Recent{}
		for _, p := range read.Dated {
			out.Add(p)
		}
		for _, id := range read.Undated {
			out.Add(Posting{Article: id})
		}
	}
	if len(out.Dated) == 0 {
		out.Dated = nil
	}
	if len(out.Undated) == 0 {
		out.Undated = nil
	}
	*r = out
	return nil
}

// asKept reports whether r's lists are as Add keeps them: newest first,
// none twice, no more than RecentPostings of each kind.
func (r Recent) asKept() bool {
	if len(r.Dated) > RecentPostings || len(r.Undated) > RecentPostings {
		return false
	}
	for i := 1; i < len(r.Dated); i++ {
		if newerPosting(r.Dated[i-1], r.Dated[i]) >= 0 {
			return false
		}
	}
	for i := 1; i < len(r.Undated); i++ {
		if r.Undated[i] >= r.Undated[i-1] {
			return false
		}
	}
	return true
}

// UnmarshalStored reads a Recent as a library keeps it: binary, or text
// as libraries kept it before (and as a migration can write in SQL).
func (r *Recent) UnmarshalStored(data []byte) error {
	if len(data) > 0 && data[0] == recentBinary {
		return r.UnmarshalBinary(data)
	}
	return r.UnmarshalText(data)
}

// window is the newest limit dated postings published between from and
// to, newest first, and whether they are all the library's: true when the
// list holds every dated posting of its key, or limit of them fall in the
// window, or the window begins after the list's oldest (every posting left
// out is older still).
func (r Recent) window(from, to int64, limit int) ([]Posting, bool) {
	// Dated postings are newest first, so those in the window usually
	// run together: then they are returned in place, not copied.
	var out []Posting
	first, n := -1, 0 // in place: r.Dated[first:first+n], while out is nil
	taken := 0
	for i, p := range r.Dated {
		if taken == limit {
			break
		}
		if p.Published < from || p.Published > to {
			continue
		}
		taken++
		switch {
		case out == nil && (first < 0 || first+n == i):
			if first < 0 {
				first = i
			}
			n++
		case out == nil:
			out = append(slices.Clip(r.Dated[first:first+n]), p)
		default:
			out = append(out, p)
		}
	}
	if out == nil && n > 0 {
		out = slices.Clip(r.Dated[first : first+n])
	}
	complete := len(r.Dated) < RecentPostings || len(out) == limit ||
		(len(r.Dated) > 0 && from > r.Dated[len(r.Dated)-1].Published)
	return out, complete
}

// newest is the newest limit postings of every kind, undated ones after
// dated ones (the order of an undated arrival's look-up; dated postings
// before 1970 come after the undated), appended to out.
func (r Recent) newest(out []Posting, limit int) []Posting {
	d, u := r.Dated, r.Undated
	for n := 0; n < limit && (len(d) > 0 || len(u) > 0); n++ {
		if len(d) > 0 && (len(u) == 0 || d[0].Published > 0) {
			out = append(out, d[0])
			d = d[1:]
			continue
		}
		out = append(out, Posting{Article: u[0]})
		u = u[1:]
	}
	return out
}
