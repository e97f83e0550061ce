package compare

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	parallax "github.com/parallax-news/parallax"
)

// flagsGold is a story's gold file: flags that must be found and flags that
// must not be raised. Found and Expected match as case-insensitive
// substrings; empty fields match anything.
type flagsGold struct {
	MustFind []flagsGoldItem `json:"must_find"`
	MustNot  []flagsGoldItem `json:"must_not"`
}

type flagsGoldItem struct {
	Kind     FlagKind `json:"kind"`
	Version  string   `json:"version"`
	Found    string   `json:"found"`
	Expected string   `json:"expected"`
	Severity Severity `json:"severity"`
	Why      string   `json:"why"`
}

func (g flagsGoldItem) matches(f Flag) bool {
	return (g.Kind == "" || g.Kind == f.Kind) &&
		(g.Version == "" || g.Version == f.Version) &&
		(g.Found == "" || strings.Contains(strings.ToLower(f.Found), strings.ToLower(g.Found))) &&
		(g.Expected == "" || strings.Contains(strings.ToLower(f.Expected), strings.ToLower(g.Expected))) &&
		(g.Severity == "" || g.Severity == f.Severity)
}

// flagsLoadVersions reads a fixture story: one file per version, paragraphs
// separated by blank lines, a paragraph's kind written as a "[kind] "
// prefix (body when none).
func flagsLoadVersions(t testing.TB, dir string) []Version {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no versions in %s: %v", dir, err)
	}
	var vs []Version
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		id := strings.TrimSuffix(filepath.Base(f), ".txt")
		v := Version{ID: id, Title: id}
		for _, block := range strings.Split(strings.ReplaceAll(string(raw), "\r\n", "\n"), "\n\n") {
			text := strings.TrimSpace(block)
			if text == "" {
				continue
			}
			kind := parallax.KindBody
			if strings.HasPrefix(text, "[") {
				if end := strings.Index(text, "] "); end > 0 {
					kind = parallax.ParagraphKind(text[1:end])
					text = text[end+2:]
				}
			}
			if kind == parallax.KindHeadline && v.Title == id {
				v.Title = text
			}
			v.Paragraphs = append(v.Paragraphs, parallax.Paragraph{Ordinal: len(v.Paragraphs) + 1, Kind: kind, Text: text})
		}
		vs = append(vs, v)
	}
	return vs
}

func flagsLoadGold(t testing.TB, dir string) flagsGold {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var g flagsGold
	if err := json.Unmarshal(raw, &g); err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	return g
}

// flagsScore counts, per kind, true positives (flags matching a must-find
// item), false positives (every other flag) and false negatives (must-find
// items no flag matches).
type flagsScore struct{ tp, fp, fn int }

func (s flagsScore) precision() float64 {
	if s.tp+s.fp == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fp)
}

func (s flagsScore) recall() float64 {
	if s.tp+s.fn == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fn)
}

// TestFlagsGold runs Compare end to end on every fixture story and scores
// its flags against the gold lists: precision and recall, overall and for
// every kind, must reach 0.9, and no must-not item may be flagged.
func TestFlagsGold(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "flags", "*"))
	if len(dirs) < 5 {
		t.Fatalf("want at least 5 gold stories, found %d", len(dirs))
	}
	score := map[FlagKind]*flagsScore{}
	kinds := []FlagKind{FlagName, FlagTitle, FlagNumber, FlagDate, FlagQuote, FlagUnique, FlagOmission}
	for _, k := range kinds {
		score[k] = &flagsScore{}
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			c, err := Compare(flagsLoadVersions(t, dir))
			if err != nil {
				t.Fatal(err)
			}
			gold := flagsLoadGold(t, dir)
			used := make([]bool, len(gold.MustFind))
			for _, f := range c.Flags {
				hit := false
				for i, g := range gold.MustFind {
					if g.matches(f) {
						hit = true
						used[i] = true
					}
				}
				if hit {
					score[f.Kind].tp++
				} else {
					score[f.Kind].fp++
					t.Logf("unexpected %s/%s in %s: found %q expected %q: %s", f.Kind, f.Severity, f.Version, f.Found, f.Expected, f.Message)
				}
				for _, g := range gold.MustNot {
					if g.matches(f) {
						t.Errorf("must not flag %+v, got %s in %s: %s", g, f.Kind, f.Version, f.Message)
					}
				}
			}
			for i, g := range gold.MustFind {
				if !used[i] {
					score[g.Kind].fn++
					t.Logf("missed %s in %s: found %q expected %q (%s)", g.Kind, g.Version, g.Found, g.Expected, g.Why)
				}
			}
		})
	}
	var all flagsScore
	for _, k := range kinds {
		s := score[k]
		all.tp += s.tp
		all.fp += s.fp
		all.fn += s.fn
		t.Logf("%-9s precision %.2f recall %.2f (tp %d fp %d fn %d)", k, s.precision(), s.recall(), s.tp, s.fp, s.fn)
	}
	t.Logf("%-9s precision %.2f recall %.2f (tp %d fp %d fn %d)", "overall", all.precision(), all.recall(), all.tp, all.fp, all.fn)
	checks := []struct {
		name string
		s    flagsScore
	}{{"overall", all}}
	for _, k := range kinds {
		checks = append(checks, struct {
			name string
			s    flagsScore
		}{string(k), *score[k]})
	}
	for _, c := range checks {
		if c.s.precision() < 0.9 || c.s.recall() < 0.9 {
			t.Errorf("%s: precision %.2f recall %.2f, want both >= 0.9", c.name, c.s.precision(), c.s.recall())
		}
	}
	for _, k := range kinds {
		if s := score[k]; s.tp+s.fn == 0 {
			t.Errorf("%s: no gold flags of this kind in the fixtures", k)
		}
	}
}

// TestFlagsUniqueOmissionAgree checks, on every fixture story, that no
// passage is called one version's own and, in another flag, something a
// version lacks that others carry: the two cannot both hold.
func TestFlagsUniqueOmissionAgree(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "flags", "*"))
	for _, dir := range dirs {
		c, err := Compare(flagsLoadVersions(t, dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range c.Flags {
			if u.Kind != FlagUnique {
				continue
			}
			for _, o := range c.Flags {
				if o.Kind == FlagOmission && strings.Contains(o.Expected, u.Found) {
					t.Errorf("%s: %q is unique to %s and omitted by %s", filepath.Base(dir), u.Found, u.Version, o.Version)
				}
			}
		}
	}
}

// TestFlagDetectorsDescribed checks that every detector has a unique name,
// a doc line and a run function, so the driver can list and run them.
func TestFlagDetectorsDescribed(t *testing.T) {
	seen := map[string]bool{}
	for _, det := range flagDetectors {
		if det.Name == "" || det.Doc == "" || det.Run == nil || seen[det.Name] {
			t.Errorf("detector %q: want a unique name, a doc line and a run function", det.Name)
		}
		seen[det.Name] = true
	}
}

func TestQuoteOneWordApart(t *testing.T) {
	cases := []struct {
		name string
		a, b string
		want bool
	}{
		{"one word changed", "we reject his visit", "we reject his message", true},
		{"one word added", "we reject his visit", "we reject his whole visit", true},
		{"two words changed", "we reject his visit today", "we welcome his visit tomorrow", false},
		{"reworded", "the crew did everything right", "the crew made everything correctly", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := quoteOneWordApart(strings.Fields(tc.a), strings.Fields(tc.b)); got != tc.want {
				t.Errorf("quoteOneWordApart(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
		})
	}
}
