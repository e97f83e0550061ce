package compare

import (
	"fmt"
	"slices"
)

// claimSentence is one body sentence with its content words and facts.
type claimSentence struct {
	ver        int
	p          *flagPara
	start, end int
	words      []int32 // content word ids, distinct
	ents       []int
	numbers    []string
	dates      []string
	quote      bool
}

// facts counts the sentence's facts.
func (s *claimSentence) facts() int {
	n := len(s.ents) + len(s.numbers) + len(s.dates)
	if s.quote {
		n++
	}
	return n
}

// claimStopWords are function words left out of content overlap.
var claimStopWords = flagSet(`the a an and or but of to in on at by for from with as is are was were be
been being it its this that these those he she they we you his her their our has have had not no
said says will would could should may might can also than then there which who whom what when where
while after before into over about more most such other some any all said`)

// claimIndex holds every body sentence and an inverted index of content
// words, so overlap with other versions costs one pass over postings.
type claimIndex struct {
	sents    []claimSentence
	postings map[int32][]int // word → sentences
	vocab    map[string]int32
	ents     []map[int]bool    // version → entities it names
	numbers  []map[string]bool // version → number values
	dates    []map[string]bool // version → date keys
	hits     []int32           // scratch for bestOverlap, all zero between calls
	touched  []int
}

func (d *flagDoc) claimIndex() *claimIndex {
	ix := &claimIndex{postings: map[int32][]int{}, vocab: map[string]int32{}}
	for vi, v := range d.vers {
		ix.ents = append(ix.ents, map[int]bool{})
		ix.numbers = append(ix.numbers, map[string]bool{})
		ix.dates = append(ix.dates, map[string]bool{})
		for _, p := range v.paras {
			if !p.body() {
				continue
			}
			for _, s := range p.sents {
				cs := claimSentence{ver: vi, p: p, start: s.Start, end: s.End}
				for _, w := range p.words {
					if w.Start < s.Start || w.End > s.End {
						continue
					}
					if len(w.Fold) < 3 || claimStopWords[w.Fold] {
						continue
					}
					key := numberStem(w.Fold)
					id, ok := ix.vocab[key]
					if !ok {
						id = int32(len(ix.vocab))
						ix.vocab[key] = id
					}
					if !slices.Contains(cs.words, id) {
						cs.words = append(cs.words, id)
					}
				}
				for _, m := range p.names {
					if m.Start >= s.Start && m.End <= s.End {
						if e := d.ents.entity(m); e >= 0 {
							cs.ents = append(cs.ents, e)
							ix.ents[vi][e] = true
						}
					}
				}
				for _, m := range p.numbers {
					if m.Start >= s.Start && m.End <= s.End {
						cs.numbers = append(cs.numbers, m.Key())
						ix.numbers[vi][m.Key()] = true
					}
				}
				for _, m := range p.dates {
					if m.Start >= s.Start && m.End <= s.End {
						cs.dates = append(cs.dates, dateKey(m))
						ix.dates[vi][dateKey(m)] = true
					}
				}
				for _, q := range p.quotes {
					if q.Start < s.End && q.End > s.Start {
						cs.quote = true
					}
				}
				n := len(ix.sents)
				for _, id := range cs.words {
					ix.postings[id] = append(ix.postings[id], n)
				}
				ix.sents = append(ix.sents, cs)
			}
		}
	}
	return ix
}

// bestOverlap is the largest share of sentence i's content words that one
// sentence of a version accepted by other holds.
func (ix *claimIndex) bestOverlap(i int, other func(ver int) bool) float64 {
	s := &ix.sents[i]
	if len(s.words) == 0 {
		return 0
	}
	if len(ix.hits) != len(ix.sents) {
		ix.hits = make([]int32, len(ix.sents))
	}
	best := int32(0)
	touched := ix.touched[:0]
	for _, id := range s.words {
		for _, j := range ix.postings[id] {
			if !other(ix.sents[j].ver) {
				continue
			}
			if ix.hits[j] == 0 {
				touched = append(touched, j)
			}
			ix.hits[j]++
			best = max(best, ix.hits[j])
		}
	}
	for _, j := range touched {
		ix.hits[j] = 0
	}
	ix.touched = touched
	return float64(best) / float64(len(s.words))
}

// knownElsewhere is the share of sentence i's facts that another version
// (accepted by other) also states.
func (ix *claimIndex) knownElsewhere(i int, other func(ver int) bool) float64 {
	s := &ix.sents[i]
	n, found := 0, 0
	check := func(has func(v int) bool) {
		n++
		for v := range ix.ents {
			if other(v) && has(v) {
				found++
				return
			}
		}
	}
	for _, e := range s.ents {
		check(func(v int) bool { return ix.ents[v][e] })
	}
	for _, x := range s.numbers {
		check(func(v int) bool { return ix.numbers[v][x] })
	}
	for _, x := range s.dates {
		check(func(v int) bool { return ix.dates[v][x] })
	}
	if n == 0 {
		return 1
	}
	return float64(found) / float64(n)
}

