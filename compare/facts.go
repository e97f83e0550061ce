package compare

import (
	"fmt"
	"strings"
)

// A number or a date in one version contradicts one in another only when
// both are about the same fact. Being in aligned paragraphs is not enough:
// a paragraph tells of two children's ages, two officers' years of service,
// the day of a press conference and the day of the event. The evidence
// asked for here is the one a reader uses: the same subject (the name
// nearest the value in its sentence) and some of the same words around it.

// flagSameFact reports whether values a and b (of two versions) are told
// of the same fact: their nearest names, when both have one, are the same
// entity, and their sentences share content words (one when the subject is
// shared, two otherwise).
func (d *preparedStory) flagSameFact(a, b flagValue) bool {
	if a.Para == nil || b.Para == nil {
		return true // header values: the slot itself is the fact
	}
	ea, eb := d.factAnchor(a), d.factAnchor(b)
	if ea >= 0 && eb >= 0 && ea != eb {
		return false
	}
	ca, cb := factContext(a), factContext(b)
	shared := 0
	for w := range ca {
		if cb[w] {
			shared++
		}
	}
	if ea >= 0 && ea == eb {
		return shared >= 1
	}
	return shared >= 2
}

// factSentence returns the rune range of the sentence holding v.
func factSentence(v flagValue) (int, int) {
	for _, s := range v.Para.sents {
		if v.Start >= s.Start && v.Start < s.End {
			return s.Start, s.End
		}
	}
	return 0, len(v.Para.rs)
}

// factAnchor is the entity a value is told of: the name nearest before it
// in its clause (the words between two punctuation marks of its sentence);
// else a name a few words away across a comma ("Rosa Kell, 34,", "On
// Wednesday, Mr. Fox said"); else the nearest name before it in the
// sentence; else the nearest after it in the clause. -1 when there is
// none. "The Senate on Wednesday, followed by the House on Thursday" gives
// Wednesday to the Senate and Thursday to the House.
func (d *preparedStory) factAnchor(v flagValue) int {
	lo, hi := factSentence(v)
	ws := v.Para.words
	at := factWordAt(v)
	if at < 0 {
		return -1
	}
	from := at
	for from > 0 && ws[from-1].Start >= lo && !factClauseBreak(ws[from].Gap) {
		from--
	}
	to := at
	for to+1 < len(ws) && ws[to+1].End <= hi && !factClauseBreak(ws[to+1].Gap) {
		to++
	}
	cLo, cHi := max(lo, ws[from].Start), min(hi, ws[to].End)
	nLo, nHi := max(lo, ws[max(0, at-factApposition)].Start), min(hi, ws[min(len(ws)-1, at+factApposition)].End)
	// nearest returns the entity of the closest name inside [a, b) on the
	// wanted side of the value (before, after, or either).
	nearest := func(a, b int, before, after bool) int {
		best, bestDist := -1, -1
		for _, m := range v.Para.names {
			if m.Start < a || m.End > b || (m.Start < v.End && m.End > v.Start) {
				continue
			}
			var dist int
			switch {
			case m.End <= v.Start && before:
				dist = v.Start - m.End
			case m.Start >= v.End && after:
				dist = m.Start - v.End
			default:
				continue
			}
			if bestDist < 0 || dist < bestDist {
				best, bestDist = d.ents.entity(m), dist
			}
		}
		return best
	}
	for _, try := range []func() int{
		func() int { return nearest(cLo, cHi, true, false) },
		func() int { return nearest(nLo, nHi, true, true) },
		func() int { return nearest(lo, hi, true, false) },
		func() int { return nearest(cLo, cHi, false, true) },
	} {
		if e := try(); e >= 0 {
			return e
		}
	}
	return -1
}

// factApposition is how many words away, across punctuation, a value with
// no name in its clause looks for the name it belongs to.
const factApposition = 3

// factClauseBreak reports whether the punctuation before a word ends a
// clause.
func factClauseBreak(gap string) bool { return strings.ContainsAny(gap, ",;:()—–") }

// factWordAt is the index of the first word of value v, or -1.
func factWordAt(v flagValue) int {
	for k, w := range v.Para.words {
		if w.Start >= v.Start {
			return k
		}
	}
	return -1
}

