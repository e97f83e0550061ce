package store

import (
	"cmp"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	parallax "github.com/parallax-news/parallax"
)

func TestAddArticlesBatch(t *testing.T) {
	ctx := context.Background()
	for _, grouped := range []bool{false, true} {
		name := "new story"
		if grouped {
			name = "grouped"
		}
		t.Run(name, func(t *testing.T) {
			s := openTest(t)
			old := testArticle("Harbour reopens", "The harbour in Pellin reopened on Monday.")
			if err := s.AddArticle(ctx, old, ""); err != nil {
				t.Fatal(err)
			}
			bad := testArticle("Bad kind", "A paragraph of no known kind.")
			bad.Paragraphs[0].Kind = "sidebar"
			arts := []*parallax.Article{
				testArticle("Ferry strike ends", "The ferry strike in Pellin ended on Friday."),
				testArticle("Harbour reopens", "The harbour in Pellin reopened on Monday."), // the library's
				bad,
				testArticle("Ferry strike ends", "The ferry strike in Pellin ended on Friday."), // the batch's first
				testArticle("Museum roof repaired", "The museum in Tamsk has a new roof."),
			}
			opt := AddOptions{Grouped: grouped}
			if !grouped {
				opt.NewStory = "Pellin week"
			}
			errs, err := s.AddArticles(ctx, arts, opt)
			if err != nil {
				t.Fatal(err)
			}
			var dup *DuplicateError
			if !errors.As(errs[1], &dup) || dup.ID != old.ID {
				t.Errorf("library duplicate: %v", errs[1])
			}
			if errs[2] == nil {
				t.Error("unknown paragraph kind accepted")
			}
			if !errors.As(errs[3], &dup) || dup.ID != arts[0].ID {
				t.Errorf("duplicate inside the batch: %v (first stored as %d)", errs[3], arts[0].ID)
			}
			for _, i := range []int{0, 4} {
				if errs[i] != nil || arts[i].ID == 0 {
					t.Fatalf("article %d: %v, id %d", i, errs[i], arts[i].ID)
				}
				got, err := s.Article(ctx, arts[i].ID)
				if err != nil || got.StoryID != arts[i].StoryID {
					t.Fatalf("article %d read back: %v", i, err)
				}
			}
			if !grouped && arts[0].StoryID != arts[4].StoryID {
				t.Errorf("--story NEW-TITLE: stories %d and %d, want one", arts[0].StoryID, arts[4].StoryID)
			}
			var n int
			s.db.QueryRow(`SELECT count(*) FROM article`).Scan(&n)
			if n != 3 {
				t.Errorf("%d articles stored, want 3", n)
			}
		})
	}
}

// A batch that fails part-way stores nothing, and says so.
func TestAddArticlesAllOrNothing(t *testing.T) {
	s := openTest(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	s.testHookBeforeFeatures = func() {
		if calls++; calls == 2 {
			cancel() // the second article's features cannot be written
		}
	}
	arts := []*parallax.Article{
		testArticle("Ferry strike ends", "The ferry strike in Pellin ended on Friday."),
		testArticle("Museum roof repaired", "The museum in Tamsk has a new roof."),
		testArticle("Council votes", "The council of Ulverby voted on the budget."),
	}
	if _, err := s.AddArticles(ctx, arts, AddOptions{Grouped: true}); err == nil {
		t.Fatal("a batch that could not be written returned no error")
	}
	var n int
	s.db.QueryRow(`SELECT count(*) FROM article`).Scan(&n)
	if n != 0 {
		t.Fatalf("%d articles stored by a failed batch", n)
	}
	// Nothing of the failed batch was filed for grouping either.
	var filed int
	s.db.QueryRow(`SELECT articles FROM group_stats`).Scan(&filed)
	if filed != 0 {
		t.Fatalf("%d articles filed by a failed batch", filed)
	}
}

func TestKnownRaw(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		add  func(s *Store, a *parallax.Article) error
	}{
		{"one article", func(s *Store, a *parallax.Article) error { return s.AddArticle(ctx, a, "") }},
		{"a batch", func(s *Store, a *parallax.Article) error {
			errs, err := s.AddArticles(ctx, []*parallax.Article{a}, AddOptions{})
			return cmp.Or(err, errs[0])
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openTest(t)
			a := testArticle("Ferry strike ends", "The ferry strike in Pellin ended on Friday.")
			if err := tc.add(s, a); err != nil {
				t.Fatal(err)
			}
			var dup *DuplicateError
			if err := s.KnownRaw(ctx, a.Raw); !errors.As(err, &dup) || dup.ID != a.ID {
				t.Fatalf("the same bytes: %v", err)
			}
			if err := s.KnownRaw(ctx, append([]byte("x"), a.Raw...)); err != nil {
				t.Fatalf("other bytes: %v", err)
			}
			if err := s.DeleteArticle(ctx, a.ID); err != nil {
				t.Fatal(err)
			}
			if err := s.KnownRaw(ctx, a.Raw); err != nil {
				t.Fatalf("after the article was deleted: %v", err)
			}
		})
	}
}

