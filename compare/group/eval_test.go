package group

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// dataDir is $PARALLAX_DATA, else ../shared/data beside the repository (so
// `make test` keeps the floors when the data is there); it skips the test
// when neither exists.
func dataDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("PARALLAX_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "data")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no evaluation data (%v)", err)
	}
	return dir
}

// evalStories reads $PARALLAX_DATA/stories/*/{fox,nyt,hpo}.txt: each folder
// is one event told by three outlets; meta.json gives each file's date.
func evalStories(t *testing.T) ([]Doc, []int) {
	t.Helper()
	dir := dataDir(t)
	folders, err := filepath.Glob(filepath.Join(dir, "stories", "*"))
	if err != nil || len(folders) == 0 {
		t.Skipf("no stories under %s", dir)
	}
	sort.Strings(folders)
	var docs []Doc
	var truth []int
	for ev, folder := range folders {
		dates := map[string]time.Time{}
		if raw, err := os.ReadFile(filepath.Join(folder, "meta.json")); err == nil {
			var meta struct {
				Articles []struct{ File, Date string }
			}
			if json.Unmarshal(raw, &meta) == nil {
				for _, a := range meta.Articles {
					if d, err := time.Parse("2006-01-02", a.Date); err == nil {
						dates[a.File] = d
					}
				}
			}
		}
		for _, name := range []string{"fox.txt", "nyt.txt", "hpo.txt"} {
			raw, err := os.ReadFile(filepath.Join(folder, name))
			if err != nil {
				continue
			}
			title, body, _ := strings.Cut(string(raw), "\n")
			docs = append(docs, Doc{ID: int64(len(docs) + 1), Title: title, Text: body, Published: dates[name]})
			truth = append(truth, ev)
		}
	}
	return docs, truth
}

// evalEvents reads $PARALLAX_DATA/events/*/*.txt (ECB+): each folder is one
// event, and each topic holds two events of the same kind. Articles are one
// sentence per line and undated; the first line stands for the title.
func evalEvents(t *testing.T) ([]Doc, []int) {
	t.Helper()
	dir := dataDir(t)
	folders, err := filepath.Glob(filepath.Join(dir, "events", "topic*"))
	if err != nil || len(folders) == 0 {
		t.Skipf("no events under %s", dir)
	}
	sort.Strings(folders)
	var docs []Doc
	var truth []int
	for ev, folder := range folders {
		files, _ := filepath.Glob(filepath.Join(folder, "*.txt"))
		sort.Strings(files)
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			title, body, _ := strings.Cut(strings.TrimSpace(string(raw)), "\n")
			docs = append(docs, Doc{ID: int64(len(docs) + 1), Title: title, Text: body})
			truth = append(truth, ev)
		}
	}
	return docs, truth
}

// TestEvalEvents groups the ECB+ articles (two events of one kind per
// topic) and logs pairwise precision, recall and F1.
func TestEvalEvents(t *testing.T) {
	docs, truth := evalEvents(t)
	p, r, f := pairScores(truth, Group(docs, Options{}))
	t.Logf("EVAL: grouping events P=%.3f R=%.3f F1=%.3f (%d articles, %d events)", p, r, f, len(docs), truth[len(truth)-1]+1)
	if f < 0.85 {
		t.Errorf("events: pairwise F1 %.3f, want at least 0.85", f)
	}
}

// TestEvalGrouping groups the real stories (each folder one event) and
// logs pairwise precision, recall and F1; with and without dates.
func TestEvalGrouping(t *testing.T) {
	docs, truth := evalStories(t)
	got := Group(docs, Options{})
	p, r, f := pairScores(truth, got)
	t.Logf("EVAL: grouping P=%.3f R=%.3f F1=%.3f (%d articles, %d events)", p, r, f, len(docs), truth[len(truth)-1]+1)
	if f < 0.92 {
		t.Errorf("stories: pairwise F1 %.3f, want at least 0.92", f)
	}
	for i := range docs {
		docs[i].Published = time.Time{}
	}
	got = Group(docs, Options{})
	p, r, f = pairScores(truth, got)
	t.Logf("EVAL: grouping without dates P=%.3f R=%.3f F1=%.3f", p, r, f)
}
