package compare

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	parallax "github.com/parallax-news/parallax"
)

func body(id string, paras ...string) Version {
	v := Version{ID: id}
	for i, p := range paras {
		v.Paragraphs = append(v.Paragraphs, parallax.Paragraph{Ordinal: i + 1, Kind: parallax.KindBody, Text: p})
	}
	return v
}

func TestCompareOrderIndependent(t *testing.T) {
	for _, fs := range loadFixtureStories(t) {
		t.Run(fs.name, func(t *testing.T) {
			c, err := Compare(fs.versions)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := json.Marshal(c)
			r := rand.New(rand.NewPCG(1, 2))
			for range 3 {
				vs := slices.Clone(fs.versions)
				r.Shuffle(len(vs), func(i, j int) { vs[i], vs[j] = vs[j], vs[i] })
				c2, err := Compare(vs)
				if err != nil {
					t.Fatal(err)
				}
				got, _ := json.Marshal(c2)
				if !bytes.Equal(got, want) {
					t.Fatalf("shuffled versions give a different comparison")
				}
			}
		})
	}
}

func TestCompareErrors(t *testing.T) {
	tests := []struct {
		name string
		vs   []Version
	}{
		{"none", nil},
		{"empty id", []Version{body("", "x")}},
		{"duplicate id", []Version{body("a", "x"), body("a", "y")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Compare(tc.vs); err == nil {
				t.Fatal("want an error")
			}
		})
	}
	if _, err := Compare(nil); !errors.Is(err, ErrNoVersions) {
		t.Errorf("Compare(nil) error = %v, want ErrNoVersions", err)
	}
}

// TestMergeIsNM checks that a paragraph merging two others links to both,
// and that the three end in one passage.
func TestMergeIsNM(t *testing.T) {
	a := body("a",
		"The Varnes dam will be raised by four metres to protect the valley from spring floods.",
		"Engineers from the water board said the work would take three summers and cost 80 million crowns.",
		"Fishermen downstream fear the construction will silt up the salmon spawning beds.")
	b := body("b",
		"The Varnes dam is to be raised four metres against spring floods, and engineers from the water board expect three summers of work costing 80 million crowns.",
		"Downstream fishermen worry that building work will silt up salmon spawning beds.")
	c, err := Compare([]Version{a, b})
	if err != nil {
		t.Fatal(err)
	}
	got := c.PairsBetween("a", "b")
	var links [][2]int
	for _, p := range got {
		links = append(links, [2]int{p.A.Paragraph, p.B.Paragraph})
	}
	want := [][2]int{{1, 1}, {2, 1}, {3, 2}}
	if !slices.Equal(links, want) {
		t.Fatalf("links = %v, want %v", links, want)
	}
	if pa, pb := c.PassageOf(ParaRef{Version: "a", Paragraph: 1}), c.PassageOf(ParaRef{Version: "a", Paragraph: 2}); pa != pb || pa != c.PassageOf(ParaRef{Version: "b", Paragraph: 1}) || pa < 0 {
		t.Errorf("merge not in one passage: %d %d %d", pa, pb, c.PassageOf(ParaRef{Version: "b", Paragraph: 1}))
	}
	// In the merged pair, A's side covers a whole paragraph but B's side only
	// the part aligned with it.
	for _, p := range got {
		for _, o := range p.Ops {
			if o.BEnd > len([]rune(b.Paragraphs[0].Text)) || o.AStart > o.AEnd || o.BStart > o.BEnd {
				t.Errorf("op out of range: %+v", o)
			}
		}
	}
}

// TestDiffOpsRunesAndTrivial checks rune offsets with non-ASCII text and
// the trivial marking of style-only changes.
func TestDiffOpsRunesAndTrivial(t *testing.T) {
	tests := []struct {
		name        string
		a, b        string
		wantDeleted string // text of A's first non-equal op ("" if none)
		wantInsert  string
		trivial     bool
	}{
		{"quote style", `Chef Zoé Marchal said "the oven is fine" before the colour test.`, "Chef Zoé Marchal said “the oven is fine” before the colour test.", `"`, "“", true},
		{"british spelling", "Chef Zoé Marchal praised the colour of the harbour at dawn.", "Chef Zoé Marchal praised the color of the harbor at dawn.", "colour", "color", true},
		{"dash style", "The ferry — the last one — left at 23:10 from Tallby harbour.", "The ferry -- the last one -- left at 23:10 from Tallby harbour.", "—", "--", true},
		{"case only", "The Mayor of Tallby opened the new ferry terminal on Monday.", "The mayor of Tallby opened the new ferry terminal on Monday.", "Mayor", "mayor", true},
		{"real change", "Chef Zoé Marchal said 40 people ate at the 习 restaurant.", "Chef Zoé Marchal said 400 people ate at the 习 restaurant.", "40", "400", false},
		{"whitespace only", "Chef  Zoé Marchal  opened the café.", "Chef Zoé Marchal opened the café.", "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Compare([]Version{body("a", tc.a), body("b", tc.b)})
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Pairs) != 1 {
				t.Fatalf("pairs = %d, want 1", len(c.Pairs))
			}
			ar, br := []rune(tc.a), []rune(tc.b)
			var del, ins string
			var triv []bool
			for _, o := range c.Pairs[0].Ops {
				switch o.Op {
				case OpEqual:
					if string(ar[o.AStart:o.AEnd]) != string(br[o.BStart:o.BEnd]) && canonicalText(ar[o.AStart:o.AEnd]) != canonicalText(br[o.BStart:o.BEnd]) {
						t.Errorf("equal op %+v: %q vs %q", o, string(ar[o.AStart:o.AEnd]), string(br[o.BStart:o.BEnd]))
					}
				case OpDelete:
					if del == "" {
						del = string(ar[o.AStart:o.AEnd])
					}
					triv = append(triv, o.Trivial)
				case OpInsert:
					if ins == "" {
						ins = string(br[o.BStart:o.BEnd])
					}
					triv = append(triv, o.Trivial)
				}
			}
			if del != tc.wantDeleted || ins != tc.wantInsert {
				t.Errorf("first change = %q -> %q, want %q -> %q (ops %+v)", del, ins, tc.wantDeleted, tc.wantInsert, c.Pairs[0].Ops)
			}
			for _, tr := range triv {
				if tr != tc.trivial {
					t.Errorf("trivial = %v, want %v (ops %+v)", tr, tc.trivial, c.Pairs[0].Ops)
				}
			}
		})
	}
}

