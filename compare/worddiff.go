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
		aLo, aHi := 0, len(pa.runes)
		if partners[side{l.va, l.pa, l.vb}] > 1 {
			aLo, aHi = st.linkedSpan(l.sents, true)
		}
		bLo, bHi := 0, len(pb.runes)
		if partners[side{l.vb, l.pb, l.va}] > 1 {
			bLo, bHi = st.linkedSpan(l.sents, false)
		}
		out = append(out, Pair{
			A:     ParaRef{Version: st.vers[l.va].v.ID, Paragraph: pa.index},
			B:     ParaRef{Version: st.vers[l.vb].v.ID, Paragraph: pb.index},
			Score: round3(l.score),
			Ops:   diffUnits(dmp, pa, aLo, aHi, pb, bLo, bHi),
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
func unitsIn(us []unit, lo, hi int) (int, int) {
	i := 0
	for i < len(us) && us[i].start < lo {
		i++
	}
	j := i
	for j < len(us) && us[j].end <= hi {
		j++
	}
	return i, j
}

func round3(x float64) float64 {
	return float64(int(x*1000+0.5)) / 1000
}

// diffUnits diffs two runs of units word by word: each distinct unit text
// becomes one rune, the rune strings are diffed and cleaned up
// semantically, and the result is mapped back to rune offsets in each
// paragraph. Changes a reader would not care about are marked trivial.
func diffUnits(dmp *diffmatchpatch.DiffMatchPatch, pa *paraInfo, aLo, aHi int, pb *paraInfo, bLo, bHi int) []Op {
	i, j := unitsIn(pa.units, aLo, aHi)
	ua, ra := pa.units[i:j], unitRunes(pa.uids[i:j])
	i, j = unitsIn(pb.units, bLo, bHi)
	ub, rb := pb.units[i:j], unitRunes(pb.uids[i:j])
	if len(ua) > 0 && slices.Equal(ra, rb) {
		// Same words and marks: one equal op, no diff needed.
		return []Op{{Op: OpEqual, AStart: ua[0].start, AEnd: ua[len(ua)-1].end, BStart: ub[0].start, BEnd: ub[len(ub)-1].end}}
	}
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMainRunes(ra, rb, false))
	ops := make([]Op, 0, len(diffs))
	ia, ib := 0, 0
	// Empty ranges sit at the end of the previous unit, or at the start of
	// the first when there is none.
	at := func(us []unit, i int) int {
		if i > 0 {
			return us[i-1].end
		}
		if len(us) > 0 {
			return us[0].start
		}
		return 0
	}
	for _, d := range diffs {
		n := utf8.RuneCountInString(d.Text)
		if n == 0 {
			continue
		}
		var o Op
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			o = Op{Op: OpEqual, AStart: ua[ia].start, AEnd: ua[ia+n-1].end, BStart: ub[ib].start, BEnd: ub[ib+n-1].end}
			ia += n
			ib += n
		case diffmatchpatch.DiffDelete:
			p := at(ub, ib)
			o = Op{Op: OpDelete, AStart: ua[ia].start, AEnd: ua[ia+n-1].end, BStart: p, BEnd: p}
			ia += n
		case diffmatchpatch.DiffInsert:
			p := at(ua, ia)
			o = Op{Op: OpInsert, AStart: p, AEnd: p, BStart: ub[ib].start, BEnd: ub[ib+n-1].end}
			ib += n
		}
		ops = append(ops, o)
	}
	markTrivial(ops, pa.runes, pb.runes)
	return ops
}

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

// markTrivial marks each delete next to an insert (a replacement) as
// trivial, both of them, when the two sides read the same once quote and
// dash style, case and British or American spelling are set aside.
func markTrivial(ops []Op, a, b []rune) {
	for i := 0; i+1 < len(ops); i++ {
		x, y := &ops[i], &ops[i+1]
		if x.Op == OpEqual || y.Op == OpEqual || x.Op == y.Op {
			continue
		}
		del, ins := x, y
		if x.Op == OpInsert {
			del, ins = y, x
		}
		la, lb := del.AEnd-del.AStart, ins.BEnd-ins.BStart
		if max(la, lb)-min(la, lb) > 3+min(la, lb)/4 {
			// Style and spelling change lengths little; skip the costly check.
			i++
			continue
		}
		if canonicalText(a[del.AStart:del.AEnd]) == canonicalText(b[ins.BStart:ins.BEnd]) {
			x.Trivial, y.Trivial = true, true
		}
		i++
	}
}

// canonicalText reduces text to what a reader would notice: case-folded,
// quotes and dashes unified, runs of dashes, points and spaces collapsed,
// spelling variants mapped to one form.
func canonicalText(rs []rune) string {
	var b strings.Builder
	var last rune
	for _, u := range scanUnits(rs) {
		if u.word {
			b.WriteString(canonicalSpelling(normalizeWord(u.text)))
			b.WriteByte(' ')
			last = 0
			continue
		}
		r := unifyPunct([]rune(u.text)[0])
		if (r == '-' || r == '.') && r == last {
			continue // "--" is "—", "..." is "…"
		}
		b.WriteRune(r)
		b.WriteByte(' ')
		last = r
	}
	return b.String()
}