// factContext is the set of content-word stems of value v's sentence:
// names, the value's own words, numbers, weekdays and months left out.
func factContext(v flagValue) map[string]bool {
	lo, hi := factSentence(v)
	out := map[string]bool{}
	names := v.Para.names
	for _, w := range v.Para.words {
		if w.Start < lo || w.End > hi || (w.Start >= v.Start && w.End <= v.End) {
			continue
		}
		inName := false
		for _, m := range names {
			if w.Start >= m.Start && w.End <= m.End {
				inName = true
				break
			}
		}
		n := strings.Trim(w.Fold, ".,'’")
		if inName || n == "" || isStopWord(n) || numberFlagValueWord(n) {
			continue
		}
		out[stemWord(n)] = true
	}
	return out
}

// numberFlagValueWord reports whether a folded word is itself a value
// (a number, a weekday, a month), which says nothing of the fact.
func numberFlagValueWord(n string) bool {
	if n[0] >= '0' && n[0] <= '9' {
		return true
	}
	if _, ok := numberSmall[n]; ok {
		return true
	}
	if _, ok := dateWeekdays[n]; ok {
		return true
	}
	_, ok := dateMonths[n]
	return ok
}

// flagFactSupported reports whether some value of another version whose
// key agrees with key (eq) is told of the same fact as f.
func (d *preparedStory) flagFactSupported(f flagValue, vals []flagValue, key string, eq func(a, b string) bool) bool {
	for _, v := range vals {
		if v.Ver != f.Ver && eq(v.Key, key) && d.flagSameFact(f, v) {
			return true
		}
	}
	return false
}

// factAnchoredFlags flags a value one version gives a fact that other
// versions give another value, when one paragraph tells several facts of
// the same kind and a plain count of values would miss it ("the Senate on
// Wednesday, followed by the House on Thursday" against "the House voted
// later on Wednesday"). Values are compared subject by subject: the
// nearest name (factAnchor) must be the same entity, the sentences must
// share words, and a version backs a value when it gives that value to that
// subject, or in a sentence about the same fact without a name near it.
// done marks values already flagged; kind names the flag; equal compares
// keys.
func (d *preparedStory) factAnchoredFlags(kind FlagKind, slot string, vals []flagValue, equal func(a, b string) bool, done map[flagSpot]bool) []Flag {
	anchors := make([]int, len(vals))
	for i, v := range vals {
		anchors[i] = d.factAnchor(v)
	}
	var out []Flag
	for i, x := range vals {
		if anchors[i] < 0 || done[flagSpot{x.Para, x.Start}] {
			continue
		}
		for j, y := range vals {
			if anchors[j] != anchors[i] || y.Ver == x.Ver || equal(x.Key, y.Key) || !d.flagSameFact(x, y) {
				continue
			}
			// Who backs each value for this subject?
			backs := func(key string) map[int]bool {
				vs := map[int]bool{}
				for k, z := range vals {
					if !equal(z.Key, key) {
						continue
					}
					if anchors[k] == anchors[i] || (anchors[k] < 0 && (d.flagSameFact(z, x) || d.flagSameFact(z, y))) {
						vs[z.Ver] = true
					}
				}
				return vs
			}
			bx, by := backs(x.Key), backs(y.Key)
			if by[x.Ver] || bx[y.Ver] || len(bx) >= len(by) {
				continue // a version gives both, or x is not the odd one out
			}
			done[flagSpot{x.Para, x.Start}] = true
			sev := flagSeverityBySupport(len(bx), len(by))
			msg := fmt.Sprintf("%s writes %s where %d of %d versions write %s of the same event",
				d.flagVersionsPhrase(x.Ver), flagQuoted(x.Text), len(by), len(d.vers), flagQuoted(y.Text))
			out = append(out, d.newFlag(flagSpec{Kind: kind, Severity: sev, Ver: x.Ver, Para: x.Para, Start: x.Start, End: x.End, Slot: slot, Found: x.Text, Expected: y.Text, Support: Support{Found: len(bx), Expected: len(by)}, Message: msg}))
			break
		}
	}
	return out
}

// flagSpot is one value's place: its paragraph and start.
type flagSpot struct {
	p     *flagPara
	start int
}
