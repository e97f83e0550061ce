package compare

import (
	"cmp"
	"math"
	"slices"
)

// Alignment thresholds on sentence cosine similarity.
const (
	// minCandidate is the least similarity worth remembering: no weaker
	// candidate can be linked (see alignSentences), and leaving them out
	// spares sorting them.
	minCandidate = min(minHeadline, minAnchor-orderBonus)
	// minAnchor links mutual best partners outright.
	minAnchor = 0.22
	// minExtra links a sentence to a partner already taken (splits and
	// merges), which needs stronger evidence.
	minExtra = 0.30
	// orderBonus is added to a weak candidate that sits where the order of
	// the surrounding links says it should (paraphrase, translation).
	orderBonus = 0.10
	// frameChoices is how many open pairings a frame may leave before the
	// order bonus shrinks (see orderBonusIn).
	frameChoices = 16
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
	// minPlain is the least likeness two linked sentences need once their
	// names are left out (see beyondNames).
	minPlain = 0.1
	// plainShare is the least share of a link's likeness that must remain
	// without names.
	plainShare = 0.5
)

// sentLink links two sentences of two versions.
type sentLink struct {
	a, b  int // global sentence ids; a's version sorts before b's
	score float64
	// ordered marks a link made on the strength of its place between
	// other links (the order bonus) rather than of its words alone.
	ordered bool
}

// paraLink links two paragraphs of two versions (a's version sorts first).
type paraLink struct {
	va, pa, vb, pb int // version and paragraph indexes
	score          float64
	mass           float64    // evidence: sentence scores times their length
	sents          []sentLink // the sentence links it was lifted from
	// manual marks a link the analyst made (see applyLinks): it is kept
	// before any other and whatever passage it makes.
	manual bool
}

// candidates finds, through an inverted index of features, every pair of
// sentences from different versions and the same class whose similarity
// reaches minCandidate, grouped by version pair (index va*len(vers)+vb).
// Work and memory grow with the postings, not with sentences squared.
func (st *story) candidates() [][]sentLink {
	// Postings of each feature, in sentence order, packed in one slice:
	// feature f's are post[start[f]:start[f+1]].
	start := make([]int32, len(st.featW)+1)
	for si := range st.sents {
		for _, f := range st.sents[si].feats {
			start[f.id+1]++
		}
	}
	for f := 1; f < len(start); f++ {
		start[f] += start[f-1]
	}
	post := make([]int32, start[len(start)-1])
	fill := slices.Clone(start[:len(start)-1])
	for si := range st.sents {
		for _, f := range st.sents[si].feats {
			post[fill[f.id]] = int32(si)
			fill[f.id]++
		}
	}
	// cursor[f] skips postings of versions already done or being done:
	// each pair is seen once, from its earlier version, and sentences come
	// in version order, so the cursors only move forward.
	cursor := fill
	copy(cursor, start)
	// Classes packed apart from the sentences, read once per posting.
	class := make([]paraClass, len(st.sents))
	for si := range st.sents {
		class[si] = st.sents[si].class
	}
	// Every posting of a feature against every other is quadratic in the
	// feature's frequency. Past a budget (long documents), each sentence
	// reads the postings of its rarest features only: they find the
	// candidates, whose exact similarity is then computed from the two
	// feature lists.
	var work int64
	for f := range len(start) - 1 {
		n := int64(start[f+1] - start[f])
		work += n * n
	}
	long := work > candidateWork
	acc := make([]float64, len(st.sents))
	var touched []int32
	var byRarity []feature
	nv := len(st.vers)
	out := make([][]sentLink, nv*nv)
	for si := range st.sents {
		s := &st.sents[si]
		if s.norm == 0 {
			continue
		}
		later := int32(st.vers[s.ver].sentHi)
		feats, budget := s.feats, int32(math.MaxInt32)
		if long {
			// The rarest features first, until the postings read reach
			// the budget: each sentence still finds partners through
			// what sets it apart.
			byRarity = append(byRarity[:0], s.feats...)
			slices.SortFunc(byRarity, func(x, y feature) int {
				return cmp.Or(cmp.Compare(start[x.id+1]-start[x.id], start[y.id+1]-start[y.id]), cmp.Compare(x.id, y.id))
			})
			feats, budget = byRarity, rarePostings
		}
		for _, f := range feats {
			if budget <= 0 {
				break
			}
			c, end := cursor[f.id], start[f.id+1]
			for c < end && post[c] < later {
				c++
			}
			cursor[f.id] = c
			budget -= end - c
			ww := f.w * f.w // a feature weighs the same in every sentence
			for _, t := range post[c:end] {
				if class[t] != s.class {
					continue
				}
				if acc[t] == 0 {
					touched = append(touched, t)
				}
				acc[t] += ww
			}
		}
		if long && len(touched) > rareCandidates {
			// Keep the partners sharing the most rare weight.
			slices.SortFunc(touched, func(x, y int32) int { return cmp.Or(cmp.Compare(acc[y], acc[x]), cmp.Compare(x, y)) })
			for _, t := range touched[rareCandidates:] {
				acc[t] = 0
			}
			touched = touched[:rareCandidates]
		}
		for _, t := range touched {
			dot := acc[t]
			if long {
				dot = featureDot(s.feats, st.sents[t].feats)
			}
			score := similarity(dot, s, &st.sents[t])
			acc[t] = 0
			if score >= minCandidate && (s.class == classHeadline || st.beyondNames(s, &st.sents[t], score)) {
				k := s.ver*nv + st.sents[t].ver
				out[k] = append(out[k], sentLink{a: si, b: int(t), score: score})
			}
		}
		touched = touched[:0]
	}
	return out
}

