package compare

import (
	"cmp"
	"slices"
)

// Guards against chaining when pairwise links are joined into passages.
const (
	// maxParasPerVersion caps how many paragraphs of one version a passage
	// may hold (a merge of more is rare; a chain is likelier).
	maxParasPerVersion = 4
	// maxParaGap is the largest step between consecutive paragraphs of one
	// version inside a passage (2 allows one paragraph between them).
	maxParaGap = 2
)

// buildPassages joins paragraph links into passages: connected components
// built from the link with most evidence down, where a link that would put far-apart
// paragraphs of one version, or too many of them, into one passage is
// refused. Every paragraph belongs to exactly one passage. It returns the
// passages in canonical order and the links it kept.
func (st *story) buildPassages(links []paraLink) ([]Passage, []paraLink) {
	// Global paragraph ids.
	base := make([]int, len(st.vers)+1)
	for vi, v := range st.vers {
		base[vi+1] = base[vi] + len(v.paras)
	}
	n := base[len(st.vers)]
	parent := make([]int, n)
	members := make([][]int, n) // per root: global paragraph ids
	for i := range parent {
		parent[i] = i
		members[i] = []int{i}
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	verOf := func(g int) int {
		vi, _ := slices.BinarySearch(base, g+1)
		return vi - 1
	}
	// Strongest evidence first; ties in the order links come in (by
	// version pair, then paragraphs). Indexes are sorted, not the links,
	// which are large.
	order := make([]int32, len(links))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(i, j int32) int {
		x, y := &links[i], &links[j]
		return cmp.Or(cmpManual(x.manual, y.manual), cmp.Compare(y.mass, x.mass), cmp.Compare(y.score, x.score), cmp.Compare(i, j))
	})
	var kept []paraLink
	for _, li := range order {
		l := links[li]
		x, y := find(base[l.va]+l.pa), find(base[l.vb]+l.pb)
		if x == y {
			kept = append(kept, l)
			continue
		}
		union := append(slices.Clone(members[x]), members[y]...)
		slices.Sort(union)
		if !l.manual && !st.coherent(union, base, verOf) {
			continue
		}
		if len(members[x]) < len(members[y]) {
			x, y = y, x
		}
		parent[y] = x
		members[x] = union
		members[y] = nil
		kept = append(kept, l)
	}
	slices.SortFunc(kept, func(x, y paraLink) int {
		return cmp.Or(cmp.Compare(x.va, y.va), cmp.Compare(x.vb, y.vb), cmp.Compare(x.pa, y.pa), cmp.Compare(x.pb, y.pb))
	})

	// Collect components.
	var comps [][]int
	for g := 0; g < n; g++ {
		if find(g) == g {
			comps = append(comps, members[g])
		}
	}
	keys := st.passageKeys(comps, base, verOf)
	idx := make([]int, len(comps))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(i, j int) int {
		ki, kj := keys[i], keys[j]
		return cmp.Or(cmp.Compare(ki.class, kj.class), cmp.Compare(ki.pos, kj.pos), cmp.Compare(comps[i][0], comps[j][0]))
	})
	out := make([]Passage, 0, len(comps))
	for _, i := range idx {
		p := Passage{Members: []Member{}, Missing: []string{}}
		present := make([]bool, len(st.vers))
		for _, g := range comps[i] {
			vi := verOf(g)
			para := st.vers[vi].paras[g-base[vi]].index
			if len(p.Members) > 0 && p.Members[len(p.Members)-1].Version == st.vers[vi].v.ID {
				m := &p.Members[len(p.Members)-1]
				m.Paragraphs = append(m.Paragraphs, para)
			} else {
				p.Members = append(p.Members, Member{Version: st.vers[vi].v.ID, Paragraphs: []int{para}})
			}
			present[vi] = true
		}
		for vi, ok := range present {
			if !ok {
				p.Missing = append(p.Missing, st.vers[vi].v.ID)
			}
		}
		out = append(out, p)
	}
	return out, kept
}

// cmpManual orders the analyst's links before the engine's.
func cmpManual(x, y bool) int {
	switch {
	case x == y:
		return 0
	case x:
		return -1
	}
	return 1
}

// coherent reports whether a set of global paragraph ids (sorted) may form
// one passage.
func (st *story) coherent(union []int, base []int, verOf func(int) int) bool {
	count := 0
	for i, g := range union {
		if i > 0 && verOf(union[i-1]) == verOf(g) {
			count++
			if g-union[i-1] > maxParaGap {
				return false
			}
		} else {
			count = 1
		}
		if count > maxParasPerVersion {
			return false
		}
	}
	return true
}

// passageKey orders passages: by class (headlines, datelines, content,
// trailers), then by a position on the reference version's scale.
type passageKey struct {
	class int
	pos   float64
}

// passageKeys places each passage. The reference is the version with the
// most paragraphs (lowest ID on ties). A passage the reference holds sits at
// its first paragraph there; any other passage sits just after the
// reference position of the nearest earlier paragraph, in the first version
// (by ID) that holds it, that belongs to a passage the reference holds.
func (st *story) passageKeys(comps [][]int, base []int, verOf func(int) int) []passageKey {
	ref := 0
	for vi, v := range st.vers {
		if len(v.paras) > len(st.vers[ref].paras) {
			ref = vi
		}
	}
	compOf := make([]int, base[len(st.vers)])
	for ci, c := range comps {
		for _, g := range c {
			compOf[g] = ci
		}
	}
	refPos := make([]float64, len(comps))
	for ci := range refPos {
		refPos[ci] = -1
	}
	for ci, c := range comps {
		for _, g := range c {
			if verOf(g) == ref {
				refPos[ci] = float64(g - base[ref])
				break
			}
		}
	}
	// anchorBefore[g] is the nearest paragraph before g in g's version that
	// belongs to a passage the reference holds (-1: none), found in one
	// pass per version rather than by a walk back per passage.
	anchorBefore := make([]int, base[len(st.vers)])
	for vi := range st.vers {
		last := -1
		for g := base[vi]; g < base[vi+1]; g++ {
			anchorBefore[g] = last
			if refPos[compOf[g]] >= 0 {
				last = g
			}
		}
	}
	keys := make([]passageKey, len(comps))
	classRank := [...]int{classHeadline: 0, classDateline: 1, classContent: 2, classTrailer: 3}
	for ci, c := range comps {
		g0 := c[0]
		vi := verOf(g0)
		keys[ci].class = classRank[st.vers[vi].paras[g0-base[vi]].class]
		if refPos[ci] >= 0 {
			keys[ci].pos = refPos[ci]
			continue
		}
		// Walk back in the first member's version to an anchored paragraph;
		// keep that version's own order among passages after one anchor.
		n := float64(len(st.vers[vi].paras) + 1)
		local := g0 - base[vi]
		keys[ci].pos = -1 + 0.9*float64(local+1)/n
		if a := anchorBefore[g0]; a >= 0 {
			k := a - base[vi]
			keys[ci].pos = refPos[compOf[a]] + 0.5 + 0.4*float64(local-k)/n
		}
	}
	return keys
}
