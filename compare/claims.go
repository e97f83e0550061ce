package compare

import (
	"cmp"
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
	persons    int // person mentions
	numbers    []string
	dates      []string
	absDates   int  // calendar dates among dates
	quote      bool // holds a direct quote
	spoken     bool // a quote attributed to a person named next to it
}

// checkable reports whether the sentence states something a reader can
// check: a number, a date or a direct quote. Names alone are not enough.
func (s *claimSentence) checkable() bool {
	return len(s.numbers) > 0 || len(s.dates) > 0 || s.quote
}

// weight ranks a one-source claim: numbers and calendar dates, quotes
// given to a named person, and named people stated with them weigh most.
func (s *claimSentence) weight() int {
	w := 2*min(len(s.numbers), 2) + 2*min(s.absDates, 1) + min(len(s.dates)-s.absDates, 1)
	switch {
	case s.spoken:
		w += 2
	case s.quote:
		w++
	}
	if s.persons > 0 && w > 0 {
		w++
	}
	return w
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
	postings [][]int // word id → sentences
	vocab    map[string]int32
	ents     []map[int]bool    // version → entities it names
	numbers  []map[string]bool // version → number values
	dates    []map[string]bool // version → date keys
	hits     []int32           // scratch for bestOverlap, all zero between calls
	touched  []int
}

