package compare

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// buildPairs turns the kept paragraph links into Pairs with word diffs.
func (st *story) buildPairs(links []paraLink) []Pair {
	// How many partners each paragraph has in the other version of its link.
	type side struct{ v, p, other int }
	partners := map[side]int{}
	for _, l := range links {
		partners[side{l.va, l.pa, l.vb}]++
		partners[side{l.vb, l.pb, l.va}]++
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // exact diffs: a deadline would make results depend on machine load
	out := make([]Pair, 0, len(links))
	for _, l := range links {
		pa, pb := &st.vers[l.va].paras[l.pa], &st.vers[l.vb].paras[l.pb]
		// A link made by hand may have no linked sentences: it diffs the
		// whole paragraphs.
		aLo, aHi := 0, len(pa.rs)
		if partners[side{l.va, l.pa, l.vb}] > 1 && len(l.sents) > 0 {
			aLo, aHi = st.linkedSpan(l.sents, true)
		}
		bLo, bHi := 0, len(pb.rs)
		if partners[side{l.vb, l.pb, l.va}] > 1 && len(l.sents) > 0 {
			bLo, bHi = st.linkedSpan(l.sents, false)
		}
		out = append(out, Pair{
			A:      ParaRef{Version: st.vers[l.va].v.ID, Paragraph: pa.index},
			B:      ParaRef{Version: st.vers[l.vb].v.ID, Paragraph: pb.index},
			Score:  round3(l.score),
			Ops:    st.diffPair(dmp, pa, aLo, aHi, pb, bLo, bHi),
			Manual: l.manual,
		})
	}
	return out
}

// linkedSpan is the rune range covering the linked sentences on one side.
func (st *story) linkedSpan(sl []sentLink, aSide bool) (int, int) {
	lo, hi := -1, -1
	for _, l := range sl {
		s := &st.sents[l.b]
		if aSide {
			s = &st.sents[l.a]
		}
		if lo < 0 || s.start < lo {
			lo = s.start
		}
		if s.end > hi {
			hi = s.end
		}
	}
	return lo, hi
}

// unitsIn returns the index range of the units inside [lo,hi).
func unitsIn(us []unit, lo, hi int) unitRange {
	i := 0
	for i < len(us) && us[i].start < lo {
		i++
	}
	j := i
	for j < len(us) && us[j].end <= hi {
		j++
	}
	return unitRange{i, j}
}

func round3(x float64) float64 {
	return float64(int(x*1000+0.5)) / 1000
}

// diffUnits diffs two runs of units word by word: each distinct unit text
// becomes one rune, the rune strings are diffed and cleaned up
// semantically, and the result is mapped back to rune offsets in each
// paragraph. ra and rb list the unit index ranges of each side that the
// diff reads as one run, in paragraph order; an op never straddles two
// ranges. It returns the ops with the paragraph unit span each covers.
// Changes a reader would not care about are marked trivial.
func (st *story) diffUnits(dmp *diffmatchpatch.DiffMatchPatch, pa *paraInfo, ra []unitRange, pb *paraInfo, rb []unitRange) ([]Op, []unitSpan) {
	posA, ida := gatherUnits(pa, ra)
	posB, idb := gatherUnits(pb, rb)
	if len(ida) > 0 && slices.Equal(ida, idb) && len(ra) == 1 && len(rb) == 1 {
		// Same words and marks: one equal op, no diff needed.
		return []Op{{Op: OpEqual, AStart: pa.units[posA[0]].start, AEnd: pa.units[posA[len(posA)-1]].end, BStart: pb.units[posB[0]].start, BEnd: pb.units[posB[len(posB)-1]].end}},
			[]unitSpan{{posA[0], posA[len(posA)-1] + 1, posB[0], posB[len(posB)-1] + 1}}
	}
	diffs := st.cleanupKeepingWords(dmp, dmp.DiffMainRunes(unitRunes(ida), unitRunes(idb), false), ida, idb)
	ops := make([]Op, 0, len(diffs))
	spans := make([]unitSpan, 0, len(diffs)) // each op's units, for markTrivial
	ia, ib := 0, 0
	// Empty ranges sit at the end of the previous unit, or at the start of
	// the first when there is none.
	at := func(us []unit, pos []int, i int) int {
		if i > 0 {
			return us[pos[i-1]].end
		}
		if len(pos) > 0 {
			return us[pos[0]].start
		}
		return 0
	}
	// contiguous is how many of the n units from i on are consecutive
	// units of the paragraph (an op covers no gap between two ranges).
	contiguous := func(pos []int, i, n int) int {
		k := 1
		for k < n && pos[i+k] == pos[i+k-1]+1 {
			k++
		}
		return k
	}
	for _, d := range diffs {
		n := utf8.RuneCountInString(d.Text)
		for n > 0 {
			var o Op
			var sp unitSpan
			k := n
			switch d.Type {
			case diffmatchpatch.DiffEqual:
				k = min(contiguous(posA, ia, n), contiguous(posB, ib, n))
				o = Op{Op: OpEqual, AStart: pa.units[posA[ia]].start, AEnd: pa.units[posA[ia+k-1]].end, BStart: pb.units[posB[ib]].start, BEnd: pb.units[posB[ib+k-1]].end}
				sp = unitSpan{posA[ia], posA[ia+k-1] + 1, posB[ib], posB[ib+k-1] + 1}
				ia += k
				ib += k
			case diffmatchpatch.DiffDelete:
				k = contiguous(posA, ia, n)
				p := at(pb.units, posB, ib)
				o = Op{Op: OpDelete, AStart: pa.units[posA[ia]].start, AEnd: pa.units[posA[ia+k-1]].end, BStart: p, BEnd: p}
				sp = unitSpan{aLo: posA[ia], aHi: posA[ia+k-1] + 1}
				ia += k
			case diffmatchpatch.DiffInsert:
				k = contiguous(posB, ib, n)
				p := at(pa.units, posA, ia)
				o = Op{Op: OpInsert, AStart: p, AEnd: p, BStart: pb.units[posB[ib]].start, BEnd: pb.units[posB[ib+k-1]].end}
				sp = unitSpan{bLo: posB[ib], bHi: posB[ib+k-1] + 1}
				ib += k
			}
			n -= k
			ops = append(ops, o)
			spans = append(spans, sp)
		}
	}
	st.markTrivial(ops, spans, pa.uids, pb.uids)
	return ops, spans
}

// unitRange is the index range [lo,hi) of a paragraph's units.
type unitRange struct{ lo, hi int }

// gatherUnits returns the paragraph index and the id of each unit in the
// ranges, one after another.
func gatherUnits(p *paraInfo, rs []unitRange) ([]int, []int32) {
	n := 0
	for _, r := range rs {
		n += r.hi - r.lo
	}
	pos := make([]int, 0, n)
	if len(rs) == 1 {
		for i := rs[0].lo; i < rs[0].hi; i++ {
			pos = append(pos, i)
		}
		return pos, p.uids[rs[0].lo:rs[0].hi]
	}
	ids := make([]int32, 0, n)
	for _, r := range rs {
		for i := r.lo; i < r.hi; i++ {
			pos = append(pos, i)
			ids = append(ids, p.uids[i])
		}
	}
	return pos, ids
}

// isContentUnit reports whether a unit is a word worth showing as shared:
// not a mark, not a function word.
func (st *story) isContentUnit(id int32) bool {
	u := &st.units[id]
	if u.featured {
		return !u.stop // a word the aligner read: its stop flag is known
	}
	return u.word && !isStopWord(normalizeWord(u.text))
}

// cleanupKeepingWords tidies a word diff for reading: an unchanged run
// between two changes is folded into them when it is no longer than either
// (as the usual semantic clean-up does) and holds no content word ("the",
// a comma), so that a rewrite keeping many of its words shows
// them as kept rather than as one deletion against one insertion (which
// the usual semantic clean-up makes of any paraphrase).
func (st *story) cleanupKeepingWords(dmp *diffmatchpatch.DiffMatchPatch, diffs []diffmatchpatch.Diff, ida, idb []int32) []diffmatchpatch.Diff {
	// changeAround is the longest change (in units) in the run of changes
	// just before (step -1) or after (step 1) diffs[i].
	changeAround := func(i, step int) int {
		longest := 0
		for k := i + step; k >= 0 && k < len(diffs) && diffs[k].Type != diffmatchpatch.DiffEqual; k += step {
			longest = max(longest, utf8.RuneCountInString(diffs[k].Text))
		}
		return longest
	}
	out := make([]diffmatchpatch.Diff, 0, len(diffs))
	for i, d := range diffs {
		n := utf8.RuneCountInString(d.Text)
		if d.Type == diffmatchpatch.DiffEqual && i > 0 && i+1 < len(diffs) && n <= changeAround(i, -1) && n <= changeAround(i, 1) {
			content := false
			for _, r := range d.Text {
				if id := runeUnit(r); id < len(st.units) && st.isContentUnit(int32(id)) {
					content = true
					break
				}
			}
			if !content {
				out = append(out, diffmatchpatch.Diff{Type: diffmatchpatch.DiffDelete, Text: d.Text}, diffmatchpatch.Diff{Type: diffmatchpatch.DiffInsert, Text: d.Text})
				continue
			}
		}
		out = append(out, d)
	}
	if len(out) == len(diffs) {
		return diffs // nothing folded: nothing to merge
	}
	return dmp.DiffCleanupMerge(out)
}

// markMoved splits each non-trivial delete and insert into runs of words
// the other side has among its own changes (moved: reordered, not lost)
// and runs it lacks, and marks the first kind Moved.
func (st *story) markMoved(ops []Op, spans []unitSpan, ua []unit, ida []int32, ub []unit, idb []int32) []Op {
	changedA, changedB := map[int32]bool{}, map[int32]bool{}
	for i, o := range ops {
		sp := spans[i]
		switch o.Op {
		case OpDelete:
			for _, id := range ida[sp.aLo:sp.aHi] {
				if st.isContentUnit(id) {
					changedA[st.canonicalUnit(id)] = true
				}
			}
		case OpInsert:
			for _, id := range idb[sp.bLo:sp.bHi] {
				if st.isContentUnit(id) {
					changedB[st.canonicalUnit(id)] = true
				}
			}
		}
	}
	if len(changedA) == 0 || len(changedB) == 0 {
		return ops
	}
	out := make([]Op, 0, len(ops))
	for i, o := range ops {
		if o.Trivial || o.Op == OpEqual {
			out = append(out, o)
			continue
		}
		units, ids, other, lo, hi := ua, ida, changedB, spans[i].aLo, spans[i].aHi
		if o.Op == OpInsert {
			units, ids, other, lo, hi = ub, idb, changedA, spans[i].bLo, spans[i].bHi
		}
		// Runs of units with one status; marks and function words go with
		// the word before them.
		start, moved := lo, false
		flush := func(end int) {
			if end <= start {
				return
			}
			r := o
			if o.Op == OpDelete {
				r.AStart, r.AEnd = units[start].start, units[end-1].end
			} else {
				r.BStart, r.BEnd = units[start].start, units[end-1].end
			}
			r.Moved = moved
			out = append(out, r)
		}
		for k := lo; k < hi; k++ {
			if !st.isContentUnit(ids[k]) {
				continue
			}
			m := other[st.canonicalUnit(ids[k])]
			if k > start && m != moved {
				flush(k)
				start = k
			}
			moved = m
		}
		flush(hi)
	}
	return out
}

// unitSpan is the unit index range [aLo,aHi) of side A and [bLo,bHi) of
// side B that one op covers.
type unitSpan struct{ aLo, aHi, bLo, bHi int }

func unitRunes(ids []int32) []rune {
	rs := make([]rune, len(ids))
	for i, id := range ids {
		rs[i] = unitRune(int(id))
	}
	return rs
}

// unitRune maps a unit's number to a rune from the private use areas, which
// diffmatchpatch treats as plain characters.
func unitRune(i int) rune {
	const bmp = 0xF8FF - 0xE000 + 1
	if i < bmp {
		return rune(0xE000 + i)
	}
	i -= bmp
	const plane = 0x10FFFD - 0xF0000 + 1
	return rune(0xF0000 + i%plane)
}

// runeUnit inverts unitRune (exactly for the first 1.1 million units).
func runeUnit(r rune) int {
	const bmp = 0xF8FF - 0xE000 + 1
	if r >= 0xF0000 {
		return bmp + int(r-0xF0000)
	}
	return int(r - 0xE000)
}

// markTrivial marks each delete next to an insert (a replacement) as
// trivial, both of them, when the two sides read the same once quote and
// dash style, case and British or American spelling are set aside. ida and
// idb are the unit ids the spans index.
func (st *story) markTrivial(ops []Op, spans []unitSpan, ida, idb []int32) {
	for i := 0; i+1 < len(ops); i++ {
		x, y := &ops[i], &ops[i+1]
		if x.Op == OpEqual || y.Op == OpEqual || x.Op == y.Op {
			continue
		}
		del, ins := x, y
		ds, is := spans[i], spans[i+1]
		if x.Op == OpInsert {
			del, ins = y, x
			ds, is = is, ds
		}
		la, lb := del.AEnd-del.AStart, ins.BEnd-ins.BStart
		if max(la, lb)-min(la, lb) > 3+min(la, lb)/4 {
			// Style and spelling change lengths little; skip the check.
			i++
			continue
		}
		if st.sameCanonical(ida[ds.aLo:ds.aHi], idb[is.bLo:is.bHi]) {
			x.Trivial, y.Trivial = true, true
		}
		i++
	}
}

// sameCanonical reports whether two runs of units read the same in
// canonical form (see canonicalText).
func (st *story) sameCanonical(a, b []int32) bool {
	ia, ib := 0, 0
	var lastA, lastB int32 = -1, -1
	for {
		ca, na := st.nextCanonical(a, ia, &lastA)
		cb, nb := st.nextCanonical(b, ib, &lastB)
		if ca != cb {
			return false
		}
		if ca < 0 {
			return true
		}
		ia, ib = na, nb
	}
}

// nextCanonical returns the canonical id of the first unit of ids from i
// on that canonicalText would keep (-1 at the end) and the index after it.
// last holds the previous kept mark's canonical id (-1 after a word), as
// a run of the same dash or point reads as one.
func (st *story) nextCanonical(ids []int32, i int, last *int32) (int32, int) {
	for ; i < len(ids); i++ {
		u := &st.units[ids[i]]
		c := st.canonicalUnit(ids[i])
		if u.word {
			*last = -1
			return c, i + 1
		}
		if c == *last && (c == canonDash || c == canonPoint) {
			continue
		}
		*last = c
		return c, i + 1
	}
	return -1, i
}

// canonicalUnit returns the id of a unit's canonical form: a word
// case-folded with its spelling variant unified, a mark with its quote or
// dash style unified.
func (st *story) canonicalUnit(uid int32) int32 {
	u := &st.units[uid]
	if u.canon >= 0 {
		return u.canon
	}
	var form string
	if u.word {
		form = canonicalSpelling(normalizeWord(u.text))
	} else {
		r, _ := utf8.DecodeRuneInString(u.text)
		form = string(unifyPunct(r))
	}
	id, ok := st.canonIDs[form]
	if !ok {
		id = int32(len(st.canonIDs))
		st.canonIDs[form] = id
	}
	u.canon = id
	return id
}

// Canonical ids of the marks whose runs read as one ("--" as "—", "..."
// as "…"); analyzeStory registers them first.
const (
	canonDash int32 = iota
	canonPoint
)

// canonicalText reduces text to what a reader would notice: case-folded,
// quotes and dashes unified, runs of dashes, points and spaces collapsed,
// spelling variants mapped to one form.
func canonicalText(rs []rune) string {
	var b strings.Builder
	var last rune
	text := string(rs)
	for _, u := range scanUnits(text) {
		if u.word {
			b.WriteString(canonicalSpelling(normalizeWord(u.in(text))))
			b.WriteByte(' ')
			last = 0
			continue
		}
		r, _ := utf8.DecodeRuneInString(u.in(text))
		r = unifyPunct(r)
		if (r == '-' || r == '.') && r == last {
			continue // "--" is "—", "..." is "…"
		}
		b.WriteRune(r)
		b.WriteByte(' ')
		last = r
	}
	return b.String()
}
