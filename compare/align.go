package compare

import (
	"cmp"
	"slices"
)

// Alignment thresholds on sentence cosine similarity.
const (
	// minCandidate is the least similarity worth remembering.
	minCandidate = 0.08
	// minAnchor links mutual best partners outright.
	minAnchor = 0.22
	// minExtra links a sentence to a partner already taken (splits and
	// merges), which needs stronger evidence.
	minExtra = 0.30
	// orderBonus is added to a weak candidate that sits where the order of
	// the surrounding links says it should (paraphrase, translation).
	orderBonus = 0.10
	// minNonContent links headlines, datelines and trailers with their own
	// kind.
	minNonContent = minAnchor
	// minHeadline links the headlines of two related versions.
	minHeadline = 0.1
	// minRelated is the best content-sentence similarity two versions need
	// before any of their content aligns.
	minRelated = 0.4
	// containWeight discounts containment against cosine; containWords is
	// the sentence length (content words) from which it counts fully.
	containWeight = 0.75
	containWords  = 8
)

// sentLink links two sentences of two versions.
type sentLink struct {
	a, b  int // global sentence ids; a's version sorts before b's
	score float64
}

// paraLink links two paragraphs of two versions (a's version sorts first).
type paraLink struct {
	va, pa, vb, pb int // version and paragraph indexes
	score          float64
	mass           float64    // evidence: sentence scores times their length
	sents          []sentLink // the sentence links it was lifted from
}

// candidates finds, through an inverted index of features, every pair of
// sentences from different versions and the same class whose similarity
// reaches minCandidate, grouped by version pair (index va*len(vers)+vb).
// Work and memory grow with the postings, not with sentences squared.
func (st *story) candidates() map[int][]sentLink {
	type posting struct {
		sent int32
		w    float64
	}
	postings := map[int32][]posting{}
	for si := range st.sents {
		for _, f := range st.sents[si].feats {
			postings[f.id] = append(postings[f.id], posting{int32(si), f.w})
		}
	}
	acc := make([]float64, len(st.sents))
	var touched []int32
	out := map[int][]sentLink{}
	nv := len(st.vers)
	for si := range st.sents {
		s := &st.sents[si]
		if s.norm == 0 {
			continue
		}
		for _, f := range s.feats {
			for _, pt := range postings[f.id] {
				t := pt.sent
				ts := &st.sents[t]
				// Postings are in sentence order, and sentences in version
				// order: later versions only, so each pair is seen once.
				if ts.ver <= s.ver || ts.class != s.class {
					continue
				}
				if acc[t] == 0 {
					touched = append(touched, t)
				}
				acc[t] += f.w * pt.w
			}
		}
		for _, t := range touched {
			score := similarity(acc[t], s, &st.sents[t])
			acc[t] = 0
			if score >= minCandidate {
				k := s.ver*nv + st.sents[t].ver
				out[k] = append(out[k], sentLink{a: si, b: int(t), score: score})
			}
		}
		touched = touched[:0]
	}
	return out
}

// similarity scores two sentences from their feature dot product: the
// cosine, or, when one sentence is much shorter than the other (a
// shortened copy, a sentence split in two), a discounted share of the
// shorter one found in the longer. Very short sentences get less credit
// for containment, as a few common words prove little.
func similarity(dot float64, a, b *sentInfo) float64 {
	if a.norm == 0 || b.norm == 0 {
		return 0
	}
	cos := dot / (a.norm * b.norm)
	small := min(a.norm, b.norm)
	contain := dot / (small * small)
	words := min(a.words, b.words)
	contain *= containWeight * min(1, float64(words)/containWords)
	return min(1, max(cos, contain))
}

// featWeight returns the sentence's weight for a feature (binary search).
func (s *sentInfo) featWeight(id int32) float64 {
	i, ok := slices.BinarySearchFunc(s.feats, id, func(f feature, id int32) int { return cmp.Compare(f.id, id) })
	if !ok {
		return 0
	}
	return s.feats[i].w
}

// alignAll aligns every pair of versions and returns the paragraph links.
func (st *story) alignAll() []paraLink {
	cands := st.candidates()
	nv := len(st.vers)
	related := st.relatedVersions(cands)
	var links []paraLink
	for va := 0; va < nv; va++ {
		for vb := va + 1; vb < nv; vb++ {
			sl := st.alignSentences(cands[va*nv+vb], related[va*nv+vb])
			links = append(links, st.liftToParagraphs(va, vb, sl)...)
		}
	}
	return links
}

// relatedVersions decides, for each pair of versions (index va*n+vb), whether
// their content may align: they must share at least one content sentence
// strongly, or each share one strongly with a common third version. Texts
// that share nothing strongly tell different stories, and their weak
// likenesses (a name, a stock phrase) prove nothing.
func (st *story) relatedVersions(cands map[int][]sentLink) []bool {
	nv := len(st.vers)
	strong := make([]bool, nv*nv)
	for k, cs := range cands {
		for _, c := range cs {
			if c.score >= minRelated && st.sents[c.a].class == classContent {
				va, vb := k/nv, k%nv
				strong[va*nv+vb], strong[vb*nv+va] = true, true
				break
			}
		}
	}
	related := make([]bool, nv*nv)
	for va := 0; va < nv; va++ {
		for vb := va + 1; vb < nv; vb++ {
			r := strong[va*nv+vb]
			for vc := 0; vc < nv && !r; vc++ {
				r = strong[va*nv+vc] && strong[vb*nv+vc]
			}
			related[va*nv+vb] = r
		}
	}
	return related
}