// A RawLookup answers as KnownRawSum does, from several goroutines at
// once, and gives its connection back: the library then closes cleanly,
// its log copied back and removed.
func TestRawLookup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "library.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var arts []*parallax.Article
	for i := range 8 {
		arts = append(arts, testArticle(fmt.Sprintf("Tram notice %d", i), fmt.Sprintf("Trams to Oskby run every %d minutes.", i+3)))
	}
	if errs, err := s.AddArticles(ctx, arts, AddOptions{}); err != nil || errs[0] != nil {
		t.Fatal(err, errs)
	}
	lookup := s.NewRawLookup()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, a := range arts {
				var dup *DuplicateError
				if err := lookup.Known(ctx, sha256.Sum256(a.Raw)); !errors.As(err, &dup) || dup.ID != a.ID || dup.StoryID != a.StoryID {
					t.Errorf("worker %d, article %d: %v, want a duplicate of article %d in story %d", w, i, err, a.ID, a.StoryID)
				}
				if err := lookup.Known(ctx, sha256.Sum256(append([]byte("new "), a.Raw...))); err != nil {
					t.Errorf("worker %d, bytes never stored: %v", w, err)
				}
			}
		}()
	}
	wg.Wait()
	if err := lookup.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("write-ahead log left after Close: %v", err)
	}
}

// A raw hash the caller worked out (AddOptions.RawHashes) is the one
// stored, not hashed again; an article without one has its bytes hashed.
func TestAddArticlesKeepsGivenRawHashes(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	given := testArticle("Tram line opens", "The tram line to Oskby opened on Sunday.")
	plain := testArticle("Bridge closes", "The old bridge in Tamsk closes for repairs.")
	// Not the hash of given.Raw: only the store's trust in the caller
	// can put it there.
	sum := sha256.Sum256([]byte("the bytes as the reader had them"))
	errs, err := s.AddArticles(ctx, []*parallax.Article{given, plain}, AddOptions{RawHashes: [][]byte{sum[:], nil}})
	if err = cmp.Or(err, errs[0], errs[1]); err != nil {
		t.Fatal(err)
	}
	var dup *DuplicateError
	if err := s.KnownRawSum(ctx, sum); !errors.As(err, &dup) || dup.ID != given.ID {
		t.Errorf("given hash: %v, want article %d", err, given.ID)
	}
	if err := s.KnownRaw(ctx, given.Raw); err != nil {
		t.Errorf("given.Raw hashed again: %v", err)
	}
	if err := s.KnownRaw(ctx, plain.Raw); !errors.As(err, &dup) || dup.ID != plain.ID {
		t.Errorf("no hash given: %v, want article %d", err, plain.ID)
	}
}

