package compare

import (
	"cmp"
	"slices"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// maxSentencePairs bounds the sentence pairs weighed in one paragraph
// pair; beyond it (paragraphs of scores of sentences) the pair is diffed
// as one run, as pairing them would cost more than the diff itself.
const maxSentencePairs = 64 * 64

// diffPair diffs the rune ranges [aLo,aHi) of pa and [bLo,bHi) of pb
// sentence by sentence: each side's sentences are paired by the content
// words they share (a sentence split in two or two merged into one pair
// with their counterpart as a group, and sentences given in another order
// pair all the same), each group is diffed word by word, and a sentence
// left without a counterpart is one whole deletion or insertion. A word
// that changed in one place and stands among the other side's changes
// elsewhere is marked moved. The ops come in the order of A's text; B's
// ranges do not overlap but follow A's order only where the sentences do.
func (st *story) diffPair(dmp *diffmatchpatch.DiffMatchPatch, pa *paraInfo, aLo, aHi int, pb *paraInfo, bLo, bHi int) []Op {
	wa, wb := unitsIn(pa.units, aLo, aHi), unitsIn(pb.units, bLo, bHi)
	if wa.hi > wa.lo && slices.Equal(pa.uids[wa.lo:wa.hi], pb.uids[wb.lo:wb.hi]) {
		// Same words and marks: one equal op, no pairing needed.
		return []Op{{Op: OpEqual, AStart: pa.units[wa.lo].start, AEnd: pa.units[wa.hi-1].end, BStart: pb.units[wb.lo].start, BEnd: pb.units[wb.hi-1].end}}
	}
	sa, sb := st.sentenceUnits(pa, aLo, aHi), st.sentenceUnits(pb, bLo, bHi)
	if len(sa) <= 1 || len(sb) <= 1 || len(sa)*len(sb) > maxSentencePairs {
		ops, spans := st.diffUnits(dmp, pa, []unitRange{spanOf(sa)}, pb, []unitRange{spanOf(sb)})
		return st.markMoved(ops, spans, pa.units, pa.uids, pb.units, pb.uids)
	}
	groups, unpairedA, unpairedB := st.pairSentences(pa, sa, pb, sb)
	if len(groups) == 0 {
		// No two sentences alike: read the pair as one run, which shows
		// whatever few words it keeps.
		ops, spans := st.diffUnits(dmp, pa, []unitRange{spanOf(sa)}, pb, []unitRange{spanOf(sb)})
		return st.markMoved(ops, spans, pa.units, pa.uids, pb.units, pb.uids)
	}
	// The sentence ranges of group g on each side.
	groupA := func(g int) []unitRange {
		rs := make([]unitRange, len(groups[g].a))
		for k, i := range groups[g].a {
			rs[k] = sa[i]
		}
		return rs
	}
	groupB := func(g int) []unitRange {
		rs := make([]unitRange, len(groups[g].b))
		for k, j := range groups[g].b {
			rs[k] = sb[j]
		}
		return rs
	}
	var ops []Op
	var spans []unitSpan
	groupOfA, groupOfB := make([]int, len(sa)), make([]int, len(sb)) // sentence -> group, -1 when unpaired
	for i := range groupOfA {
		groupOfA[i] = -1
	}
	for j := range groupOfB {
		groupOfB[j] = -1
	}
	for g, gr := range groups {
		for _, i := range gr.a {
			groupOfA[i] = g
		}
		for _, j := range gr.b {
			groupOfB[j] = g
		}
		o, s := st.diffUnits(dmp, pa, groupA(g), pb, groupB(g))
		ops = append(ops, o...)
		spans = append(spans, s...)
	}
	// A sentence without a counterpart is deleted (inserted) where the
	// group of the nearest sentence before it stands on the other side,
	// after that group's last unit, or else before the first unit of the
	// group after it.
	placeOn := func(other *paraInfo, otherSide func(groupIdx int) []unitRange, groupAt []int, i int, whole unitRange) int {
		for k := i - 1; k >= 0; k-- {
			if g := groupAt[k]; g >= 0 {
				rs := otherSide(g)
				return other.units[rs[len(rs)-1].hi-1].end
			}
		}
		for k := i + 1; k < len(groupAt); k++ {
			if g := groupAt[k]; g >= 0 {
				return other.units[otherSide(g)[0].lo].start
			}
		}
		if whole.hi > whole.lo {
			return other.units[whole.lo].start
		}
		return 0
	}
	for _, i := range unpairedA {
		p := placeOn(pb, groupB, groupOfA, i, spanOf(sb))
		r := sa[i]
		ops = append(ops, Op{Op: OpDelete, AStart: pa.units[r.lo].start, AEnd: pa.units[r.hi-1].end, BStart: p, BEnd: p})
		spans = append(spans, unitSpan{aLo: r.lo, aHi: r.hi})
	}
	for _, j := range unpairedB {
		p := placeOn(pa, groupA, groupOfB, j, spanOf(sa))
		r := sb[j]
		ops = append(ops, Op{Op: OpInsert, AStart: p, AEnd: p, BStart: pb.units[r.lo].start, BEnd: pb.units[r.hi-1].end})
		spans = append(spans, unitSpan{bLo: r.lo, bHi: r.hi})
	}
	// In A's order; each group's ops already are, so a stable sort keeps
	// an insertion before the text that follows it.
	idx := make([]int, len(ops))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(x, y int) int { return cmp.Compare(ops[x].AStart, ops[y].AStart) })
	sortedOps, sortedSpans := make([]Op, len(ops)), make([]unitSpan, len(ops))
	for k, i := range idx {
		sortedOps[k], sortedSpans[k] = ops[i], spans[i]
	}
	return st.markMoved(sortedOps, sortedSpans, pa.units, pa.uids, pb.units, pb.uids)
}

