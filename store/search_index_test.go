package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	parallax "github.com/parallax-news/parallax"
)

// countRows is the number of rows of table in db.
func countRows(t *testing.T, db *sql.DB, table string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// notices collects what a Store reports to the user.
type notices struct {
	mu   sync.Mutex
	msgs []string
}

func (n *notices) add(msg string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.msgs = append(n.msgs, msg)
}

func (n *notices) String() string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return strings.Join(n.msgs, "\n")
}

// tideArticles are n articles, each with a word of its own
// ("tidemark<i>") and one they share ("harbour").
func tideArticles(n, from int) []*parallax.Article {
	var arts []*parallax.Article
	for i := from; i < from+n; i++ {
		arts = append(arts, testArticle(fmt.Sprintf("Tide report %d", i),
			fmt.Sprintf("High water at the harbour of Oskby, tidemark%d on the wall.", i)))
	}
	return arts
}

// storeTides stores tideArticles(n, from) in one batch.
func storeTides(t *testing.T, s *Store, n, from int) []*parallax.Article {
	t.Helper()
	arts := tideArticles(n, from)
	errs, err := s.AddArticles(context.Background(), arts, AddOptions{NewStory: "Tides"})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		if e != nil {
			t.Fatal(e)
		}
	}
	return arts
}

// checkTides fails unless searching s finds each of arts exactly once by
// its own word, and the shared word finds want articles, each once.
func checkTides(t *testing.T, s *Store, arts []*parallax.Article, want int) {
	t.Helper()
	ctx := context.Background()
	for i, a := range arts {
		word := ""
		for _, f := range strings.Fields(a.Text) {
			if strings.HasPrefix(f, "tidemark") {
				word = f
			}
		}
		hits, err := s.Search(ctx, word, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].ArticleID != a.ID {
			t.Fatalf("search for article %d (%d of the batch) by %q: %+v", a.ID, i, word, hits)
		}
	}
	hits, err := s.Search(ctx, "harbour", want+10)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int64]bool{}
	for _, h := range hits {
		if seen[h.ArticleID] {
			t.Fatalf("article %d found twice", h.ArticleID)
		}
		seen[h.ArticleID] = true
	}
	if len(hits) != want {
		t.Fatalf("the shared word found %d articles, want %d", len(hits), want)
	}
}

// The index lives in its own file beside the library; the library holds
// no full-text table, only the queue.
func TestSearchIndexIsAFileOfItsOwn(t *testing.T) {
	s := openTest(t)
	arts := storeTides(t, s, 5, 0)
	checkTides(t, s, arts, 5)
	if _, err := os.Stat(SearchIndexPath(s.Path())); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name LIKE 'article_fts%'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("the library still holds %d full-text tables (%v)", n, err)
	}
	if n := countRows(t, s.index.db, "article_fts"); n != 5 {
		t.Errorf("%d articles in the index file, want 5", n)
	}
}

// Close brings the index up to date and, once it holds enough of the
// queue, prunes it; what was indexed is found at the next open without
// indexing again.
func TestCloseLeavesEverythingIndexed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	arts := storeTides(t, s, 300, 0)
	s.index.pruneEvery = 300
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	idx, err := sql.Open(driverName, dsn(SearchIndexPath(path), DefaultBusyTimeout, true))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if n := countRows(t, idx, "article_fts"); n != 300 {
		t.Errorf("%d articles indexed after Close, want 300", n)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := countRows(t, s.db, "search_queue"); n != 1 {
		t.Errorf("%d queue entries after Close, want the newest alone", n)
	}
	checkTides(t, s, arts[:20], 300)
}

// A deleted article leaves the index, whoever deletes it.
func TestDeletedArticleLeavesTheIndex(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	arts := storeTides(t, s, 4, 0)
	checkTides(t, s, arts, 4)
	if err := s.DeleteArticle(ctx, arts[1].ID); err != nil {
		t.Fatal(err)
	}
	checkTides(t, s, []*parallax.Article{arts[0], arts[2], arts[3]}, 3)
	// Another process deletes one: this Store's next search sees it.
	other, err := Open(s.Path(), WithNotice(func(m string) { t.Log(m) }))
	if err != nil {
		t.Fatal(err)
	}
	if err := other.DeleteArticle(ctx, arts[2].ID); err != nil {
		t.Fatal(err)
	}
	other.Close()
	checkTides(t, s, []*parallax.Article{arts[0], arts[3]}, 2)
	// Gone from the index itself, not only hidden from the hits.
	if n := countRows(t, s.index.db, "article_fts"); n != 2 {
		t.Errorf("%d documents in the index, want 2", n)
	}
}

