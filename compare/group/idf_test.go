package group

import (
	"math"
	"math/rand"
	"slices"
	"testing"
)

// TestIDFTable checks the idf table, whose entries are computed when first
// asked for, against the formula: after every article added (small
// indexes renew the table's N each time, so stale entries would show),
// asked one by one and after idfFill.
func TestIDFTable(t *testing.T) {
	fixture := genCorpus(7, 30, 40)
	ix := NewIndex(Options{})
	check := func(when string) {
		t.Helper()
		for id := range ix.df {
			want := math.Log(1 + float64(ix.live+1)/float64(int(ix.df[id])+1))
			if got := ix.idf(uint32(id)); got != want {
				t.Fatalf("%s: idf of term %d (df %d, N %d) = %v, want %v", when, id, ix.df[id], ix.live, got, want)
			}
		}
	}
	for i, d := range fixture {
		ix.Add(d.Doc)
		if i%7 == 0 {
			check("asked")
		}
	}
	ix.idfFill()
	for i := range ix.idfTab {
		if want := math.Log(1 + float64(ix.idfN+1)/float64(i+1)); ix.idfTab[i] != want || ix.idfAt[i] != ix.idfGen {
			t.Fatalf("after idfFill: entry %d = %v (generation %d of %d), want %v", i, ix.idfTab[i], ix.idfAt[i], ix.idfGen, want)
		}
	}
	check("filled")
}

// TestSortTerms checks sortTerms against slices.SortFunc with byID.
func TestSortTerms(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	ix := NewIndex(Options{})
	for _, n := range []int{0, 1, 5, 13, 96, 400} {
		ids := r.Perm(5 * (n + 1))[:n]
		ts := make([]termWeight, n)
		for i, id := range ids {
			ts[i] = termWeight{uint32(id), float32(1 + 3*r.Float64())}
		}
		want := slices.Clone(ts)
		slices.SortFunc(want, byID)
		ix.sortTerms(ts)
		if !slices.Equal(ts, want) {
			t.Fatalf("%d terms: got %v, want %v", n, ts, want)
		}
	}
}

// TestQueryOfSlot checks that an indexed article's query made from the
// ids kept at insert (as Group's clustering makes them) is the one query
// makes by looking its words up, on articles pinned as Group indexes them
// and added as Index.Add does.
func TestQueryOfSlot(t *testing.T) {
	fixture := genCorpus(11, 20, 30)
	ix := NewIndex(Options{})
	ix.keepTerms = true
	feats := make([]Features, len(fixture))
	for i, d := range fixture {
		feats[i] = Extract(d.Title, d.Text, d.Published)
		if i%3 == 0 {
			// Add's path: the article is prepared as a query first.
			ix.Add(Doc{ID: int64(i), Features: &feats[i]})
			continue
		}
		ix.addPinned(Doc{ID: int64(i), Group: int64(1 + i%5), Features: &feats[i]})
	}
	ix.idfFill()
	for i := range fixture {
		s := ix.slotOf[int64(i)]
		want, got := ix.query(&feats[i]), ix.queryOfSlot(&feats[i], s)
		if !slices.Equal(got.terms, want.terms) || !slices.Equal(got.weights, want.weights) || got.norm != want.norm ||
			!slices.Equal(got.ents, want.ents) || !slices.Equal(got.entIDF, want.entIDF) || got.entNorm != want.entNorm || got.pub != want.pub {
			t.Fatalf("article %d (slot %d): query of its slot %+v, want %+v", i, s, got, want)
		}
	}
}

// TestTermFrequency checks the table of frequency weights against the
// formula, past its end too.
func TestTermFrequency(t *testing.T) {
	for c := range 200 {
		if got, want := termFrequency(c), float32(1+math.Log(float64(c))); got != want && !(math.IsInf(float64(got), -1) && math.IsInf(float64(want), -1)) {
			t.Fatalf("termFrequency(%d) = %v, want %v", c, got, want)
		}
	}
}
