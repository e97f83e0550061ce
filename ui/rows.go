package ui

import (
	"fmt"

	parallax "github.com/parallax-news/parallax"
)

// compareCell is one side of a row of the compare view: a paragraph of one
// version, or nothing (Paragraph 0) where the other side has no counterpart.
type compareCell struct {
	ref   parallax.ParaRef
	kind  parallax.ParagraphKind
	text  string
	marks []mark // diff marks against the other side
	// where says where the paragraph sits when the row does not follow its
	// own order ("¶7 in B, moved"), or that it continues from the row above.
	where string
	// manual marks a paragraph of a pair the analyst linked by hand.
	manual bool
}

// empty reports whether the cell faces a paragraph with no counterpart.
func (c compareCell) empty() bool { return c.ref.Paragraph == 0 }

// compareRow is one row of the compare view: two aligned paragraphs.
type compareRow struct {
	a, b    compareCell
	passage int     // index into Comparison.Passages, -1 if none
	score   float64 // similarity of the pair, -1 when one side is empty
}

// buildRows lays the paragraphs of versions va and vb side by side, in va's
// order. Aligned pairs share a row and carry their word diff; a paragraph
// of vb whose pair breaks vb's order is shown next to its counterpart and
// says where it sits ("¶7 in B, moved"); paragraphs without a counterpart
// face an empty cell, vb's placed after the vb paragraph before them.
// letterB names vb in those hints.
func buildRows(c *parallax.Comparison, va, vb, letterA, letterB string) []compareRow {
	A, B := c.Version(va), c.Version(vb)
	if A == nil || B == nil {
		return nil
	}
	pairs := c.PairsBetween(va, vb)
	inOrder := increasingPairs(pairs)
	byA := map[int][]int{} // A paragraph -> indexes into pairs
	pairedB := map[int]bool{}
	for i, p := range pairs {
		byA[p.A.Paragraph] = append(byA[p.A.Paragraph], i)
		pairedB[p.B.Paragraph] = true
	}
	bPara := map[int]parallax.ParagraphOut{}
	for _, p := range B.Paragraphs {
		bPara[p.Index] = p
	}
	var rows []compareRow
	nextB := 0 // index into B.Paragraphs of the first not yet placed unpaired paragraph
	flushB := func(before int) {
		for ; nextB < len(B.Paragraphs) && (before < 0 || B.Paragraphs[nextB].Index < before); nextB++ {
			p := B.Paragraphs[nextB]
			if pairedB[p.Index] {
				continue
			}
			ref := parallax.ParaRef{Version: vb, Paragraph: p.Index}
			rows = append(rows, compareRow{
				b:       compareCell{ref: ref, kind: p.Kind, text: p.Text},
				passage: c.PassageOf(ref),
				score:   -1,
			})
		}
	}
	shownB := map[int]bool{}
	for _, ap := range A.Paragraphs {
		aref := parallax.ParaRef{Version: va, Paragraph: ap.Index}
		idx := byA[ap.Index]
		for _, i := range idx {
			if inOrder[i] {
				flushB(pairs[i].B.Paragraph)
				break
			}
		}
		if len(idx) == 0 {
			rows = append(rows, compareRow{
				a:       compareCell{ref: aref, kind: ap.Kind, text: ap.Text},
				passage: c.PassageOf(aref),
				score:   -1,
			})
			continue
		}
		for k, i := range idx {
			p := pairs[i]
			bp := bPara[p.B.Paragraph]
			row := compareRow{
				a:       compareCell{ref: aref, kind: ap.Kind, text: ap.Text, marks: opMarks(p.Ops, true), manual: p.Manual},
				b:       compareCell{ref: p.B, kind: bp.Kind, text: bp.Text, marks: opMarks(p.Ops, false), manual: p.Manual},
				passage: c.PassageOf(aref),
				score:   p.Score,
			}
			if k > 0 {
				row.a.where = fmt.Sprintf("¶%d in %s, continued", ap.Index, letterA)
			}
			switch {
			case shownB[p.B.Paragraph]:
				row.b.where = fmt.Sprintf("¶%d in %s, continued", p.B.Paragraph, letterB)
			case !inOrder[i]:
				row.b.where = fmt.Sprintf("¶%d in %s, moved", p.B.Paragraph, letterB)
			}
			shownB[p.B.Paragraph] = true
			rows = append(rows, row)
		}
	}
	flushB(-1)
	return rows
}

// increasingPairs marks the largest set of pairs (ordered by A) whose B
// paragraphs never go backwards: those read in order on both sides; the
// others are moves.
func increasingPairs(pairs []parallax.Pair) []bool {
	n := len(pairs)
	keep := make([]bool, n)
	if n == 0 {
		return keep
	}
	// Longest non-decreasing subsequence by B paragraph, O(n log n).
	tails := []int{} // indexes into pairs
	prev := make([]int, n)
	for i, p := range pairs {
		b := p.B.Paragraph
		lo, hi := 0, len(tails)
		for lo < hi {
			mid := (lo + hi) / 2
			if pairs[tails[mid]].B.Paragraph <= b {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		if lo > 0 {
			prev[i] = tails[lo-1]
		} else {
			prev[i] = -1
		}
		if lo == len(tails) {
			tails = append(tails, i)
		} else {
			tails[lo] = i
		}
	}
	for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
		keep[i] = true
	}
	return keep
}

// rowOf returns the first row showing paragraph ref on either side, or -1.
func rowOf(rows []compareRow, ref parallax.ParaRef) int {
	for i, r := range rows {
		if r.a.ref == ref || r.b.ref == ref {
			return i
		}
	}
	return -1
}

// rowOfPassage returns the first row of passage p, or -1.
func rowOfPassage(rows []compareRow, p int) int {
	for i, r := range rows {
		if r.passage == p {
			return i
		}
	}
	return -1
}
