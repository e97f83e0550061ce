package group

import (
	"cmp"
	"context"
	"slices"
	"sort"
	"sync/atomic"
	"testing"
)

// memLibrary is a Library in memory with the store's semantics, for
// testing placement without SQL.
type memLibrary struct {
	docs     map[int64]*memDoc
	postings map[Key][]int64
	df       map[Key]int
	story    int64 // the last story made
	reads    int   // articles read back by Docs
	// postingReads counts look-ups of posting lists (Postings, which
	// Place calls from several goroutines at once).
	postingReads atomic.Int64
}

type memDoc struct {
	id, story int64
	f         Features
	pub       int64
}

func newMemLibrary() *memLibrary {
	return &memLibrary{docs: map[int64]*memDoc{}, postings: map[Key][]int64{}, df: map[Key]int{}}
}

func (m *memLibrary) Frequencies(_ context.Context, keys []Key) (map[Key]int, int, error) {
	out := map[Key]int{}
	for _, k := range keys {
		if n := m.df[k]; n > 0 {
			out[k] = n
		}
	}
	return out, len(m.docs), nil
}

func (m *memLibrary) Recent(_ context.Context, keys []Key) (map[Key]Recent, error) {
	out := map[Key]Recent{}
	for _, k := range keys {
		var r Recent
		for _, id := range m.postings[k] {
			r.Add(Posting{Published: m.docs[id].pub, Article: id})
		}
		if len(r.Dated)+len(r.Undated) > 0 {
			out[k] = r
		}
	}
	return out, nil
}

func (m *memLibrary) Postings(_ context.Context, keys []Key, from, to int64, limit int) (map[Key][]Posting, error) {
	m.postingReads.Add(1)
	out := map[Key][]Posting{}
	for _, key := range keys {
		var list []Posting
		for _, id := range m.postings[key] {
			if pub := m.docs[id].pub; pub != 0 && pub >= from && pub <= to {
				list = append(list, Posting{Published: pub, Article: id})
			}
		}
		slices.SortFunc(list, newerPosting)
		out[key] = list[:min(len(list), limit)]
	}
	return out, nil
}

