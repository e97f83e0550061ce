package group

import (
	"math"
	"slices"
	"sort"
	"sync"
)

// Bounds that keep one Add cheap however large the index grows.
const (
	// maxDocTerms is the number of weightiest terms kept per article.
	maxDocTerms = 96
	// postTerms is the number of weightiest terms an article is filed under
	// (besides all its entities) and looked up by.
	postTerms = 16
	// postingScan is how many of the newest articles of one posting list or
	// LSH bucket a lookup reads.
	postingScan = 128
	// maxCandidates is how many of the best retrieved articles are scored.
	maxCandidates = 32
	// lshBonus ranks articles that share an LSH bucket above any retrieved
	// by words alone: a shared bucket means shared verbatim text.
	lshBonus = 100
)

// Index groups articles one at a time. Existing articles never move, so
// the analyst's choices stick. An Index is safe for concurrent use.
type Index struct {
	mu    sync.Mutex
	opt   Options
	vocab map[string]uint32 // content words
	// entityVocab holds names, in the same series of ids as vocab.
	entityVocab map[string]uint32
	df          []int32   // live articles holding each term or entity
	postings    [][]int32 // by term id: article slots, oldest first
	docs        []docEntry
	slotOf      map[int64]int32 // article ID -> slot in docs
	groups      map[int64][]int32
	bandHead    [lshBands]map[uint64]int32 // bucket -> newest slot+1
	bandNext    []int32                    // slot*lshBands+band -> previous slot+1 in that bucket
	live        int
	nextGroup   int64
	// Scratch for candidates, reused across lookups (under mu).
	scratch  candidateScratch
	idfN     int // the N idfTab is for
	idfTab   []float64
	idfAt    []uint32 // entries of idfTab computed for idfN are idfGen
	idfGen   uint32
	sortBuf  []uint64       // scratch for sortTerms
	weighBuf []weightedTerm // scratch for weightiest
	// slotTerms, kept when keepTerms is set, holds each slot's terms (all
	// of them, with the ids insert gave them) for queryOfSlot.
	keepTerms bool
	slotTerms [][]termWeight
	// scoreOnly leaves out what only finding candidates reads (posting
	// lists and LSH buckets): see newScoringIndex.
	scoreOnly bool
}

// docEntry is one indexed article.
type docEntry struct {
	id      int64
	group   int64
	pub     int64 // Unix seconds; 0 when unknown
	terms   []termWeight
	ents    []termWeight // sorted by id
	removed bool
	// norm and entNorm (the lengths of the tf-idf² term vector and of the
	// entity vector) are cached for the idf table of normN.
	norm, entNorm float64
	normN         int
}

// sortTerms orders an article's terms (each id once) by id, as
// slices.SortFunc with byID would, sorting them as packed integers: it is
// done for every article indexed.
func (ix *Index) sortTerms(ts []termWeight) {
	buf := ix.sortBuf[:0]
	for _, t := range ts {
		buf = append(buf, uint64(t.id)<<32|uint64(math.Float32bits(t.w)))
	}
	slices.Sort(buf)
	for i, v := range buf {
		ts[i] = termWeight{uint32(v >> 32), math.Float32frombits(uint32(v))}
	}
	ix.sortBuf = buf
}

// byID orders term weights by id.
func byID(a, b termWeight) int {
	switch {
	case a.id < b.id:
		return -1
	case a.id > b.id:
		return 1
	}
	return 0
}

// termWeight is a term id with its sub-linear frequency weight 1+ln(count).
type termWeight struct {
	id uint32
	w  float32
}

// Match is where an article would go.
type Match struct {
	Group   int64   // the group of the most similar article
	Article int64   // that article
	Score   float64 // similarity, 0..1
}

// NewIndex makes an empty index.
func NewIndex(opt Options) *Index { return newIndexFor(opt, 0) }

// newIndexFor makes an empty index with room for docs articles: placing a
// batch indexes a known number of them, and its LSH bucket maps (one entry
// an article each) grown one doubling after another were a fifth of the
// memory placing allocated.
func newIndexFor(opt Options, docs int) *Index {
	ix := emptyIndex(opt, docs)
	ix.postings = make([][]int32, 0, docs*(wordsPerDoc+namesPerDoc))
	ix.bandNext = make([]int32, 0, docs*lshBands)
	for b := range ix.bandHead {
		ix.bandHead[b] = make(map[uint64]int32, docs)
	}
	return ix
}