// beyondNames reports whether two sentences share more than names (asked
// of all but headlines, which of two related versions may share only the
// name of what they report): their
// likeness without the name features must still reach minPlain and a
// good share (plainShare) of their whole likeness, score. Two
// paragraphs that name the same mayor but say different things about her
// are not one passage.
func (st *story) beyondNames(a, b *sentInfo, score float64) bool {
	if a.plainNorm == 0 || b.plainNorm == 0 {
		return false
	}
	var dot float64
	i, j := 0, 0
	for i < len(a.feats) && j < len(b.feats) {
		switch x, y := a.feats[i].id, b.feats[j].id; {
		case x < y:
			i++
		case x > y:
			j++
		default:
			if !st.isName[x] {
				dot += a.feats[i].w * b.feats[j].w
			}
			i++
			j++
		}
	}
	plainA, plainB := *a, *b
	plainA.norm, plainB.norm = a.plainNorm, b.plainNorm
	plain := similarity(dot, &plainA, &plainB)
	return plain >= minPlain && plain >= plainShare*score
}

// Bounds of candidate search in long documents (see candidates).
const (
	// candidateWork is the number of posting pairs read in full; a story
	// of ordinary length (dozens of versions of a few thousand words)
	// stays below it.
	candidateWork = 50_000_000
	// rarePostings is how many postings one sentence may read past that
	// budget (its rarest features first).
	rarePostings = 384
	// rareCandidates is how many partners per sentence are then scored.
	rareCandidates = 12
)

// featureDot is the dot product of two feature lists sorted by id.
func featureDot(a, b []feature) float64 {
	var dot float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id < b[j].id:
			i++
		case a[i].id > b[j].id:
			j++
		default:
			dot += a[i].w * b[j].w
			i++
			j++
		}
	}
	return dot
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

