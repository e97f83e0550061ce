package group

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"
)

// Key names one posting list of a library: a content word or a name,
// hashed to 64 bits (never 0).
type Key int64

func hashKey(kind byte, s string) Key {
	return Key(fnv64a(fnv64a(fnvOffset, string(kind)), s) | 1)
}

// TermKey is the key of a content word (as in Features.Terms).
func TermKey(word string) Key { return hashKey('t', word) }

// EntityKey is the key of a name (as in Features.Entities).
func EntityKey(name string) Key { return hashKey('e', name) }

// Library is what placing articles needs of the articles already stored,
// so that it reads only the few that could matter, never the whole
// library: the store implements it over posting lists kept beside each
// article (see Filing).
type Library interface {
	// Frequencies returns how many filed articles count each key (see
	// Filing.Counted; absent keys count none) and how many articles are
	// filed.
	Frequencies(ctx context.Context, keys []Key) (df map[Key]int, n int, err error)
	// Recent returns the newest postings of each key (see Recent; absent
	// keys have none).
	Recent(ctx context.Context, keys []Key) (map[Key]Recent, error)
	// Postings returns, for each key, up to limit of its dated postings
	// published from from to to (inclusive), newest first: for an arrival
	// whose window its keys' Recent does not cover (an article older than
	// the newest ones, arriving late). Place calls it from several
	// goroutines at once.
	Postings(ctx context.Context, keys []Key, from, to int64, limit int) (map[Key][]Posting, error)
	// Docs returns the given articles (ID, Group as their story,
	// Features); articles no longer stored are left out.
	Docs(ctx context.Context, ids []int64) ([]Doc, error)
	// Members returns the newest limit articles of a story.
	Members(ctx context.Context, story int64, limit int) ([]int64, error)
}

// candidateQuery is how one arrival looks up a library: the articles
// filed under some keys.
type candidateQuery struct {
	Keys    []Key
	Weights []float64 // one per key
	// Published (Unix seconds, 0 when unknown) and Window (seconds): when
	// Published is set, only articles published within Window of it, or
	// undated, are candidates.
	Published, Window int64
	// Scan bounds how many of each key's articles (the newest) are read;
	// Limit how many candidates are returned.
	Scan, Limit int
	// MinWeight is the least summed weight of a candidate.
	MinWeight float64
}

// Filing is what a library keeps of one article so that later ones find
// it: the keys it is filed under (its weightiest words and its names) and
// the keys whose document frequency it counts towards.
type Filing struct {
	Posted    []Key
	Counted   []Key
	Published int64 // Unix seconds, 0 when unknown
}

// Bounds of placing one article against a library.
const (
	// libraryCandidates is how many retrieved articles one arrival scores.
	libraryCandidates = 16
	// libraryScan is how many of each posting list's newest articles are
	// read.
	libraryScan = 16
	// libraryTerms is how many of an article's weightiest words it is
	// filed under and, arriving, looks up.
	libraryTerms = 16
	// queryEntities is how many of an arrival's rarest names it looks up.
	queryEntities = 16
	// minCandidateShare is the least share of an arrival's looked-up
	// word and name weight a candidate must have: an article sharing less is not the same event, and reading
	// it back would cost more than it could tell.
	minCandidateShare = 0.1
	// matchedStories is how many of the stories closest to an arrival
	// lend their members to the joint grouping.
	matchedStories = 1
	// neighbourMembers is how many of a matched story's newest articles
	// join the batch's joint grouping.
	neighbourMembers = 8
)

// Placement is where Place puts a batch: for each doc (in order), its
// target (the story to join, or a negative number shared by the docs that
// start one new story together), its features and its filing, for the
// library to store with it.
type Placement struct {
	Targets  []int64
	Features []Features
	Filings  []Filing
}

