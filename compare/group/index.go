package group

import (
	"fmt"
	"math"
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
	postingScan = 256
	// maxCandidates is how many of the best retrieved articles are scored.
	maxCandidates = 48
	// lshBonus ranks articles that share an LSH bucket above any retrieved
	// by words alone: a shared bucket means shared verbatim text.
	lshBonus = 100
)

// Index groups articles one at a time. Existing articles never move unless
// told to (Move, Merge, Split), so the analyst's choices stick. An Index is
// safe for concurrent use.
type Index struct {
	mu        sync.Mutex
	opt       Options
	vocab     map[string]uint32
	df        []int32   // live articles holding each term or entity
	postings  [][]int32 // by term id: article slots, oldest first
	docs      []docEntry
	slotOf    map[int64]int32 // article ID -> slot in docs
	groups    map[int64][]int32
	bandHead  [lshBands]map[uint64]int32 // bucket -> newest slot+1
	bandNext  []int32                    // slot*lshBands+band -> previous slot+1 in that bucket
	live      int
	nextGroup int64
}

// docEntry is one indexed article.
type docEntry struct {
	id      int64
	group   int64
	pub     int64 // Unix seconds; 0 when unknown
	terms   []termWeight
	ents    []uint32 // sorted
	removed bool
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
func NewIndex(opt Options) *Index {
	ix := &Index{
		opt:       opt.withDefaults(),
		vocab:     map[string]uint32{},
		slotOf:    map[int64]int32{},
		groups:    map[int64][]int32{},
		nextGroup: 1,
	}
	for b := range ix.bandHead {
		ix.bandHead[b] = map[uint64]int32{}
	}
	return ix
}

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

// Match finds the group d belongs to without adding it; ok is false when no
// indexed article is similar enough.
func (ix *Index) Match(d Doc) (m Match, ok bool) {
	f := docFeatures(d)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	q := ix.query(&f)
	return ix.best(&q)
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

// NewGroup reserves a group ID no article uses yet.
func (ix *Index) NewGroup() int64 {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	g := ix.nextGroup
	ix.nextGroup++
	return g
}

// Remove drops an article from the index.
func (ix *Index) Remove(id int64) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	slot, ok := ix.slotOf[id]
	if !ok {
		return fmt.Errorf("group: remove article %d: %w", id, ErrUnknownArticle)
	}
	ix.remove(slot)
	return nil
}

// Move puts an article in another group (the analyst's choice).
func (ix *Index) Move(id, group int64) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	slot, ok := ix.slotOf[id]
	if !ok {
		return fmt.Errorf("group: move article %d: %w", id, ErrUnknownArticle)
	}
	if group == 0 {
		return fmt.Errorf("group: move article %d: group 0 is not a group", id)
	}
	ix.setGroup(slot, group)
	return nil
}

// Merge moves every article of group from into group into.
func (ix *Index) Merge(into, from int64) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, slot := range append([]int32(nil), ix.groups[from]...) {
		ix.setGroup(slot, into)
	}
}

// Split moves the given articles into a new group and returns it.
func (ix *Index) Split(ids []int64) (int64, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	slots := make([]int32, 0, len(ids))
	for _, id := range ids {
		slot, ok := ix.slotOf[id]
		if !ok {
			return 0, fmt.Errorf("group: split article %d: %w", id, ErrUnknownArticle)
		}
		slots = append(slots, slot)
	}
	g := ix.nextGroup
	ix.nextGroup++
	for _, s := range slots {
		ix.setGroup(s, g)
	}
	return g, nil
}

func (ix *Index) setGroup(slot int32, group int64) {
	e := &ix.docs[slot]
	if e.group == group {
		return
	}
	ix.dropMember(e.group, slot)
	e.group = group
	ix.groups[group] = append(ix.groups[group], slot)
	if group >= ix.nextGroup {
		ix.nextGroup = group + 1
	}
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
	unknownW float64      // sum of squared weights of terms the index lacks
	ents     []uint32     // known entities, sorted
	newEnts  int          // entities the index lacks
	entWords []string     // all entities, to file new ones on insert
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
		w := float32(1 + math.Log(float64(t.Count)))
		id, ok := ix.vocab[t.Word]
		if !ok {
			id = noTerm
		}
		q.terms = append(q.terms, termWeight{id, w})
	}
	for _, e := range f.Entities {
		if id, ok := ix.vocab[entityKey(e)]; ok {
			q.ents = append(q.ents, id)
		} else {
			q.newEnts++
		}
	}
	sort.Slice(q.ents, func(i, j int) bool { return q.ents[i] < q.ents[j] })
	return q
}