// alignAll aligns every pair of versions and returns the paragraph links.
func (st *story) alignAll() []paraLink {
	cands := st.candidates()
	nv := len(st.vers)
	related := st.relatedVersions(cands)
	var links []paraLink
	for va := 0; va < nv; va++ {
		for vb := va + 1; vb < nv; vb++ {
			sl := st.alignSentences(va, vb, cands[va*nv+vb], related[va*nv+vb])
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
func (st *story) relatedVersions(cands [][]sentLink) []bool {
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
func (st *story) alignSentences(va, vb int, cands []sentLink, related bool) []sentLink {
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
	// Scores are sorted best first, so a sentence's first candidate is its
	// best. Sentences are indexed from their version's first.
	loA, loB := st.vers[va].sentLo, st.vers[vb].sentLo
	bestA := make([]float64, st.vers[va].sentHi-loA)
	bestB := make([]float64, st.vers[vb].sentHi-loB)
	for _, c := range cands {
		if bestA[c.a-loA] == 0 {
			bestA[c.a-loA] = c.score
		}
		if bestB[c.b-loB] == 0 {
			bestB[c.b-loB] = c.score
		}
	}
	linkedA := make([]bool, len(bestA))
	linkedB := make([]bool, len(bestB))
	var links []sentLink
	order := newLinkOrder(st, st.vers[va].contentSents)
	accept := func(c sentLink) {
		links = append(links, c)
		order.add(c)
		linkedA[c.a-loA] = true
		linkedB[c.b-loB] = true
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
	// Candidates come best first; below the lowest threshold of any class
	// none can pass. Between, each is held to its own class's threshold.
	lowest := func(base float64) float64 {
		if related {
			return min(base, minHeadline)
		}
		return base
	}
	// 1. Mutual best partners.
	for _, c := range cands {
		if c.score < lowest(minAnchor) {
			break
		}
		if c.score < threshold(c, minAnchor) {
			continue
		}
		if !linkedA[c.a-loA] && !linkedB[c.b-loB] && c.score == bestA[c.a-loA] && c.score == bestB[c.b-loB] {
			accept(c)
		}
	}
	// 2. Splits and merges: a sentence still free joins its best partner
	// even if that partner is taken.
	for _, c := range cands {
		if c.score < lowest(minExtra) {
			break
		}
		if c.score < threshold(c, minExtra) {
			continue
		}
		freeA, freeB := !linkedA[c.a-loA], !linkedB[c.b-loB]
		if (freeA && c.score == bestA[c.a-loA]) || (freeB && c.score == bestB[c.b-loB]) {
			accept(c)
		}
	}
	// Headlines: two versions whose bodies tell one story lead with it,
	// however differently worded ("Pilots walk out" and "HOLIDAY HELL").
	if related {
		ha, hb := st.firstOfClass(va, classHeadline), st.firstOfClass(vb, classHeadline)
		if ha >= 0 && hb >= 0 && !linkedA[ha-loA] && !linkedB[hb-loB] {
			score := minHeadline
			for _, c := range cands {
				if c.a == ha && c.b == hb {
					score = max(score, c.score)
					break
				}
			}
			accept(sentLink{a: ha, b: hb, score: score, ordered: true})
		}
	}
	// 3. Order coherence: weak candidates between two links that frame them
	// in both versions, the more credible the fewer pairings the frame
	// leaves open.
	if len(links) > 0 {
		type boosted struct {
			sentLink
			eff float64
		}
		var weak []boosted
		for _, c := range cands {
			if linkedA[c.a-loA] || linkedB[c.b-loB] || st.sents[c.a].class != classContent {
				continue
			}
			if k, m, ok := order.frame(c); ok {
				weak = append(weak, boosted{c, c.score + orderBonusIn(k, m)})
			}
		}
		slices.SortStableFunc(weak, func(x, y boosted) int { return cmp.Compare(y.eff, x.eff) })
		for _, w := range weak {
			if w.eff < minAnchor {
				break
			}
			if _, _, ok := order.frame(w.sentLink); ok && !linkedA[w.a-loA] && !linkedB[w.b-loB] {
				w.ordered = true
				accept(w.sentLink)
			}
		}
	}
	slices.SortFunc(links, func(x, y sentLink) int { return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b)) })
	return links
}

// firstOfClass is the global id of version vi's first sentence of class c,
// or -1.
func (st *story) firstOfClass(vi int, c paraClass) int {
	for si := st.vers[vi].sentLo; si < st.vers[vi].sentHi; si++ {
		if st.sents[si].class == c {
			return si
		}
	}
	return -1
}

// orderBonusIn is the order bonus for a candidate inside a frame that holds
// k sentences of one version and m of the other: whole when the frame
// leaves few pairings open, as when a translation keeps the order of
// ideas; shrinking as it leaves more, since then a weak likeness inside it
// is as likely chance (independent reports of one event share words and a
// rough order, not sentences).
func orderBonusIn(k, m int) float64 {
	return orderBonus * min(1, frameChoices/float64(k*m))
}

// liftToParagraphs turns sentence links into paragraph links scored by the
// length-weighted mean of their sentence scores.
func (st *story) liftToParagraphs(va, vb int, sl []sentLink) []paraLink {
	type key struct{ pa, pb int }
	at := map[key]int{} // paragraph pair → its link in out
	var out []paraLink
	var wt []float64
	for _, l := range sl {
		a, b := &st.sents[l.a], &st.sents[l.b]
		k := key{a.para, b.para}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, paraLink{va: va, pa: k.pa, vb: vb, pb: k.pb})
			wt = append(wt, 0)
		}
		w := float64(a.words+b.words) + 1
		out[i].mass += l.score * w
		out[i].sents = append(out[i].sents, l)
		wt[i] += w
	}
	for i := range out {
		out[i].score = min(1, out[i].mass/wt[i])
	}
	slices.SortFunc(out, func(x, y paraLink) int { return cmp.Or(cmp.Compare(x.pa, y.pa), cmp.Compare(x.pb, y.pb)) })
	return out
}
