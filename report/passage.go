package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/parallax-news/parallax/compare"
)

// buildPassages lays out every passage: the reference member (the first
// version, in the comparison's order, that carries the passage) as written,
// each other member cut into segments by its changes against the reference,
// with flags and notes marked where they fall. notes get the passage they
// are shown in.
func (m *model) buildPassages(c *compare.Comparison, paras map[compare.ParaRef]compare.ParagraphOut, notes []noteModel) error {
	pairsOf := map[compare.ParaRef][]int{}
	for i, p := range c.Pairs {
		for _, ref := range []compare.ParaRef{p.A, p.B} {
			if _, ok := paras[ref]; !ok {
				return fmt.Errorf("report: pair %d: no paragraph %d in version %q", i, ref.Paragraph, ref.Version)
			}
		}
		pairsOf[p.A] = append(pairsOf[p.A], i)
		pairsOf[p.B] = append(pairsOf[p.B], i)
	}
	flagsOn := map[compare.ParaRef][]int{} // indices into m.Flags
	for i, f := range m.Flags {
		ref := compare.ParaRef{Version: f.Version, Paragraph: f.Paragraph}
		flagsOn[ref] = append(flagsOn[ref], i)
	}
	notesOn := map[compare.ParaRef][]int{} // indices into notes
	for i, n := range notes {
		if n.Version != "" {
			ref := compare.ParaRef{Version: n.Version, Paragraph: n.Paragraph}
			notesOn[ref] = append(notesOn[ref], i)
		}
	}

	for pi, p := range c.Passages {
		pm := passageModel{Number: pi + 1, Missing: []string{}, Flags: []int{}, Members: []memberModel{}}
		members := slices.Clone(p.Members)
		for _, mem := range members {
			if _, ok := m.versionIdx[mem.Version]; !ok {
				return fmt.Errorf("report: passage %d: unknown version %q", pi+1, mem.Version)
			}
		}
		slices.SortStableFunc(members, func(a, b compare.Member) int {
			return cmp.Compare(m.versionIdx[a.Version], m.versionIdx[b.Version])
		})
		for _, id := range p.Missing {
			if _, ok := m.versionIdx[id]; !ok {
				return fmt.Errorf("report: passage %d: unknown missing version %q", pi+1, id)
			}
			pm.Missing = append(pm.Missing, id)
		}
		slices.SortFunc(pm.Missing, func(a, b string) int { return cmp.Compare(m.versionIdx[a], m.versionIdx[b]) })
		if len(members) > 0 {
			pm.Reference = members[0].Version
		}
		inPassage := map[compare.ParaRef]bool{}
		for _, mem := range members {
			for _, idx := range mem.Paragraphs {
				inPassage[compare.ParaRef{Version: mem.Version, Paragraph: idx}] = true
			}
		}
		for _, mem := range members {
			mm := memberModel{Version: mem.Version, Paragraphs: []paragraphModel{}}
			for _, idx := range mem.Paragraphs {
				ref := compare.ParaRef{Version: mem.Version, Paragraph: idx}
				po, ok := paras[ref]
				if !ok {
					return fmt.Errorf("report: passage %d: no paragraph %d in version %q", pi+1, idx, mem.Version)
				}
				pair, mineIsA := choosePair(c.Pairs, pairsOf[ref], ref, pm.Reference, inPassage)
				var pp *compare.Pair
				if pair >= 0 {
					pp = &c.Pairs[pair]
				}
				para, err := m.layoutParagraph(po, ref, pp, mineIsA, paras, flagsOn[ref], notes, notesOn[ref], pm.Number)
				if err != nil {
					return fmt.Errorf("report: passage %d: version %q paragraph %d: %w", pi+1, mem.Version, idx, err)
				}
				mm.Paragraphs = append(mm.Paragraphs, para)
			}
			pm.Members = append(pm.Members, mm)
		}
		for _, f := range m.Flags {
			if f.Passage == pm.Number {
				pm.Flags = append(pm.Flags, f.Number)
			}
		}
		m.Passages = append(m.Passages, pm)
	}
	return nil
}

// choosePair picks the pair that diffs paragraph mine: the best-scoring one
// against the reference version, else against any other member of the
// passage. It returns -1 when mine is the reference or has no such pair.
func choosePair(pairs []compare.Pair, candidates []int, mine compare.ParaRef, refVersion string, inPassage map[compare.ParaRef]bool) (best int, mineIsA bool) {
	if mine.Version == refVersion {
		return -1, false
	}
	best = -1
	bestRank := 2
	for _, i := range candidates {
		p := pairs[i]
		other, isA := p.B, true
		if p.B == mine {
			other, isA = p.A, false
		}
		if other.Version == mine.Version || !inPassage[other] {
			continue
		}
		rank := 1
		if other.Version == refVersion {
			rank = 0
		}
		if best < 0 || rank < bestRank || (rank == bestRank && p.Score > pairs[best].Score) {
			best, bestRank, mineIsA = i, rank, isA
		}
	}
	return best, mineIsA
}