// newScoringIndex makes an empty index with room for docs articles that
// only scores given pairs (similarity): it keeps no posting lists or LSH
// buckets, which only finding candidates reads.
func newScoringIndex(opt Options, docs int) *Index {
	ix := emptyIndex(opt, docs)
	ix.scoreOnly = true
	return ix
}

// emptyIndex is what both kinds of index start with for docs articles.
func emptyIndex(opt Options, docs int) *Index {
	return &Index{
		opt:         opt.withDefaults(),
		vocab:       make(map[string]uint32, docs*wordsPerDoc),
		entityVocab: make(map[string]uint32, docs*namesPerDoc),
		df:          make([]int32, 0, docs*(wordsPerDoc+namesPerDoc)),
		slotOf:      make(map[int64]int32, docs),
		groups:      map[int64][]int32{},
		docs:        make([]docEntry, 0, docs),
		nextGroup:   1,
		idfN:        -1,
		idfTab:      make([]float64, idfTableSize),
		idfAt:       make([]uint32, idfTableSize),
	}
}

// wordsPerDoc and namesPerDoc are about how many words and names each
// article of a batch brings that none before it had (a batch of 700 of
// the bench's articles knew 2,800 words and 2,000 names), for the room an
// index for a known number of articles starts with.
const (
	wordsPerDoc = 4
	namesPerDoc = 3
)

// Len is the number of articles in the index.
func (ix *Index) Len() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.live
}

// GroupOf returns the group of an indexed article.
func (ix *Index) GroupOf(id int64) (int64, bool) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	slot, ok := ix.slotOf[id]
	if !ok {
		return 0, false
	}
	return ix.docs[slot].group, true
}

// Members returns the IDs of a group's articles in the order they were added.
func (ix *Index) Members(group int64) []int64 {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	var out []int64
	for _, s := range ix.groups[group] {
		out = append(out, ix.docs[s].id)
	}
	return out
}

// Add indexes d and returns its group: d.Group when set, else the group of
// the most similar article, else a new group. Adding an ID already present
// replaces that article, keeping its group unless d.Group says otherwise.
func (ix *Index) Add(d Doc) int64 {
	f := docFeatures(d)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	group := d.Group
	if slot, ok := ix.slotOf[d.ID]; ok {
		if group == 0 {
			group = ix.docs[slot].group
		}
		ix.remove(slot)
	}
	q := ix.query(&f)
	if group == 0 {
		if m, ok := ix.best(&q); ok {
			group = m.Group
		} else {
			group = ix.nextGroup
		}
	}
	ix.insert(d.ID, group, &q)
	return group
}

// addPinned indexes d, whose group is given (d.Group set, d.Features
// computed), as Add does, without preparing it as a query: placing a batch
// indexes every article of the batch and of its neighbours' stories that
// way, and only looks some of them up afterwards.
func (ix *Index) addPinned(d Doc) {
	if d.Group == 0 || d.Features == nil {
		ix.Add(d)
		return
	}
	f := d.Features
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if slot, ok := ix.slotOf[d.ID]; ok {
		ix.remove(slot)
	}
	// Add's query brings the idf table up to date first; so does this,
	// so that every later weight is the same.
	ix.idf(noTerm)
	q := query{f: f, entWords: f.Entities}
	if pub := f.Published; !pub.IsZero() {
		q.pub = pub.Unix()
	} else if !d.Published.IsZero() {
		q.pub = d.Published.Unix()
	}
	q.terms = make([]termWeight, len(f.Terms))
	for i, t := range f.Terms {
		// New words get their ids here, in the order of f.Terms, which
		// is the order insert gives them to Add's queries: ties between
		// weights break alike. (Looking each word up here and giving it
		// an id in insert looked new words up twice.)
		q.terms[i] = termWeight{ix.termID(t.Word), termFrequency(t.Count)}
	}
	q.entTF = make([]float32, len(f.Entities))
	for i, e := range f.Entities {
		q.entTF[i] = entityFrequency(f, e)
	}
	ix.insert(d.ID, d.Group, &q)
}

func (ix *Index) dropMember(group int64, slot int32) {
	m := ix.groups[group]
	for i, s := range m {
		if s == slot {
			m = append(m[:i], m[i+1:]...)
			break
		}
	}
	if len(m) == 0 {
		delete(ix.groups, group)
	} else {
		ix.groups[group] = m
	}
}