// candidates reads every posting of the query's keys: what candidates
// must return from recent postings and the few look-ups they leave.
func (m *memLibrary) candidates(q candidateQuery) []int64 {
	sum := map[int64]float64{}
	for i, k := range q.Keys {
		var dated, undated []*memDoc
		for _, id := range m.postings[k] {
			d := m.docs[id]
			switch {
			case d.pub == 0:
				undated = append(undated, d)
			case q.Published == 0 || (d.pub >= max(1, q.Published-q.Window) && d.pub <= q.Published+q.Window):
				dated = append(dated, d)
			}
		}
		newest := func(a, b *memDoc) int { return cmp.Or(cmp.Compare(b.pub, a.pub), cmp.Compare(b.id, a.id)) }
		if q.Published == 0 {
			dated = append(dated, undated...)
			undated = nil
		}
		slices.SortFunc(dated, newest)
		slices.SortFunc(undated, newest)
		for _, list := range [][]*memDoc{dated, undated} {
			for j, d := range list {
				if j == q.Scan {
					break
				}
				sum[d.id] += q.Weights[i]
			}
		}
	}
	var ids []int64
	for id, w := range sum {
		if w >= q.MinWeight {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool {
		if sum[ids[i]] != sum[ids[j]] {
			return sum[ids[i]] > sum[ids[j]]
		}
		return ids[i] < ids[j]
	})
	if len(ids) > q.Limit {
		ids = ids[:q.Limit]
	}
	return ids
}

func (m *memLibrary) Docs(_ context.Context, ids []int64) ([]Doc, error) {
	var out []Doc
	for _, id := range ids {
		if d := m.docs[id]; d != nil {
			m.reads++
			f := d.f
			out = append(out, Doc{ID: id, Group: d.story, Published: f.Published, Features: &f})
		}
	}
	return out, nil
}

func (m *memLibrary) Members(_ context.Context, story int64, limit int) ([]int64, error) {
	var ids []int64
	for id, d := range m.docs {
		if d.story == story {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	slices.Reverse(ids)
	if len(ids) > limit {
		ids = ids[:limit]
	}
	return ids, nil
}

// add stores docs as placed (their IDs are the library's), returning each
// one's story.
func (m *memLibrary) add(docs []Doc, p Placement) []int64 {
	created := map[int64]int64{}
	out := make([]int64, len(docs))
	for i, d := range docs {
		story := d.Group
		switch t := p.Targets[i]; {
		case story != 0:
		case t > 0:
			story = t
		case t < 0 && created[t] != 0:
			story = created[t]
		default:
			m.story++
			story = m.story
			if t < 0 {
				created[t] = story
			}
		}
		m.story = max(m.story, story)
		fl := p.Filings[i]
		m.docs[d.ID] = &memDoc{id: d.ID, story: story, f: p.Features[i], pub: fl.Published}
		for _, k := range fl.Posted {
			m.postings[k] = append(m.postings[k], d.ID)
		}
		for _, k := range fl.Counted {
			m.df[k]++
		}
		out[i] = story
	}
	return out
}

// placeAll places docs into an empty library in batches of n, in order of
// publication (as they would arrive), and returns each doc's story.
func placeAll(t *testing.T, docs []Doc, n int) ([]int64, *memLibrary) {
	t.Helper()
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return docs[order[a]].Published.Before(docs[order[b]].Published) })
	lib := newMemLibrary()
	got := make([]int64, len(docs))
	for start := 0; start < len(order); start += n {
		batch := order[start:min(start+n, len(order))]
		ds := make([]Doc, len(batch))
		for k, i := range batch {
			ds[k] = docs[i]
			ds[k].ID = int64(i + 1)
		}
		p, err := Place(context.Background(), lib, ds, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for k, s := range lib.add(ds, p) {
			got[batch[k]] = s
		}
	}
	return got, lib
}

// Articles placed into a library as they arrive, one at a time or a few
// at a time, group nearly as well as all of them grouped at once, and
// placing reads a bounded number of articles back whatever the library's
// size.
func TestPlaceQuality(t *testing.T) {
	docs, truth := truthOf(genCorpus(1, 36, 320))
	_, _, whole := pairScores(truth, Group(docs, Options{}))
	for _, n := range []int{1, 16, 256} {
		got, lib := placeAll(t, docs, n)
		p, r, f := pairScores(truth, got)
		t.Logf("batches of %d: P=%.3f R=%.3f F1=%.3f (all at once %.3f); %.1f articles read per arrival", n, p, r, f, whole, float64(lib.reads)/float64(len(docs)))
		if f < whole-0.05 {
			t.Errorf("batches of %d: pairwise F1 %.3f, want at least %.3f", n, f, whole-0.05)
		}
		if per := lib.reads / len(docs); per > libraryCandidates+neighbourMembers*2 {
			t.Errorf("batches of %d: %d articles read per arrival", n, per)
		}
	}
}

// TestEvalPlaced places the real stories and events as they would arrive
// (one at a time, as feed items do, and in batches of 16) and logs
// pairwise F1 beside Group's of all at once.
func TestEvalPlaced(t *testing.T) {
	// The floors sit under what the index this replaced scored on the
	// same arrivals (stories 0.790 and 0.917, events 0.583 and 0.502, in
	// batches of 1 and 16) and what this scores (0.853 and 0.917, 0.504
	// and 0.523; 0.514 and 0.513 before Place took the matched articles
	// in id order, session 9): an arrival weighed against a few stored articles finds
	// fewer of the ECB+ events' undated one-sentence-a-line rewrites than
	// all of them grouped at once do.
	for _, set := range []struct {
		name   string
		load   func(*testing.T) ([]Doc, []int)
		floors map[int]float64
	}{
		{"stories", evalStories, map[int]float64{1: 0.82, 16: 0.89}},
		{"events", evalEvents, map[int]float64{1: 0.48, 16: 0.48}},
	} {
		docs, truth := set.load(t)
		for _, n := range []int{1, 16} {
			got, _ := placeAll(t, docs, n)
			p, r, f := pairScores(truth, got)
			t.Logf("EVAL: placing %s in batches of %d P=%.3f R=%.3f F1=%.3f", set.name, n, p, r, f)
			if f < set.floors[n] {
				t.Errorf("%s in batches of %d: pairwise F1 %.3f, want at least %.2f", set.name, n, f, set.floors[n])
			}
		}
	}
}
