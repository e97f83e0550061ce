package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/ingest"
)

// A page imported from the web keeps its URL, not a made-up file path.
func TestArticlePathOfURL(t *testing.T) {
	for _, u := range []string{"https://courier.example/a/b", "http://x.example/"} {
		if p := articlePath(u); p != "" {
			t.Errorf("articlePath(%q) = %q, want none (the URL is kept as the article's URL)", u, p)
		}
	}
}

// ReadInputs hands the inputs on in the order named, each path walked on
// its own: a folder named twice is read twice (its files then imported
// once and recognised once), never refused as a loop.
func TestReadInputsOrderAndPathsApart(t *testing.T) {
	l := openTestLibrary(t)
	dir := t.TempDir()
	var want []string
	for i := range 30 {
		p := filepath.Join(dir, fmt.Sprintf("v%02d.txt", i))
		text := fmt.Sprintf("Version %d of the ferry story\n\nThe ferry sails again on day %d, the harbour office said on Monday.", i, i)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		want = append(want, p)
	}
	single := filepath.Join(dir, "v03.txt")
	paths := []string{dir, single, dir}
	want = append(append(append([]string{}, want...), single), want...)
	ctx := context.Background()
	im := l.NewImporter(Target{NewTitle: "Ferry"})
	var got []string
	kinds := map[OutcomeKind]int{}
	for rs := range Batches(l.ReadInputs(ctx, paths, nil, 0), 7) {
		for _, o := range im.AddBatch(ctx, rs) {
			got = append(got, o.Path)
			kinds[o.Kind]++
			if errors.Is(o.Err, ingest.ErrSymlinkLoop) {
				t.Errorf("%s refused as a loop: %v", o.Path, o.Err)
			}
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("inputs in the order\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if kinds[Imported] != 30 || kinds[Duplicate] != 31 {
		t.Errorf("outcomes %v, want 30 imported and 31 duplicates", kinds)
	}
}