// piece is one diff operation seen from the paragraph being laid out: a
// range of its own text (equal or insert) or, for delete, the other
// paragraph's text it lacks.
type piece struct {
	op         compare.OpKind
	start, end int // in the paragraph's runes; unused for delete
	text       string
	trivial    bool
	moved      bool // the other side has these words elsewhere
}

// diffPieces turns a pair's ops into pieces over mine's text, filling gaps
// the ops leave as equal text.
func diffPieces(mine, other []rune, pair *compare.Pair, mineIsA bool) ([]piece, error) {
	if pair == nil {
		return []piece{{op: compare.OpEqual, start: 0, end: len(mine)}}, nil
	}
	var out []piece
	pos := 0
	addMine := func(op compare.OpKind, s, e int, trivial, moved bool) error {
		if s < pos {
			return fmt.Errorf("diff op [%d,%d) overlaps the previous one (ends at %d)", s, e, pos)
		}
		if s > pos {
			out = append(out, piece{op: compare.OpEqual, start: pos, end: s})
		}
		if e > s {
			out = append(out, piece{op: op, start: s, end: e, trivial: trivial, moved: moved})
		}
		pos = e
		return nil
	}
	// Ops come in A's order; B's ranges follow it only where the two
	// paragraphs keep their sentences in order, so B reads them sorted.
	ops := pair.Ops
	if !mineIsA {
		ops = slices.Clone(ops)
		slices.SortStableFunc(ops, func(x, y compare.Op) int { return cmp.Compare(x.BStart, y.BStart) })
	}
	for i, op := range ops {
		ms, me, os, oe := op.AStart, op.AEnd, op.BStart, op.BEnd
		if !mineIsA {
			ms, me, os, oe = os, oe, ms, me
		}
		if ms < 0 || me < ms || me > len(mine) {
			return nil, fmt.Errorf("diff op %d: range [%d,%d) outside this paragraph (%d characters)", i, ms, me, len(mine))
		}
		if os < 0 || oe < os || oe > len(other) {
			return nil, fmt.Errorf("diff op %d: range [%d,%d) outside the other paragraph (%d characters)", i, os, oe, len(other))
		}
		// A delete removes A's text: it is mine-only when mine is A.
		mineOnly := (op.Op == compare.OpDelete) == mineIsA
		var err error
		switch {
		case op.Op == compare.OpEqual:
			err = addMine(compare.OpEqual, ms, me, op.Trivial, false)
		case op.Op != compare.OpDelete && op.Op != compare.OpInsert:
			return nil, fmt.Errorf("diff op %d: unknown op %q", i, op.Op)
		case mineOnly:
			err = addMine(compare.OpInsert, ms, me, op.Trivial, op.Moved)
		default:
			if err = addMine(compare.OpInsert, ms, ms, false, false); err == nil && oe > os {
				out = append(out, piece{op: compare.OpDelete, text: string(other[os:oe]), trivial: op.Trivial, moved: op.Moved})
			}
		}
		if err != nil {
			return nil, fmt.Errorf("diff op %d: %w", i, err)
		}
	}
	if pos < len(mine) {
		out = append(out, piece{op: compare.OpEqual, start: pos, end: len(mine)})
	}
	return groupChanges(out, mine), nil
}

// groupChanges makes changes read as "old words, then new words": a lone
// space between two changes joins them, and within each run of changes the
// deleted text comes first, then the inserted text.
func groupChanges(pieces []piece, mine []rune) []piece {
	var ws []piece
	for i, p := range pieces {
		if p.op == compare.OpEqual && i > 0 && i+1 < len(pieces) &&
			pieces[i-1].op != compare.OpEqual && pieces[i+1].op != compare.OpEqual &&
			strings.TrimSpace(string(mine[p.start:p.end])) == "" {
			ws = append(ws,
				piece{op: compare.OpDelete, text: string(mine[p.start:p.end])},
				piece{op: compare.OpInsert, start: p.start, end: p.end})
			continue
		}
		ws = append(ws, p)
	}
	out := make([]piece, 0, len(ws))
	for i := 0; i < len(ws); {
		if ws[i].op == compare.OpEqual {
			out = append(out, ws[i])
			i++
			continue
		}
		j := i
		for j < len(ws) && ws[j].op != compare.OpEqual {
			j++
		}
		for _, want := range []compare.OpKind{compare.OpDelete, compare.OpInsert} {
			for _, p := range ws[i:j] {
				if p.op != want {
					continue
				}
				if n := len(out); n > 0 && out[n-1].op == p.op && out[n-1].trivial == p.trivial && out[n-1].moved == p.moved &&
					(p.op == compare.OpDelete || out[n-1].end == p.start) {
					out[n-1].text += p.text
					out[n-1].end = p.end
					continue
				}
				out = append(out, p)
			}
		}
		i = j
	}
	return out
}