// query is an article prepared for lookup against the index.
type query struct {
	f        *Features
	terms    []termWeight // known and unknown (id = noTerm) terms
	words    []string     // each term's word
	weights  []float64    // each term's tf-idf² weight
	norm     float64      // length of the weights vector
	entIDF   []float64    // idf² of each known entity
	entNorm  float64      // length of the entity vector, known entities or not
	ents     []termWeight // known entities, sorted by id
	entWords []string     // all entities, to file new ones on insert
	entTF    []float32    // each of entWords' frequency weight
	pub      int64
}

const noTerm = ^uint32(0)

func (ix *Index) query(f *Features) query {
	q := query{f: f, entWords: f.Entities}
	if !f.Published.IsZero() {
		q.pub = f.Published.Unix()
	}
	q.terms = make([]termWeight, 0, len(f.Terms))
	for _, t := range f.Terms {
		w := termFrequency(t.Count)
		id, ok := ix.vocab[t.Word]
		if !ok {
			id = noTerm
		}
		q.terms = append(q.terms, termWeight{id, w})
	}
	q.entTF = make([]float32, len(f.Entities))
	newIDF := ix.idf2(noTerm)
	for i, e := range f.Entities {
		q.entTF[i] = entityFrequency(f, e)
		if id, ok := ix.entityVocab[e]; ok {
			q.ents = append(q.ents, termWeight{id, q.entTF[i]})
		} else {
			w := float64(q.entTF[i]) * newIDF
			q.entNorm += w * w
		}
	}
	slices.SortFunc(q.ents, byID)
	// Known terms first, by id, so cosine can merge them with an article's;
	// words keeps each term's word for insert.
	// (Each term's id and position packed in one number sort fastest.)
	order := make([]uint64, len(q.terms))
	for i, t := range q.terms {
		order[i] = uint64(t.id)<<32 | uint64(i)
	}
	slices.Sort(order)
	sorted := make([]termWeight, len(q.terms))
	q.words = make([]string, len(q.terms))
	for i, o := range order {
		pos := uint32(o)
		sorted[i], q.words[i] = q.terms[pos], f.Terms[pos].Word
	}
	q.terms = sorted
	q.weights = make([]float64, len(q.terms))
	for i, t := range q.terms {
		w := float64(t.w) * ix.idf2(t.id)
		q.weights[i] = w
		q.norm += w * w
	}
	q.norm = math.Sqrt(q.norm)
	q.entIDF = make([]float64, len(q.ents))
	for i, t := range q.ents {
		q.entIDF[i] = ix.idf2(t.id)
		w := float64(t.w) * q.entIDF[i]
		q.entNorm += w * w
	}
	q.entNorm = math.Sqrt(q.entNorm)
	return q
}

// queryOfSlot is query(f) for the features f of slot s, indexed with
// keepTerms set: every word and name of an indexed article has an id, so
// its query is made from the ids kept at insert instead of looking each
// word up again in the vocabulary (Group prepares a query for most of the
// articles it indexes). Its words and entTF are left out: it is only
// looked up, never inserted.
func (ix *Index) queryOfSlot(f *Features, s int32) query {
	q := query{f: f, entWords: f.Entities}
	if !f.Published.IsZero() {
		q.pub = f.Published.Unix()
	}
	// A doc's ids are distinct, so sorting them with their weights packed
	// below orders them as query's sort by id (and position) does.
	terms := ix.slotTerms[s]
	order := make([]uint64, len(terms))
	for i, t := range terms {
		order[i] = uint64(t.id)<<32 | uint64(math.Float32bits(t.w))
	}
	slices.Sort(order)
	q.terms = make([]termWeight, len(order))
	for i, o := range order {
		q.terms[i] = termWeight{uint32(o >> 32), math.Float32frombits(uint32(o))}
	}
	q.weights = make([]float64, len(q.terms))
	for i, t := range q.terms {
		w := float64(t.w) * ix.idf2(t.id)
		q.weights[i] = w
		q.norm += w * w
	}
	q.norm = math.Sqrt(q.norm)
	// insert kept the names sorted by id with their frequency weights, as
	// query sorts them.
	q.ents = ix.docs[s].ents
	q.entIDF = make([]float64, len(q.ents))
	for i, t := range q.ents {
		q.entIDF[i] = ix.idf2(t.id)
		w := float64(t.w) * q.entIDF[i]
		q.entNorm += w * w
	}
	q.entNorm = math.Sqrt(q.entNorm)
	return q
}