// A batch is queued for the search index in its own transaction (nothing
// of it when the transaction fails), and indexed by the indexer as one
// FTS segment, not one per article.
func TestAddArticlesQueuesABatchForSearch(t *testing.T) {
	ctx := context.Background()
	batch := func(n, from int) []*parallax.Article {
		var arts []*parallax.Article
		for i := range n {
			word := fmt.Sprintf("quillonmark%d", from+i)
			arts = append(arts, testArticle(fmt.Sprintf("Ferry timetable %d", from+i),
				"The ferry to Pellin keeps its timetable, the "+word+" notice said."))
		}
		return arts
	}
	t.Run("large batch", func(t *testing.T) {
		s := openTest(t)
		arts := batch(40, 0)
		if _, err := s.AddArticles(ctx, arts, AddOptions{NewStory: "Pellin ferry"}); err != nil {
			t.Fatal(err)
		}
		if n := countRows(t, s.db, "search_queue"); n != len(arts) {
			t.Errorf("%d articles queued for search, want %d", n, len(arts))
		}
		if err := s.catchUpSearchIndex(ctx); err != nil {
			t.Fatal(err)
		}
		// One segment for the words and one for the prefix index.
		if n := countRows(t, s.index.db, "article_fts_segdir"); n > 2 {
			t.Errorf("the batch wrote %d index segments, want at most 2", n)
		}
		for i, a := range arts {
			hits, err := s.Search(ctx, fmt.Sprintf("quillonmark%d", i), 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) != 1 || hits[0].ArticleID != a.ID {
				t.Fatalf("search for article %d's word: %v", a.ID, hits)
			}
		}
	})
	t.Run("failed batch", func(t *testing.T) {
		s := openTest(t)
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		calls := 0
		s.testHookBeforeFeatures = func() {
			if calls++; calls == 20 {
				cancel()
			}
		}
		if _, err := s.AddArticles(ctx, batch(40, 0), AddOptions{Grouped: true}); err == nil {
			t.Fatal("a batch that could not be written returned no error")
		}
		for _, table := range []string{"article", "search_queue"} {
			if n := countRows(t, s.db, table); n != 0 {
				t.Errorf("%d rows in %s after a failed batch", n, table)
			}
		}
		if err := s.catchUpSearchIndex(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := countRows(t, s.index.db, "article_fts"); n != 0 {
			t.Errorf("%d articles indexed after a failed batch", n)
		}
	})
}

// Duplicates of the library are found however large the batch: those
// past the first lookup's worth of hashes too.
func TestAddArticlesFindsDuplicatesInALargeBatch(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	article := func(i int) *parallax.Article {
		return testArticle(fmt.Sprintf("Tide table %d", i), fmt.Sprintf("High water at Pellin on day %d of the tide table.", i))
	}
	known := []int{3, duplicateLookup + 5}
	for _, i := range known {
		mustAdd(t, s, article(i), "")
	}
	var arts []*parallax.Article
	for i := range duplicateLookup + 20 {
		arts = append(arts, article(i))
	}
	check := func(what string, errs []error) {
		t.Helper()
		for i, e := range errs {
			isKnown := i == known[0] || i == known[1]
			if got := errors.Is(e, ErrDuplicate); got != isKnown {
				t.Errorf("%s: article %d: duplicate %v (%v), want %v", what, i, got, e, isKnown)
			}
		}
	}
	// Before the transaction, as grouping needs them.
	work := make([]parallax.Article, len(arts))
	for i, a := range arts {
		work[i] = *a
		work[i].Hash = ContentHash(a.Text)
	}
	errs := make([]error, len(arts))
	if err := s.markDuplicates(ctx, work, errs); err != nil {
		t.Fatal(err)
	}
	check("lookup", errs)
	errs, err := s.AddArticles(ctx, arts, AddOptions{NewStory: "Tides"})
	if err != nil {
		t.Fatal(err)
	}
	check("stored", errs)
}

// A copy stored by another process after AddArticles looked the batch up
// (markDuplicates) is found again inside the batch's transaction.
func TestAddArticlesFindsDuplicatesStoredMeanwhile(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	known := testArticle("Harbour reopens", "The harbour in Pellin reopened on Monday.")
	mustAdd(t, s, known, "")
	work := []parallax.Article{
		*testArticle("Harbour reopens", "The harbour in Pellin reopened on Monday."),
		*testArticle("Museum roof repaired", "The museum in Tamsk has a new roof."),
	}
	for i := range work {
		work[i].Hash = ContentHash(work[i].Text)
	}
	errs := make([]error, len(work)) // as if markDuplicates had found nothing
	stored, err := s.addArticles(ctx, work, errs, nil, nil, AddOptions{}, prepareBatch(work, errs, nil))
	if err != nil {
		t.Fatal(err)
	}
	var dup *DuplicateError
	if !errors.As(errs[0], &dup) || dup.ID != known.ID {
		t.Errorf("copy stored meanwhile: %v, want a duplicate of article %d", errs[0], known.ID)
	}
	if errs[1] != nil || stored[1].ID == 0 {
		t.Errorf("new article: %v, id %d", errs[1], stored[1].ID)
	}
	var n int
	s.db.QueryRow(`SELECT count(*) FROM article`).Scan(&n)
	if n != 2 {
		t.Errorf("%d articles stored, want 2", n)
	}
}

// A RawLookup's answers come from a read transaction it keeps for a few
// questions: an article stored meanwhile is seen once that transaction
// ends, after rawLookupSnapshot questions or rawLookupIdle without one.
func TestRawLookupSeesArticlesStoredSince(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	lookup := s.NewRawLookup()
	defer lookup.Close()
	add := func(i int) *parallax.Article {
		a := testArticle(fmt.Sprintf("Ferry notice %d", i), fmt.Sprintf("Ferries to Kell leave at %d.", i+5))
		mustAdd(t, s, a, "")
		return a
	}
	never := sha256.Sum256([]byte("never stored"))
	if err := lookup.Known(ctx, never); err != nil {
		t.Fatal(err)
	}
	// Questions enough to end the transaction open before a was stored.
	a := add(1)
	for range rawLookupSnapshot {
		if err := lookup.Known(ctx, never); err != nil {
			t.Fatal(err)
		}
	}
	if err := lookup.Known(ctx, sha256.Sum256(a.Raw)); !errors.Is(err, ErrDuplicate) {
		t.Errorf("after %d questions, article stored before them: %v, want a duplicate", rawLookupSnapshot, err)
	}
	// No question for a while: the next one sees what was stored.
	b := add(2)
	time.Sleep(3 * rawLookupIdle)
	if err := lookup.Known(ctx, sha256.Sum256(b.Raw)); !errors.Is(err, ErrDuplicate) {
		t.Errorf("after %s without a question, article stored before: %v, want a duplicate", 3*rawLookupIdle, err)
	}
}
