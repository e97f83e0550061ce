package compare

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/ingest"
)

// evalGold is one labelled story of $PARALLAX_DATA/discrepancies.
type evalGold struct {
	Story         string   `json:"story"`
	Versions      []string `json:"versions"`
	Discrepancies []struct {
		ID       string            `json:"id"`
		Kind     FlagKind          `json:"kind"`
		Readings map[string]string `json:"readings"`
		Severity string            `json:"severity"`
	} `json:"discrepancies"`
}

// evalFlagKinds are the kinds the gold labels exhaustively.
var evalFlagKinds = []FlagKind{FlagName, FlagTitle, FlagNumber, FlagDate, FlagQuote}

// evalCount tallies one kind: flags that match a discrepancy (tp) or none
// (fp), discrepancies found and labelled, with and without low severity.
type evalCount struct{ tp, fp, found, gold, foundHM, goldHM int }

var (
	evalPunct = regexp.MustCompile(`[^\p{L}\p{N}_\s'-]`)
	evalSpace = regexp.MustCompile(`\s+`)
)

// evalNorm folds a text as ../shared/tools/score-flags does.
func evalNorm(s string) string {
	s = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", `"`, "\u201d", `"`, "\u2014", "-", "\u2013", "-").Replace(s)
	s = evalPunct.ReplaceAllString(strings.ToLower(s), " ")
	return strings.TrimSpace(evalSpace.ReplaceAllString(s, " "))
}

// evalOverlaps is the scorer's overlap test: containment, or 60% of the
// smaller word set shared.
func evalOverlaps(a, b string) bool {
	a, b = evalNorm(a), evalNorm(b)
	if a == "" || b == "" {
		return false
	}
	if strings.Contains(a, b) || strings.Contains(b, a) {
		return true
	}
	ta, tb := map[string]bool{}, map[string]bool{}
	for _, w := range strings.Fields(a) {
		ta[w] = true
	}
	for _, w := range strings.Fields(b) {
		tb[w] = true
	}
	shared := 0
	for w := range ta {
		if tb[w] {
			shared++
		}
	}
	small := min(len(ta), len(tb))
	return small > 0 && float64(shared)/float64(small) >= 0.6
}

// evalMatches reports whether flag f is labelled discrepancy (kind, readings).
func evalMatches(f Flag, kind FlagKind, readings map[string]string) bool {
	if f.Kind != kind {
		return false
	}
	r, ok := readings[f.Version]
	if !ok {
		return false
	}
	if evalOverlaps(f.Found, r) {
		return true
	}
	for v, o := range readings {
		if v != f.Version && evalOverlaps(f.Expected, o) {
			return true
		}
	}
	return false
}

// evalStoryVersions reads a story's versions through ingest, as the CLI does.
func evalStoryVersions(t *testing.T, dir string, ids []string) []Version {
	var paths []string
	for _, id := range ids {
		paths = append(paths, filepath.Join(dir, id+".txt"))
	}
	var vs []Version
	ingest.Walk(paths, nil, ingest.Options{}, func(r ingest.Result) {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Path, r.Err)
			return
		}
		v := FromArticle(*r.Article)
		base := filepath.Base(r.Path)
		v.ID = strings.TrimSuffix(base, filepath.Ext(base))
		vs = append(vs, v)
	})
	return vs
}

// evalDataDir is $PARALLAX_DATA, else the nearest shared/data beside the
// repository or one of its parents (a worktree sits a level deeper), else "".
func evalDataDir() string {
	if d := os.Getenv("PARALLAX_DATA"); d != "" {
		return d
	}
	for _, d := range []string{"../../shared/data", "../../../shared/data"} {
		if _, err := os.Stat(filepath.Join(d, "discrepancies")); err == nil {
			return d
		}
	}
	return ""
}

// TestEvalFlags scores the name, title, number, date and quote flags
// against the discrepancies labelled by reading in
// $PARALLAX_DATA/discrepancies, with the rules of ../shared/tools/score-flags,
// and fails when precision or recall falls under the floors reached so far.
func TestEvalFlags(t *testing.T) {
	data := evalDataDir()
	if data == "" {
		t.Skip("no labelled data: set PARALLAX_DATA to ../shared/data")
	}
	golds, _ := filepath.Glob(filepath.Join(data, "discrepancies", "*.json"))
	if len(golds) == 0 {
		t.Skipf("no gold under %s/discrepancies", data)
	}
	per := map[FlagKind]*evalCount{}
	for _, k := range evalFlagKinds {
		per[k] = &evalCount{}
	}
	for _, path := range golds {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var g evalGold
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		story := strings.TrimSuffix(filepath.Base(path), ".json")
		vs := evalStoryVersions(t, filepath.Join(data, "stories", story), g.Versions)
		c, err := Compare(vs)
		if err != nil {
			t.Fatalf("%s: %v", story, err)
		}
		for _, f := range c.Flags {
			if !slices.Contains(evalFlagKinds, f.Kind) {
				continue
			}
			hit := false
			for _, d := range g.Discrepancies {
				hit = hit || evalMatches(f, d.Kind, d.Readings)
			}
			if hit {
				per[f.Kind].tp++
			} else {
				per[f.Kind].fp++
				t.Logf("%s  false alarm  %-6s %s %s: %q vs %q", story, f.Kind, f.Severity, f.Version, f.Found, f.Expected)
			}
		}
		for _, d := range g.Discrepancies {
			got := false
			for _, f := range c.Flags {
				got = got || evalMatches(f, d.Kind, d.Readings)
			}
			n := per[d.Kind]
			n.gold++
			if got {
				n.found++
			}
			if d.Severity != "low" {
				n.goldHM++
				if got {
					n.foundHM++
				}
			}
			if !got {
				rb, _ := json.Marshal(d.Readings)
				t.Logf("%s  missed       %-6s %s: %s", story, d.Kind, d.ID, rb)
			}
		}
	}
	var all evalCount
	t.Logf("EVAL: %-7s %9s %7s %6s %15s", "kind", "precision", "recall", "flags", "recall(no low)")
	for _, k := range evalFlagKinds {
		n := per[k]
		t.Logf("EVAL: %-7s %9s %7s %6d %15s", k, evalRatio(n.tp, n.tp+n.fp), evalRatio(n.found, n.gold), n.tp+n.fp, evalRatio(n.foundHM, n.goldHM))
		all.tp += n.tp
		all.fp += n.fp
		all.found += n.found
		all.gold += n.gold
		all.foundHM += n.foundHM
		all.goldHM += n.goldHM
	}
	t.Logf("EVAL: %-7s %9s %7s %6d %15s", "all", evalRatio(all.tp, all.tp+all.fp), evalRatio(all.found, all.gold), all.tp+all.fp, evalRatio(all.foundHM, all.goldHM))

	// Floors just under the figures reached: a regression turns this red.
	const minPrecision, minRecallHM = 0.90, 0.70
	if p := float64(all.tp) / float64(max(1, all.tp+all.fp)); p < minPrecision {
		t.Errorf("flag precision %.2f under the floor %.2f", p, minPrecision)
	}
	if r := float64(all.foundHM) / float64(max(1, all.goldHM)); r < minRecallHM {
		t.Errorf("flag recall without low severity %.2f under the floor %.2f", r, minRecallHM)
	}
}

// evalRatio prints a/b with two decimals, or "-" when b is 0.
func evalRatio(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", float64(a)/float64(b))
}