// termFrequency is the sub-linear frequency weight 1+ln(count) of a term
// an article names count times, from a table for the usual counts
// (indexing an article weighs each of its hundreds of terms).
func termFrequency(count int) float32 {
	if count >= 0 && count < len(termFrequencies) {
		return termFrequencies[count]
	}
	return float32(1 + math.Log(float64(count)))
}

var termFrequencies = func() (t [64]float32) {
	for c := range t {
		t[c] = float32(1 + math.Log(float64(c)))
	}
	return t
}()

// idf is ln(1 + (N+1)/(df+1)) for a term in df of N articles. Values for
// small df come from a table whose N is renewed whenever N has grown by
// 1%, since scoring asks for the same few thousand values millions of
// times. Its entries are computed when first asked for (a small index
// renews N on every change, and adding an article asks for few of them),
// or all at once by idfFill before lookups run side by side.
func (ix *Index) idf(id uint32) float64 {
	df := 0
	if id != noTerm && int(id) < len(ix.df) {
		df = int(ix.df[id])
	}
	ix.idfSync()
	if df < len(ix.idfTab) {
		if ix.idfAt[df] != ix.idfGen {
			ix.idfTab[df] = ix.idfOf(df)
			ix.idfAt[df] = ix.idfGen
		}
		return ix.idfTab[df]
	}
	return ix.idfOf(df)
}

// idfOf is the idf of a document frequency for the table's N.
func (ix *Index) idfOf(df int) float64 {
	return math.Log(1 + float64(ix.idfN+1)/float64(df+1))
}

// idfSync renews the table's N when the index has changed enough, leaving
// its entries to be computed again.
func (ix *Index) idfSync() {
	if ix.live != ix.idfN && (ix.live > ix.idfN+ix.idfN/100 || ix.live < ix.idfN-ix.idfN/100 || ix.idfN < 1000) {
		ix.idfN = ix.live
		ix.idfGen++
		// No term is in more articles than there are, so a small index
		// needs only a short table.
		n := min(idfTableSize, ix.idfN+1)
		ix.idfTab, ix.idfAt = ix.idfTab[:n], ix.idfAt[:n]
	}
}

// idfFill brings the table up to date, every entry computed, so that idf
// only reads it (on several goroutines at once) until the next change.
func (ix *Index) idfFill() {
	ix.idfSync()
	for i := range ix.idfTab {
		if ix.idfAt[i] != ix.idfGen {
			ix.idfTab[i] = ix.idfOf(i)
			ix.idfAt[i] = ix.idfGen
		}
	}
}

// weightiest returns the n heaviest by tf-idf of terms (all of them when
// fewer), in no particular order, picked in the index's scratch: the
// terms an article keeps, which insert sorts by id.
func (ix *Index) weightiest(terms []termWeight, n int) []weightedTerm {
	list := ix.weigh(&ix.weighBuf, terms)
	if len(list) > n {
		selectHeaviest(list, n)
		list = list[:n]
	}
	return list
}

// heaviest returns the n heaviest of terms, heaviest first (then by id),
// with their weights, picked in *buf.
func (ix *Index) heaviest(buf *[]weightedTerm, terms []termWeight, n int) []weightedTerm {
	return heaviestFirst(ix.weigh(buf, terms), n)
}

// weigh is terms known to the index with their tf-idf weights, in *buf
// (kept for the next).
func (ix *Index) weigh(buf *[]weightedTerm, terms []termWeight) []weightedTerm {
	list := (*buf)[:0]
	for _, t := range terms {
		if t.id != noTerm {
			list = append(list, weightedTerm{t, float64(t.w) * ix.idf(t.id)})
		}
	}
	*buf = list
	return list
}

// weightedTerm is a term with its tf-idf weight.
type weightedTerm struct {
	t termWeight
	w float64
}

// heavier orders weighted terms: the heavier first, then the lower id.
func heavier(a, b weightedTerm) bool { return a.w > b.w || (a.w == b.w && a.t.id < b.t.id) }

