package compare

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	parallax "github.com/parallax-news/parallax"
)

// plainVersion splits a plain-text file into paragraphs at blank lines; the
// first paragraph is taken as the headline. (The CLI uses ingest instead;
// compare must not depend on it.)
func plainVersion(id, text string) Version {
	v := Version{ID: id}
	for _, block := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		block = strings.TrimSpace(block)
		if block == "" {
			continue
		}
		kind := parallax.KindBody
		if len(v.Paragraphs) == 0 {
			kind = parallax.KindHeadline
			v.Title = block
		}
		v.Paragraphs = append(v.Paragraphs, parallax.Paragraph{Ordinal: len(v.Paragraphs) + 1, Kind: kind, Text: block})
	}
	return v
}

// TestEvalStories aligns the real three-outlet stories in
// $PARALLAX_DATA/stories and logs how much of each version finds a
// counterpart. There is no gold: the figures describe, they do not judge.
func TestEvalStories(t *testing.T) {
	data := os.Getenv("PARALLAX_DATA")
	if data == "" {
		t.Skip("PARALLAX_DATA not set")
	}
	dirs, _ := filepath.Glob(filepath.Join(data, "stories", "*"))
	if len(dirs) == 0 {
		t.Skipf("no stories under %s", data)
	}
	var stories, paras, aligned, pairs int
	var scoreSum float64
	dirMulti := map[string]int{}
	for _, dir := range dirs {
		var vs []Version
		for _, outlet := range []string{"fox", "nyt", "hpo"} {
			b, err := os.ReadFile(filepath.Join(dir, outlet+".txt"))
			if err != nil {
				continue
			}
			vs = append(vs, plainVersion(outlet, string(b)))
		}
		if len(vs) < 2 {
			continue
		}
		c, err := Compare(vs)
		if err != nil {
			t.Errorf("%s: %v", dir, err)
			continue
		}
		stories++
		for _, p := range c.Pairs {
			scoreSum += p.Score
		}
		pairs += len(c.Pairs)
		storyParas, storyAligned := 0, 0
		for _, v := range c.Versions {
			for _, p := range v.Paragraphs {
				if p.Kind != parallax.KindBody {
					continue
				}
				storyParas++
				pi := c.PassageOf(ParaRef{v.ID, p.Index})
				if pi >= 0 && len(c.Passages[pi].Members) > 1 {
					storyAligned++
				}
			}
		}
		for _, pr := range c.Provenance {
			dirMulti[pr.Direction]++
		}
		paras += storyParas
		aligned += storyAligned
		t.Logf("EVAL: story %s versions=%d body_paragraphs=%d with_counterpart=%.2f pairs=%d passages=%d",
			filepath.Base(dir), len(vs), storyParas, ratio(storyAligned, storyParas), len(c.Pairs), len(c.Passages))
	}
	meanScore := 0.0
	if pairs > 0 {
		meanScore = scoreSum / float64(pairs)
	}
	t.Logf("EVAL: stories overall stories=%d body_paragraphs=%d with_counterpart=%.3f pairs=%d mean_pair_score=%.3f provenance=%v",
		stories, paras, ratio(aligned, paras), pairs, meanScore, dirMulti)
}
