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
// against its hand-made gold links and fails below 0.9 F1 overall.
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
	if total.f1() < 0.9 {
		t.Errorf("overall paragraph-link F1 = %.3f, want >= 0.9", total.f1())
	}
}