// Place decides, jointly, where docs arriving together go, against the
// articles a library already holds. Docs with Group set stay there.
//
// Each doc is looked up by its rarest names and weightiest words (an
// article that copies another shares those too, so LSH bands, which would
// double the rows filed, add nothing here); the stories of the best-matching candidates lend their newest
// members, and Group then weighs the batch and those members as a whole,
// so five versions of one event find each other in an empty library as in
// a large one. Nothing here reads more than a bounded number of articles
// per doc, whatever the library's size.
func Place(ctx context.Context, lib Library, docs []Doc, opt Options) (Placement, error) {
	feats := extractDocs(docs)
	opt = opt.withDefaults()
	st, err := frequencies(ctx, lib, feats)
	if err != nil {
		return Placement{}, err
	}
	filings := make([]Filing, len(docs))
	queries := make([]candidateQuery, len(docs))
	parallel(len(feats), func(i int) { queries[i], filings[i] = st.plan(&feats[i], opt) })
	recent, err := recentPostings(ctx, lib, queries)
	if err != nil {
		return Placement{}, err
	}
	// Candidates of each doc (on every core: a look-up the recent
	// postings do not answer reads the library, which serves reads side
	// by side), then all of them read at once.
	cands := make([][]int64, len(docs))
	errs := make([]error, len(docs))
	parallel(len(docs), func(i int) { cands[i], errs[i] = candidates(ctx, lib, queries[i], recent) })
	for _, err := range errs {
		if err != nil {
			return Placement{}, err
		}
	}
	var ids []int64
	seen := map[int64]bool{}
	for _, c := range cands {
		for _, id := range c {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	libDocs, err := lib.Docs(ctx, ids)
	if err != nil {
		return Placement{}, err
	}
	// In id order, however the library read them (a Pending reads its
	// batch apart), so that the scoring index is built the same way.
	slices.SortFunc(libDocs, func(a, b Doc) int { return cmp.Compare(a.ID, b.ID) })
	stories := matchStories(docs, feats, cands, libDocs, opt)
	neighbours, err := storyMembers(ctx, lib, stories, libDocs)
	if err != nil {
		return Placement{}, err
	}
	all := make([]Doc, 0, len(docs)+len(neighbours))
	for i, d := range docs {
		all = append(all, Doc{ID: int64(i), Group: d.Group, Features: &feats[i]})
	}
	all = append(all, neighbours...)
	got := Group(all, Options{Window: opt.Window})
	known := map[int64]bool{}
	for _, d := range all {
		if d.Group != 0 {
			known[d.Group] = true
		}
	}
	out := make([]int64, len(docs))
	for i := range docs {
		if g := got[i]; known[g] {
			out[i] = g
		} else {
			out[i] = -g
		}
	}
	return Placement{Targets: out, Features: feats, Filings: filings}, nil
}

// File is the filing of articles stored without one (put in a story by
// hand, or stored before the library kept postings): what Place would
// have returned for them, with their features (Targets is nil).
func File(ctx context.Context, lib Library, docs []Doc) (Placement, error) {
	feats := extractDocs(docs)
	st, err := frequencies(ctx, lib, feats)
	if err != nil {
		return Placement{}, err
	}
	out := Placement{Features: feats, Filings: make([]Filing, len(docs))}
	opt := Options{}.withDefaults()
	for i := range feats {
		_, out.Filings[i] = st.plan(&feats[i], opt)
	}
	return out, nil
}

// extractDocs is each doc's features, computed on every core where not
// given.
func extractDocs(docs []Doc) []Features {
	feats := make([]Features, len(docs))
	var missing []int
	for i, d := range docs {
		if d.Features == nil {
			missing = append(missing, i)
			continue
		}
		feats[i] = docFeatures(d)
	}
	parallel(len(missing), func(k int) { feats[missing[k]] = docFeatures(docs[missing[k]]) })
	return feats
}

// libraryStats are a library's document frequencies for the keys of one
// batch.
type libraryStats struct {
	df map[Key]int
	n  int
}

func frequencies(ctx context.Context, lib Library, feats []Features) (libraryStats, error) {
	seen := map[Key]bool{}
	var keys []Key
	add := func(k Key) {
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	for i := range feats {
		for _, t := range feats[i].Terms {
			add(TermKey(t.Word))
		}
		for _, e := range feats[i].Entities {
			add(EntityKey(e))
		}
	}
	df, n, err := lib.Frequencies(ctx, keys)
	return libraryStats{df, n}, err
}

// idf is the index's ln(1 + (N+1)/(df+1)).
func (st libraryStats) idf(k Key) float64 {
	return math.Log(1 + float64(st.n+1)/float64(st.df[k]+1))
}

// plan is how one doc is looked up and filed: its weightiest words (the
// index's maxDocTerms counted, libraryTerms posted and looked up), its names
// (all posted and counted, the rarest looked up).
func (st libraryStats) plan(f *Features, opt Options) (candidateQuery, Filing) {
	type weighted struct {
		k Key
		w float64
	}
	terms := make([]weighted, len(f.Terms))
	for i, t := range f.Terms {
		k := TermKey(t.Word)
		terms[i] = weighted{k, (1 + math.Log(float64(t.Count))) * st.idf(k)}
	}
	// Only the maxDocTerms weightiest count.
	terms = firstSorted(terms, maxDocTerms, func(a, b weighted) bool { return a.w > b.w || (a.w == b.w && a.k < b.k) })
	var q candidateQuery
	var fl Filing
	if !f.Published.IsZero() {
		q.Published = f.Published.Unix()
		fl.Published = q.Published
	}
	q.Window = int64(opt.Window.Seconds())
	q.Scan, q.Limit = libraryScan, libraryCandidates
	// Each list made to its length at once, not grown by doubling: a
	// batch plans a few hundred of each.
	// (Grow leaves a list nil when nothing is to go in it.)
	fl.Counted = slices.Grow(fl.Counted, len(terms)+len(f.Entities))
	fl.Posted = slices.Grow(fl.Posted, min(len(terms), libraryTerms)+len(f.Entities))
	q.Keys = slices.Grow(q.Keys, min(len(terms), libraryTerms)+min(len(f.Entities), queryEntities))
	q.Weights = slices.Grow(q.Weights, cap(q.Keys))
	for i, t := range terms {
		fl.Counted = append(fl.Counted, t.k)
		if i < libraryTerms {
			fl.Posted = append(fl.Posted, t.k)
			if st.df[t.k] > 0 {
				q.Keys, q.Weights = append(q.Keys, t.k), append(q.Weights, st.idf(t.k))
			}
		}
	}
	ents := make([]Key, len(f.Entities))
	for i, e := range f.Entities {
		ents[i] = EntityKey(e)
	}
	fl.Counted = append(fl.Counted, ents...)
	fl.Posted = append(fl.Posted, ents...)
	known := slices.DeleteFunc(slices.Clone(ents), func(k Key) bool { return st.df[k] == 0 })
	sort.Slice(known, func(i, j int) bool {
		if st.df[known[i]] != st.df[known[j]] {
			return st.df[known[i]] < st.df[known[j]]
		}
		return known[i] < known[j]
	})
	if len(known) > queryEntities {
		known = known[:queryEntities]
	}
	for _, k := range known {
		q.Keys, q.Weights = append(q.Keys, k), append(q.Weights, st.idf(k))
	}
	for _, w := range q.Weights {
		q.MinWeight += w
	}
	q.MinWeight *= minCandidateShare
	return q, fl
}

// recentPostings reads the recent postings of every key the queries look
// up, once for the batch.
func recentPostings(ctx context.Context, lib Library, queries []candidateQuery) (map[Key]Recent, error) {
	seen := map[Key]bool{}
	var keys []Key
	for _, q := range queries {
		for _, k := range q.Keys {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	if len(keys) == 0 {
		return nil, nil
	}
	return lib.Recent(ctx, keys)
}

// candidates is up to q.Limit filed articles, the heaviest first by the
// summed weights of the keys they are filed under, reading the newest
// q.Scan of each key's list (within the window of publication, and the
// undated; all of them for an undated arrival): from the key's recent
// postings, or from the library when those do not cover the window.
func candidates(ctx context.Context, lib Library, q candidateQuery, recent map[Key]Recent) ([]int64, error) {
	// Each key adds its weight once to each article it reads: gathered
	// in key order and summed per article in that order. A hit is its
	// article and the index of its key packed in one number, so that
	// sorting them (most of the work here) compares integers.
	const keyBits = 8
	if len(q.Keys) >= 1<<keyBits {
		return nil, fmt.Errorf("group: %d keys in one look-up", len(q.Keys))
	}
	var from, to int64
	var late []Key        // keys whose recent postings do not cover the window
	var dated [][]Posting // each key's postings in the window, nil when late
	if q.Published != 0 {
		from, to = max(1, q.Published-q.Window), q.Published+q.Window
		dated = make([][]Posting, len(q.Keys))
		for i, k := range q.Keys {
			in, complete := recent[k].window(from, to, q.Scan)
			if !complete {
				late = append(late, k)
				continue
			}
			dated[i] = in
		}
	}
	var listed map[Key][]Posting
	if len(late) > 0 {
		var err error
		if listed, err = lib.Postings(ctx, late, from, to, q.Scan); err != nil {
			return nil, err
		}
	}
	scratch := hitsScratch.Get().(*[]uint64)
	hits := (*scratch)[:0]
	defer func() {
		*scratch = hits[:0]
		hitsScratch.Put(scratch)
	}()
	var read []Posting
	for i, k := range q.Keys {
		r := recent[k]
		read = read[:0]
		if q.Published == 0 {
			read = r.newest(read, q.Scan)
		} else {
			in := dated[i]
			if in == nil {
				in = listed[k] // late: read from the library
			}
			read = append(read, in...)
			for _, id := range r.Undated[:min(len(r.Undated), q.Scan)] {
				read = append(read, Posting{Article: id})
			}
		}
		for _, p := range read {
			if p.Article < 0 || p.Article >= 1<<(63-keyBits) {
				return nil, fmt.Errorf("group: article %d out of range", p.Article)
			}
			hits = append(hits, uint64(p.Article)<<keyBits|uint64(i))
		}
	}
	slices.Sort(hits)
	type summed struct {
		article int64
		w       float64
	}
	var sums []summed
	for i := 0; i < len(hits); {
		s := summed{article: int64(hits[i] >> keyBits)}
		for ; i < len(hits) && int64(hits[i]>>keyBits) == s.article; i++ {
			s.w += q.Weights[hits[i]&(1<<keyBits-1)]
		}
		if s.w >= q.MinWeight {
			sums = append(sums, s)
		}
	}
	slices.SortFunc(sums, func(a, b summed) int {
		if a.w != b.w {
			if a.w > b.w {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.article, b.article)
	})
	ids := make([]int64, min(len(sums), q.Limit))
	for i := range ids {
		ids[i] = sums[i].article
	}
	return ids, nil
}

// hitsScratch holds candidates' lists of hits for reuse: an arrival's
// look-up gathers a few thousand, and a list made for each arrival of a
// batch was a tenth of the memory placing it allocated.
var hitsScratch = sync.Pool{New: func() any { return new([]uint64) }}

// matchStories picks, for each free doc, the story of its most similar
// candidate (however weak: the joint grouping decides), scored as an index
// of the candidates and the batch scores them.
func matchStories(docs []Doc, feats []Features, cands [][]int64, libDocs []Doc, opt Options) []int64 {
	if len(libDocs) == 0 {
		return nil
	}
	ix := newScoringIndex(Options{Threshold: opt.Threshold, Window: opt.Window}, len(libDocs))
	for _, d := range libDocs {
		ix.addPinned(d)
	}
	// Each doc is scored on its own core; the index only reads from now
	// on.
	ix.freeze()
	closest := make([][]Match, len(docs))
	parallel(len(docs), func(i int) {
		if docs[i].Group != 0 || len(cands[i]) == 0 {
			return
		}
		q := ix.query(&feats[i])
		best := map[int64]Match{} // by story
		for _, id := range cands[i] {
			slot, ok := ix.slotOf[id]
			if !ok {
				continue
			}
			e := &ix.docs[slot]
			s := ix.similarity(&q, e)
			if m, ok := best[e.group]; s > 0 && (!ok || s > m.Score || (s == m.Score && e.id < m.Article)) {
				best[e.group] = Match{Group: e.group, Article: e.id, Score: s}
			}
		}
		ranked := make([]Match, 0, len(best))
		for _, m := range best {
			ranked = append(ranked, m)
		}
		sort.Slice(ranked, func(a, b int) bool {
			if ranked[a].Score != ranked[b].Score {
				return ranked[a].Score > ranked[b].Score
			}
			return ranked[a].Article < ranked[b].Article
		})
		closest[i] = ranked[:min(len(ranked), matchedStories)]
	})
	var stories []int64
	picked := map[int64]bool{}
	for _, ms := range closest {
		for _, m := range ms {
			if !picked[m.Group] {
				picked[m.Group] = true
				stories = append(stories, m.Group)
			}
		}
	}
	return stories
}

// storyMembers reads the newest members of each story, as docs pinned to
// it with negated IDs (apart from the batch's own).
func storyMembers(ctx context.Context, lib Library, stories []int64, have []Doc) ([]Doc, error) {
	byID := make(map[int64]*Doc, len(have))
	for i := range have {
		byID[have[i].ID] = &have[i]
	}
	var need []int64
	var order []int64
	for _, s := range stories {
		ids, err := lib.Members(ctx, s, neighbourMembers)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			order = append(order, id)
			if byID[id] == nil {
				need = append(need, id)
			}
		}
	}
	if len(need) > 0 {
		more, err := lib.Docs(ctx, need)
		if err != nil {
			return nil, err
		}
		for i := range more {
			byID[more[i].ID] = &more[i]
		}
	}
	var out []Doc
	done := map[int64]bool{}
	for _, id := range order {
		d := byID[id]
		if d == nil || done[id] {
			continue
		}
		done[id] = true
		out = append(out, Doc{ID: -id, Group: d.Group, Features: d.Features})
	}
	return out, nil
}
