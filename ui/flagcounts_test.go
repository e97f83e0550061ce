package ui

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/parallax-news/parallax/compare"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/library"
	"github.com/parallax-news/parallax/store"
)

// threeStoryLibrary holds the ferry, crane and market fixture stories,
// imported in that order (so market is the newest) and never compared.
func threeStoryLibrary(t *testing.T) (*store.Store, map[string]int64) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ids := map[string]int64{}
	for _, name := range []string{"ferry", "crane", "market"} {
		ingest.Walk([]string{filepath.Join("testdata", name)}, nil, ingest.Options{}, func(r ingest.Result) {
			if r.Err != nil {
				t.Fatalf("%s: %v", r.Path, r.Err)
			}
			r.Article.StoryID = ids[name]
			if err := st.AddArticle(context.Background(), r.Article, name); err != nil {
				t.Fatalf("%s: %v", r.Path, err)
			}
			ids[name] = r.Article.StoryID
		})
	}
	return st, ids
}

// isCached reports whether story id's current comparison is in the cache.
func isCached(t *testing.T, st *store.Store, id int64) bool {
	t.Helper()
	arts, err := st.StoryArticles(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var vs []compare.Version
	for _, a := range arts {
		vs = append(vs, compare.FromArticle(*a))
	}
	_, err = st.CachedComparison(context.Background(), id, compare.CacheKey(vs))
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		t.Fatal(err)
	}
	return err == nil
}

func TestBackgroundOpenFlagCounts(t *testing.T) {
	cases := []struct {
		name    string
		limit   int               // maxCountedStories
		counted map[string]bool   // stories whose count the pass fills in
		decide  map[string]string // story -> a flag status set before opening
	}{
		{"all stories", 50, map[string]bool{"ferry": true, "crane": true}, nil},
		{"capped to the newest two", 2, map[string]bool{"crane": true}, nil},
		{"nothing when capped to the shown story", 1, map[string]bool{}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			defer func(n int) { maxCountedStories = n }(maxCountedStories)
			maxCountedStories = tc.limit
			st, ids := threeStoryLibrary(t)
			mw := newMainWindow(test.NewTempApp(t), library.New(st))
			mw.win.Resize(fyne.NewSize(1280, 800))
			mw.jobs.wait()
			if mw.story == nil || mw.story.story.ID != ids["market"] {
				t.Fatalf("shown story %v, want the newest (market)", mw.story)
			}
			if mw.counter.computed != len(tc.counted) {
				t.Errorf("pass compared %d stories, want %d", mw.counter.computed, len(tc.counted))
			}
			for _, name := range []string{"ferry", "crane"} {
				id := ids[name]
				row := mw.sidebar.stories[mw.sidebar.indexOf(id)]
				if got := isCached(t, st, id); got != tc.counted[name] {
					t.Errorf("%s cached = %v, want %v", name, got, tc.counted[name])
				}
				if !tc.counted[name] {
					if row.OpenFlags != 0 {
						t.Errorf("%s shows %d open flags before any comparison", name, row.OpenFlags)
					}
					continue
				}
				d, err := loadStory(context.Background(), mw.lib, id)
				if err != nil {
					t.Fatal(err)
				}
				if !d.fromCache {
					t.Errorf("%s: opening it compared again", name)
				}
				if want := d.openFlags(); want == 0 || row.OpenFlags != want {
					t.Errorf("%s sidebar shows %d open flags, want %d (> 0)", name, row.OpenFlags, want)
				}
			}
		})
	}
}

func TestBackgroundCountsStopAndSkipCached(t *testing.T) {
	st, ids := threeStoryLibrary(t)
	mw := newMainWindow(test.NewTempApp(t), library.New(st))
	mw.jobs.wait()
	if mw.counter.computed != 2 {
		t.Fatalf("first pass compared %d stories, want 2", mw.counter.computed)
	}
	// A second listing finds every comparison cached and compares nothing.
	mw.refreshStories(0)
	mw.jobs.wait()
	if mw.counter.computed != 2 {
		t.Errorf("second pass compared again: %d comparisons in all", mw.counter.computed)
	}
	if n := mw.sidebar.stories[mw.sidebar.indexOf(ids["ferry"])].OpenFlags; n == 0 {
		t.Error("ferry lost its open-flag count on the second listing")
	}

	// A pass stopped at once finishes at most the story it had begun.
	defer func(n int) { maxCountedStories = n }(maxCountedStories)
	maxCountedStories = 1 // the startup pass leaves crane and ferry alone
	st2, ids2 := threeStoryLibrary(t)
	mw2 := newMainWindow(test.NewTempApp(t), library.New(st2))
	mw2.jobs.wait()
	maxCountedStories = 50
	mw2.counter.start(mw2.sidebar.stories) // market is shown: crane is first
	mw2.counter.stop()
	mw2.jobs.wait()
	if mw2.counter.computed != 0 {
		t.Errorf("a stopped pass reported %d comparisons", mw2.counter.computed)
	}
	if isCached(t, st2, ids2["ferry"]) {
		t.Error("ferry was compared after the pass stopped")
	}
	if n := mw2.sidebar.stories[mw2.sidebar.indexOf(ids2["crane"])].OpenFlags; n != 0 {
		t.Errorf("a stopped pass showed %d open flags for crane", n)
	}
}
