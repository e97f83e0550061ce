package compare

import "slices"

// Provenance thresholds.
const (
	// verbatimGram is the length in words of a shared run that counts as
	// verbatim copying: long enough that two writers do not hit it by chance.
	verbatimGram = 8
	// copyShare is the verbatim share above which one text copies the other.
	copyShare = 0.5
	// quoteShare is the share below which texts are not copies; between the
	// two they share passages (quotes, wire paragraphs).
	quoteShare = 0.2
	// followCoverage and followOrder: a rewrite or translation covers most of
	// the other's content in the same order.
	followCoverage = 0.6
	followOrder    = 0.8
	// closeCoverage, closeOrder and closeLength: a translation or close
	// paraphrase says all of the other, in its order, at about its length,
	// in other words (no verbatim runs to speak of).
	closeCoverage = 0.85
	closeOrder    = 0.95
	closeLength   = 0.75
)

// provenance guesses, for every pair of versions, how much they share
// verbatim and who follows whom.
func (st *story) provenance(links []paraLink) []Provenance {
	// Per version, its verbatim-run hashes sorted, with repeats (to count
	// hits) and without (to look them up), so that each pair of versions
	// is one merge of two sorted lists.
	all := make([][]uint64, len(st.vers))
	uniq := make([][]uint64, len(st.vers))
	for vi := range st.vers {
		all[vi] = st.gramSeq(vi)
		slices.Sort(all[vi])
		uniq[vi] = slices.Compact(slices.Clone(all[vi]))
	}
	byPair := map[[2]int][]paraLink{}
	for _, l := range links {
		k := [2]int{l.va, l.vb}
		byPair[k] = append(byPair[k], l)
	}
	var out []Provenance
	for va := range st.vers {
		for vb := va + 1; vb < len(st.vers); vb++ {
			out = append(out, st.relate(va, vb, all, uniq, byPair[[2]int{va, vb}]))
		}
	}
	if out == nil {
		out = []Provenance{}
	}
	return out
}

// gramSeq hashes every run of verbatimGram consecutive words of a version's
// content paragraphs, words compared in canonical form (case, accents and
// spelling variants set aside).
func (st *story) gramSeq(vi int) []uint64 {
	// Each word as a well-mixed 64-bit value of its canonical form.
	vals := make([]uint64, 0, st.vers[vi].words)
	for _, p := range st.vers[vi].paras {
		if p.class != classContent {
			continue
		}
		for i, u := range p.units {
			if u.word {
				vals = append(vals, mixHash(0, uint64(st.canonicalUnit(p.uids[i]))))
			}
		}
	}
	if len(vals) < verbatimGram {
		return nil
	}
	// A polynomial hash of each run, rolled one word at a time:
	// h = v[i]·P⁷ + v[i+1]·P⁶ + … + v[i+7] (mod 2⁶⁴).
	const prime = 0x100000001b3
	top := uint64(1) // P^(verbatimGram-1)
	for range verbatimGram - 1 {
		top *= prime
	}
	out := make([]uint64, 0, len(vals)-verbatimGram+1)
	var h uint64
	for i, v := range vals {
		if i >= verbatimGram {
			h -= vals[i-verbatimGram] * top
		}
		h = h*prime + v
		if i >= verbatimGram-1 {
			out = append(out, h)
		}
	}
	return out
}

// mixHash folds x into the hash h (the splitmix64 finaliser applied to
// their sum): nearby inputs get unrelated outputs.
func mixHash(h, x uint64) uint64 {
	z := h*0x9e3779b97f4a7c15 + x + 1
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// sharedCount counts the entries of sorted list a (with repeats) found in
// sorted list b (without repeats).
func sharedCount(a, b []uint64) int {
	hit, j := 0, 0
	for _, g := range a {
		for j < len(b) && b[j] < g {
			j++
		}
		if j < len(b) && b[j] == g {
			hit++
		}
	}
	return hit
}

func (st *story) relate(va, vb int, all, uniq [][]uint64, links []paraLink) Provenance {
	a, b := &st.vers[va], &st.vers[vb]
	p := Provenance{A: a.v.ID, B: b.v.ID, Direction: "unknown"}
	short, long := va, vb
	if a.words > b.words {
		short, long = vb, va
	}
	if n := len(all[short]); n > 0 {
		p.VerbatimShare = round3(float64(sharedCount(all[short], uniq[long])) / float64(n))
	}
	coverage, order := st.followStats(short, long, links)
	// "a<-b": A copies B.
	shortCopies := "a<-b"
	if short == vb {
		shortCopies = "a->b"
	}
	switch {
	case p.VerbatimShare >= copyShare && float64(st.vers[short].words) <= 0.9*float64(st.vers[long].words):
		p.Direction, p.Reason = shortCopies, "near-verbatim shorter copy"
	case p.VerbatimShare >= copyShare:
		p.Direction, p.Reason = laterCopies(a.v.Published, b.v.Published), "near-identical texts"
	case p.VerbatimShare >= quoteShare:
		p.Reason = "shares some passages verbatim"
	case coverage >= closeCoverage && order >= closeOrder && st.coveredShare(long, short, links) >= closeCoverage &&
		float64(st.vers[short].words) >= closeLength*float64(st.vers[long].words):
		p.Direction, p.Reason = laterCopies(a.v.Published, b.v.Published), "translation or close paraphrase, same order"
	case coverage >= followCoverage && order >= followOrder:
		p.Direction, p.Reason = laterCopies(a.v.Published, b.v.Published), "rewrite or translation following the same order of ideas"
	default:
		p.Direction, p.Reason = "independent", "different wording and order"
	}
	return p
}

// laterCopies guesses that the later-published version copies the earlier;
// "unknown" when either date is missing or they are equal.
func laterCopies(a, b string) string {
	switch {
	case a == "" || b == "" || a == b:
		return "unknown"
	case a > b:
		return "a<-b"
	}
	return "a->b"
}

// coveredShare is the share of version vi's content words that lie in
// paragraphs linked to version other.
func (st *story) coveredShare(vi, other int, links []paraLink) float64 {
	c, _ := st.followStats(vi, other, links)
	return c
}

// followStats measures how much of the shorter version's content the links
// cover (by words) and how much of it keeps the longer version's order (the
// longest run of links increasing in both versions, as a share of links).
func (st *story) followStats(short, long int, links []paraLink) (coverage, order float64) {
	if len(links) == 0 || st.vers[short].words == 0 {
		return 0, 0
	}
	covered := map[int]bool{}
	type pt struct{ s, l int }
	var pts []pt
	for _, l := range links {
		if st.vers[l.va].paras[l.pa].class != classContent {
			continue
		}
		ps, pl := l.pa, l.pb
		if l.va != short {
			ps, pl = l.pb, l.pa
		}
		covered[ps] = true
		pts = append(pts, pt{ps, pl})
	}
	words := 0
	for p := range covered {
		words += st.vers[short].paras[p].nWords
	}
	coverage = float64(words) / float64(st.vers[short].words)
	if len(pts) == 0 {
		return coverage, 0
	}
	slices.SortFunc(pts, func(x, y pt) int {
		if x.s != y.s {
			return x.s - y.s
		}
		return x.l - y.l
	})
	// Longest non-decreasing subsequence of l (patience sorting).
	var tails []int
	for _, p := range pts {
		i, _ := slices.BinarySearch(tails, p.l+1)
		if i == len(tails) {
			tails = append(tails, p.l)
		} else {
			tails[i] = p.l
		}
	}
	return coverage, float64(len(tails)) / float64(len(pts))
}