// An index that is missing, damaged, of another library or behind the
// queue's pruned entries is built again from the library, with a notice,
// and finds every article once.
func TestSearchIndexIsBuiltAgain(t *testing.T) {
	cases := []struct {
		name   string
		spoil  func(t *testing.T, lib, idx string)
		notice string
	}{
		{"missing", func(t *testing.T, lib, idx string) { removeIndexFile(t, idx) }, "is new"},
		{"not a database", func(t *testing.T, lib, idx string) {
			removeIndexFile(t, idx)
			os.WriteFile(idx, []byte("this is no index at all, just text"), 0o644)
		}, "damaged"},
		{"pages damaged", func(t *testing.T, lib, idx string) {
			b, err := os.ReadFile(idx)
			if err != nil {
				t.Fatal(err)
			}
			for i := 4096; i < len(b); i++ { // every page after the first
				b[i] = byte(i * 7)
			}
			os.WriteFile(idx, b, 0o644)
		}, "damaged"},
		{"of another library", func(t *testing.T, lib, idx string) {
			other, err := Open(filepath.Join(t.TempDir(), "other.db"), WithNotice(func(m string) { t.Log(m) }))
			if err != nil {
				t.Fatal(err)
			}
			storeTides(t, other, 3, 100)
			other.Close()
			removeIndexFile(t, idx)
			b, err := os.ReadFile(SearchIndexPath(other.Path()))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(idx, b, 0o644)
		}, "another library"},
		{"behind the pruned queue", func(t *testing.T, lib, idx string) {
			db, err := sql.Open(driverName, dsn(idx, DefaultBusyTimeout, false))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec(`UPDATE search_index SET through = 1`); err != nil {
				t.Fatal(err)
			}
		}, "behind"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "library.db")
			s, err := Open(path, WithNotice(func(m string) { t.Log(m) }))
			if err != nil {
				t.Fatal(err)
			}
			arts := storeTides(t, s, 30, 0)
			arts = append(arts, storeTides(t, s, 30, 30)...)
			if err := s.DeleteArticle(context.Background(), arts[5].ID); err != nil {
				t.Fatal(err)
			}
			arts = append(arts[:5], arts[6:]...)
			s.index.pruneEvery = 1
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			tc.spoil(t, path, SearchIndexPath(path))
			var got notices
			s, err = Open(path, WithNotice(got.add))
			if err != nil {
				t.Fatalf("open with the index %s: %v", tc.name, err)
			}
			defer s.Close()
			checkTides(t, s, arts, len(arts))
			if !strings.Contains(got.String(), tc.notice) || !strings.Contains(got.String(), "building it") {
				t.Errorf("notices %q, want one saying the index %s and is being built", got.String(), tc.notice)
			}
			if n := countRows(t, s.db, "article"); n != len(arts) {
				t.Errorf("%d articles in the library, want %d", n, len(arts))
			}
		})
	}
}

