package group

import (
	"cmp"
	"container/heap"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
)

// Group sorts docs into groups jointly and returns each doc's group, in the
// order of docs. Docs with Group set stay there (pinned: the analyst's
// choice, or articles already in the library); the others join a pinned
// group or each other, or start new groups numbered above every pinned
// one.
//
// The batch is weighed as a whole: word and name rarity come from every doc
// given (and the built-in reference), so five versions of one event given
// to an empty library find each other as well as in a large one. Groups
// then form by average linkage: the two groups whose members are most
// alike on average merge first, while that average reaches the threshold,
// so one look-alike (another earthquake that week) cannot chain two events
// together. The result does not depend on the order of docs.
func Group(docs []Doc, opt Options) []int64 {
	feats := extractDocs(docs)

	// Every doc goes into one index first, so that its statistics are the
	// whole batch's. Pinned docs are filed in publication order so a
	// group's newest members are its last.
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ta, tb := feats[order[a]].Published, feats[order[b]].Published
		if ta.IsZero() != tb.IsZero() {
			return !ta.IsZero()
		}
		if !ta.Equal(tb) {
			return ta.Before(tb)
		}
		return order[a] < order[b]
	})
	if opt.Threshold <= 0 {
		opt.Threshold = DefaultBatchThreshold
	}
	ix := newIndexFor(opt, len(docs))
	ix.keepTerms = true // for cluster's queries (queryOfSlot)
	var maxPinned int64
	for _, d := range docs {
		maxPinned = max(maxPinned, d.Group)
	}
	// Free docs sit in placeholder groups above every pinned one while the
	// index is built; slots are the doc's position in order.
	slotDoc := make([]int, len(docs))
	for s, i := range order {
		d := Doc{ID: int64(s), Group: docs[i].Group, Features: &feats[i]}
		if d.Group == 0 {
			d.Group = maxPinned + 1 + int64(s)
		}
		ix.addPinned(d)
		slotDoc[s] = i
	}
	groups := ix.cluster(docs, feats, slotDoc)
	out := make([]int64, len(docs))
	for s, i := range slotDoc {
		out[i] = groups[s]
	}
	// Number new groups above the pinned ones in order of their first doc.
	renum := map[int64]int64{}
	nextGroup := maxPinned + 1
	for i, d := range docs {
		if d.Group != 0 {
			continue
		}
		g := out[i]
		if g > 0 {
			continue // joined a pinned group
		}
		if _, ok := renum[g]; !ok {
			renum[g] = nextGroup
			nextGroup++
		}
		out[i] = renum[g]
	}
	return out
}

// parallel runs do(0..n-1) on every core, the caller's goroutine among
// them. Each takes the next i from a counter: handing every i over a
// channel woke and parked goroutines hundreds of times per batch, and
// their spinning cost more than a small do.
func parallel(n int, do func(i int)) {
	var next atomic.Int64
	work := func() {
		for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
			do(i)
		}
	}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
}

