package ingest

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	parallax "github.com/parallax-news/parallax"
)

// evalDir returns $PARALLAX_DATA/sub, or skips the test when it is unset or absent.
func evalDir(t *testing.T, sub string) string {
	t.Helper()
	root := os.Getenv("PARALLAX_DATA")
	if root == "" {
		t.Skip("PARALLAX_DATA not set")
	}
	dir := filepath.Join(root, sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s absent", dir)
	}
	return dir
}

// shingleCounts are the token 4-gram shingles of a text, counted, as the
// scrapinghub article-extraction-benchmark defines them: tokens are runs of
// word characters; a text of fewer than 4 tokens is one shingle.
func shingleCounts(text string) map[string]int {
	tokens := strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_')
	})
	out := map[string]int{}
	n := len(tokens) - 3
	if n < 1 {
		n = 1
	}
	for i := 0; i < n && i < len(tokens); i++ {
		end := min(i+4, len(tokens))
		out[strings.Join(tokens[i:end], "\x00")]++
	}
	return out
}

// shingleMatch is one page's (tp, fp, fn), normalised to sum to 1.
func shingleMatch(truth, pred string) (tp, fp, fn float64) {
	ts, ps := shingleCounts(truth), shingleCounts(pred)
	for k, tc := range ts {
		pc := ps[k]
		tp += float64(min(tc, pc))
		fn += float64(max(0, tc-pc))
	}
	for k, pc := range ps {
		fp += float64(max(0, pc-ts[k]))
	}
	if s := tp + fp + fn; s > 0 {
		tp, fp, fn = tp/s, fp/s, fn/s
	}
	return
}

// benchmarkScores averages per-page precision and recall and derives F1
// from the averages, as the benchmark's evaluate.py does.
func benchmarkScores(pages [][3]float64) (f1, p, r float64) {
	var np, nr int
	for _, m := range pages {
		tp, fp, fn := m[0], m[1], m[2]
		if tp+fp > 0 {
			np++
			if fp == 0 && fn == 0 {
				p++
			} else {
				p += tp / (tp + fp)
			}
		}
		if tp+fn > 0 {
			nr++
			if fp == 0 && fn == 0 {
				r++
			} else {
				r += tp / (tp + fn)
			}
		}
	}
	if np > 0 {
		p /= float64(np)
	}
	if nr > 0 {
		r /= float64(nr)
	}
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return
}

// extractedBody is the article text an extractor would hand the benchmark:
// every paragraph but the headline taken from the page's title.
func extractedBody(a *parallax.Article) string {
	var parts []string
	for _, p := range a.Paragraphs {
		if p.Kind == parallax.KindHeadline {
			continue
		}
		parts = append(parts, p.Text)
	}
	return strings.Join(parts, "\n\n")
}

func TestShingleMatch(t *testing.T) {
	tests := []struct {
		name          string
		truth, pred   string
		tp, fp, fn    float64
		wantP, wantR  float64
		wantF1Greater float64
	}{
		{name: "identical", truth: "one two three four five", pred: "one two three four five", tp: 1},
		{name: "disjoint", truth: "one two three four", pred: "five six seven eight", fp: 0.5, fn: 0.5},
		{name: "extra text", truth: "a b c d", pred: "a b c d e", tp: 0.5, fp: 0.5},
		{name: "short texts are one shingle", truth: "a b", pred: "a b", tp: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tp, fp, fn := shingleMatch(tc.truth, tc.pred)
			if abs(tp-tc.tp) > 1e-9 || abs(fp-tc.fp) > 1e-9 || abs(fn-tc.fn) > 1e-9 {
				t.Errorf("got tp=%.3f fp=%.3f fn=%.3f, want %.3f %.3f %.3f", tp, fp, fn, tc.tp, tc.fp, tc.fn)
			}
		})
	}
	f1, p, r := benchmarkScores([][3]float64{{1, 0, 0}, {0.5, 0.5, 0}})
	if abs(p-0.75) > 1e-9 || abs(r-1) > 1e-9 || abs(f1-2*0.75/1.75) > 1e-9 {
		t.Errorf("scores: f1=%.3f p=%.3f r=%.3f", f1, p, r)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestEvalExtraction(t *testing.T) {
	dir := evalDir(t, "extraction")
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var pages [][3]float64
	type worst struct {
		id string
		f1 float64
	}
	var worsts []worst
	failed := 0
	for _, id := range ids {
		data, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		var pred string
		a, err := ParseHTML(truth[id].URL, data, "", Options{})
		if err != nil {
			failed++
			t.Logf("%s: %v", id, err)
		} else {
			pred = extractedBody(a)
		}
		tp, fp, fn := shingleMatch(truth[id].ArticleBody, pred)
		pages = append(pages, [3]float64{tp, fp, fn})
		pf1 := 0.0
		if tp > 0 {
			pf1 = 2 * tp / (2*tp + fp + fn)
		}
		worsts = append(worsts, worst{id, pf1})
	}
	f1, p, r := benchmarkScores(pages)
	sort.Slice(worsts, func(i, j int) bool { return worsts[i].f1 < worsts[j].f1 })
	for _, w := range worsts[:min(8, len(worsts))] {
		t.Logf("low page %s F1=%.3f", w.id[:12], w.f1)
	}
	t.Logf("EVAL: extraction F1=%.3f P=%.3f R=%.3f pages=%d failed=%d", f1, p, r, len(pages), failed)
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(z)
}

func TestEvalMetadata(t *testing.T) {
	dir := evalDir(t, "readability")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var pages, titleOK, bylinePages, bylineOK, langPages, langOK int
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, e.Name(), "source.html"))
		if err != nil {
			continue
		}
		metaRaw, err := os.ReadFile(filepath.Join(dir, e.Name(), "expected-metadata.json"))
		if err != nil {
			continue
		}
		var want struct {
			Title, Byline, Lang string
		}
		if err := json.Unmarshal(metaRaw, &want); err != nil {
			t.Errorf("%s: %v", e.Name(), err)
			continue
		}
		pages++
		a, err := Parse(e.Name()+".html", src, Options{})
		if err != nil {
			t.Logf("%s: %v", e.Name(), err)
			continue
		}
		if sameText(a.Title, want.Title) {
			titleOK++
		} else {
			t.Logf("%s: title %q, want %q", e.Name(), a.Title, want.Title)
		}
		if want.Byline != "" {
			bylinePages++
			if sameText(a.Byline, cleanByline(want.Byline)) || strings.Contains(strings.ToLower(want.Byline), strings.ToLower(a.Byline)) && a.Byline != "" {
				bylineOK++
			} else {
				t.Logf("%s: byline %q, want %q", e.Name(), a.Byline, want.Byline)
			}
		}
		if want.Lang != "" {
			langPages++
			if strings.EqualFold(strings.SplitN(a.Language, "-", 2)[0], strings.SplitN(want.Lang, "-", 2)[0]) {
				langOK++
			}
		}
	}
	ratio := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	t.Logf("EVAL: metadata title=%.3f byline=%.3f lang=%.3f pages=%d", ratio(titleOK, pages), ratio(bylineOK, bylinePages), ratio(langOK, langPages), pages)
}
