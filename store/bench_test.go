package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/internal/cputime"
)

// benchVocabulary is a fixed list of made-up words, most frequent first.
var benchVocabulary = func() []string {
	r := rand.New(rand.NewPCG(7, 7))
	syl := []string{"ka", "lo", "mer", "vin", "ost", "ra", "bel", "tu", "sen", "dra", "pi", "mon", "el", "gar", "fu", "nis", "to", "wel", "ar", "quen"}
	seen := map[string]bool{}
	var out []string
	for len(out) < 20000 {
		var b strings.Builder
		for range 2 + r.IntN(3) { // 20 syllables: up to 8,420 words with 1–3, enough with 2–4
			b.WriteString(syl[r.IntN(len(syl))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}()

// syntheticArticle writes article i as plain text of about size bytes: a
// title, a dateline and paragraphs of Zipf-distributed words.
func syntheticArticle(i, size int) string {
	r := rand.New(rand.NewPCG(uint64(i), 99))
	z := rand.NewZipf(r, 1.1, 2, uint64(len(benchVocabulary)-1))
	word := func() string { return benchVocabulary[z.Uint64()] }
	var b strings.Builder
	fmt.Fprintf(&b, "Report %d on %s %s\n\nOSKBY: ", i, word(), word())
	for b.Len() < size {
		for s := 0; s < 4; s++ {
			n := 8 + r.IntN(12)
			for k := range n {
				w := word()
				if k == 0 {
					w = strings.ToUpper(w[:1]) + w[1:]
				}
				b.WriteString(w)
				if k < n-1 {
					b.WriteByte(' ')
				}
			}
			b.WriteString(". ")
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// syntheticParsed is syntheticArticle split into paragraphs without ingest,
// for building large libraries quickly.
func syntheticParsed(i, size int) *parallax.Article {
	text := syntheticArticle(i, size)
	a := &parallax.Article{Raw: []byte(text), Text: text, Source: parallax.Source{Name: "Bench Wire"}}
	for n, p := range strings.Split(strings.TrimSpace(text), "\n\n") {
		kind := parallax.KindBody
		if n == 0 {
			kind, a.Title = parallax.KindHeadline, p
		}
		a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Ordinal: n + 1, Kind: kind, Text: strings.TrimSpace(p)})
	}
	return a
}

// BenchmarkImportText imports 10,000 plain-text articles of about 5 KB
// each, read and parsed as "parallax import" does (parseInBackground)
// while the articles before are stored, one transaction per article,
// search index included (the last batch is indexed by Close, which is
// timed).
func BenchmarkImportText(b *testing.B) {
	const n, size = 10000, 5000
	texts := writeTexts(b, n, size)
	ctx := context.Background()
	runtime.LockOSThread() // for importMetrics' store time
	defer runtime.UnlockOSThread()
	for b.Loop() {
		var m importMetrics
		s, err := Open(filepath.Join(b.TempDir(), "library.db"), withIndexerHook(m.indexer.hook))
		if err != nil {
			b.Fatal(err)
		}
		m.start()
		parsed := parseInBackground(b, texts)
		var storyID int64
		stored := 0
		for a := range parsed {
			a.StoryID = storyID
			if err := s.AddArticle(ctx, a, ""); err != nil {
				b.Fatal(err)
			}
			storyID = a.StoryID
			stored++
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		if stored != n {
			b.Fatalf("stored %d articles of %d", stored, n)
		}
		m.report(b, n)
	}
}

// importMetrics times one import of a benchmark.
type importMetrics struct {
	began           time.Time
	process, thread time.Duration
	indexer         threadCPU
}

func (m *importMetrics) start() {
	m.began = time.Now()
	m.process, m.thread = cputime.Process(), cputime.Thread()
}

// threadCPU is the CPU time a thread used between hook(true) and
// hook(false), both called on it.
type threadCPU struct{ from, used time.Duration }

func (c *threadCPU) hook(start bool) {
	t := cputime.Thread()
	if start {
		c.from = t
	} else {
		c.used = t - c.from
	}
}

// withIndexerHook has f called on the search indexer's thread as it
// starts and ends.
func withIndexerHook(f func(start bool)) Option {
	return func(s *Store) { s.testHookIndexer = f }
}

// report gives the import's rate, and per article the CPU time of the
// whole process (reading, parsing, storing, indexing, checkpointing), of
// the benchmark's own thread, which stores, and of the search indexer's
// thread: on a shared machine these hold when the rate does not, and the
// busier of the two threads bounds the rate however many cores parse.
// (What Close indexes after the indexer stops is on the storing thread.)
func (m *importMetrics) report(b *testing.B, n int) {
	process, thread := cputime.Process(), cputime.Thread()
	b.ReportMetric(float64(n)/time.Since(m.began).Seconds(), "articles/s")
	b.ReportMetric(float64((process-m.process).Microseconds())/float64(n), "cpu-us/article")
	b.ReportMetric(float64((thread-m.thread).Microseconds())/float64(n), "store-us/article")
	b.ReportMetric(float64(m.indexer.used.Microseconds())/float64(n), "index-us/article")
}

// parseInBackground reads and parses the files of dir as "parallax import"
// does while the articles before are stored: ingest.Walk, on one
// goroutine per CPU, results in order.
func parseInBackground(b *testing.B, dir string) <-chan *parallax.Article {
	parsed := make(chan *parallax.Article, 16)
	go func() {
		defer close(parsed)
		ingest.Walk([]string{dir}, nil, ingest.Options{}, func(r ingest.Result) {
			if r.Err != nil {
				b.Error(r.Err)
				return
			}
			parsed <- r.Article
		})
	}()
	return parsed
}

// writeTexts writes n synthetic articles of about size bytes as text files
// in a new folder, for the import benchmarks to read.
func writeTexts(b *testing.B, n, size int) string {
	dir := b.TempDir()
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%05d.txt", i)), []byte(syntheticArticle(i, size)), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkImportTextBatched is BenchmarkImportText stored as "parallax
// import" stores now: batches of 256 files, one transaction each (each
// file still whole or not at all).
func BenchmarkImportTextBatched(b *testing.B) {
	const n, size, batch = 10000, 5000, 256
	texts := writeTexts(b, n, size)
	ctx := context.Background()
	runtime.LockOSThread() // for importMetrics' store time
	defer runtime.UnlockOSThread()
	for b.Loop() {
		var m importMetrics
		s, err := Open(filepath.Join(b.TempDir(), "library.db"), withIndexerHook(m.indexer.hook))
		if err != nil {
			b.Fatal(err)
		}
		m.start()
		parsed := parseInBackground(b, texts)
		var pending []*parallax.Article
		stored := 0
		flush := func() {
			errs, err := s.AddArticles(ctx, pending, AddOptions{NewStory: "Bench"})
			if err != nil {
				b.Fatal(err)
			}
			for _, e := range errs {
				if e == nil {
					stored++
				}
			}
			pending = pending[:0]
		}
		for a := range parsed {
			if pending = append(pending, a); len(pending) == batch {
				flush()
			}
		}
		flush()
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		if stored != n {
			b.Fatalf("stored %d articles of %d", stored, n)
		}
		m.report(b, n)
	}
}

// BenchmarkAddArticle is the store's share of an import: one 5 KB article
// already parsed, in its own transaction.
func BenchmarkAddArticle(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "library.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	var arts []*parallax.Article
	for i := range 2000 {
		arts = append(arts, syntheticParsed(i, 5000))
	}
	i := 0
	for b.Loop() {
		a := *arts[i%len(arts)]
		a.Text += fmt.Sprint(i) // unique content, else every pass after the first is a duplicate
		a.StoryID = 1
		if i == 0 {
			a.StoryID = 0
		}
		if err := s.AddArticle(ctx, &a, ""); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// largeLibrary returns a library of n synthetic articles of about 5 KB,
// built once per machine in the temporary folder (building takes a minute)
// and reused by later runs.
func largeLibrary(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "parallax-bench")
	path := filepath.Join(dir, fmt.Sprintf("library-%d-v1.db", n))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	os.MkdirAll(dir, 0o755)
	tmp := path + ".building"
	for _, suffix := range []string{"", "-wal", "-shm", "-search", "-search-wal", "-search-shm"} {
		os.Remove(tmp + suffix)
	}
	s, err := Open(tmp)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	const batch = 2000
	for from := 0; from < n; from += batch {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		for i := from; i < min(from+batch, n); i++ {
			a := syntheticParsed(i, 5000)
			if i%5 != 0 { // stories of five versions; the first makes it
				a.StoryID = int64(i/5) + 1
			}
			if _, err := s.addArticle(ctx, tx, a, articleInsert{}); err != nil {
				b.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		b.Fatal(err)
	}
	s.Close()
	if err := os.Rename(SearchIndexPath(tmp), SearchIndexPath(path)); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkSearch100k searches a library of 100,000 articles.
func BenchmarkSearch100k(b *testing.B) {
	path := largeLibrary(b, 100000)
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	v := benchVocabulary
	queries := []struct{ name, query string }{
		{"rare word", v[5000]},
		{"two words", v[300] + " " + v[800]},
		{"phrase", `"report 4242"`},
		{"prefix", v[1200][:3] + "*"},
		{"common word", v[40]},
		// Beyond the cases: prefixes the index does not hold, and
		// a query of common words, each ranked over a sample.
		{"two-letter prefix", v[1200][:2] + "*"},
		{"four-letter prefix", v[1200][:4] + "*"},
		{"two common words or", v[40] + " OR " + v[41]},
	}
	ctx := context.Background()
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			var hits []Hit
			for b.Loop() {
				if hits, err = s.Search(ctx, q.query, DefaultSearchLimit); err != nil {
					b.Fatal(err)
				}
			}
			if len(hits) == 0 {
				b.Fatalf("%q found nothing", q.query)
			}
		})
	}
}

// BenchmarkOpen100k opens (and closes) a library of 100,000 articles, and
// lists its stories.
func BenchmarkOpen100k(b *testing.B) {
	path := largeLibrary(b, 100000)
	b.Run("open", func(b *testing.B) {
		for b.Loop() {
			s, err := Open(path)
			if err != nil {
				b.Fatal(err)
			}
			s.Close()
		}
	})
	b.Run("stories", func(b *testing.B) {
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		for b.Loop() {
			if _, err := s.Stories(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
	})
}
