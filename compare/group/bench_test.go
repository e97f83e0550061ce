package group

import (
	"runtime"
	"testing"
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
