package group

import (
	"testing"
	"time"
)

// pairScores is pairwise precision, recall and F1 of a grouping: over all
// pairs of docs, a pair is predicted when got puts both in one group and
// true when truth does. It counts pairs per group, not by enumerating them.
func pairScores(truth []int, got []int64) (p, r, f float64) {
	type cell struct {
		t int
		g int64
	}
	byTruth, byGot, byBoth := map[int]int{}, map[int64]int{}, map[cell]int{}
	for i := range truth {
		byTruth[truth[i]]++
		byGot[got[i]]++
		byBoth[cell{truth[i], got[i]}]++
	}
	pairs := func(n int) float64 { return float64(n*(n-1)) / 2 }
	var tp, predicted, actual float64
	for _, n := range byBoth {
		tp += pairs(n)
	}
	for _, n := range byGot {
		predicted += pairs(n)
	}
	for _, n := range byTruth {
		actual += pairs(n)
	}
	p, r = 1, 1
	if predicted > 0 {
		p = tp / predicted
	}
	if actual > 0 {
		r = tp / actual
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func TestPairScores(t *testing.T) {
	cases := []struct {
		name    string
		truth   []int
		got     []int64
		p, r, f float64
	}{
		{"perfect", []int{1, 1, 2, 2, 3}, []int64{7, 7, 8, 8, 9}, 1, 1, 1},
		{"all apart", []int{1, 1, 2, 2}, []int64{1, 2, 3, 4}, 1, 0, 0},
		{"all together", []int{1, 1, 2, 2}, []int64{1, 1, 1, 1}, 2.0 / 6, 1, 0.5},
		{"one wrong", []int{1, 1, 1, 2}, []int64{1, 1, 2, 2}, 0.5, 1.0 / 3, 0.4},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, r, f := pairScores(tc.truth, tc.got)
			if !near(p, tc.p) || !near(r, tc.r) || !near(f, tc.f) {
				t.Errorf("got P=%.3f R=%.3f F=%.3f, want P=%.3f R=%.3f F=%.3f", p, r, f, tc.p, tc.r, tc.f)
			}
		})
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func truthOf(docs []fixtureDoc) ([]Doc, []int) {
	ds := make([]Doc, len(docs))
	truth := make([]int, len(docs))
	for i, d := range docs {
		ds[i], truth[i] = d.Doc, d.event
	}
	return ds, truth
}

// TestGroupQuality groups the fixture corpus (36 stories in 3-6 versions,
// 320 unrelated articles, same-topic siblings in the same week) and fails
// below 0.9 pairwise F1.
func TestGroupQuality(t *testing.T) {
	for _, seed := range []int64{1, 2, 3} {
		docs, truth := truthOf(genCorpus(seed, 36, 320))
		got := Group(docs, Options{})
		p, r, f := pairScores(truth, got)
		t.Logf("seed %d: %d docs, P=%.3f R=%.3f F1=%.3f", seed, len(docs), p, r, f)
		if f < 0.9 {
			t.Errorf("seed %d: pairwise F1 %.3f < 0.9 (P=%.3f R=%.3f)", seed, f, p, r)
		}
	}
}

// TestSameTopicDifferentEvent checks that sibling events (same topic, same
// week, shared region and law or company) are never grouped together.
func TestSameTopicDifferentEvent(t *testing.T) {
	fixture := genCorpus(4, 36, 320)
	docs, truth := truthOf(fixture)
	got := Group(docs, Options{})
	byGroup := map[int64]map[int]bool{}
	for i, g := range got {
		if byGroup[g] == nil {
			byGroup[g] = map[int]bool{}
		}
		byGroup[g][truth[i]] = true
	}
	mixed := 0
	for _, events := range byGroup {
		if len(events) > 1 {
			mixed++
		}
	}
	t.Logf("%d of %d groups mix events", mixed, len(byGroup))
	// A few accidental merges are tolerated (2%); systematic topic merging
	// (every quake with every quake) would mix dozens.
	if mixed*50 > len(byGroup) {
		t.Errorf("%d of %d groups mix different events; want at most 2%%", mixed, len(byGroup))
	}
}

// TestGroupOrderIndependent: the same docs in another order group the same.
func TestGroupOrderIndependent(t *testing.T) {
	docs, _ := truthOf(genCorpus(5, 12, 40))
	a := Group(docs, Options{})
	rev := make([]Doc, len(docs))
	for i := range docs {
		rev[len(docs)-1-i] = docs[i]
	}
	b := Group(rev, Options{})
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			sameA := a[i] == a[j]
			sameB := b[len(docs)-1-i] == b[len(docs)-1-j]
			if sameA != sameB {
				t.Fatalf("docs %d and %d: together=%v in one order, %v in the other", i, j, sameA, sameB)
			}
		}
	}
}

