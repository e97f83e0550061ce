package compare

import (
	"math/rand/v2"
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
				pi := c.PassageOf(ParaRef{Version: v.ID, Paragraph: p.Index})
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

// msrPair is one labelled sentence pair of the MSR paraphrase corpus.
type msrPair struct {
	positive bool
	a, b     string
}

// readMSR reads $PARALLAX_DATA/paraphrase/msr_paraphrase_train.tsv, undoing
// its tokenisation ("Dominick 's" , " , ") so sentences read as printed.
func readMSR(t *testing.T) []msrPair {
	t.Helper()
	data := os.Getenv("PARALLAX_DATA")
	if data == "" {
		data = filepath.Join("..", "..", "shared", "data") // beside the repository
	}
	raw, err := os.ReadFile(filepath.Join(data, "paraphrase", "msr_paraphrase_train.tsv"))
	if err != nil {
		t.Skipf("no paraphrase data: %v", err)
	}
	detok := strings.NewReplacer(" 's", "'s", " ,", ",", " .", ".", " n't", "n't", " ;", ";", " :", ":", "$ ", "$", " %", "%", "( ", "(", " )", ")", "\"\"", "\"")
	var out []msrPair
	for i, line := range strings.Split(string(raw), "\n") {
		f := strings.Split(strings.TrimRight(line, "\r"), "\t")
		if i == 0 || len(f) < 5 {
			continue
		}
		unq := func(s string) string { return strings.TrimSpace(detok.Replace(strings.Trim(s, "\""))) }
		out = append(out, msrPair{positive: f[0] == "1", a: unq(f[3]), b: unq(f[4])})
	}
	return out
}

// TestEvalParaphrase builds stories from the paraphrase pairs: 10 positive
// pairs each, version A their first sentences in order, version B their
// second sentences shuffled among 3 unrelated sentences, one shared
// headline on top of both. It logs the share of pairs linked and the
// precision of the body links.
func TestEvalParaphrase(t *testing.T) {
	pairs := readMSR(t)
	var pos, neg []msrPair
	for _, p := range pairs {
		if p.positive {
			pos = append(pos, p)
		} else {
			neg = append(neg, p)
		}
	}
	r := rand.New(rand.NewPCG(12, 12))
	var want, found, links, right int
	for s := 0; (s+1)*10 <= len(pos) && (s+1)*3 <= len(neg); s++ {
		group := pos[s*10 : (s+1)*10]
		head := parallax.Paragraph{Ordinal: 1, Kind: parallax.KindHeadline, Text: "News in brief: the day's reports"}
		a := Version{ID: "a", Paragraphs: []parallax.Paragraph{head}}
		b := Version{ID: "b", Paragraphs: []parallax.Paragraph{head}}
		for i, p := range group {
			a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Ordinal: i + 2, Kind: parallax.KindBody, Text: p.a})
		}
		// B's body: index < 10 is the partner of A's paragraph index+2;
		// the rest are unrelated.
		order := r.Perm(13)
		partnerOf := map[int]int{} // B paragraph -> A paragraph (0: none)
		for j, k := range order {
			text := ""
			if k < 10 {
				text = group[k].b
				partnerOf[j+2] = k + 2
			} else {
				text = neg[s*3+k-10].b
			}
			b.Paragraphs = append(b.Paragraphs, parallax.Paragraph{Ordinal: j + 2, Kind: parallax.KindBody, Text: text})
		}
		c, err := Compare([]Version{a, b})
		if err != nil {
			t.Fatal(err)
		}
		want += 10
		for _, p := range c.PairsBetween("a", "b") {
			if p.A.Paragraph == 1 || p.B.Paragraph == 1 {
				continue
			}
			links++
			if partnerOf[p.B.Paragraph] == p.A.Paragraph {
				right++
				found++
			}
		}
	}
	t.Logf("EVAL: paraphrase stories=%d pairs linked=%.3f precision=%.3f (%d of %d pairs, %d links)",
		want/10, ratio(found, want), ratio(right, links), found, want, links)
	if ratio(found, want) < 0.95 || ratio(right, links) < 0.97 {
		t.Errorf("paraphrase: %.3f of pairs linked at precision %.3f, want at least 0.95 at 0.97", ratio(found, want), ratio(right, links))
	}
}
