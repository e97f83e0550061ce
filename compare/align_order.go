package compare

import "math/bits"

// linkOrder indexes the content links between two versions by their
// sentence position in A, so that the links framing a candidate are found
// in near-constant time however many links there are (a scan of every link
// per candidate made long documents quadratic).
type linkOrder struct {
	st *story
	// bOf is, per content position in A, the B position of the first link
	// recorded there (-1: none).
	bOf        []int32
	set        posSet
	minB, maxB int
	n          int // content links recorded
}

func newLinkOrder(st *story, contentA int) *linkOrder {
	o := &linkOrder{st: st, bOf: make([]int32, contentA), set: newPosSet(contentA), minB: -1, maxB: -1}
	for i := range o.bOf {
		o.bOf[i] = -1
	}
	return o
}

// add records a link; links of other classes are not part of the order.
func (o *linkOrder) add(l sentLink) {
	sa, sb := &o.st.sents[l.a], &o.st.sents[l.b]
	if sa.class != classContent {
		return
	}
	if o.bOf[sa.pos] < 0 {
		o.bOf[sa.pos] = int32(sb.pos)
		o.set.add(sa.pos)
	}
	if o.n == 0 || sb.pos < o.minB {
		o.minB = sb.pos
	}
	if o.n == 0 || sb.pos > o.maxB {
		o.maxB = sb.pos
	}
	o.n++
}

// frame reports whether candidate c lies between the nearest content links
// before and after it in both versions: the link just before c.a in A maps
// before c.b in B, the link just after maps after, and at least one such
// neighbour exists. k and m count the content sentences strictly inside
// the frame in A and in B (c's among them); an open side reaches the start
// or end of the text.
func (o *linkOrder) frame(c sentLink) (k, m int, ok bool) {
	sa, sb := &o.st.sents[c.a], &o.st.sents[c.b]
	pa, pb := sa.pos, sb.pos
	prev, next := o.set.prev(pa), o.set.next(pa)
	if prev < 0 && next < 0 {
		return 0, 0, false
	}
	loA, hiA := -1, o.st.vers[sa.ver].contentSents
	loB, hiB := -1, o.st.vers[sb.ver].contentSents
	if prev >= 0 {
		loA, loB = prev, int(o.bOf[prev])
		if loB >= pb {
			return 0, 0, false
		}
	}
	if next >= 0 {
		hiA, hiB = next, int(o.bOf[next])
		if hiB <= pb {
			return 0, 0, false
		}
	}
	// Open frame (start or end of text): B's sentence must also lie before
	// the first or after the last link in B.
	if prev < 0 && o.minB < pb || next < 0 && o.maxB > pb {
		return 0, 0, false
	}
	return hiA - loA - 1, hiB - loB - 1, true
}

// frame is linkOrder.frame for a list of links (tests and one-off checks).
func (st *story) frame(links []sentLink, c sentLink) (k, m int, ok bool) {
	o := newLinkOrder(st, st.vers[st.sents[c.a].ver].contentSents)
	for _, l := range links {
		o.add(l)
	}
	return o.frame(c)
}

// posSet is a set of positions 0..n-1 answering "nearest member before or
// after p" through a two-level bitmap.
type posSet struct {
	words   []uint64
	summary []uint64 // bit i: words[i] != 0
}

func newPosSet(n int) posSet {
	nw := (n + 63) / 64
	return posSet{words: make([]uint64, nw), summary: make([]uint64, (nw+63)/64)}
}

func (s *posSet) add(p int) {
	s.words[p>>6] |= 1 << (p & 63)
	s.summary[p>>12] |= 1 << ((p >> 6) & 63)
}

// prev is the largest member below p, or -1.
func (s *posSet) prev(p int) int {
	if p <= 0 {
		return -1
	}
	p-- // largest member <= p
	w := p >> 6
	if x := s.words[w] & (^uint64(0) >> (63 - (p & 63))); x != 0 {
		return w<<6 + 63 - bits.LeadingZeros64(x)
	}
	// Largest non-empty word below w.
	for sw := (w - 1) >> 6; w > 0 && sw >= 0; sw-- {
		x := s.summary[sw]
		if sw == (w-1)>>6 {
			x &= ^uint64(0) >> (63 - ((w - 1) & 63))
		}
		if x != 0 {
			wi := sw<<6 + 63 - bits.LeadingZeros64(x)
			return wi<<6 + 63 - bits.LeadingZeros64(s.words[wi])
		}
	}
	return -1
}

// next is the smallest member above p, or -1.
func (s *posSet) next(p int) int {
	p++ // smallest member >= p
	if p < 0 {
		p = 0
	}
	w := p >> 6
	if w >= len(s.words) {
		return -1
	}
	if x := s.words[w] & (^uint64(0) << (p & 63)); x != 0 {
		return w<<6 + bits.TrailingZeros64(x)
	}
	for sw := (w + 1) >> 6; sw < len(s.summary); sw++ {
		x := s.summary[sw]
		if sw == (w+1)>>6 {
			x &= ^uint64(0) << ((w + 1) & 63)
		}
		if x != 0 {
			wi := sw<<6 + bits.TrailingZeros64(x)
			return wi<<6 + bits.TrailingZeros64(s.words[wi])
		}
	}
	return -1
}
