package compare

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	parallax "github.com/parallax-news/parallax"
)

// TestFlagsOffsetsAndKeys checks, on every fixture story, that each flag
// points at runes of its paragraph that read as its Found text, that its
// passage index is valid, and that the keys do not depend on the order the
// versions come in.
func TestFlagsOffsetsAndKeys(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "flags", "*"))
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			vs := flagsLoadVersions(t, dir)
			c, err := Compare(vs)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Flags) == 0 {
				t.Fatal("no flags")
			}
			keys := map[string]bool{}
			for _, f := range c.Flags {
				if keys[f.Key] {
					t.Errorf("key %s given twice", f.Key)
				}
				keys[f.Key] = true
				if f.Passage < -1 || f.Passage >= len(c.Passages) {
					t.Errorf("%s: passage %d out of range", f.Kind, f.Passage)
				}
				if f.Paragraph == 0 {
					if f.Start != 0 || f.End != 0 {
						t.Errorf("%s: offsets without a paragraph", f.Kind)
					}
					continue
				}
				p := c.Paragraph(ParaRef{Version: f.Version, Paragraph: f.Paragraph})
				if p == nil {
					t.Fatalf("%s: no paragraph %s/%d", f.Kind, f.Version, f.Paragraph)
				}
				rs := []rune(p.Text)
				if f.Start < 0 || f.End > len(rs) || f.Start > f.End {
					t.Fatalf("%s: [%d,%d) outside %d runes", f.Kind, f.Start, f.End, len(rs))
				}
				if f.Found != "" && string(rs[f.Start:f.End]) != f.Found {
					t.Errorf("%s: [%d,%d) reads %q, found is %q", f.Kind, f.Start, f.End, string(rs[f.Start:f.End]), f.Found)
				}
				if f.Message == "" || f.Severity.Rank() > 2 {
					t.Errorf("%s: empty message or bad severity", f.Kind)
				}
			}
			rev := slices.Clone(vs)
			slices.Reverse(rev)
			c2, err := Compare(rev)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range c2.Flags {
				if !keys[f.Key] {
					t.Errorf("key of %s %q in %s changed with version order", f.Kind, f.Found, f.Version)
				}
			}
		})
	}
}

// TestFlagsKeysSurviveEdits checks that editing one version changes only
// the keys of that version's flags, and that DetectFlags is deterministic.
func TestFlagsKeysSurviveEdits(t *testing.T) {
	vs := flagsLoadVersions(t, filepath.Join("testdata", "flags", "tariff-pause"))
	c1, err := Compare(vs)
	if err != nil {
		t.Fatal(err)
	}
	edited := slices.Clone(vs)
	for i := range edited {
		if edited[i].ID == "e" {
			edited[i].Paragraphs = append(slices.Clone(edited[i].Paragraphs),
				parallax.Paragraph{Ordinal: len(edited[i].Paragraphs) + 1, Kind: parallax.KindBody, Text: "Markets were calm."})
		}
	}
	c2, err := Compare(edited)
	if err != nil {
		t.Fatal(err)
	}
	keys2 := map[string]bool{}
	for _, f := range c2.Flags {
		keys2[f.Key] = true
	}
	for _, f := range c1.Flags {
		if f.Version != "e" && !keys2[f.Key] {
			t.Errorf("flag %s %q of version %s lost its key when e was edited", f.Kind, f.Found, f.Version)
		}
	}
	again := DetectFlags(c1)
	if len(again) != len(c1.Flags) {
		t.Fatalf("DetectFlags gave %d flags, Compare %d", len(again), len(c1.Flags))
	}
	for i := range again {
		if again[i].Key != DetectFlags(c1)[i].Key {
			t.Fatal("DetectFlags is not deterministic")
		}
	}
}

// TestFlagsNonASCIIOffsets checks rune offsets on text with accents,
// curly quotes and Chinese characters before the flagged name.
func TestFlagsNonASCIIOffsets(t *testing.T) {
	mk := func(id, name string) Version {
		return Version{ID: id, Paragraphs: []parallax.Paragraph{
			{Ordinal: 1, Kind: parallax.KindHeadline, Text: "Café talks"},
			{Ordinal: 2, Kind: parallax.KindBody, Text: "In the “Café Lumière” (咖啡馆) district, Mayor " + name + " opened the new bridge on Friday."},
		}}
	}
	c, err := Compare([]Version{mk("a", "Renée Vasquel"), mk("b", "Renée Vasquel"), mk("c", "Renée Vasqel")})
	if err != nil {
		t.Fatal(err)
	}
	var got *Flag
	for i, f := range c.Flags {
		if f.Kind == FlagName {
			got = &c.Flags[i]
		}
	}
	if got == nil {
		t.Fatalf("no name flag: %+v", c.Flags)
	}
	rs := []rune(c.Paragraph(ParaRef{Version: got.Version, Paragraph: got.Paragraph}).Text)
	if got.Version != "c" || string(rs[got.Start:got.End]) != "Renée Vasqel" || got.Expected != "Renée Vasquel" {
		t.Errorf("flag %+v reads %q", got, string(rs[got.Start:got.End]))
	}
}

