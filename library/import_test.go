package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/ingest"
)

// A page imported from the web keeps its URL, not a made-up file path.
func TestArticlePathOfURL(t *testing.T) {
	for _, u := range []string{"https://courier.example/a/b", "http://x.example/"} {
		if p := articlePath(u, func() string { return "/home/ana" }); p != "" {
			t.Errorf("articlePath(%q) = %q, want none (the URL is kept as the article's URL)", u, p)
		}
	}
}

// An article's path is what filepath.Abs makes of the path it was read
// from, with the working directory looked up once for the whole import.
func TestArticlePathIsAbsolute(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Skip("no working directory:", err)
	}
	lookups := 0
	im := &Importer{}
	workDir := func() string { lookups++; return im.workDir() }
	for _, p := range []string{"a.txt", "./notes/../b.txt", "docs//c.txt", "../d.txt", ".", "/srv/news/e.txt", "/srv//news/./f.txt", "-"} {
		want, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		if p == "-" {
			want = ""
		}
		if got := articlePath(p, workDir); got != want {
			t.Errorf("articlePath(%q) = %q, want %q (working directory %s)", p, got, want, wd)
		}
	}
	if lookups == 0 || im.wd != wd {
		t.Errorf("working directory looked up %d times, kept %q", lookups, im.wd)
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

// Into a named or new story a batch is handed on as soon as the store
// waits for one and it holds eagerBatchMin inputs: with inputs still to
// come, the first eagerBatchMin do not wait for ImportBatch of them.
// Every batch but the last holds from eagerBatchMin to ImportBatch inputs,
// and together they are the inputs in order.
func TestEagerBatches(t *testing.T) {
	in := make(chan Input)
	batches := (&Importer{target: Target{NewTitle: "Ferry"}}).Batches(in)
	for i := range eagerBatchMin {
		in <- Input{Path: fmt.Sprint(i)}
	}
	select {
	case b := <-batches:
		if len(b) != eagerBatchMin {
			t.Fatalf("first batch of %d, want %d", len(b), eagerBatchMin)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("no batch handed on after %d inputs", eagerBatchMin)
	}
	const total = 3*ImportBatch + 17
	go func() {
		for i := eagerBatchMin; i < total; i++ {
			in <- Input{Path: fmt.Sprint(i)}
		}
		close(in)
	}()
	next := eagerBatchMin
	var sizes []int
	for b := range batches {
		sizes = append(sizes, len(b))
		for _, r := range b {
			if r.Path != fmt.Sprint(next) {
				t.Fatalf("input %s where %d was due", r.Path, next)
			}
			next++
		}
	}
	if next != total {
		t.Fatalf("%d inputs handed on, want %d", next, total)
	}
	for i, n := range sizes {
		if n > ImportBatch || (n < eagerBatchMin && i < len(sizes)-1) {
			t.Errorf("batch sizes %v: each but the last from %d to %d", sizes, eagerBatchMin, ImportBatch)
			break
		}
	}
}

// With automatic grouping a batch waits to fill: versions imported
// together are placed together.
func TestAutoBatchesWaitToFill(t *testing.T) {
	in := make(chan Input)
	batches := (&Importer{target: Target{Auto: true}}).Batches(in)
	go func() {
		for i := range ImportBatch + 3 {
			in <- Input{Path: fmt.Sprint(i)}
		}
		close(in)
	}()
	var sizes []int
	for b := range batches {
		sizes = append(sizes, len(b))
	}
	if len(sizes) != 2 || sizes[0] != ImportBatch || sizes[1] != 3 {
		t.Errorf("batch sizes %v, want [%d 3]", sizes, ImportBatch)
	}
}

// The hash of each file's bytes, worked out as it is read to find files
// already imported, is the one stored: the same bytes are then known
// again, here by a lookup that hashes them afresh.
func TestImportStoresTheReadersRawHash(t *testing.T) {
	l := openTestLibrary(t)
	dir := t.TempDir()
	var files []string
	for i := range 40 {
		p := filepath.Join(dir, fmt.Sprintf("r%02d.txt", i))
		text := fmt.Sprintf("Ferry notice %d\n\nThe ferry to Pellin sails at %d o'clock, the harbour office said.\n", i, i%12+1)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	ctx := context.Background()
	im := l.NewImporter(Target{NewTitle: "Notices"})
	for rs := range im.Batches(l.ReadInputs(ctx, []string{dir}, nil, 0)) {
		for _, r := range rs {
			if r.RawSum == (ingest.RawSum{}) {
				t.Errorf("%s: read without its hash", r.Path)
			}
		}
		for _, o := range im.AddBatch(ctx, rs) {
			if o.Kind != Imported {
				t.Fatalf("%s: %v", o.Path, o.Err)
			}
		}
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := l.KnownRaw(ctx, data); !errors.Is(err, ErrDuplicate) {
			t.Errorf("%s: its bytes are not known after the import: %v", p, err)
		}
	}
}