// cluster runs average linkage over the index's slots. slotDoc maps slots
// to docs (for their pinned group). It returns each slot's group: a pinned
// group, or some other number shared by the slot's cluster.
func (ix *Index) cluster(docs []Doc, feats []Features, slotDoc []int) []int64 {
	n := len(ix.docs)
	// Clusters: each pinned group one (fixed: two never merge), each free
	// doc its own. members holds slots; a pinned group is represented by
	// its newest maxLinkMembers members, as in Index.best.
	clusterOf := make([]int, n)
	var members [][]int32
	var pinnedGroup []int64
	byGroup := map[int64]int{}
	for s := 0; s < n; s++ {
		g := docs[slotDoc[s]].Group
		if g == 0 {
			clusterOf[s] = len(members)
			members = append(members, []int32{int32(s)})
			pinnedGroup = append(pinnedGroup, 0)
			continue
		}
		c, ok := byGroup[g]
		if !ok {
			c = len(members)
			byGroup[g] = c
			members = append(members, nil)
			pinnedGroup = append(pinnedGroup, g)
		}
		clusterOf[s] = c
		members[c] = append(members[c], int32(s))
	}
	for c, g := range pinnedGroup {
		if g != 0 && len(members[c]) > maxLinkMembers {
			members[c] = members[c][len(members[c])-maxLinkMembers:]
		}
	}
	// Similarity of two slots, computed once. Every slot is prepared as a
	// query up front, on every core (the pinned ones are compared to the
	// free docs near them as the earlier of the two, most of them): the
	// index only reads from now on.
	ix.freeze()
	queries := make([]query, n)
	parallel(n, func(s int) { queries[s] = ix.queryOfSlot(&feats[slotDoc[s]], int32(s)) })
	queryOf := func(s int32) *query { return &queries[s] }
	type pair struct{ a, b int32 }
	sims := map[pair]float64{}
	sim := func(a, b int32) float64 {
		if a > b {
			a, b = b, a
		}
		if v, ok := sims[pair{a, b}]; ok {
			return v
		}
		// One direction, the earlier slot's query against the later one's
		// entry: slots follow publication, so this does not depend on the
		// order docs came in.
		v := ix.similarity(queryOf(a), &ix.docs[b])
		sims[pair{a, b}] = v
		return v
	}
	linkage := func(x, y int) float64 {
		var sum float64
		for _, a := range members[x] {
			for _, b := range members[y] {
				sum += sim(a, b)
			}
		}
		return sum / float64(len(members[x])*len(members[y]))
	}
	// pairNames is how much two docs' names agree (entity overlap, both
	// ways).
	pairNames := func(a, b int32) float64 {
		return (ix.entityOverlap(queryOf(a), &ix.docs[b]) + ix.entityOverlap(queryOf(b), &ix.docs[a])) / 2
	}
	// cohesion is the mean similarity among a cluster's members (its
	// newest maxLinkMembers), or 0 for a single doc.
	cohesion := func(x int) float64 {
		m := members[x]
		if len(m) > maxLinkMembers {
			m = m[len(m)-maxLinkMembers:]
		}
		if len(m) < 2 {
			return 0
		}
		var sum float64
		for i, a := range m {
			for _, b := range m[i+1:] {
				sum += sim(a, b)
			}
		}
		return sum / float64(len(m)*(len(m)-1)/2)
	}
	// Neighbours: clusters holding a retrieved candidate of a free doc.
	neighbours := make([]map[int]bool, len(members))
	link := func(x, y int) {
		if neighbours[x] == nil {
			neighbours[x] = map[int]bool{}
		}
		if neighbours[y] == nil {
			neighbours[y] = map[int]bool{}
		}
		neighbours[x][y], neighbours[y][x] = true, true
	}
	// Each free doc's candidates in other clusters, with their
	// similarity, are found on every core, then linked in order.
	type near struct {
		slot int32
		sim  float64
	}
	nears := make([][]near, n)
	var scratch sync.Pool
	parallel(n, func(s int) {
		if pinnedGroup[clusterOf[s]] != 0 {
			return
		}
		sc, _ := scratch.Get().(*candidateScratch)
		if sc == nil {
			sc = new(candidateScratch)
		}
		for _, t := range ix.candidatesWith(queryOf(int32(s)), sc) {
			if int(t) != s && clusterOf[t] != clusterOf[s] {
				a, b := min(int32(s), t), max(int32(s), t)
				nears[s] = append(nears[s], near{t, ix.similarity(queryOf(a), &ix.docs[b])})
			}
		}
		scratch.Put(sc)
	})
	for s := range n {
		for _, nb := range nears[s] {
			sims[pair{min(int32(s), nb.slot), max(int32(s), nb.slot)}] = nb.sim
			if nb.sim >= ix.opt.Threshold/2 {
				link(clusterOf[s], clusterOf[nb.slot])
			}
		}
	}
	// Best merges first from a heap; an entry is stale once either
	// cluster has changed since it was pushed.
	version := make([]int, len(members))
	h := &mergeHeap{}
	push := func(x, y int) {
		if pinnedGroup[x] != 0 && pinnedGroup[y] != 0 {
			return
		}
		if len(members[x]) == 1 && len(members[y]) == 1 && pairNames(members[x][0], members[y][0]) < pairNameShare {
			return
		}
		if v := linkage(x, y); v >= ix.opt.Threshold && v >= cohesionShare*max(cohesion(x), cohesion(y)) {
			heap.Push(h, merge{x, y, version[x], version[y], v})
		}
	}
	for x := range neighbours {
		for y := range neighbours[x] {
			if x < y {
				push(x, y)
			}
		}
	}
	alive := make([]bool, len(members))
	for i := range alive {
		alive[i] = true
	}
	for h.Len() > 0 {
		m := heap.Pop(h).(merge)
		if !alive[m.x] || !alive[m.y] || version[m.x] != m.vx || version[m.y] != m.vy {
			continue
		}
		// The survivor keeps the pinned group, if any.
		x, y := m.x, m.y
		if pinnedGroup[y] != 0 {
			x, y = y, x
		}
		members[x] = append(members[x], members[y]...)
		if pinnedGroup[x] != 0 && len(members[x]) > maxLinkMembers {
			members[x] = members[x][len(members[x])-maxLinkMembers:]
		}
		for _, s := range members[y] {
			clusterOf[s] = x
		}
		alive[y] = false
		version[x]++
		for z := range neighbours[y] {
			if z != x {
				link(x, z)
			}
			delete(neighbours[z], y)
		}
		delete(neighbours[x], y)
		neighbours[y] = nil
		for z := range neighbours[x] {
			if alive[z] {
				push(x, z)
			}
		}
	}
	// Slots past the pinned representatives follow their group too.
	out := make([]int64, n)
	for s := 0; s < n; s++ {
		if g := docs[slotDoc[s]].Group; g != 0 {
			out[s] = g
			continue
		}
		c := clusterOf[s]
		if pinnedGroup[c] != 0 {
			out[s] = pinnedGroup[c]
		} else {
			out[s] = -1 - int64(c) // renumbered by Group
		}
	}
	return out
}

// cohesionShare is how close, relative to how alike a group's members are
// among themselves, a newcomer must be: near copies of one report admit
// no mere look-alike, while loosely related rewrites of one event (whose
// members share little) still admit one more.
const cohesionShare = 0.4

// pairNameShare is the least name overlap at which two single docs start a
// group: without a group's cohesion to go by, two reports of one kind of
// event (two earthquakes, two rulings) share their wording, and only the
// people and places they name tell them apart.
const pairNameShare = 0.25

// merge is a candidate merge of clusters x and y at their versions.
type merge struct {
	x, y   int
	vx, vy int
	score  float64
}

type mergeHeap []merge

func (h mergeHeap) Len() int { return len(h) }
func (h mergeHeap) Less(i, j int) bool {
	return cmp.Or(cmp.Compare(h[j].score, h[i].score), cmp.Compare(min(h[i].x, h[i].y), min(h[j].x, h[j].y)), cmp.Compare(max(h[i].x, h[i].y), max(h[j].x, h[j].y))) < 0
}
func (h mergeHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *mergeHeap) Push(x any)   { *h = append(*h, x.(merge)) }
func (h *mergeHeap) Pop() any {
	old := *h
	m := old[len(old)-1]
	*h = old[:len(old)-1]
	return m
}
