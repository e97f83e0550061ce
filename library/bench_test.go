package library

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/cputime"
)

// benchWords are the made-up words of the benchmark articles.
var benchWords = strings.Fields(`harbour ferry council vote tram line strike minister said
on the of and to in a was for that with by dockers quay budget mayor assembly route
passengers bridge river storm night morning week talks union wage port cargo crane`)

// writeBenchArticles writes n wire-style text files of about size bytes
// into dir.
func writeBenchArticles(tb testing.TB, dir string, n, size int) {
	tb.Helper()
	for i := range n {
		r := rand.New(rand.NewPCG(uint64(i), 7))
		var b strings.Builder
		fmt.Fprintf(&b, "Report %d on the %s %s\n\nPublished: 6 November 2025\n\nOSKBY: ", i, benchWords[r.IntN(len(benchWords))], benchWords[r.IntN(len(benchWords))])
		for b.Len() < size {
			for range 4 {
				for k := range 8 + r.IntN(12) {
					if k > 0 {
						b.WriteByte(' ')
					}
					b.WriteString(benchWords[r.IntN(len(benchWords))])
				}
				b.WriteString(". ")
			}
			b.WriteString("\n\n")
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%05d.txt", i)), []byte(b.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkImportFolder is "parallax import --story" of a folder of 2,000
// files of 5 KB into a new library: reading, parsing (in parallel),
// storing and indexing for search, as the command does them, up to the
// library's Close (everything searchable).
func BenchmarkImportFolder(b *testing.B) { benchImportFolder(b, 2000) }

// BenchmarkImportFolder10k is BenchmarkImportFolder with 10,000 files.
func BenchmarkImportFolder10k(b *testing.B) { benchImportFolder(b, 10000) }

func benchImportFolder(b *testing.B, n int) {
	dir := b.TempDir()
	writeBenchArticles(b, dir, n, 5000)
	ctx := context.Background()
	for b.Loop() {
		l, err := Open(filepath.Join(b.TempDir(), "library.db"))
		if err != nil {
			b.Fatal(err)
		}
		start, cpu0 := time.Now(), cputime.Process()
		im := l.NewImporter(Target{NewTitle: "Bench"})
		imported := 0
		for rs := range im.Batches(l.ReadInputs(ctx, []string{dir}, nil, 0)) {
			for _, o := range im.AddBatch(ctx, rs) {
				if o.Kind != Imported {
					b.Fatalf("%s: %v", o.Path, o.Err)
				}
				imported++
			}
		}
		if err := l.Close(); err != nil {
			b.Fatal(err)
		}
		if imported != n {
			b.Fatalf("imported %d of %d", imported, n)
		}
		b.ReportMetric(float64(n)/time.Since(start).Seconds(), "articles/s")
		b.ReportMetric(float64((cputime.Process()-cpu0).Microseconds())/float64(n), "cpu-us/article")
	}
}
