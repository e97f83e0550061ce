package compare

import (
	"slices"
	"strings"
	"testing"

	parallax "github.com/parallax-news/parallax"
)

// pairOf compares two one-paragraph versions and returns their pair.
func pairOf(t *testing.T, a, b string) Pair {
	t.Helper()
	mk := func(id, text string) Version {
		return Version{ID: id, Paragraphs: []parallax.Paragraph{{Ordinal: 1, Kind: parallax.KindBody, Text: text}}}
	}
	c, err := Compare([]Version{mk("a", a), mk("b", b)})
	if err != nil {
		t.Fatal(err)
	}
	pairs := c.PairsBetween("a", "b")
	if len(pairs) != 1 {
		t.Fatalf("%d pairs, want 1", len(pairs))
	}
	checkOpsCover(t, a, b, pairs[0].Ops)
	return pairs[0]
}

// checkOpsCover checks what every pair's ops must be: in A's order, no two
// overlapping on either side, every word of A in an equal or deleted
// range and every word of B in an equal or inserted one, and each equal
// op's two ranges the same text.
func checkOpsCover(t *testing.T, a, b string, ops []Op) {
	t.Helper()
	ra, rb := []rune(a), []rune(b)
	type rng struct{ lo, hi int }
	var onA, onB []rng
	for i, o := range ops {
		if o.AStart < 0 || o.AStart > o.AEnd || o.AEnd > len(ra) || o.BStart < 0 || o.BStart > o.BEnd || o.BEnd > len(rb) {
			t.Fatalf("op %d %+v outside %d and %d runes", i, o, len(ra), len(rb))
		}
		if i > 0 && o.AStart < ops[i-1].AStart {
			t.Errorf("op %d %+v before op %d %+v on A", i, o, i-1, ops[i-1])
		}
		if o.Op != OpInsert {
			onA = append(onA, rng{o.AStart, o.AEnd})
		}
		if o.Op != OpDelete {
			onB = append(onB, rng{o.BStart, o.BEnd})
		}
		if o.Op == OpEqual && string(ra[o.AStart:o.AEnd]) != string(rb[o.BStart:o.BEnd]) {
			t.Errorf("equal op %+v: %q vs %q", o, string(ra[o.AStart:o.AEnd]), string(rb[o.BStart:o.BEnd]))
		}
	}
	covers := func(side string, text string, rs []rng) {
		slices.SortFunc(rs, func(x, y rng) int { return x.lo - y.lo })
		for i := 1; i < len(rs); i++ {
			if rs[i].lo < rs[i-1].hi {
				t.Errorf("%s: ranges %v and %v overlap", side, rs[i-1], rs[i])
			}
		}
		for _, u := range scanUnits(text) {
			in := false
			for _, r := range rs {
				if u.start >= r.lo && u.end <= r.hi {
					in = true
					break
				}
			}
			if !in {
				t.Errorf("%s: unit %q [%d,%d) in no op", side, u.in(text), u.start, u.end)
			}
		}
	}
	covers("A", a, onA)
	covers("B", b, onB)
}

// plainChanges returns the content words of the changes a reader sees as
// such (neither trivial nor moved) on each side.
func plainChanges(a, b string, ops []Op) (deleted, inserted []string) {
	ra, rb := []rune(a), []rune(b)
	words := func(s string) []string {
		var out []string
		for _, u := range scanUnits(s) {
			if n := normalizeWord(u.in(s)); u.word && !isStopWord(n) {
				out = append(out, n)
			}
		}
		return out
	}
	for _, o := range ops {
		if o.Trivial || o.Moved {
			continue
		}
		switch o.Op {
		case OpDelete:
			deleted = append(deleted, words(string(ra[o.AStart:o.AEnd]))...)
		case OpInsert:
			inserted = append(inserted, words(string(rb[o.BStart:o.BEnd]))...)
		}
	}
	return deleted, inserted
}