// An import into a library whose index must be built again stores at
// full speed and leaves, once closed, everything searchable.
func TestImportBuildsAMissingIndexAtClose(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	s, err := Open(path, WithNotice(func(m string) { t.Log(m) }))
	if err != nil {
		t.Fatal(err)
	}
	arts := storeTides(t, s, 10, 0)
	s.Close()
	removeIndexFile(t, SearchIndexPath(path))
	var got notices
	s, err = Open(path, WithNotice(got.add))
	if err != nil {
		t.Fatal(err)
	}
	for b := range 3 {
		arts = append(arts, storeTides(t, s, 50, 10+50*b)...)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(got.String(), "building it"); n != 1 {
		t.Errorf("notices %q: want the index built once", got.String())
	}
	s, err = Open(path, WithNotice(got.add))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkTides(t, s, arts, len(arts))
	if n := strings.Count(got.String(), "building it"); n != 1 {
		t.Errorf("notices %q: want the index built once", got.String())
	}
}

func removeIndexFile(t *testing.T, idx string) {
	t.Helper()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(idx + suffix); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
}

// Queue entries done again (an indexer killed after its commit, before
// anything noted it; an index restored from a copy a little older) make
// no duplicate hits.
func TestQueueEntriesDoneAgain(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	arts := storeTides(t, s, 25, 0)
	if err := s.DeleteArticle(ctx, arts[3].ID); err != nil {
		t.Fatal(err)
	}
	arts = append(arts[:3], arts[4:]...)
	checkTides(t, s, arts, len(arts))
	s.index.mu.Lock()
	if _, err := s.index.db.Exec(`UPDATE search_index SET through = 2`); err != nil {
		t.Fatal(err)
	}
	s.index.checked = false // as a new process finds it
	s.index.mu.Unlock()
	checkTides(t, s, arts, len(arts))
	if n := countRows(t, s.index.db, "article_fts"); n != len(arts) {
		t.Errorf("%d documents in the index, want %d", n, len(arts))
	}
}

const crashChildEnv = "PARALLAX_TEST_CRASH_CHILD"

// A process killed while importing (here: exiting without Close while its
// indexer is at work) leaves a library whose next search finds every
// article it stored, once, and nothing half-stored.
func TestKilledImportLeavesTheIndexConsistent(t *testing.T) {
	if path := os.Getenv(crashChildEnv); path != "" {
		s, err := Open(path, WithNotice(func(string) {}))
		if err != nil {
			fmt.Println("child:", err)
			os.Exit(2)
		}
		for b := range 8 {
			arts := tideArticles(64, b*64)
			if _, err := s.AddArticles(context.Background(), arts, AddOptions{NewStory: "Tides"}); err != nil {
				fmt.Println("child:", err)
				os.Exit(2)
			}
		}
		os.Exit(3) // no Close: the indexer is cut off wherever it is
	}
	for round := range 3 {
		path := filepath.Join(t.TempDir(), "library.db")
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledImportLeavesTheIndexConsistent$")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
		out, err := cmd.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
			t.Fatalf("child: %v\n%s", err, out)
		}
		s, err := Open(path, WithNotice(func(m string) { t.Log(m) }))
		if err != nil {
			t.Fatal(err)
		}
		n := countRows(t, s.db, "article")
		if n != 8*64 {
			t.Errorf("round %d: %d articles stored, want %d", round, n, 8*64)
		}
		var arts []*parallax.Article
		for _, id := range []int64{1, 2, 100, 300, int64(n)} {
			a, err := s.Article(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			arts = append(arts, a)
		}
		checkTides(t, s, arts, n)
		s.Close()
	}
}

// A library of the schema before 017 has its index moved into the index
// file, whole, at the first open: queued articles indexed, the old index
// gone from the library.
func TestIndexMovesOutOfTheLibrary(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "library.db")
	s, err := Open(path, WithNotice(func(m string) { t.Log(m) }))
	if err != nil {
		t.Fatal(err)
	}
	arts := storeTides(t, s, 40, 0)
	queued := tideArticles(3, 40)
	for _, a := range queued {
		mustAdd(t, s, a, "")
	}
	if err := s.catchUpSearchIndex(ctx); err != nil {
		t.Fatal(err)
	}
	s.Close()
	putBackAsSchema16(t, path, func(db *sql.DB) {
		// The first 40 as an old library indexed them; the last 3 queued.
		for _, a := range arts {
			d := newSearchDoc(a)
			if _, err := db.Exec(`INSERT INTO article_fts (docid, title, body) VALUES (?, ?, ?)`, a.ID, d.title, d.body); err != nil {
				t.Fatal(err)
			}
		}
		for _, a := range queued {
			if _, err := db.Exec(`INSERT INTO search_pending (article_id) VALUES (?)`, a.ID); err != nil {
				t.Fatal(err)
			}
		}
	})
	var got notices
	s, err = Open(path, WithNotice(got.add))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkTides(t, s, append(arts, queued...), 43)
	if got.String() != "" {
		t.Errorf("the move built the index again: %q", got.String())
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name LIKE 'article_fts%'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("the library still holds %d full-text tables (%v)", n, err)
	}
}