// firstSorted returns the n first of list by before, sorted, in list's
// own array: an article keeps its 96 weightiest of up to 400 terms, and
// sorting all of them to find those was most of filing it in an index,
// so they are picked first (selectFirst) and only they are sorted.
func firstSorted[T any](list []T, n int, before func(a, b T) bool) []T {
	if len(list) > n {
		selectFirst(list, n, before)
		list = list[:n]
	}
	slices.SortFunc(list, func(a, b T) int {
		if before(a, b) {
			return -1
		}
		if before(b, a) {
			return 1
		}
		return 0
	})
	return list
}

// selectFirst moves the n first of list by before (a strict order: two
// distinct elements are never unordered) to its first n places, in no
// particular order (quickselect, median-of-three pivots), 0 < n <
// len(list).
func selectFirst[T any](list []T, n int, before func(a, b T) bool) {
	k := n - 1 // the place of the last kept
	lo, hi := 0, len(list)-1
	for lo < hi {
		a, b, c := lo, lo+(hi-lo)/2, hi
		if before(list[b], list[a]) {
			a, b = b, a
		}
		if before(list[c], list[b]) {
			b = c
			if before(list[b], list[a]) {
				b = a
			}
		}
		pivot := list[b]
		i, j := lo, hi
		for i <= j {
			for before(list[i], pivot) {
				i++
			}
			for before(pivot, list[j]) {
				j--
			}
			if i <= j {
				list[i], list[j] = list[j], list[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return
		}
	}
}

// best scores the retrieved candidates and returns the best match. A
// group's score is the mean similarity to its members (the newest
// maxLinkMembers of them), not the best one: a single look-alike member
// (another earthquake in the same week) must not pull an article in.
func (ix *Index) best(q *query) (Match, bool) {
	bestOf := map[int64]Match{}
	for _, slot := range ix.candidates(q) {
		e := &ix.docs[slot]
		s := ix.similarity(q, e)
		if m, ok := bestOf[e.group]; !ok || s > m.Score || (s == m.Score && e.id < m.Article) {
			bestOf[e.group] = Match{Group: e.group, Article: e.id, Score: s}
		}
	}
	var m Match
	found := false
	for g, gm := range bestOf {
		if gm.Score >= ix.opt.Threshold {
			members := ix.groups[g]
			if len(members) > maxLinkMembers {
				members = members[len(members)-maxLinkMembers:]
			}
			sum := 0.0
			for _, slot := range members {
				sum += ix.similarity(q, &ix.docs[slot])
			}
			gm.Score = sum / float64(len(members))
		}
		if !found || gm.Score > m.Score || (gm.Score == m.Score && gm.Article < m.Article) {
			m, found = gm, true
		}
	}
	return m, found && m.Score >= ix.opt.Threshold
}

// idfTableSize is how many document frequencies have a cached idf.
const idfTableSize = 4096

// maxLinkMembers bounds the members a group's score averages over.
const maxLinkMembers = 16

// candidates returns the slots worth scoring against q: articles that share
// an LSH bucket with it, then those sharing the most weight of rare terms
// and entities, among the newest of each posting list.
func (ix *Index) candidates(q *query) []int32 {
	return ix.candidatesWith(q, &ix.scratch)
}

// candidateScratch is what a look-up of candidates works in, kept for
// the next.
type candidateScratch struct {
	acc      []float64
	touched  []int32
	topBuf   []scored
	weighBuf []weightedTerm
}

// candidatesWith is candidates working in sc: look-ups with scratch of
// their own can run side by side on a frozen index (see freeze).
func (ix *Index) candidatesWith(q *query, sc *candidateScratch) []int32 {
	if cap(sc.acc) < len(ix.docs) {
		sc.acc = make([]float64, len(ix.docs), 2*len(ix.docs)+64)
	}
	acc := sc.acc[:len(ix.docs)]
	touched := sc.touched[:0]
	window := int64(ix.opt.Window.Seconds())
	add := func(slot int32, w float64) {
		e := &ix.docs[slot]
		if e.removed || (q.pub != 0 && e.pub != 0 && abs64(q.pub-e.pub) > window) {
			return
		}
		if acc[slot] == 0 {
			touched = append(touched, slot)
		}
		acc[slot] += w
	}
	scan := func(id uint32, weight float64) {
		p := ix.postings[id]
		for i, n := len(p)-1, 0; i >= 0 && n < postingScan; i, n = i-1, n+1 {
			add(p[i], weight)
		}
	}
	for _, t := range ix.heaviest(&sc.weighBuf, q.terms, postTerms) {
		scan(t.t.id, ix.idf(t.t.id))
	}
	for _, id := range ix.rarest(q.ents, postTerms) {
		scan(id, ix.idf(id))
	}
	if q.f.Shingles > 0 {
		for b := 0; b < lshBands; b++ {
			slot1 := ix.bandHead[b][bandKey(&q.f.Sig, b)]
			for n := 0; slot1 > 0 && n < postingScan; n++ {
				add(slot1-1, lshBonus)
				slot1 = ix.bandNext[int(slot1-1)*lshBands+b]
			}
		}
	}
	top := topCandidates(sc.topBuf[:0], touched, acc, maxCandidates)
	for _, s := range touched {
		acc[s] = 0
	}
	sc.touched, sc.topBuf = touched, top
	out := make([]int32, len(top))
	for i, c := range top {
		out[i] = c.slot
	}
	return out
}

// scored is a candidate with its retrieval weight.
type scored struct {
	slot int32
	w    float64
}

// better orders candidates: heavier first, then older slot.
func better(a, b scored) bool { return a.w > b.w || (a.w == b.w && a.slot < b.slot) }

// topCandidates keeps the n best of touched in a min-heap (the worst kept
// at the root) and returns them best first: O(len(touched) log n).
func topCandidates(h []scored, touched []int32, acc []float64, n int) []scored {
	down := func(i int) {
		for {
			l, m := 2*i+1, i
			if l < len(h) && better(h[m], h[l]) {
				m = l
			}
			if r := l + 1; r < len(h) && better(h[m], h[r]) {
				m = r
			}
			if m == i {
				return
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	for _, s := range touched {
		c := scored{s, acc[s]}
		if len(h) < n {
			h = append(h, c)
			for i := len(h) - 1; i > 0; {
				p := (i - 1) / 2
				if !better(h[p], h[i]) {
					break
				}
				h[i], h[p] = h[p], h[i]
				i = p
			}
			continue
		}
		if better(c, h[0]) {
			h[0] = c
			down(0)
		}
	}
	slices.SortFunc(h, func(a, b scored) int {
		if better(a, b) {
			return -1
		}
		if better(b, a) {
			return 1
		}
		return 0
	})
	return h
}

// rarest returns up to n of the entity ids, rarest first.
func (ix *Index) rarest(ents []termWeight, n int) []uint32 {
	out := make([]uint32, len(ents))
	for i, t := range ents {
		out[i] = t.id
	}
	if len(out) <= n {
		return out
	}
	sort.Slice(out, func(i, j int) bool {
		if ix.df[out[i]] != ix.df[out[j]] {
			return ix.df[out[i]] < ix.df[out[j]]
		}
		return out[i] < out[j]
	})
	return out[:n]
}

func bandKey(sig *Signature, band int) uint64 {
	h := uint64(band) + 1
	for r := 0; r < lshRows; r++ {
		h = mix64(h ^ uint64(sig[band*lshRows+r]))
	}
	return h
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// insert files the prepared article under a new slot.
func (ix *Index) insert(id, group int64, q *query) {
	slot := int32(len(ix.docs))
	e := docEntry{id: id, group: group, pub: q.pub}

	// Keep the weightiest terms, giving new words ids first.
	for i := range q.terms {
		if q.terms[i].id == noTerm {
			q.terms[i].id = ix.termID(q.words[i])
		}
	}
	if ix.keepTerms {
		ix.slotTerms = append(ix.slotTerms, q.terms)
	}
	// Which terms are kept and posted matters, not in what order they
	// are picked: the kept are sorted by id below, and each posted term's
	// list gets the slot once.
	kept := ix.weightiest(q.terms, maxDocTerms)
	if !ix.scoreOnly {
		posted := kept
		if len(posted) > postTerms {
			selectHeaviest(posted, postTerms)
			posted = posted[:postTerms]
		}
		for _, t := range posted {
			ix.postings[t.t.id] = append(ix.postings[t.t.id], slot)
		}
	}
	e.terms = make([]termWeight, len(kept))
	for i, t := range kept {
		e.terms[i] = t.t
	}
	ix.sortTerms(e.terms)
	for _, t := range e.terms {
		ix.df[t.id]++
	}
	e.ents = make([]termWeight, 0, len(q.entWords))
	for i, w := range q.entWords {
		tid := ix.entityID(w)
		e.ents = append(e.ents, termWeight{tid, q.entTF[i]})
		ix.df[tid]++
		if !ix.scoreOnly {
			ix.postings[tid] = append(ix.postings[tid], slot)
		}
	}
	slices.SortFunc(e.ents, byID)

	for b := 0; b < lshBands && !ix.scoreOnly; b++ {
		next := int32(0)
		if q.f.Shingles > 0 {
			k := bandKey(&q.f.Sig, b)
			next = ix.bandHead[b][k]
			ix.bandHead[b][k] = slot + 1
		}
		ix.bandNext = append(ix.bandNext, next)
	}

	ix.docs = append(ix.docs, e)
	ix.slotOf[id] = slot
	ix.groups[group] = append(ix.groups[group], slot)
	ix.live++
	if group >= ix.nextGroup {
		ix.nextGroup = group + 1
	}
}

func (ix *Index) termID(word string) uint32 { return ix.idIn(ix.vocab, word) }

// entityID is termID for a name: names have ids of the same series as
// words, kept in a map of their own so that a name and a word spelt alike
// stay apart without making a prefixed copy of every name looked up.
func (ix *Index) entityID(name string) uint32 { return ix.idIn(ix.entityVocab, name) }

// idIn is key's id in vocab (the words' or the names'), given the next id
// when it has none.
func (ix *Index) idIn(vocab map[string]uint32, key string) uint32 {
	if id, ok := vocab[key]; ok {
		return id
	}
	id := ix.newID()
	vocab[key] = id
	return id
}

// newID is the next term id, with no articles yet.
func (ix *Index) newID() uint32 {
	id := uint32(len(ix.df))
	ix.df = append(ix.df, 0)
	if !ix.scoreOnly {
		ix.postings = append(ix.postings, nil)
	}
	return id
}

// remove retires a slot; its posting entries are skipped from now on.
func (ix *Index) remove(slot int32) {
	e := &ix.docs[slot]
	if e.removed {
		return
	}
	for _, t := range e.terms {
		ix.df[t.id]--
	}
	for _, t := range e.ents {
		ix.df[t.id]--
	}
	ix.dropMember(e.group, slot)
	delete(ix.slotOf, e.id)
	e.removed = true
	e.terms, e.ents = nil, nil
	ix.live--
}

func docFeatures(d Doc) Features {
	if d.Features != nil {
		f := *d.Features
		if f.Published.IsZero() {
			f.Published = d.Published
		}
		return f
	}
	return Extract(d.Title, d.Text, d.Published)
}

// heaviestFirst is firstSorted(list, n, heavier) with the comparison
// written in rather than passed: picking an article's weightiest terms is
// most of indexing it, and a comparison made through a function value
// (never inlined) was most of the picking.
func heaviestFirst(list []weightedTerm, n int) []weightedTerm {
	if len(list) > n {
		selectHeaviest(list, n)
		list = list[:n]
	}
	slices.SortFunc(list, compareHeavier)
	return list
}

// selectHeaviest is selectFirst(list, n, heavier) with the comparison
// written in: it moves the n heaviest of list to its first n places, in
// no particular order, 0 < n < len(list).
func selectHeaviest(list []weightedTerm, n int) {
	k := n - 1
	lo, hi := 0, len(list)-1
	for lo < hi {
		a, b, c := lo, lo+(hi-lo)/2, hi
		if heavier(list[b], list[a]) {
			a, b = b, a
		}
		if heavier(list[c], list[b]) {
			b = c
			if heavier(list[b], list[a]) {
				b = a
			}
		}
		pivot := list[b]
		i, j := lo, hi
		for i <= j {
			for heavier(list[i], pivot) {
				i++
			}
			for heavier(pivot, list[j]) {
				j--
			}
			if i <= j {
				list[i], list[j] = list[j], list[i]
				i++
				j--
			}
		}
		if k <= j {
			hi = j
		} else if k >= i {
			lo = i
		} else {
			return
		}
	}
}

// compareHeavier is heavier as a comparison for slices.SortFunc.
func compareHeavier(a, b weightedTerm) int {
	switch {
	case heavier(a, b):
		return -1
	case heavier(b, a):
		return 1
	}
	return 0
}