func TestDetectFlagsEmpty(t *testing.T) {
	if fs := DetectFlags(nil); fs != nil {
		t.Errorf("nil comparison: %v", fs)
	}
	if fs := DetectFlags(&Comparison{}); fs != nil {
		t.Errorf("empty comparison: %v", fs)
	}
	one := &Comparison{Versions: []VersionOut{{ID: "a", Paragraphs: []ParagraphOut{{Index: 1, Kind: parallax.KindBody, Text: "Greta Valdsen said 5% on Tuesday."}}}}}
	if fs := DetectFlags(one); len(fs) != 0 {
		t.Errorf("one version gave flags: %v", fs)
	}
}

// flagsBenchStory builds n versions of a story of about words words each:
// a base text of fictional sentences, each version dropping, swapping and
// misspelling some of it (fixed seed).
func flagsBenchStory(n, words int) []Version {
	r := rand.New(rand.NewPCG(7, 11))
	people := []string{"Greta Valdsen", "He Lanfeng", "Howard Lutmann", "Dana Okafor", "Karl Brandt", "Ma Jinhao"}
	places := []string{"Lorvik", "Geneva", "Port Amsel", "Ostland", "Veria"}
	verbs := []string{"said", "warned", "told reporters", "added", "noted"}
	nouns := []string{"tariffs", "workers", "ships", "households", "jobs", "cranes", "banks", "farmers"}
	var base []string
	count := 0
	for count < words {
		var sents []string
		for range 3 {
			s := fmt.Sprintf("%s %s that %d %s in %s would face %s costs by %s.",
				people[r.IntN(len(people))], verbs[r.IntN(len(verbs))], 10+r.IntN(900), nouns[r.IntN(len(nouns))],
				places[r.IntN(len(places))], []string{"higher", "lower", "new"}[r.IntN(3)],
				[]string{"June 5", "Tuesday", "next month", "2025-06-11"}[r.IntN(4)])
			if r.IntN(4) == 0 {
				s += fmt.Sprintf(" \"We will not go back for less than %d percent,\" %s said.", 5+r.IntN(20), people[r.IntN(len(people))])
			}
			sents = append(sents, s)
			count += len(strings.Fields(s))
		}
		base = append(base, strings.Join(sents, " "))
	}
	vs := make([]Version, n)
	for v := range n {
		ver := Version{ID: fmt.Sprintf("v%d", v), Paragraphs: []parallax.Paragraph{{Ordinal: 1, Kind: parallax.KindHeadline, Text: "Talks resume"}}}
		for _, p := range base {
			if v > 0 && r.IntN(8) == 0 {
				continue
			}
			if v > 0 && r.IntN(5) == 0 {
				p = strings.Replace(p, "Lutmann", "Lotman", 1)
				p = strings.Replace(p, "higher", "rising", 1)
			}
			ver.Paragraphs = append(ver.Paragraphs, parallax.Paragraph{Ordinal: len(ver.Paragraphs) + 1, Kind: parallax.KindBody, Text: p})
		}
		vs[v] = ver
	}
	return vs
}

// BenchmarkCompareWithFlags measures Compare (alignment and flags) on five
// versions of about 800 words.
func BenchmarkCompareWithFlags(b *testing.B) {
	vs := flagsBenchStory(5, 800)
	for b.Loop() {
		if _, err := Compare(vs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDetectFlags measures the detectors alone on the same story.
func BenchmarkDetectFlags(b *testing.B) {
	c, err := Compare(flagsBenchStory(5, 800))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		DetectFlags(c)
	}
}

// TestEvalFlagsStories runs Compare on the real stories of
// $PARALLAX_DATA/stories and logs how many flags of each kind they get: a
// figure to watch for noise, not a score (the stories have no gold flags).
func TestEvalFlagsStories(t *testing.T) {
	dir := os.Getenv("PARALLAX_DATA")
	if dir == "" {
		t.Skip("PARALLAX_DATA not set")
	}
	stories, _ := filepath.Glob(filepath.Join(dir, "stories", "*"))
	if len(stories) == 0 {
		t.Skip("no stories")
	}
	counts := map[FlagKind]int{}
	n := 0
	for _, s := range stories {
		var vs []Version
		for _, name := range []string{"fox", "nyt", "hpo"} {
			raw, err := os.ReadFile(filepath.Join(s, name+".txt"))
			if err != nil {
				continue
			}
			v := Version{ID: name}
			for i, block := range strings.Split(strings.ReplaceAll(string(raw), "\r\n", "\n"), "\n\n") {
				text := strings.TrimSpace(block)
				if text == "" {
					continue
				}
				kind := parallax.KindBody
				if i == 0 {
					kind = parallax.KindHeadline
				}
				v.Paragraphs = append(v.Paragraphs, parallax.Paragraph{Ordinal: len(v.Paragraphs) + 1, Kind: kind, Text: text})
			}
			vs = append(vs, v)
		}
		if len(vs) < 2 {
			continue
		}
		c, err := Compare(vs)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		n++
		for _, f := range c.Flags {
			counts[f.Kind]++
			if os.Getenv("PARALLAX_FLAGS_DUMP") != "" {
				t.Logf("%s %s %s %s: %s", filepath.Base(s), f.Kind, f.Severity, f.Version, f.Message)
			}
		}
	}
	t.Logf("EVAL: flags on %d real stories: name=%d title=%d number=%d date=%d quote=%d unique=%d omission=%d", n,
		counts[FlagName], counts[FlagTitle], counts[FlagNumber], counts[FlagDate], counts[FlagQuote], counts[FlagUnique], counts[FlagOmission])
}