func (d *claimDetector) claimIndex() *claimIndex {
	n := 0
	for _, v := range d.vers {
		for _, p := range v.paras {
			if p.body() {
				n += len(p.sents)
			}
		}
	}
	ix := &claimIndex{vocab: map[string]int32{}, sents: make([]claimSentence, 0, n)}
	byFold := map[string]int32{} // a word's fold → contentWord of it
	for vi, v := range d.vers {
		ix.ents = append(ix.ents, map[int]bool{})
		ix.numbers = append(ix.numbers, map[string]bool{})
		ix.dates = append(ix.dates, map[string]bool{})
		for _, p := range v.paras {
			if !p.body() {
				continue
			}
			wi := 0 // first word not before the sentence
			for _, s := range p.sents {
				cs := claimSentence{ver: vi, p: p, start: s.Start, end: s.End}
				for wi < len(p.words) && p.words[wi].Start < s.Start {
					wi++
				}
				we := wi // the sentence's words are p.words[wi:we]
				for we < len(p.words) && p.words[we].Start < s.End {
					we++
				}
				sentWords := p.words[wi:we]
				for _, w := range sentWords {
					if w.End > s.End {
						continue
					}
					id, ok := byFold[w.Fold]
					if !ok {
						id = ix.contentWord(w.Fold)
						byFold[w.Fold] = id
					}
					if id < 0 {
						continue
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
						if d.namePerson(m) {
							cs.persons++
						}
					}
				}
				for _, m := range p.numbers {
					if m.Start >= s.Start && m.End <= s.End {
						k := m.Key()
						cs.numbers = append(cs.numbers, k)
						ix.numbers[vi][k] = true
					}
				}
				for _, w := range sentWords {
					if w.End <= s.End && claimYear(w.Text) && !claimInDate(p.dates, w.Start) {
						cs.numbers = append(cs.numbers, "year:"+w.Text)
						ix.numbers[vi]["year:"+w.Text] = true
					}
				}
				for _, m := range p.dates {
					if m.Start >= s.Start && m.End <= s.End {
						k := dateKey(m)
						cs.dates = append(cs.dates, k)
						ix.dates[vi][k] = true
						if m.Kind == dateAbsolute {
							cs.absDates++
						}
					}
				}
				for _, q := range p.quotes {
					if q.Start < s.End && q.End > s.Start {
						cs.quote = true
						cs.spoken = cs.spoken || (q.Speaker >= 0 && !q.SpeakerWeak)
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

// contentWord returns the id of a folded word in the index's vocabulary
// (words told apart by numberStem), adding it when new, or -1 for a word
// too short or too common to count.
func (ix *claimIndex) contentWord(fold string) int32 {
	if len(fold) < 3 || claimStopWords[fold] {
		return -1
	}
	key := numberStem(fold)
	id, ok := ix.vocab[key]
	if !ok {
		id = int32(len(ix.vocab))
		ix.vocab[key] = id
		ix.postings = append(ix.postings, nil)
	}
	return id
}

// claimYear reports whether a word is a year written alone ("since
// 1964"), a fact the number and date finders leave out.
func claimYear(w string) bool {
	if len(w) != 4 {
		return false
	}
	for i := range 4 {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w >= "1800" && w <= "2099"
}

// claimInDate reports whether rune offset pos lies inside a date mention.
func claimInDate(ds []dateMention, pos int) bool {
	for _, m := range ds {
		if pos >= m.Start && pos < m.End {
			return true
		}
	}
	return false
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
	// A sentence with numbers or dates is known when they are; the names
	// around them say nothing of whether the figures are new.
	if len(s.numbers)+len(s.dates) == 0 {
		for _, e := range s.ents {
			check(func(v int) bool { return ix.ents[v][e] })
		}
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

// claimDetector holds the one-source claim and omission checks (detector
// "claim", omissions.go) over the prepared story.
type claimDetector struct{ *preparedStory }

// claimFlags flags one-source claims and omissions.
func (d *claimDetector) claimFlags() []Flag {
	if len(d.vers) < 2 {
		return nil
	}
	ix := d.claimIndex()
	out := d.uniqueFlags(ix)
	return append(out, d.omissionFlags(ix)...)
}

// claimUniqueMax is how many one-source claims of one version are
// flagged: the weightiest, so that a version with many sentences of its
// own does not bury the analyst.
const claimUniqueMax = 2

// uniqueFlags flags body sentences stating checkable facts (numbers,
// dates, direct quotes) that no other version has: neither their words nor
// most of their facts appear elsewhere. Neighbouring such sentences of one
// paragraph make one flag; each version keeps its weightiest few.
func (d *claimDetector) uniqueFlags(ix *claimIndex) []Flag {
	type run struct {
		p          *flagPara
		start, end int
		weight     int
	}
	var runs []run
	var cur *run
	flush := func() {
		if cur != nil {
			runs = append(runs, *cur)
			cur = nil
		}
	}
	for i := range ix.sents {
		s := &ix.sents[i]
		other := func(v int) bool { return v != s.ver }
		unique := s.checkable() && s.weight() >= 3 && ix.knownElsewhere(i, other) < 0.5 && ix.bestOverlap(i, other) < claimSharedWords
		if !unique || (cur != nil && cur.p != s.p) {
			flush()
		}
		if !unique {
			continue
		}
		if cur == nil {
			cur = &run{p: s.p, start: s.start, end: s.end, weight: s.weight()}
		} else {
			cur.end = s.end
			cur.weight = max(cur.weight, s.weight())
		}
	}
	flush()
	// The weightiest runs of each version, earliest first on a tie.
	slices.SortStableFunc(runs, func(a, b run) int {
		return cmp.Or(cmp.Compare(a.p.ver, b.p.ver), cmp.Compare(b.weight, a.weight))
	})
	var out []Flag
	kept := map[int]int{}
	for _, r := range runs {
		p := r.p
		if kept[p.ver] >= claimUniqueMax {
			continue
		}
		kept[p.ver]++
		text := string(p.rs[r.start:r.end])
		sev := SeverityLow
		if r.weight >= 4 {
			sev = SeverityMedium
		}
		msg := fmt.Sprintf("only %s states this: %s", d.flagVersionsPhrase(p.ver), flagQuoted(text))
		out = append(out, d.newFlag(flagSpec{Kind: FlagUnique, Severity: sev, Ver: p.ver, Para: p, Start: r.start, End: r.end, Slot: "unique", Found: text, Expected: "", Support: Support{Found: 1, Expected: 0}, Message: msg}))
	}
	return out
}