// alignSentences matches the sentences of two versions from their
// candidate pairs: mutual best partners first, then splits and merges with
// strong evidence, then weak candidates that the order of the surrounding
// links supports. Reordering is allowed throughout. When the versions are
// not related (see relatedVersions) only headlines, datelines and trailers
// align.
func (st *story) alignSentences(cands []sentLink, related bool) []sentLink {
	if len(cands) == 0 {
		return nil
	}
	slices.SortFunc(cands, func(x, y sentLink) int {
		switch {
		case x.score != y.score:
			if x.score > y.score {
				return -1
			}
			return 1
		case x.a != y.a:
			return x.a - y.a
		}
		return x.b - y.b
	})
	if !related {
		cands = slices.DeleteFunc(slices.Clone(cands), func(c sentLink) bool { return st.sents[c.a].class == classContent })
	}
	bestA := map[int]float64{}
	bestB := map[int]float64{}
	for _, c := range cands {
		if _, ok := bestA[c.a]; !ok {
			bestA[c.a] = c.score
		}
		if _, ok := bestB[c.b]; !ok {
			bestB[c.b] = c.score
		}
	}
	linkedA := map[int]bool{}
	linkedB := map[int]bool{}
	var links []sentLink
	accept := func(c sentLink) {
		links = append(links, c)
		linkedA[c.a] = true
		linkedB[c.b] = true
	}
	threshold := func(c sentLink, base float64) float64 {
		switch st.sents[c.a].class {
		case classContent:
			return base
		case classHeadline:
			// Headlines of two versions of one story sum up the same
			// event: any shared word will do, once the bodies agree.
			if related {
				return minHeadline
			}
		}
		return max(base, minNonContent)
	}
	// 1. Mutual best partners.
	for _, c := range cands {
		if c.score < threshold(c, minAnchor) {
			break
		}
		if !linkedA[c.a] && !linkedB[c.b] && c.score == bestA[c.a] && c.score == bestB[c.b] {
			accept(c)
		}
	}
	// 2. Splits and merges: a sentence still free joins its best partner
	// even if that partner is taken.
	for _, c := range cands {
		if c.score < threshold(c, minExtra) {
			break
		}
		freeA, freeB := !linkedA[c.a], !linkedB[c.b]
		if (freeA && c.score == bestA[c.a]) || (freeB && c.score == bestB[c.b]) {
			accept(c)
		}
	}
	// 3. Order coherence: weak candidates between two links that frame them
	// in both versions.
	if len(links) > 0 {
		type boosted struct {
			sentLink
			eff float64
		}
		var weak []boosted
		for _, c := range cands {
			if linkedA[c.a] || linkedB[c.b] || st.sents[c.a].class != classContent {
				continue
			}
			if st.framed(links, c) {
				weak = append(weak, boosted{c, c.score + orderBonus})
			}
		}
		slices.SortStableFunc(weak, func(x, y boosted) int { return cmp.Compare(y.eff, x.eff) })
		for _, w := range weak {
			if w.eff < minAnchor {
				break
			}
			if !linkedA[w.a] && !linkedB[w.b] && st.framed(links, w.sentLink) {
				accept(w.sentLink)
			}
		}
	}
	slices.SortFunc(links, func(x, y sentLink) int { return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b)) })
	return links
}

// framed reports whether candidate c lies between the nearest content links
// before and after it in both versions: the link just before c.a in A maps
// before c.b in B, the link just after maps after, and at least one such
// neighbour exists.
func (st *story) framed(links []sentLink, c sentLink) bool {
	pa, pb := st.sents[c.a].pos, st.sents[c.b].pos
	prevA, nextA := -1, -1 // indexes into links
	for i, l := range links {
		if st.sents[l.a].class != classContent {
			continue
		}
		la := st.sents[l.a].pos
		if la < pa && (prevA < 0 || la > st.sents[links[prevA].a].pos) {
			prevA = i
		}
		if la > pa && (nextA < 0 || la < st.sents[links[nextA].a].pos) {
			nextA = i
		}
	}
	if prevA < 0 && nextA < 0 {
		return false
	}
	if prevA >= 0 && st.sents[links[prevA].b].pos >= pb {
		return false
	}
	if nextA >= 0 && st.sents[links[nextA].b].pos <= pb {
		return false
	}
	// The B side must agree too: no link between pb and the frame pointing
	// outside it.
	if prevA >= 0 && nextA >= 0 {
		return true
	}
	// Open frame (start or end of text): demand that B's sentence is also
	// before the first or after the last link in B.
	for _, l := range links {
		if st.sents[l.b].class != classContent {
			continue
		}
		lb := st.sents[l.b].pos
		if prevA < 0 && lb < pb {
			return false
		}
		if nextA < 0 && lb > pb {
			return false
		}
	}
	return true
}

// liftToParagraphs turns sentence links into paragraph links scored by the
// length-weighted mean of their sentence scores.
func (st *story) liftToParagraphs(va, vb int, sl []sentLink) []paraLink {
	type key struct{ pa, pb int }
	sum := map[key]float64{}
	wt := map[key]float64{}
	by := map[key][]sentLink{}
	var keys []key
	for _, l := range sl {
		a, b := &st.sents[l.a], &st.sents[l.b]
		k := key{a.para, b.para}
		if _, ok := wt[k]; !ok {
			keys = append(keys, k)
		}
		w := float64(a.words+b.words) + 1
		sum[k] += l.score * w
		by[k] = append(by[k], l)
		wt[k] += w
	}
	out := make([]paraLink, 0, len(keys))
	for _, k := range keys {
		out = append(out, paraLink{va: va, pa: k.pa, vb: vb, pb: k.pb, score: min(1, sum[k]/wt[k]), mass: sum[k], sents: by[k]})
	}
	slices.SortFunc(out, func(x, y paraLink) int { return cmp.Or(cmp.Compare(x.pa, y.pa), cmp.Compare(x.pb, y.pb)) })
	return out
}
