package group

import (
	"errors"
	"runtime"
	"sort"
	"sync"
)

// ErrUnknownArticle is returned for an article ID the index does not hold.
var ErrUnknownArticle = errors.New("unknown article")

// Group sorts docs into groups and returns each doc's group, in the order of
// docs. Docs with Group set stay there (pinned: the analyst's choice);
// the others join the group of their most similar earlier doc or start a
// new one, numbered above every pinned group. Docs are taken in order of
// publication, so the result does not depend on the order of docs.
func Group(docs []Doc, opt Options) []int64 {
	feats := make([]Features, len(docs))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				feats[i] = docFeatures(docs[i])
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()

	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		da, db := &docs[order[a]], &docs[order[b]]
		if (da.Group != 0) != (db.Group != 0) {
			return da.Group != 0 // pinned first: they are fixed points
		}
		ta, tb := feats[order[a]].Published, feats[order[b]].Published
		if ta.IsZero() != tb.IsZero() {
			return !ta.IsZero()
		}
		if !ta.Equal(tb) {
			return ta.Before(tb)
		}
		return da.ID < db.ID
	})

	ix := NewIndex(opt)
	out := make([]int64, len(docs))
	for _, i := range order {
		d := docs[i]
		d.Features = &feats[i]
		// Batch IDs may repeat or be zero; slots, not IDs, matter here.
		d.ID = int64(i)
		out[i] = ix.Add(d)
	}
	return out
}
