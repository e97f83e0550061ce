package group

import (
	"context"
	"slices"
)

// PendingBase is where the ids a Pending gives the articles of its batch,
// and the stories they start, begin: above any a library holds.
const PendingBase int64 = 1 << 40

// Pending is a library with a placed batch added to it as if that batch
// were stored: what an import places its next batch against while the
// batch before is still being written, so that placing one batch and
// storing the other share the machine's cores instead of taking turns.
//
// The batch's articles read as stored with ids PendingBase+i (i their
// place in the batch), above every stored article as the ids the library
// will give them are, and in the same order; the stories they start read
// as PendingBase+j, j counting them in the order of their first article,
// the order the library creates them in. Placing against a Pending is
// then placing against the library once the batch is stored, ids aside:
// a target at or above PendingBase names a story the batch starts, and
// First tells which of its articles starts it. Only articles the library
// will store may be in the batch; a batch stored only in part (a
// duplicate within it) makes the placement wrong, and the next batch must
// be placed again.
type Pending struct {
	lib      Library
	filed    int
	df       map[Key]int
	postings map[Key][]Posting // each key's postings, in the batch's order (as the library files them)
	docs     map[int64]Doc
	members  map[int64][]int64 // each story's articles in the batch, newest (highest id) first
	first    map[int64]int     // each started story's first article
}

// NewPending is lib with the batch p places added as if stored (Targets,
// Features and Filings, one per article, as Place returns them).
func NewPending(lib Library, p Placement) *Pending {
	pd := &Pending{lib: lib, df: map[Key]int{}, postings: map[Key][]Posting{},
		docs: make(map[int64]Doc, len(p.Targets)), members: map[int64][]int64{}, first: map[int64]int{}}
	started := map[int64]int64{} // a target below 0 -> its story's id
	for i, t := range p.Targets {
		id := PendingBase + int64(i)
		story := t
		if t <= 0 {
			s, ok := started[t]
			if !ok || t == 0 {
				s = PendingBase + int64(len(pd.first))
				pd.first[s] = i
				started[t] = s
			}
			story = s
		}
		f := &p.Features[i]
		pd.docs[id] = Doc{ID: id, Group: story, Published: f.Published, Features: f}
		pd.members[story] = append(pd.members[story], id)
		fl := p.Filings[i]
		for _, k := range fl.Posted {
			pd.postings[k] = append(pd.postings[k], Posting{Published: fl.Published, Article: id})
		}
		for _, k := range fl.Counted {
			pd.df[k]++
		}
		pd.filed++
	}
	for _, ids := range pd.members {
		slices.Reverse(ids)
	}
	return pd
}

// First is the place in the batch of the article that starts story (a
// target at or above PendingBase); ok is false for any other story.
func (pd *Pending) First(story int64) (i int, ok bool) {
	i, ok = pd.first[story]
	return i, ok
}

// Frequencies implements Library.
func (pd *Pending) Frequencies(ctx context.Context, keys []Key) (map[Key]int, int, error) {
	df, n, err := pd.lib.Frequencies(ctx, keys)
	if err != nil {
		return nil, 0, err
	}
	for _, k := range keys {
		if c := pd.df[k]; c > 0 {
			df[k] += c
		}
	}
	return df, n + pd.filed, nil
}

// Recent implements Library: the library's recent postings of each key
// with the batch's added, as filing adds them.
func (pd *Pending) Recent(ctx context.Context, keys []Key) (map[Key]Recent, error) {
	out, err := pd.lib.Recent(ctx, keys)
	if err != nil {
		return nil, err
	}
	for _, k := range keys {
		ps := pd.postings[k]
		if len(ps) == 0 {
			continue
		}
		r := out[k]
		for _, p := range ps {
			r.Add(p)
		}
		if out == nil {
			out = map[Key]Recent{}
		}
		out[k] = r
	}
	return out, nil
}

// Postings implements Library.
func (pd *Pending) Postings(ctx context.Context, keys []Key, from, to int64, limit int) (map[Key][]Posting, error) {
	out, err := pd.lib.Postings(ctx, keys, from, to, limit)
	if err != nil || from > to || limit <= 0 {
		return out, err
	}
	for _, k := range keys {
		added := false
		list := out[k]
		for _, p := range pd.postings[k] {
			if p.Published != 0 && p.Published >= from && p.Published <= to {
				list = append(list, p)
				added = true
			}
		}
		if added {
			slices.SortFunc(list, newerPosting)
			if out == nil {
				out = map[Key][]Posting{}
			}
			out[k] = list[:min(len(list), limit)]
		}
	}
	return out, nil
}

// Docs implements Library.
func (pd *Pending) Docs(ctx context.Context, ids []int64) ([]Doc, error) {
	var stored, batch []int64
	for _, id := range ids {
		if id >= PendingBase {
			batch = append(batch, id)
		} else {
			stored = append(stored, id)
		}
	}
	var out []Doc
	if len(stored) > 0 {
		var err error
		if out, err = pd.lib.Docs(ctx, stored); err != nil {
			return nil, err
		}
	}
	for _, id := range batch {
		if d, ok := pd.docs[id]; ok {
			out = append(out, d)
		}
	}
	return out, nil
}

// Members implements Library: the batch's articles are the newest.
func (pd *Pending) Members(ctx context.Context, story int64, limit int) ([]int64, error) {
	mine := pd.members[story]
	out := slices.Clone(mine[:min(len(mine), limit)])
	if len(out) == limit || story >= PendingBase {
		return out, nil
	}
	more, err := pd.lib.Members(ctx, story, limit-len(out))
	if err != nil {
		return nil, err
	}
	return append(out, more...), nil
}