func TestPinnedGroups(t *testing.T) {
	fixture := genCorpus(6, 4, 0)
	docs, truth := truthOf(fixture)
	// The analyst split event 0: its first version is pinned alone in 500,
	// the rest in 600; event 1 is pinned as it is.
	pinned := map[int]int64{}
	first := true
	for i := range docs {
		switch truth[i] {
		case 0:
			if first {
				docs[i].Group, first = 500, false
			} else {
				docs[i].Group = 600
			}
			pinned[i] = docs[i].Group
		case 1:
			docs[i].Group = 700
			pinned[i] = 700
		}
	}
	got := Group(docs, Options{})
	for i, g := range pinned {
		if got[i] != g {
			t.Errorf("pinned doc %d moved from %d to %d", i, g, got[i])
		}
	}
	for i := range docs {
		if _, ok := pinned[i]; ok {
			continue
		}
		if got[i] == 500 || got[i] == 600 || got[i] == 700 {
			t.Errorf("doc %d of event %d joined pinned group %d", i, truth[i], got[i])
		}
		if got[i] <= 700 {
			t.Errorf("new group %d not numbered above the pinned ones", got[i])
		}
	}
}

func TestIndexArrivals(t *testing.T) {
	fixture := genCorpus(7, 3, 0)
	docs, truth := truthOf(fixture)
	ix := NewIndex(Options{})
	groupOfEvent := map[int]int64{}
	var lastOfEvent0 Doc
	for i, d := range docs {
		if truth[i] == 0 {
			lastOfEvent0 = d
			continue // held back to arrive last
		}
		g := ix.Add(d)
		if prev, ok := groupOfEvent[truth[i]]; ok && prev != g {
			t.Fatalf("event %d split across groups %d and %d", truth[i], prev, g)
		}
		groupOfEvent[truth[i]] = g
	}
	if groupOfEvent[1] == groupOfEvent[2] {
		t.Fatalf("events 1 and 2 share group %d", groupOfEvent[1])
	}

	t.Run("new event starts a new group", func(t *testing.T) {
		g := ix.Add(lastOfEvent0)
		for ev, eg := range groupOfEvent {
			if g == eg {
				t.Errorf("unrelated arrival joined group of event %d", ev)
			}
		}
	})
}

func TestTimeWindow(t *testing.T) {
	fixture := genCorpus(8, 1, 0)
	a, b := fixture[0].Doc, fixture[1].Doc
	b.Published = a.Published.Add(40 * 24 * time.Hour)
	got := Group([]Doc{a, b}, Options{})
	if got[0] == got[1] {
		t.Error("versions published 40 days apart grouped together")
	}
	b.Published = a.Published.Add(36 * time.Hour)
	got = Group([]Doc{a, b}, Options{})
	if got[0] != got[1] {
		t.Error("versions published 36 hours apart kept apart")
	}
}

// TestSmallBatch: a batch alone (an empty library) groups by what it holds:
// every story's versions together, and lone articles on other events,
// even of the same kind, apart.
func TestSmallBatch(t *testing.T) {
	for _, seed := range []int64{11, 12, 13, 14, 15} {
		fixture := genCorpus(seed, 2, 4)
		docs, truth := truthOf(fixture)
		got := Group(docs, Options{})
		p, r, f := pairScores(truth, got)
		if f < 1 {
			t.Errorf("seed %d: %d docs of %d events: P=%.3f R=%.3f F1=%.3f, want every story whole and nothing mixed", seed, len(docs), truth[len(truth)-1]+1, p, r, f)
		}
	}
}