func TestCanonicalSpelling(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"colour", "color"}, {"organised", "organized"}, {"analyse", "analyze"}, {"centre", "center"},
		{"catalogue", "catalog"}, {"travelled", "traveled"}, {"defence", "defense"}, {"programme", "program"},
	} {
		t.Run(tc.a, func(t *testing.T) {
			if canonicalSpelling(tc.a) != canonicalSpelling(tc.b) {
				t.Errorf("%q and %q differ: %q %q", tc.a, tc.b, canonicalSpelling(tc.a), canonicalSpelling(tc.b))
			}
		})
	}
	for _, tc := range []struct{ a, b string }{{"filled", "filed"}, {"tilling", "tiling"}, {"four", "for"}} {
		t.Run(tc.a+" vs "+tc.b, func(t *testing.T) {
			if canonicalSpelling(tc.a) == canonicalSpelling(tc.b) {
				t.Errorf("distinct words %q and %q map to one form", tc.a, tc.b)
			}
		})
	}
}

func TestHelpersAndCacheKey(t *testing.T) {
	a := body("a", "The Orla bridge reopened on Friday after nine months of repairs costing 12 million crowns.")
	b := body("b", "After nine months of repairs costing 12 million crowns, the Orla bridge reopened on Friday.", "Cyclists get a new lane.")
	c, err := Compare([]Version{b, a})
	if err != nil {
		t.Fatal(err)
	}
	if c.Version("a") == nil || c.Version("zzz") != nil {
		t.Error("Version lookup")
	}
	if p := c.Paragraph(ParaRef{Version: "b", Paragraph: 2}); p == nil || p.Text != "Cyclists get a new lane." {
		t.Errorf("Paragraph(b,2) = %+v", p)
	}
	if c.PassageOf(ParaRef{Version: "b", Paragraph: 9}) != -1 {
		t.Error("PassageOf unknown paragraph should be -1")
	}
	ab, ba := c.PairsBetween("a", "b"), c.PairsBetween("b", "a")
	if len(ab) != 1 || len(ba) != 1 || ab[0].A.Version != "a" || ba[0].A.Version != "b" {
		t.Fatalf("PairsBetween orientation: %+v / %+v", ab, ba)
	}
	for i, o := range ab[0].Ops {
		s := ba[0].Ops[i]
		if o.AStart != s.BStart || o.BEnd != s.AEnd || (o.Op == OpDelete) != (s.Op == OpInsert) {
			t.Errorf("swapped op %d: %+v vs %+v", i, o, s)
		}
	}
	p := c.Passages[c.PassageOf(ParaRef{Version: "b", Paragraph: 2})]
	if !slices.Equal(p.Missing, []string{"a"}) {
		t.Errorf("missing = %v, want [a]", p.Missing)
	}
	k1 := CacheKey([]Version{a, b})
	if k1 != CacheKey([]Version{b, a}) {
		t.Error("CacheKey depends on order")
	}
	a2 := a
	a2.Paragraphs = slices.Clone(a.Paragraphs)
	a2.Paragraphs[0].Text += " More."
	if k1 == CacheKey([]Version{a2, b}) {
		t.Error("CacheKey ignores an edit")
	}
}

func TestNonContentKindsStayApart(t *testing.T) {
	a := Version{ID: "a", Paragraphs: []parallax.Paragraph{
		{Ordinal: 1, Kind: parallax.KindDateline, Text: "TARSK (Tidewire) —"},
		{Ordinal: 2, Kind: parallax.KindBody, Text: "Tarsk port workers ended a strike on Friday after winning a 6 percent raise."},
	}}
	b := Version{ID: "b", Paragraphs: []parallax.Paragraph{
		{Ordinal: 1, Kind: parallax.KindBody, Text: "TARSK (Tidewire) — Tarsk port workers ended a strike on Friday after winning a 6 percent raise."},
	}}
	c, err := Compare([]Version{a, b})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range c.Pairs {
		if p.A.Paragraph == 1 {
			t.Errorf("dateline aligned with a body paragraph: %+v", p)
		}
	}
	if len(c.Pairs) != 1 {
		t.Errorf("pairs = %d, want 1 (body to body)", len(c.Pairs))
	}
}
