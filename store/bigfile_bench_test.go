package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare/group"
	"github.com/parallax-news/parallax/ingest"
)

// bigOneLine is a one-line text of n bytes of made-up words, no newline:
// the worst shape for paragraph splitting and per-article work.
func bigOneLine(n int) []byte {
	var b strings.Builder
	b.Grow(n + 16)
	for i := 0; b.Len() < n; i++ {
		b.WriteString(benchVocabulary[(i*7919)%len(benchVocabulary)])
		b.WriteByte(' ')
	}
	return []byte(b.String()[:n])
}

// BenchmarkImportLargestDefault imports the largest input the default
// limit allows (ingest.DefaultMaxBytes) as one line of plain text, the
// worst shape for paragraph splitting and per-article work, as "parallax
// import" does: parsed, grouped automatically, stored with its search
// index. B/op is what one such import allocates: about 2.5 times the file
// since the fixes of issue 14 item 6, 38 times before.
func BenchmarkImportLargestDefault(b *testing.B) {
	data := bigOneLine(ingest.DefaultMaxBytes)
	ctx := context.Background()
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		s, err := Open(filepath.Join(b.TempDir(), "library.db"))
		if err != nil {
			b.Fatal(err)
		}
		a, err := ingest.Parse("big.txt", data, ingest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		arts := []*parallax.Article{a}
		p, err := group.Place(ctx, s.Grouping(), []group.Doc{{Title: a.Title, Text: a.Text, Published: a.Published}}, group.Options{})
		if err != nil {
			b.Fatal(err)
		}
		errs, err := s.AddArticles(ctx, arts, AddOptions{Grouped: true, Targets: p.Targets, Features: p.Features, Filings: p.Filings})
		if err != nil || errs[0] != nil {
			b.Fatal(err, errs)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