// spanOf is the unit range from the first range's start to the last's end.
func spanOf(rs []unitRange) unitRange {
	if len(rs) == 0 {
		return unitRange{}
	}
	return unitRange{rs[0].lo, rs[len(rs)-1].hi}
}

// sentenceUnits returns the unit range of each sentence of p that holds
// units inside the rune range [lo,hi), cut to that range.
func (st *story) sentenceUnits(p *paraInfo, lo, hi int) []unitRange {
	var out []unitRange
	u := 0
	for _, si := range p.sentIDs {
		s := &st.sents[si]
		from, to := max(s.start, lo), min(s.end, hi)
		for u < len(p.units) && p.units[u].start < from {
			u++
		}
		first := u
		for u < len(p.units) && p.units[u].end <= to {
			u++
		}
		if u > first {
			out = append(out, unitRange{first, u})
		}
	}
	return out
}

// sentenceGroup is a set of sentences of A and of B diffed together:
// one sentence and its counterpart, or a sentence and the two it was
// split into. Indexes count the sentences of each side, ascending.
type sentenceGroup struct{ a, b []int }

// pairSentences pairs the sentences of two paragraphs. Each sentence is
// linked to the sentence of the other side that shares most of its
// content words (by Dice coefficient; the nearer place in the paragraph
// breaks ties, so in-order pairs win), when they share enough of its
// content words; linked sentences form groups. Sentences left out of
// every group are returned apart.
func (st *story) pairSentences(pa *paraInfo, sa []unitRange, pb *paraInfo, sb []unitRange) (groups []sentenceGroup, unpairedA, unpairedB []int) {
	ka, kb := st.sentenceKeys(pa, sa), st.sentenceKeys(pb, sb)
	n, m := len(sa), len(sb)
	shared := make([]int, n*m)
	for i := range n {
		for j := range m {
			shared[i*m+j] = sharedKeys(ka[i], kb[j])
		}
	}
	parent := make([]int, n+m) // union-find over A's sentences then B's
	for i := range parent {
		parent[i] = i
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	union := func(x, y int) { parent[find(x)] = find(y) }
	// best links sentence s of one side (c content words) to the best
	// counterpart among cnt, read through at(t) = shared words with t
	// and size(t) = t's content words.
	best := func(s, c, cnt, pos, of int, at func(t int) int, size func(t int) int) int {
		bt, bd, bdist := -1, 0.0, 0.0
		for t := range cnt {
			sh := at(t)
			if !enoughShared(sh, c) {
				continue
			}
			d := float64(2*sh) / float64(c+size(t))
			// Distance between relative places, so that in-order pairs
			// win ties.
			dist := float64(pos)/float64(of) - float64(t)/float64(cnt)
			if dist < 0 {
				dist = -dist
			}
			if bt < 0 || d > bd || (d == bd && dist < bdist) {
				bt, bd, bdist = t, d, dist
			}
		}
		return bt
	}
	linked := make([]bool, n+m)
	for i := range n {
		if j := best(i, len(ka[i]), m, i, n, func(t int) int { return shared[i*m+t] }, func(t int) int { return len(kb[t]) }); j >= 0 {
			union(i, n+j)
			linked[i], linked[n+j] = true, true
		}
	}
	for j := range m {
		if i := best(j, len(kb[j]), n, j, m, func(t int) int { return shared[t*m+j] }, func(t int) int { return len(ka[t]) }); i >= 0 {
			union(i, n+j)
			linked[i], linked[n+j] = true, true
		}
	}
	byRoot := make([]int, n+m) // group of each root, plus one (0: none yet)
	for x := range n + m {
		if !linked[x] {
			if x < n {
				unpairedA = append(unpairedA, x)
			} else {
				unpairedB = append(unpairedB, x-n)
			}
			continue
		}
		r := find(x)
		g := byRoot[r] - 1
		if g < 0 {
			g = len(groups)
			byRoot[r] = g + 1
			groups = append(groups, sentenceGroup{})
		}
		if x < n {
			groups[g].a = append(groups[g].a, x)
		} else {
			groups[g].b = append(groups[g].b, x-n)
		}
	}
	return groups, unpairedA, unpairedB
}

// enoughShared says whether a sentence of c content words shares enough
// of them (sh) with another to be paired with it: two words and three in
// ten of its own, or its one or two content words.
func enoughShared(sh, c int) bool {
	if sh == 0 {
		return false
	}
	if c <= 2 {
		return true
	}
	return sh >= 2 && 10*sh >= 3*c
}

// sentenceKeys returns, for each sentence, the sorted keys of its content
// words: the stem (so that "approved" meets "approves"), or the canonical
// form for a word the alignment did not read.
func (st *story) sentenceKeys(p *paraInfo, rs []unitRange) [][]int64 {
	out := make([][]int64, len(rs))
	buf := make([]int64, 0, spanOf(rs).hi-spanOf(rs).lo) // every sentence's keys, one after another
	for k, r := range rs {
		first := len(buf)
		keys := buf
		for i := r.lo; i < r.hi; i++ {
			id := p.uids[i]
			u := &st.units[id]
			switch {
			case !u.word:
			case u.featured && !u.stop:
				keys = append(keys, int64(u.stem))
			case !u.featured && st.isContentUnit(id):
				keys = append(keys, -1-int64(st.canonicalUnit(id)))
			}
		}
		buf = keys
		keys = keys[first:len(keys):len(keys)]
		slices.Sort(keys)
		out[k] = keys
	}
	return out
}

// sharedKeys counts the keys two sorted lists share, with repeats.
func sharedKeys(a, b []int64) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}
