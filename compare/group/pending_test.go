package group

import (
	"context"
	"slices"
	"sort"
	"testing"
	"time"
)

// day is 9:00 UTC on day d of June 2025.
func day(d int) time.Time { return time.Date(2025, 6, d, 9, 0, 0, 0, time.UTC) }

// placeInTurn places docs into an empty library in batches of n, in order
// of publication, as a library numbers what it stores (ascending from 1),
// and returns each doc's story. With beside, each batch is placed before
// the one ahead of it is stored, against a Pending of that batch, as an
// import overlaps placing with storing.
func placeInTurn(t *testing.T, docs []Doc, n int, beside bool) []int64 {
	t.Helper()
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return docs[order[a]].Published.Before(docs[order[b]].Published) })
	return placeInOrder(t, docs, order, n, beside)
}

// placeInOrder is placeInTurn with the docs arriving in order.
func placeInOrder(t *testing.T, docs []Doc, order []int, n int, beside bool) []int64 {
	t.Helper()
	ctx := context.Background()
	lib := newMemLibrary()
	got := make([]int64, len(docs))
	var nextID int64
	var prev []Doc // the batch placed and not yet stored
	var prevAt []int
	var prevP Placement
	store := func() []int64 {
		for k := range prev {
			nextID++
			prev[k].ID = nextID
		}
		stories := lib.add(prev, prevP)
		for k, s := range stories {
			got[prevAt[k]] = s
		}
		return stories
	}
	for start := 0; start < len(order); start += n {
		batch := order[start:min(start+n, len(order))]
		ds := make([]Doc, len(batch))
		for k, i := range batch {
			ds[k] = docs[i]
		}
		var p Placement
		var err error
		if beside && prev != nil {
			pd := NewPending(lib, prevP)
			p, err = Place(ctx, pd, ds, Options{})
			if err != nil {
				t.Fatal(err)
			}
			stories := store()
			for i, target := range p.Targets {
				if target >= PendingBase {
					first, ok := pd.First(target)
					if !ok {
						t.Fatalf("placed in story %d, which no article of the batch before started", target)
					}
					p.Targets[i] = stories[first]
				}
			}
		} else {
			if prev != nil {
				store()
			}
			if p, err = Place(ctx, lib, ds, Options{}); err != nil {
				t.Fatal(err)
			}
		}
		prev, prevAt, prevP = ds, batch, p
	}
	store()
	return got
}

// Placing a batch against the batch before it as if stored (Pending) puts
// every article where placing it after that batch is stored would: the
// same stories, batch after batch, including stories the batch before
// started.
func TestPendingPlacesAsStored(t *testing.T) {
	docs, truth := truthOf(genCorpus(3, 40, 360))
	for _, n := range []int{1, 8, 37, 64} {
		after := placeInTurn(t, docs, n, false)
		beside := placeInTurn(t, docs, n, true)
		if !slices.Equal(after, beside) {
			diff := 0
			for i := range after {
				if after[i] != beside[i] {
					diff++
				}
			}
			t.Errorf("batches of %d: %d of %d articles placed in another story beside the batch before", n, diff, len(docs))
		}
		_, _, f := pairScores(truth, beside)
		t.Logf("batches of %d: pairwise F1 %.3f", n, f)
	}
	// Arrivals older than what the library holds (newest first, a third
	// of them undated) read dated postings from the library rather than
	// from the recent ones, and undated ones from the recent: the same
	// both ways too.
	undated := slices.Clone(docs)
	for i := range undated {
		if i%3 == 0 {
			undated[i].Published = time.Time{}
		}
	}
	order := make([]int, len(undated))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return undated[order[a]].Published.After(undated[order[b]].Published) })
	for _, n := range []int{8, 64} {
		after := placeInOrder(t, undated, order, n, false)
		beside := placeInOrder(t, undated, order, n, true)
		if !slices.Equal(after, beside) {
			t.Errorf("late and undated arrivals in batches of %d: placed otherwise beside the batch before", n)
		}
	}
}