// entityKey keeps entities apart from content words in the shared vocabulary.
func entityKey(e string) string { return "\x00" + e }

func (ix *Index) idf(id uint32) float64 {
	df := 0
	if id != noTerm && int(id) < len(ix.df) {
		df = int(ix.df[id])
	}
	return math.Log(1 + float64(ix.live+1)/float64(df+1))
}

// weightiest returns up to n of terms, heaviest tf-idf first.
func (ix *Index) weightiest(terms []termWeight, n int) []termWeight {
	out := make([]termWeight, 0, len(terms))
	for _, t := range terms {
		if t.id != noTerm {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		wi, wj := float64(out[i].w)*ix.idf(out[i].id), float64(out[j].w)*ix.idf(out[j].id)
		if wi != wj {
			return wi > wj
		}
		return out[i].id < out[j].id
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
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

// maxLinkMembers bounds the members a group's score averages over.
const maxLinkMembers = 16

// candidates returns the slots worth scoring against q: articles that share
// an LSH bucket with it, then those sharing the most weight of rare terms
// and entities, among the newest of each posting list.
func (ix *Index) candidates(q *query) []int32 {
	acc := map[int32]float64{}
	window := int64(ix.opt.Window.Seconds())
	inWindow := func(slot int32) bool {
		e := &ix.docs[slot]
		if e.removed {
			return false
		}
		return q.pub == 0 || e.pub == 0 || abs64(q.pub-e.pub) <= window
	}
	scan := func(id uint32, weight float64) {
		p := ix.postings[id]
		for i, n := len(p)-1, 0; i >= 0 && n < postingScan; i, n = i-1, n+1 {
			if inWindow(p[i]) {
				acc[p[i]] += weight
			}
		}
	}
	for _, t := range ix.weightiest(q.terms, postTerms) {
		scan(t.id, ix.idf(t.id))
	}
	for _, id := range q.ents {
		scan(id, ix.idf(id))
	}
	if q.f.Shingles > 0 {
		for b := 0; b < lshBands; b++ {
			slot1 := ix.bandHead[b][bandKey(&q.f.Sig, b)]
			for n := 0; slot1 > 0 && n < postingScan; n++ {
				slot := slot1 - 1
				if inWindow(slot) {
					acc[slot] += lshBonus
				}
				slot1 = ix.bandNext[int(slot)*lshBands+b]
			}
		}
	}
	out := make([]int32, 0, len(acc))
	for s := range acc {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		if acc[out[i]] != acc[out[j]] {
			return acc[out[i]] > acc[out[j]]
		}
		return out[i] < out[j]
	})
	if len(out) > maxCandidates {
		out = out[:maxCandidates]
	}
	return out
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
			q.terms[i].id = ix.termID(q.f.Terms[i].Word)
		}
	}
	e.terms = ix.weightiest(q.terms, maxDocTerms)
	posted := e.terms
	if len(posted) > postTerms {
		posted = posted[:postTerms]
	}
	for _, t := range posted {
		ix.postings[t.id] = append(ix.postings[t.id], slot)
	}
	sort.Slice(e.terms, func(i, j int) bool { return e.terms[i].id < e.terms[j].id })
	for _, t := range e.terms {
		ix.df[t.id]++
	}
	for _, w := range q.entWords {
		tid := ix.termID(entityKey(w))
		e.ents = append(e.ents, tid)
		ix.df[tid]++
		ix.postings[tid] = append(ix.postings[tid], slot)
	}
	sort.Slice(e.ents, func(i, j int) bool { return e.ents[i] < e.ents[j] })

	for b := 0; b < lshBands; b++ {
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

func (ix *Index) termID(word string) uint32 {
	if id, ok := ix.vocab[word]; ok {
		return id
	}
	id := uint32(len(ix.df))
	ix.vocab[word] = id
	ix.df = append(ix.df, 0)
	ix.postings = append(ix.postings, nil)
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
	for _, id := range e.ents {
		ix.df[id]--
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
