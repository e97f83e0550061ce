package compare

import (
	"fmt"
	"slices"
	"strings"
)

// omissionGap is one passage version ver lacks, where it would stand.
type omissionGap struct {
	passage   int
	anchor    *flagPara // ver's paragraph it would follow; nil before the first
	truncated bool      // it comes after everything ver carries
	text      string
	members   int // versions carrying it
}

// omissionFlags flags, on each version lacking it, body content that a
// clear majority carries (at least two versions, and more than half) and
// that states facts (numbers, dates, quotes or named people), unless that version says the same
// elsewhere. Gaps at one place of a version make one flag; so do all the
// gaps after a shortened copy's end, ranked low.
func (d *claimDetector) omissionFlags(ix *claimIndex) []Flag {
	sentOf := map[*flagPara][]int{}
	for i, s := range ix.sents {
		sentOf[s.p] = append(sentOf[s.p], i)
	}
	gaps := make([][]omissionGap, len(d.vers))
	for pi, pas := range d.c.Passages {
		paras := d.passageParas(pi)
		if len(paras) < 2 || 2*len(paras) <= len(d.vers) || !d.passageAllBody(pas) {
			continue
		}
		members := make([]int, 0, len(paras))
		for v := range paras {
			members = append(members, v)
		}
		slices.Sort(members)
		ref := paras[members[0]][0]
		facts := false
		for _, si := range sentOf[ref] {
			facts = facts || ix.sents[si].checkable() || ix.sents[si].persons > 0
		}
		if !facts {
			continue
		}
		shared := d.omissionShared(ix, sentOf[ref], ref.ver, members)
		if 2*len(shared) < len(sentOf[ref]) {
			continue
		}
		text := string(ref.rs)
		if len(shared) < len(sentOf[ref]) {
			// Only what the members share is lacking; a sentence of one
			// member's own is that version's unique claim.
			parts := make([]string, len(shared))
			for i, si := range shared {
				parts[i] = string(ref.rs[ix.sents[si].start:ix.sents[si].end])
			}
			text = strings.Join(parts, " ")
		}
		for vi := range d.vers {
			if _, ok := paras[vi]; ok || d.omissionCovered(ix, sentOf[ref], vi) {
				continue
			}
			anchor, truncated := d.omissionAnchor(pi, vi, members)
			gaps[vi] = append(gaps[vi], omissionGap{passage: pi, anchor: anchor, truncated: truncated, text: text, members: len(members)})
		}
	}
	var out []Flag
	for vi, gs := range gaps {
		// Group the gaps by place: the same anchor, or past the end.
		type place struct {
			anchor    *flagPara
			truncated bool
		}
		var order []place
		groups := map[place][]omissionGap{}
		for _, g := range gs {
			k := place{g.anchor, g.truncated}
			if g.truncated {
				k.anchor = nil
			}
			if _, ok := groups[k]; !ok {
				order = append(order, k)
			}
			groups[k] = append(groups[k], g)
		}
		for _, k := range order {
			out = append(out, d.omissionFlag(vi, k.anchor, k.truncated, groups[k]))
		}
	}
	return out
}

// omissionFlag is the flag for the gaps of version vi at one place.
func (d *claimDetector) omissionFlag(vi int, anchor *flagPara, truncated bool, gs []omissionGap) Flag {
	texts := make([]string, len(gs))
	members := len(d.vers)
	for i, g := range gs {
		texts[i] = g.text
		members = min(members, g.members)
	}
	sev := SeverityMedium
	var msg string
	if len(gs) == 1 {
		msg = fmt.Sprintf("%s lacks a passage %d of %d versions carry: %s", d.flagVersionsPhrase(vi), members, len(d.vers), flagQuoted(texts[0]))
	} else {
		msg = fmt.Sprintf("%s lacks %d passages that at least %d of %d versions carry, beginning %s", d.flagVersionsPhrase(vi), len(gs), members, len(d.vers), flagQuoted(texts[0]))
	}
	if truncated {
		sev = SeverityLow
		msg += " (after where this version ends: a shortened copy)"
	}
	start := 0
	if anchor != nil {
		start = len(anchor.rs)
	}
	expected := strings.Join(texts, "\n")
	f := d.newFlag(flagSpec{Kind: FlagOmission, Severity: sev, Ver: vi, Para: anchor, Start: start, End: start, Slot: "omission", Found: "", Expected: expected, Support: Support{Found: len(d.vers) - members, Expected: members}, Message: msg})
	f.Passage = gs[0].passage
	return f
}

// passageAllBody reports whether every member paragraph of a passage is
// body text.
func (d *claimDetector) passageAllBody(pas Passage) bool {
	for _, m := range pas.Members {
		vi, ok := d.byID[m.Version]
		if !ok {
			continue
		}
		for _, k := range m.Paragraphs {
			if p := d.para(vi, k); p == nil || !p.body() {
				return false
			}
		}
	}
	return true
}

// omissionCovered reports whether version vi states most of the passage's
// sentences in its own words somewhere.
func (d *claimDetector) omissionCovered(ix *claimIndex, sents []int, vi int) bool {
	if len(sents) == 0 {
		return false
	}
	in := func(v int) bool { return v == vi }
	covered := 0
	for _, si := range sents {
		if ix.bestOverlap(si, in) >= omissionSharedWords {
			covered++
		}
	}
	return 2*covered > len(sents)
}

// omissionAnchor finds where version vi would carry passage pi: its body
// paragraph of the latest earlier passage it shares with a member. truncated
// says the passage comes after everything vi carries.
func (d *claimDetector) omissionAnchor(pi, vi int, members []int) (*flagPara, bool) {
	ref := members[0]
	target := d.passageParas(pi)[ref][0].ref.Paragraph
	var anchor *flagPara
	anchorAt, lastAt := -1, -1
	for qi := range d.c.Passages {
		ps := d.passageParas(qi)
		mine, ok := ps[vi]
		theirs, ok2 := ps[ref]
		if !ok || !ok2 {
			continue
		}
		at := theirs[0].ref.Paragraph
		lastAt = max(lastAt, at)
		if at < target && at > anchorAt {
			anchor, anchorAt = mine[len(mine)-1], at
		}
	}
	return anchor, lastAt >= 0 && target > lastAt
}

// omissionSharedWords is the share of a sentence's content words the
// lacking version must write in one sentence to count as saying it in its
// own words.
const omissionSharedWords = 0.4

// claimSharedWords is the share of a sentence's content words another
// version must write in one sentence to carry it: the bar under which a
// sentence is one version's own (unique), so that nothing is both.
const claimSharedWords = 0.5

// omissionShared returns the sentences of the reference paragraph (of
// version refVer) that another member tells too, in its own words.
// Alignment may put two different paragraphs in one passage; then each is
// one version's own (and may be flagged unique), and no version "lacks"
// them: an omission needs at least half of the paragraph shared, and
// names only what is.
func (d *claimDetector) omissionShared(ix *claimIndex, sents []int, refVer int, members []int) []int {
	other := func(v int) bool { return v != refVer && slices.Contains(members, v) }
	var shared []int
	for _, si := range sents {
		if ix.bestOverlap(si, other) >= claimSharedWords {
			shared = append(shared, si)
		}
	}
	return shared
}