// span is a flag or note range over the paragraph's runes.
type span struct {
	start, end int
	flag, note int // number, 0 if not this kind
}

func (m *model) layoutParagraph(po compare.ParagraphOut, ref compare.ParaRef, pair *compare.Pair, mineIsA bool,
	paras map[compare.ParaRef]compare.ParagraphOut, flagIdx []int, notes []noteModel, noteIdx []int, passage int) (paragraphModel, error) {
	mine := []rune(po.Text)
	pm := paragraphModel{Index: po.Index, Kind: po.Kind, Text: po.Text, Segments: []segment{}}
	var other []rune
	if pair != nil {
		against := pair.B
		if !mineIsA {
			against = pair.A
		}
		pm.Against = &against
		pm.Score = pair.Score
		pm.LinkedByHand = pair.Manual
		other = []rune(paras[against].Text)
	}
	pieces, err := diffPieces(mine, other, pair, mineIsA)
	if err != nil {
		return pm, err
	}
	var spans []span
	for _, i := range flagIdx {
		f := m.Flags[i]
		if f.Start >= 0 && f.End > f.Start && f.End <= len(mine) {
			spans = append(spans, span{start: f.Start, end: f.End, flag: f.Number})
		} else {
			pm.Flags = append(pm.Flags, f.Number)
		}
	}
	for _, i := range noteIdx {
		n := &notes[i]
		if n.Passage != 0 {
			continue // already shown where the paragraph first appears
		}
		n.Passage = passage
		pm.Notes = append(pm.Notes, n.Number)
		if n.Start >= 0 && n.End > n.Start && n.End <= len(mine) {
			spans = append(spans, span{start: n.Start, end: n.End, note: n.Number})
		}
	}
	for _, pc := range pieces {
		if pc.op == compare.OpDelete {
			pm.Segments = appendSegment(pm.Segments, segment{Op: pc.op, Text: pc.text, Trivial: pc.trivial, Moved: pc.moved})
			continue
		}
		cuts := []int{pc.start, pc.end}
		for _, s := range spans {
			for _, x := range []int{s.start, s.end} {
				if x > pc.start && x < pc.end {
					cuts = append(cuts, x)
				}
			}
		}
		slices.Sort(cuts)
		cuts = slices.Compact(cuts)
		for k := 0; k+1 < len(cuts); k++ {
			s, e := cuts[k], cuts[k+1]
			seg := segment{Op: pc.op, Text: string(mine[s:e]), Trivial: pc.trivial, Moved: pc.moved}
			for _, sp := range spans {
				if sp.start <= s && e <= sp.end {
					if sp.flag != 0 {
						seg.Flags = append(seg.Flags, sp.flag)
					}
					if sp.note != 0 {
						seg.Notes = append(seg.Notes, sp.note)
					}
				}
			}
			pm.Segments = appendSegment(pm.Segments, seg)
		}
	}
	return pm, nil
}

// appendSegment appends seg, merging it into the last segment when both
// carry the same change, flags and notes.
func appendSegment(segs []segment, seg segment) []segment {
	if seg.Text == "" {
		return segs
	}
	if n := len(segs); n > 0 {
		last := &segs[n-1]
		if last.Op == seg.Op && last.Trivial == seg.Trivial && last.Moved == seg.Moved && slices.Equal(last.Flags, seg.Flags) && slices.Equal(last.Notes, seg.Notes) {
			last.Text += seg.Text
			return segs
		}
	}
	return append(segs, seg)
}

// closing returns, for each segment, the flags and notes whose marked text
// ends with it, so that each is marked once, after the text it names.
func closing(segs []segment) (flags, notes [][]int) {
	flags = make([][]int, len(segs))
	notes = make([][]int, len(segs))
	lastF, lastN := map[int]int{}, map[int]int{}
	for i, s := range segs {
		for _, f := range s.Flags {
			lastF[f] = i
		}
		for _, n := range s.Notes {
			lastN[n] = i
		}
	}
	for i, s := range segs {
		for _, f := range s.Flags {
			if lastF[f] == i {
				flags[i] = append(flags[i], f)
			}
		}
		for _, n := range s.Notes {
			if lastN[n] == i {
				notes[i] = append(notes[i], n)
			}
		}
	}
	return flags, notes
}
