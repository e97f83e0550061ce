package group

import (
	"cmp"
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

// window is the newest limit dated postings published between from and
// to, newest first, and whether they are all the library's: true when the
// list holds every dated posting of its key, or limit of them fall in the
// window, or the window begins after the list's oldest (every posting left
// out is older still).
func (r Recent) window(from, to int64, limit int) ([]Posting, bool) {
	var out []Posting
	for _, p := range r.Dated {
		if len(out) == limit {
			break
		}
		if p.Published >= from && p.Published <= to {
			out = append(out, p)
		}
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
