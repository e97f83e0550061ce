package compare

import (
	"strings"
	"testing"

	parallax "github.com/parallax-news/parallax"
)

// TestWordDiffRewrite: a rewrite that keeps most content words, some in
// another order, is never one deletion against one insertion; the words it
// keeps show as equal or moved, and what it changes (the number) stands out.
func TestWordDiffRewrite(t *testing.T) {
	a := "The harbour board approved the new ferry terminal on Tuesday after a debate that lasted four hours."
	b := "After a four-hour debate on Tuesday, the harbour board approved the new ferry terminal by 9 votes to 2."
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
	ops := pairs[0].Ops
	var dels, ins int
	for _, o := range ops {
		switch o.Op {
		case OpDelete:
			dels++
		case OpInsert:
			ins++
		}
	}
	if dels+ins == 2 && len(ops) == 2 {
		t.Fatalf("shown as one deletion and one insertion: %+v", ops)
	}
	// Every content word of A's "harbour board approved the new ferry
	// terminal" is kept or moved, never plainly deleted.
	ra := []rune(a)
	for _, o := range ops {
		if o.Op != OpDelete || o.Moved || o.Trivial {
			continue
		}
		gone := string(ra[o.AStart:o.AEnd])
		for _, w := range []string{"harbour", "board", "approved", "ferry", "terminal", "Tuesday", "debate"} {
			if strings.Contains(gone, w) {
				t.Errorf("%q shown as deleted (%q) though B keeps it; ops %+v", w, gone, ops)
			}
		}
	}
	// The vote count only B has is inserted, not moved.
	rb := []rune(b)
	found := false
	for _, o := range ops {
		if o.Op == OpInsert && !o.Moved && strings.Contains(string(rb[o.BStart:o.BEnd]), "9 votes") {
			found = true
		}
	}
	if !found {
		t.Errorf("the vote count is not shown as B's own insertion: %+v", ops)
	}
}
