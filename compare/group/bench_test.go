package group

import (
	"context"
	"runtime"
	"slices"
	"testing"

	"github.com/parallax-news/parallax/internal/cputime"
)

// benchCorpus is 100,000 synthetic articles over one year (about 270 a
// day): 5,000 stories in 3-6 versions and singles to fill.
func benchCorpus(b *testing.B) []Doc {
	b.Helper()
	fixture := genCorpusOver(42, 5000, 77000, 365)
	docs := make([]Doc, 0, 100000)
	for _, d := range fixture {
		if len(docs) == 100000 {
			break
		}
		docs = append(docs, d.Doc)
	}
	return docs
}

// BenchmarkGroup100k groups 100,000 articles in one batch and reports the
// heap in use at the end.
func BenchmarkGroup100k(b *testing.B) {
	docs := benchCorpus(b)
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var peak uint64
	for b.Loop() {
		got := Group(docs, Options{})
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapInuse)
		if len(got) != len(docs) {
			b.Fatal("wrong length")
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "heapMB")
	b.ReportMetric(float64(len(docs)), "articles")
}

// BenchmarkAddTo100k attaches one new article to an index of 100,000.
func BenchmarkAddTo100k(b *testing.B) {
	docs := benchCorpus(b)
	ix := NewIndex(Options{})
	feats := make([]Features, len(docs))
	for i := range docs {
		feats[i] = Extract(docs[i].Title, docs[i].Text, docs[i].Published)
	}
	for i := range docs[:len(docs)-1000] {
		d := docs[i]
		d.Features = &feats[i]
		ix.Add(d)
	}
	extra := docs[len(docs)-1000:]
	i := 0
	for b.Loop() {
		d := extra[i%len(extra)]
		d.ID = int64(1_000_000 + i)
		ix.Add(d) // includes extracting its features from the text
		i++
	}
}

// BenchmarkExtract computes the features of one article of about 3 KB, as
// every grouped import does for each file.
func BenchmarkExtract(b *testing.B) {
	docs := genCorpus(7, 4, 0)
	var text string
	for _, d := range docs {
		text += d.Text + "\n\n"
		if len(text) > 3000 {
			break
		}
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Extract("A headline for the bench", text, docs[0].Published)
	}
}

// BenchmarkPlace500 places 500 arrivals, in the import's batches of 256,
// against a library of about 4,500 articles of three weeks (in memory:
// the grouping work alone, no SQL), as a grouped import of 500 files
// does.
func BenchmarkPlace500(b *testing.B) {
	fixture := genCorpusOver(3, 600, 2500, 21)
	docs := make([]Doc, len(fixture))
	for i := range fixture {
		docs[i] = fixture[i].Doc
	}
	slices.SortStableFunc(docs, func(x, y Doc) int { return x.Published.Compare(y.Published) })
	for i := range docs {
		docs[i].ID = int64(i + 1)
	}
	lib := newMemLibrary()
	stored, arriving := docs[:len(docs)-500], docs[len(docs)-500:]
	ctx := context.Background()
	for start := 0; start < len(stored); start += 256 {
		batch := stored[start:min(start+256, len(stored))]
		p, err := Place(ctx, lib, batch, Options{})
		if err != nil {
			b.Fatal(err)
		}
		lib.add(batch, p)
	}
	b.ReportMetric(float64(len(stored)), "library")
	cpu := cputime.Process()
	for b.Loop() {
		for start := 0; start < len(arriving); start += 256 {
			if _, err := Place(ctx, lib, arriving[start:min(start+256, len(arriving))], Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(cputime.Process()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
}