// equalText returns A's text under equal ops.
func equalText(a string, ops []Op) string {
	ra := []rune(a)
	var b strings.Builder
	for _, o := range ops {
		if o.Op == OpEqual {
			b.WriteString(string(ra[o.AStart:o.AEnd]))
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// TestSentenceDiff: pairs are diffed sentence by sentence, so sentences
// given in another order or rewritten keep their shared words equal and
// only what differs stands out.
func TestSentenceDiff(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b string
		// wantEqual are phrases of A that must sit inside equal ops.
		wantEqual []string
		// The content words shown as plainly deleted and inserted (neither
		// moved nor trivial), in any order.
		wantDeleted, wantInserted []string
		// wholeInsert is a sentence of B that must be one insertion.
		wholeInsert string
	}{
		{
			name:         "paraphrase with sentences swapped",
			a:            "The Harlow River bridge will close for repairs on 14 March, the county roads office said on Friday. Engineers found cracks in two of the steel supports during a routine inspection last month.",
			b:            "During a routine inspection last month, engineers found cracks in three of the steel supports. The county roads office said on Friday that the Harlow River bridge will close for repairs on 21 March.",
			wantEqual:    []string{"Harlow River bridge will close for repairs on", "found cracks in", "of the steel supports"},
			wantDeleted:  []string{"14", "two"},
			wantInserted: []string{"three", "21"},
		},
		{
			name:         "one sentence rewritten, one unchanged",
			a:            "Ferry services to Oskar Island resumed on Monday. The operator, Blue Gull Lines, blamed the halt on a broken ramp at the mainland pier.",
			b:            "Ferry services to Oskar Island resumed on Monday. Blue Gull Lines, which runs the route, blamed the halt on a damaged ramp at the mainland pier.",
			wantEqual:    []string{"Ferry services to Oskar Island resumed on Monday.", "Blue Gull Lines,", "blamed the halt on a", "ramp at the mainland pier."},
			wantDeleted:  []string{"operator", "broken"},
			wantInserted: []string{"runs", "route", "damaged"},
		},
		{
			name:         "a sentence split in two, and a new sentence",
			a:            "Mayor Ines Varga opened the new library on Saturday and thanked the volunteers who raised the money. The building cost 2.4 million euros.",
			b:            "Mayor Ines Varga opened the new library on Saturday. She thanked the volunteers who raised the money. Parking nearby stays free until June. The building cost 2.6 million euros.",
			wantEqual:    []string{"Mayor Ines Varga opened the new library on Saturday", "thanked the volunteers who raised the money.", "The building cost", "million euros."},
			wantDeleted:  []string{"2.4"},
			wantInserted: []string{"parking", "nearby", "stays", "free", "june", "2.6"},
			wholeInsert:  "Parking nearby stays free until June.",
		},
		{
			name:         "non-ASCII text, sentences swapped",
			a:            "« L’équipe de Zoé Lefèvre » a reçu 12 médailles à Québec. Le club 北京 a félicité les athlètes “très motivés” après la finale.",
			b:            "Le club 北京 a félicité les athlètes “très motivés” après la finale. « L’équipe de Zoé Lefèvre » a reçu 15 médailles à Québec.",
			wantEqual:    []string{"« L’équipe de Zoé Lefèvre » a reçu", "médailles à Québec.", "Le club 北京 a félicité les athlètes “très motivés” après la finale."},
			wantDeleted:  []string{"12"},
			wantInserted: []string{"15"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := pairOf(t, tc.a, tc.b)
			eq := equalText(tc.a, p.Ops)
			for _, w := range tc.wantEqual {
				if !strings.Contains(eq, w) {
					t.Errorf("%q not shown as kept; equal text %q; ops %+v", w, eq, p.Ops)
				}
			}
			del, ins := plainChanges(tc.a, tc.b, p.Ops)
			slices.Sort(del)
			slices.Sort(ins)
			slices.Sort(tc.wantDeleted)
			slices.Sort(tc.wantInserted)
			if !slices.Equal(del, tc.wantDeleted) || !slices.Equal(ins, tc.wantInserted) {
				t.Errorf("plain changes %q -> %q, want %q -> %q; ops %+v", del, ins, tc.wantDeleted, tc.wantInserted, p.Ops)
			}
			if tc.wholeInsert != "" {
				rb := []rune(tc.b)
				found := false
				for _, o := range p.Ops {
					if o.Op == OpInsert && string(rb[o.BStart:o.BEnd]) == tc.wholeInsert {
						found = true
					}
				}
				if !found {
					t.Errorf("%q is not one insertion: %+v", tc.wholeInsert, p.Ops)
				}
			}
			// Seen from B, the same ops hold, in B's order.
			c := Comparison{Pairs: []Pair{p}}
			ba := c.PairsBetween("b", "a")
			checkOpsCover(t, tc.b, tc.a, ba[0].Ops)
		})
	}
}

// TestSentenceDiffSynthetic checks the ops' invariants on every pair of the
// benchmark's generated story (edited, reordered and shortened copies).
func TestSentenceDiffSynthetic(t *testing.T) {
	vs := syntheticStory(4, 1500)
	c, err := Compare(vs)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range c.Pairs {
		checkOpsCover(t, c.Paragraph(p.A).Text, c.Paragraph(p.B).Text, p.Ops)
	}
}
