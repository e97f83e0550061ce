package compare

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// prf is precision, recall and F1 from counts.
type prf struct{ tp, fp, fn int }

func (s prf) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s prf) recall() float64    { return ratio(s.tp, s.tp+s.fn) }
func (s prf) f1() float64 {
	p, r := s.precision(), s.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// TestAlignmentGold scores the paragraph links of every fixture story
// against its hand-made gold links and fails below 0.95 F1 overall.
func TestAlignmentGold(t *testing.T) {
	stories := loadFixtureStories(t)
	if len(stories) < 8 {
		t.Fatalf("want at least 8 fixture stories, have %d", len(stories))
	}
	var total prf
	for _, fs := range stories {
		t.Run(fs.name, func(t *testing.T) {
			c, err := Compare(fs.versions)
			if err != nil {
				t.Fatal(err)
			}
			gold := fs.goldLinks()
			got := map[linkKey]bool{}
			for _, p := range c.Pairs {
				got[newLinkKey(p.A, p.B)] = true
			}
			var s prf
			var errs []string
			for k := range got {
				if gold[k] {
					s.tp++
				} else {
					s.fp++
					errs = append(errs, fmt.Sprintf("extra   %s:%d ~ %s:%d", k.a.Version, k.a.Paragraph, k.b.Version, k.b.Paragraph))
				}
			}
			for k := range gold {
				if !got[k] {
					s.fn++
					errs = append(errs, fmt.Sprintf("missing %s:%d ~ %s:%d", k.a.Version, k.a.Paragraph, k.b.Version, k.b.Paragraph))
				}
			}
			sort.Strings(errs)
			if len(errs) > 0 {
				t.Logf("%s:\n  %s", fs.name, strings.Join(errs, "\n  "))
			}
			t.Logf("EVAL: align %-20s links=%3d precision=%.3f recall=%.3f F1=%.3f", fs.name, len(gold), s.precision(), s.recall(), s.f1())
			total.tp += s.tp
			total.fp += s.fp
			total.fn += s.fn
		})
	}
	t.Logf("EVAL: align overall stories=%d precision=%.3f recall=%.3f F1=%.3f", len(stories), total.precision(), total.recall(), total.f1())
	if total.f1() < 0.95 {
		t.Errorf("overall paragraph-link F1 = %.3f, want >= 0.95", total.f1())
	}
}

// frameStory is a story of two versions with na and nb content sentences
// and no text: enough to test the order rules on positions alone.
func frameStory(na, nb int) *story {
	st := &story{vers: []verInfo{{sentLo: 0, sentHi: na, contentSents: na}, {sentLo: na, sentHi: na + nb, contentSents: nb}}}
	for i := range na {
		st.sents = append(st.sents, sentInfo{ver: 0, class: classContent, pos: i})
	}
	for i := range nb {
		st.sents = append(st.sents, sentInfo{ver: 1, class: classContent, pos: i})
	}
	return st
}

func TestOrderFrame(t *testing.T) {
	tests := []struct {
		name      string
		na, nb    int
		links     [][2]int // positions in A and B
		cand      [2]int
		framed    bool
		k, m      int
		fullBonus bool
	}{
		{"tight frame", 6, 6, [][2]int{{0, 0}, {3, 3}}, [2]int{1, 2}, true, 2, 2, true},
		{"wide frame", 12, 12, [][2]int{{0, 0}, {11, 11}}, [2]int{5, 6}, true, 10, 10, false},
		{"lopsided frame", 12, 12, [][2]int{{0, 0}, {2, 11}}, [2]int{1, 6}, true, 1, 10, true},
		{"crossing links", 6, 8, [][2]int{{0, 5}, {3, 1}}, [2]int{1, 6}, false, 0, 0, false},
		{"open start", 6, 6, [][2]int{{2, 2}}, [2]int{0, 1}, true, 2, 2, true},
		{"open start, B after a link", 6, 6, [][2]int{{2, 0}}, [2]int{0, 1}, false, 0, 0, false},
		{"open end, wide", 20, 20, [][2]int{{0, 0}}, [2]int{10, 12}, true, 19, 19, false},
		{"no links", 6, 6, nil, [2]int{1, 1}, false, 0, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := frameStory(tc.na, tc.nb)
			var links []sentLink
			for _, l := range tc.links {
				links = append(links, sentLink{a: l[0], b: tc.na + l[1], score: 0.9})
			}
			k, m, ok := st.frame(links, sentLink{a: tc.cand[0], b: tc.na + tc.cand[1], score: 0.15})
			if ok != tc.framed || ok && (k != tc.k || m != tc.m) {
				t.Fatalf("frame = %d×%d %v, want %d×%d %v", k, m, ok, tc.k, tc.m, tc.framed)
			}
			if !ok {
				return
			}
			if full := orderBonusIn(k, m) == orderBonus; full != tc.fullBonus {
				t.Errorf("bonus %.3f for a %d×%d frame; want full bonus %v", orderBonusIn(k, m), k, m, tc.fullBonus)
			}
		})
	}
	// A weak likeness in a wide frame must not reach the link threshold.
	if weak := 0.15; weak+orderBonusIn(10, 10) >= minAnchor {
		t.Errorf("a %.2f candidate in a 10×10 frame links (bonus %.3f)", weak, orderBonusIn(10, 10))
	}
}

// TestSharedNameAloneLinksNothing: two reports of one council vote whose
// paragraphs name the same people but say different things about them
// must not pair those paragraphs; what they do share still aligns.
func TestSharedNameAloneLinksNothing(t *testing.T) {
	a := plainVersion("a", "Tidewater council backs the new library\n\n"+
		"The Tidewater town council voted on Monday to build a new public library beside the old market hall.\n\n"+
		"Mayor Odile Ferrant praised the volunteers who had collected four thousand signatures for the project.\n\n"+
		"Councillor Bram Osei thanked the architects for a design that keeps the old market hall standing.")
	b := plainVersion("b", "Library vote splits Tidewater\n\n"+
		"On Monday the Tidewater town council voted to build a new public library beside the old market hall.\n\n"+
		"Opposition members accused Mayor Odile Ferrant of hiding the rising cost of the scheme from taxpayers.\n\n"+
		"Councillor Bram Osei walked out of the meeting before the final count, in protest at the closed session.")
	c, err := Compare([]Version{a, b})
	if err != nil {
		t.Fatal(err)
	}
	linked := map[[2]int]bool{}
	for _, p := range c.PairsBetween("a", "b") {
		linked[[2]int{p.A.Paragraph, p.B.Paragraph}] = true
	}
	if !linked[[2]int{2, 2}] {
		t.Errorf("the shared opening paragraph is not linked: %v", linked)
	}
	for _, k := range [][2]int{{3, 3}, {4, 4}} {
		if linked[k] {
			t.Errorf("paragraphs %v linked on shared names alone", k)
		}
	}
}