// claimFlags flags one-source claims and omissions.
func (d *flagDoc) claimFlags() []Flag {
	if len(d.vers) < 2 {
		return nil
	}
	ix := d.claimIndex()
	out := d.uniqueFlags(ix)
	return append(out, d.omissionFlags(ix)...)
}

// uniqueFlags flags body sentences carrying facts that no other version
// has: neither their words nor most of their facts appear elsewhere.
// Neighbouring such sentences of one paragraph make one flag.
func (d *flagDoc) uniqueFlags(ix *claimIndex) []Flag {
	var out []Flag
	type run struct {
		p          *flagPara
		start, end int
		strong     bool
	}
	var cur *run
	emit := func() {
		if cur == nil {
			return
		}
		p := cur.p
		text := string(p.rs[cur.start:cur.end])
		sev := SeverityLow
		if cur.strong {
			sev = SeverityMedium
		}
		msg := fmt.Sprintf("only %s states this: %s", d.flagVersionsPhrase(p.ver), flagQuoted(text))
		out = append(out, d.newFlag(FlagUnique, sev, p.ver, p, cur.start, cur.end, "unique", text, "",
			Support{Found: 1, Expected: 0}, msg))
		cur = nil
	}
	for i := range ix.sents {
		s := &ix.sents[i]
		other := func(v int) bool { return v != s.ver }
		unique := s.facts() > 0 && ix.bestOverlap(i, other) < 0.5 && ix.knownElsewhere(i, other) < 0.5
		if !unique {
			if cur != nil && cur.p == s.p {
				emit()
			}
			continue
		}
		if cur != nil && cur.p != s.p {
			emit()
		}
		strong := s.quote || len(s.numbers) > 0
		if cur == nil {
			cur = &run{p: s.p, start: s.start, end: s.end, strong: strong}
		} else {
			cur.end = s.end
			cur.strong = cur.strong || strong
		}
	}
	emit()
	return out
}

// omissionFlags flags, on each version lacking it, a body passage that most
// versions carry, unless that version says the same elsewhere. A passage
// beyond the version's end (a truncated copy) ranks low.
func (d *flagDoc) omissionFlags(ix *claimIndex) []Flag {
	var out []Flag
	sentOf := map[*flagPara][]int{}
	for i, s := range ix.sents {
		sentOf[s.p] = append(sentOf[s.p], i)
	}
	for pi, pas := range d.c.Passages {
		paras := d.passageParas(pi)
		if len(paras) < 2 || 2*len(paras) <= len(d.vers) {
			continue
		}
		members := make([]int, 0, len(paras))
		for v := range paras {
			members = append(members, v)
		}
		slices.Sort(members)
		// Every member paragraph must be body text.
		allBody := true
		for _, m := range pas.Members {
			vi, ok := d.byID[m.Version]
			if !ok {
				continue
			}
			for _, k := range m.Paragraphs {
				if p := d.para(vi, k); p == nil || !p.body() {
					allBody = false
				}
			}
		}
		if !allBody {
			continue
		}
		ref := paras[members[0]][0]
		text := string(ref.rs)
		facts := false
		for _, si := range sentOf[ref] {
			if ix.sents[si].facts() > 0 {
				facts = true
			}
		}
		for vi := range d.vers {
			if _, ok := paras[vi]; ok {
				continue
			}
			if d.omissionCovered(ix, sentOf[ref], vi) {
				continue
			}
			anchor, truncated := d.omissionAnchor(pi, vi, members)
			sev := SeverityLow
			if facts && !truncated {
				sev = SeverityMedium
			}
			msg := fmt.Sprintf("%s lacks a passage %d of %d versions carry: %s", d.flagVersionsPhrase(vi), len(members), len(d.vers), flagQuoted(text))
			if truncated {
				msg += " (it comes after where this version ends: a shortened copy)"
			}
			start := 0
			if anchor != nil {
				start = len(anchor.rs)
			}
			f := d.newFlag(FlagOmission, sev, vi, anchor, start, start, "omission", "", text,
				Support{Found: len(d.vers) - len(members), Expected: len(members)}, msg)
			f.Passage = pi
			out = append(out, f)
		}
	}
	return out
}

// omissionCovered reports whether version vi states most of the passage's
// sentences in its own words somewhere.
func (d *flagDoc) omissionCovered(ix *claimIndex, sents []int, vi int) bool {
	if len(sents) == 0 {
		return false
	}
	in := func(v int) bool { return v == vi }
	covered := 0
	for _, si := range sents {
		if ix.bestOverlap(si, in) >= 0.6 {
			covered++
		}
	}
	return 2*covered > len(sents)
}

// omissionAnchor finds where version vi would carry passage pi: its body
// paragraph of the latest earlier passage it shares with a member. truncated
// says the passage comes after everything vi carries.
func (d *flagDoc) omissionAnchor(pi, vi int, members []int) (*flagPara, bool) {
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
