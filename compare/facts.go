package compare

import "strings"

// A number or a date in one version contradicts one in another only when
// both are about the same fact. Being in aligned paragraphs is not enough:
// a paragraph tells of two children's ages, two officers' years of service,
// the day of a press conference and the day of the event. The evidence
// asked for here is the one a reader uses: the same subject (the name
// nearest the value in its sentence) and some of the same words around it.

// factWindow is how many words either side of a value its subject may be.
const factWindow = 6

// flagSameFact reports whether values a and b (of two versions) are told
// of the same fact: their nearest names, when both have one, are the same
// entity, and their sentences share content words (one when the subject is
// shared, two otherwise).
func (d *flagDoc) flagSameFact(a, b flagValue) bool {
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

// factAnchor is the entity of the name nearest before value v within
// factWindow words in its sentence, else nearest after it; -1 when none.
func (d *flagDoc) factAnchor(v flagValue) int {
	lo, hi := factSentence(v)
	ws := v.Para.words
	at := factWordAt(v)
	if at < 0 {
		return -1
	}
	from, to := ws[max(0, at-factWindow)].Start, ws[min(len(ws)-1, at+factWindow)].End
	lo, hi = max(lo, from), min(hi, to)
	best, bestDist := -1, -1
	for _, m := range v.Para.names {
		if m.Start < lo || m.End > hi || (m.Start < v.End && m.End > v.Start) {
			continue
		}
		dist := v.Start - m.End
		if m.Start >= v.End {
			dist = 1000 + m.Start - v.End // after the value: used only when nothing is before
		}
		if bestDist < 0 || dist < bestDist {
			best, bestDist = d.ents.entity(m), dist
		}
	}
	return best
}

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
func (d *flagDoc) flagFactSupported(f flagValue, vals []flagValue, key string, eq func(a, b string) bool) bool {
	for _, v := range vals {
		if v.Ver != f.Ver && eq(v.Key, key) && d.flagSameFact(f, v) {
			return true
		}
	}
	return false
}
