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
