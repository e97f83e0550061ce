package compare

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	parallax "github.com/parallax-news/parallax"
)

// ParaLink is the analyst's link or unlink of two paragraphs.
type ParaLink = parallax.ParaLink

// Options are what a caller may add to a comparison.
type Options struct {
	// Links are the analyst's corrections of the alignment: paragraphs
	// paired by hand, or pairs the engine must not make. A link naming a
	// version or paragraph the comparison does not have is passed over.
	Links []ParaLink
}

// CompareWith is Compare with the analyst's links applied to the
// alignment before passages, pairs, provenance and flags are made from it.
func CompareWith(versions []Version, opt Options) (*Comparison, error) {
	c, text, err := alignStory(versions, opt.Links)
	if err != nil {
		return nil, err
	}
	c.Flags = detectFlags(c, text)
	if c.Flags == nil {
		c.Flags = []Flag{}
	}
	sortFlags(c.Flags)
	return c, nil
}

// CacheKeyWith is CacheKey for a comparison made with opt: the links
// count, in any order, so that linking or unlinking makes a new key.
func CacheKeyWith(versions []Version, opt Options) string {
	key := CacheKey(versions)
	if len(opt.Links) == 0 {
		return key
	}
	items := make([]string, len(opt.Links))
	for i, l := range opt.Links {
		a, b := l.A, l.B
		if cmp.Or(cmp.Compare(a.Version, b.Version), cmp.Compare(a.Paragraph, b.Paragraph)) > 0 {
			a, b = b, a
		}
		items[i] = fmt.Sprintf("%s:%d=%s:%d:%t", a.Version, a.Paragraph, b.Version, b.Paragraph, l.Unlink)
	}
	slices.Sort(items)
	sum := sha256.Sum256([]byte(strings.Join(items, "\n")))
	return key + ":links:" + hex.EncodeToString(sum[:8])
}

// applyLinks corrects the engine's paragraph links with the analyst's: an
// unlinked pair loses its link; a linked pair keeps the engine's link if
// there is one, else gets a new one, marked manual either way. Links
// that name nothing in this story are passed over; when a pair is both
// linked and unlinked, the last word counts.
func (st *story) applyLinks(links []paraLink, overrides []ParaLink) []paraLink {
	if len(overrides) == 0 {
		return links
	}
	type pairKey struct{ va, pa, vb, pb int }
	want := map[pairKey]bool{} // true: link, false: unlink
	var order []pairKey
	for _, o := range overrides {
		va, pa, okA := st.paraOf(o.A)
		vb, pb, okB := st.paraOf(o.B)
		if !okA || !okB || va == vb {
			continue
		}
		if va > vb {
			va, pa, vb, pb = vb, pb, va, pa
		}
		k := pairKey{va, pa, vb, pb}
		if _, seen := want[k]; !seen {
			order = append(order, k)
		}
		want[k] = !o.Unlink
	}
	out := links[:0:0]
	for _, l := range links {
		link, ok := want[pairKey{l.va, l.pa, l.vb, l.pb}]
		switch {
		case !ok:
			out = append(out, l)
		case link:
			l.manual = true
			out = append(out, l)
			delete(want, pairKey{l.va, l.pa, l.vb, l.pb})
		}
	}
	for _, k := range order {
		if link, ok := want[k]; ok && link {
			out = append(out, paraLink{va: k.va, pa: k.pa, vb: k.vb, pb: k.pb,
				score: st.paraLikeness(k.va, k.pa, k.vb, k.pb), manual: true})
		}
	}
	return out
}

// paraOf finds paragraph ref: its version's and its own index.
func (st *story) paraOf(ref ParaRef) (vi, pi int, ok bool) {
	vi, ok = slices.BinarySearchFunc(st.vers, ref.Version, func(v verInfo, id string) int { return cmp.Compare(v.v.ID, id) })
	if !ok {
		return 0, 0, false
	}
	pi = slices.IndexFunc(st.vers[vi].paras, func(p paraInfo) bool { return p.index == ref.Paragraph })
	return vi, pi, pi >= 0
}

// paraLikeness scores two paragraphs the engine did not link: the
// length-weighted mean, over the sentences of both, of each one's best
// likeness on the other side.
func (st *story) paraLikeness(va, pa, vb, pb int) float64 {
	as, bs := st.vers[va].paras[pa].sentIDs, st.vers[vb].paras[pb].sentIDs
	var sum, wt float64
	best := func(from, to []int) {
		for _, i := range from {
			s := &st.sents[i]
			b := 0.0
			for _, j := range to {
				t := &st.sents[j]
				b = max(b, similarity(featureDot(s.feats, t.feats), s, t))
			}
			w := float64(s.words) + 1
			sum += b * w
			wt += w
		}
	}
	best(as, bs)
	best(bs, as)
	if wt == 0 {
		return 0
	}
	return min(1, sum/wt)
}
