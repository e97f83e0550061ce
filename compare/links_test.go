package compare

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"
)

// linkStory is two versions where the engine pairs the first paragraphs
// and misses that the third of a and the second of b tell the same thing
// in other words.
func linkStory() []Version {
	return []Version{
		body("a",
			"The Varnes dam will be raised by four metres to protect the valley from spring floods.",
			"Engineers from the water board said the work would take three summers.",
			"Anglers are unhappy."),
		body("b",
			"The Varnes dam will be raised by four metres to protect the valley from the spring floods.",
			"Fishing clubs voiced their displeasure on Monday."),
	}
}

// linkedPair returns the pair between a's paragraph pa and b's pb, if any.
func linkedPair(c *Comparison, pa, pb int) (Pair, bool) {
	for _, p := range c.PairsBetween("a", "b") {
		if p.A.Paragraph == pa && p.B.Paragraph == pb {
			return p, true
		}
	}
	return Pair{}, false
}

// samePassage reports whether two paragraphs end in one passage.
func samePassage(c *Comparison, a, b ParaRef) bool {
	pa, pb := c.PassageOf(a), c.PassageOf(b)
	return pa >= 0 && pa == pb
}

func TestLinksOverrideAlignment(t *testing.T) {
	a1, b1 := ParaRef{Version: "a", Paragraph: 1}, ParaRef{Version: "b", Paragraph: 1}
	a3, b2 := ParaRef{Version: "a", Paragraph: 3}, ParaRef{Version: "b", Paragraph: 2}
	plain, err := Compare(linkStory())
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := linkedPair(plain, 1, 1); !ok {
		t.Fatal("the engine should pair the first paragraphs")
	}
	if _, ok := linkedPair(plain, 3, 2); ok || samePassage(plain, a3, b2) {
		t.Fatal("the fixture should leave a¶3 and b¶2 apart")
	}
	tests := []struct {
		name   string
		links  []ParaLink
		paired map[[2]int]bool // a paragraph, b paragraph -> paired
		manual [2]int          // the pair marked manual, if any
	}{
		{"a link pairs what the engine missed", []ParaLink{{A: a3, B: b2}},
			map[[2]int]bool{{1, 1}: true, {3, 2}: true}, [2]int{3, 2}},
		{"a link given from b's side", []ParaLink{{A: b2, B: a3}},
			map[[2]int]bool{{1, 1}: true, {3, 2}: true}, [2]int{3, 2}},
		{"an unlink undoes the engine's pair", []ParaLink{{A: a1, B: b1, Unlink: true}},
			map[[2]int]bool{{1, 1}: false, {3, 2}: false}, [2]int{}},
		{"a link on a pair the engine made marks it", []ParaLink{{A: a1, B: b1}},
			map[[2]int]bool{{1, 1}: true}, [2]int{1, 1}},
		{"the last word counts", []ParaLink{{A: a3, B: b2}, {A: b2, B: a3, Unlink: true}},
			map[[2]int]bool{{1, 1}: true, {3, 2}: false}, [2]int{}},
		{"links to nothing are passed over", []ParaLink{
			{A: ParaRef{Version: "a", Paragraph: 9}, B: b2},
			{A: ParaRef{Version: "z", Paragraph: 1}, B: b2},
			{A: a1, B: ParaRef{Version: "a", Paragraph: 2}},
		}, map[[2]int]bool{{1, 1}: true, {3, 2}: false}, [2]int{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := CompareWith(linkStory(), Options{Links: tc.links})
			if err != nil {
				t.Fatal(err)
			}
			if err := checkComparison(c); err != nil {
				t.Fatal(err)
			}
			for k, want := range tc.paired {
				p, got := linkedPair(c, k[0], k[1])
				if got != want {
					t.Errorf("a¶%d–b¶%d paired = %v, want %v", k[0], k[1], got, want)
				}
				if got && p.Manual != (k == tc.manual) {
					t.Errorf("a¶%d–b¶%d manual = %v", k[0], k[1], p.Manual)
				}
				inOne := samePassage(c, ParaRef{Version: "a", Paragraph: k[0]}, ParaRef{Version: "b", Paragraph: k[1]})
				if want && !inOne {
					t.Errorf("a¶%d and b¶%d are paired but not in one passage", k[0], k[1])
				}
			}
			if tc.manual == [2]int{3, 2} {
				p, _ := linkedPair(c, 3, 2)
				if len(p.Ops) == 0 {
					t.Error("a linked pair has no diff")
				}
			}
		})
	}
}

// TestLinksOrderIndependent: the same links give the same comparison
// whatever the order of the versions and of the links.
func TestLinksOrderIndependent(t *testing.T) {
	links := []ParaLink{
		{A: ParaRef{Version: "a", Paragraph: 3}, B: ParaRef{Version: "b", Paragraph: 2}},
		{A: ParaRef{Version: "a", Paragraph: 1}, B: ParaRef{Version: "b", Paragraph: 1}, Unlink: true},
	}
	c1, err := CompareWith(linkStory(), Options{Links: links})
	if err != nil {
		t.Fatal(err)
	}
	vs := linkStory()
	slices.Reverse(vs)
	rl := slices.Clone(links)
	slices.Reverse(rl)
	c2, err := CompareWith(vs, Options{Links: rl})
	if err != nil {
		t.Fatal(err)
	}
	j1, _ := json.Marshal(c1)
	j2, _ := json.Marshal(c2)
	if !bytes.Equal(j1, j2) {
		t.Error("reordered versions and links give another comparison")
	}
	if CacheKeyWith(linkStory(), Options{Links: links}) != CacheKeyWith(vs, Options{Links: rl}) {
		t.Error("the cache key depends on the order of the links")
	}
}

func TestCacheKeyWithLinks(t *testing.T) {
	vs := linkStory()
	link := ParaLink{A: ParaRef{Version: "a", Paragraph: 3}, B: ParaRef{Version: "b", Paragraph: 2}}
	none := CacheKeyWith(vs, Options{})
	if none != CacheKey(vs) {
		t.Error("without links the key should be CacheKey's")
	}
	linked := CacheKeyWith(vs, Options{Links: []ParaLink{link}})
	link.Unlink = true
	unlinked := CacheKeyWith(vs, Options{Links: []ParaLink{link}})
	if linked == none || unlinked == none || linked == unlinked {
		t.Errorf("keys should differ: %s / %s / %s", none, linked, unlinked)
	}
}