// putBackAsSchema16 makes the library at path look as schema 16 left it
// (its index inside it, the search_pending queue, no index file), with
// fill writing the old index and queue.
func putBackAsSchema16(t *testing.T, path string, fill func(db *sql.DB)) {
	t.Helper()
	removeIndexFile(t, SearchIndexPath(path))
	db, err := sql.Open(driverName, dsn(path, DefaultBusyTimeout, false))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`DROP TRIGGER search_queue_added`,
		`DROP TRIGGER search_queue_deleted`,
		`DROP TABLE search_queue`,
		`DROP TABLE search_index_state`,
		`CREATE TABLE search_pending (article_id INTEGER PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE)`,
		`CREATE VIRTUAL TABLE article_fts USING fts4 (title, body, tokenize = unicode61 "remove_diacritics=2", prefix="3", order=desc)`,
		`DELETE FROM schema_migrations WHERE version = 17`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	fill(db)
}

// SQLite's memory statistics, and their process-wide mutex, are off.
func TestSQLiteMemstatusOff(t *testing.T) {
	if !memstatusOff {
		t.Error("sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) failed: SQLite was initialised before the store's init")
	}
}

// PrepareSearch builds a missing index before any search, telling
// SetIndexProgress how far it has come and SetNotice what it does; a
// cancelled build leaves the index to be built by the next call.
func TestPrepareSearchBuildsWithProgress(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	s, err := Open(path, WithNotice(func(m string) { t.Log(m) }))
	if err != nil {
		t.Fatal(err)
	}
	arts := storeTides(t, s, 300, 0)
	arts = append(arts, storeTides(t, s, 300, 300)...)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	removeIndexFile(t, SearchIndexPath(path))

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var got notices
	s.SetNotice(got.add)
	type step struct{ done, total int }
	var mu sync.Mutex
	var steps []step
	ctx, cancel := context.WithCancel(context.Background())
	s.SetIndexProgress(func(done, total int) {
		mu.Lock()
		steps = append(steps, step{done, total})
		mu.Unlock()
		if done > 0 {
			cancel() // after the first chunk
		}
	})
	if err := s.PrepareSearch(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled build returned %v, want context.Canceled", err)
	}
	if s.index.checked {
		t.Fatal("a cancelled build left the index marked as checked")
	}

	steps = nil
	s.SetIndexProgress(func(done, total int) {
		mu.Lock()
		steps = append(steps, step{done, total})
		mu.Unlock()
	})
	if err := s.PrepareSearch(context.Background()); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	built := steps
	steps = nil
	mu.Unlock()
	if len(built) < 3 || built[0] != (step{0, len(arts)}) || built[len(built)-1] != (step{len(arts), len(arts)}) {
		t.Fatalf("progress %v, want from 0 to %d of %d in more than one step", built, len(arts), len(arts))
	}
	for i := 1; i < len(built); i++ {
		if built[i].done <= built[i-1].done || built[i].total != len(arts) {
			t.Fatalf("progress %v does not climb to the total", built)
		}
	}
	if !strings.Contains(got.String(), "building it") || !strings.Contains(got.String(), "built") {
		t.Errorf("notices %q, want the build announced and its end", got.String())
	}
	// Searching needs no build now.
	checkTides(t, s, arts, len(arts))
	mu.Lock()
	defer mu.Unlock()
	if len(steps) != 0 {
		t.Errorf("a search after PrepareSearch built the index again: %v", steps)
	}
}

// The library's connections are synchronous=NORMAL (a commit survives the
// process), the index file's OFF (a cache of the library, built again when
// an operating system crash damages it), each with its own page cache.
func TestSynchronousAndCacheSettings(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	for _, c := range []struct {
		name      string
		db        *sql.DB
		sync      int
		cacheSize int
	}{
		{"library", s.db, 1, -2000},
		{"search index", s.index.db, 0, -indexCacheKiB},
	} {
		var sync, cache int
		if err := c.db.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&sync); err != nil {
			t.Fatal(err)
		}
		if err := c.db.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&cache); err != nil {
			t.Fatal(err)
		}
		if sync != c.sync || cache != c.cacheSize {
			t.Errorf("%s: synchronous %d, cache_size %d; want %d and %d", c.name, sync, cache, c.sync, c.cacheSize)
		}
	}
}