// A Pending reads as the library with its batch stored: its postings are
// the newest, its articles the newest members of their stories, its keys
// counted, and the stories it starts named from PendingBase.
func TestPendingReads(t *testing.T) {
	ctx := context.Background()
	lib := newMemLibrary()
	old := Extract("Harbour council votes on ferry fares", "The Varnholt harbour council voted on ferry fares on Tuesday.", day(3))
	lib.add([]Doc{{ID: 7}}, Placement{Targets: []int64{-1}, Features: []Features{old},
		Filings: []Filing{{Posted: []Key{TermKey("ferry")}, Counted: []Key{TermKey("ferry"), TermKey("harbour")}, Published: day(3).Unix()}}})
	story := lib.docs[7].story
	a := Extract("Ferry fares rise", "Ferry fares in Varnholt rise by a tenth.", day(4))
	b := Extract("Varnholt mayor resigns", "The mayor of Varnholt resigned on Wednesday.", day(4))
	pd := NewPending(lib, Placement{
		Targets:  []int64{story, -3, -3},
		Features: []Features{a, b, b},
		Filings: []Filing{
			{Posted: []Key{TermKey("ferry")}, Counted: []Key{TermKey("ferry")}, Published: day(4).Unix()},
			{Posted: []Key{TermKey("mayor")}, Counted: []Key{TermKey("mayor")}, Published: day(4).Unix()},
			{Posted: []Key{TermKey("mayor")}, Counted: []Key{TermKey("mayor")}},
		},
	})
	df, n, err := pd.Frequencies(ctx, []Key{TermKey("ferry"), TermKey("harbour"), TermKey("mayor")})
	if err != nil || n != 4 || df[TermKey("ferry")] != 2 || df[TermKey("harbour")] != 1 || df[TermKey("mayor")] != 2 {
		t.Errorf("Frequencies = %v, %d, %v; want ferry 2, harbour 1, mayor 2 of 4", df, n, err)
	}
	rec, err := pd.Recent(ctx, []Key{TermKey("ferry"), TermKey("mayor")})
	if err != nil {
		t.Fatal(err)
	}
	if got := rec[TermKey("ferry")].Dated; len(got) != 2 || got[0].Article != PendingBase || got[1].Article != 7 {
		t.Errorf("recent ferry postings = %v, want the batch's article %d, then 7", got, PendingBase)
	}
	if m := rec[TermKey("mayor")]; len(m.Dated) != 1 || len(m.Undated) != 1 || m.Undated[0] != PendingBase+2 {
		t.Errorf("recent mayor postings = %+v, want one dated and article %d undated", m, PendingBase+2)
	}
	ps, err := pd.Postings(ctx, []Key{TermKey("ferry")}, day(2).Unix(), day(5).Unix(), 1)
	if err != nil || len(ps[TermKey("ferry")]) != 1 || ps[TermKey("ferry")][0].Article != PendingBase {
		t.Errorf("Postings limited to 1 = %v, %v; want the batch's article, the newest", ps, err)
	}
	members, err := pd.Members(ctx, story, 8)
	if err != nil || !slices.Equal(members, []int64{PendingBase, 7}) {
		t.Errorf("Members of the stored story = %v, %v; want [%d 7]", members, err, PendingBase)
	}
	started := PendingBase // the first story the batch starts
	if first, ok := pd.First(started); !ok || first != 1 {
		t.Errorf("First(%d) = %d, %v; want article 1 of the batch", started, first, ok)
	}
	if _, ok := pd.First(story); ok {
		t.Errorf("First of a stored story says the batch started it")
	}
	members, err = pd.Members(ctx, started, 8)
	if err != nil || !slices.Equal(members, []int64{PendingBase + 2, PendingBase + 1}) {
		t.Errorf("Members of the started story = %v, %v", members, err)
	}
	docs, err := pd.Docs(ctx, []int64{PendingBase + 1, 7, 99})
	if err != nil || len(docs) != 2 || docs[0].ID != 7 || docs[1].ID != PendingBase+1 || docs[1].Group != started {
		t.Errorf("Docs = %+v, %v; want 7, then the batch's article in the story it started", docs, err)
	}
}
