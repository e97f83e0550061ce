package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/library"
	"github.com/parallax-news/parallax/store"
)

// listingLog records, in order, what the window reads through its story
// lister and the start-up steps it reaches.
type listingLog struct {
	storyLister
	mu     sync.Mutex
	events []string
}

func (l *listingLog) add(e string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.events = append(l.events, e)
}

func (l *listingLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.events)
}

func (l *listingLog) StoryList(ctx context.Context, limit int) ([]parallax.Story, error) {
	l.add(fmt.Sprintf("StoryList(%d)", limit))
	return l.storyLister.StoryList(ctx, limit)
}

func (l *listingLog) OpenFlagCounts(ctx context.Context) (map[int64]int, error) {
	l.add("OpenFlagCounts")
	return l.storyLister.OpenFlagCounts(ctx)
}

func (l *listingLog) OpenFlagCountsOf(ctx context.Context, ids []int64) (map[int64]int, error) {
	l.add(fmt.Sprintf("OpenFlagCountsOf(%d stories)", len(ids)))
	return l.storyLister.OpenFlagCountsOf(ctx, ids)
}

// manyStoriesLibrary is a library of n one-version stories, story i
// published i hours after the first, and their ids oldest first.
func manyStoriesLibrary(t *testing.T, n int) (*store.Store, []int64) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	first := time.Date(2025, 5, 1, 6, 0, 0, 0, time.UTC)
	var ids []int64
	for i := range n {
		title := fmt.Sprintf("Harbour notice %d", i+1)
		text := fmt.Sprintf("The harbour master posted notice %d about berth %d.", i+1, i%7+1)
		a := &parallax.Article{
			Title: title, Raw: []byte(title + "\n\n" + text), Text: title + "\n\n" + text,
			Published: first.Add(time.Duration(i) * time.Hour),
			Paragraphs: []parallax.Paragraph{
				{Ordinal: 1, Kind: parallax.KindHeadline, Text: title},
				{Ordinal: 2, Kind: parallax.KindBody, Text: text},
			},
		}
		if err := st.AddArticle(context.Background(), a, title); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.StoryID)
	}
	return st, ids
}

// TestStartListsOnePageBeforeTheFirstStory: the window opens its first
// story having read only the newest page of stories (and the remembered
// story, when older), never the whole library; the whole list follows.
func TestStartListsOnePageBeforeTheFirstStory(t *testing.T) {
	defer func(n int) { firstStoriesPage = n }(firstStoriesPage)
	firstStoriesPage = 5
	defer func(f func(*library.Library) storyLister) { newStoryLister = f }(newStoryLister)
	var log *listingLog
	newStoryLister = func(lib *library.Library) storyLister {
		log = &listingLog{storyLister: lib}
		return log
	}
	const stories = 12
	cases := []struct {
		name       string
		remembered func(ids []int64) int64 // the last story opened, 0 for none
		want       func(ids []int64) int64 // the story shown first
	}{
		{"none remembered", func([]int64) int64 { return 0 }, func(ids []int64) int64 { return ids[len(ids)-1] }},
		{"remembered on the page", func(ids []int64) int64 { return ids[len(ids)-2] }, func(ids []int64) int64 { return ids[len(ids)-2] }},
		{"remembered older than the page", func(ids []int64) int64 { return ids[1] }, func(ids []int64) int64 { return ids[1] }},
		{"remembered and gone", func([]int64) int64 { return 987654 }, func(ids []int64) int64 { return ids[len(ids)-1] }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := test.NewTempApp(t)
			st, ids := manyStoriesLibrary(t, stories)
			lib := library.New(st)
			if id := tc.remembered(ids); id != 0 {
				a.Preferences().SetInt(prefLastStory+"@"+libraryKey(st.Path()), int(id))
			}
			mw := newMainWindow(a, lib)
			mw.trace.observe = func(step string) { log.add(step) }
			mw.jobs.wait()

			events := log.all()
			shown := slices.Index(events, "story shown")
			if shown < 0 {
				t.Fatalf("no story shown; the start did %q", events)
			}
			before := events[:shown]
			for _, e := range before {
				if e == "StoryList(0)" || e == "OpenFlagCounts" {
					t.Errorf("the start read the whole library (%s) before the first story was shown: %q", e, events)
				}
			}
			if !slices.Contains(before, "StoryList(5)") || !slices.Contains(before, "OpenFlagCountsOf(5 stories)") {
				t.Errorf("the start did not list the newest page of 5 before the story: %q", events)
			}
			if want := tc.want(ids); mw.story == nil || mw.story.story.ID != want {
				t.Errorf("story shown %v, want %d", mw.story, want)
			}
			// Then the whole list, newest first, with the shown story
			// highlighted.
			if !slices.Contains(events[shown:], "StoryList(0)") || !slices.Contains(events[shown:], "story list complete") {
				t.Errorf("the rest of the list was not read after the story: %q", events)
			}
			var listed []int64
			for _, s := range mw.sidebar.stories {
				listed = append(listed, s.ID)
			}
			newestFirst := slices.Clone(ids)
			slices.Reverse(newestFirst)
			if !slices.Equal(listed, newestFirst) {
				t.Errorf("sidebar lists %v, want every story newest first %v", listed, newestFirst)
			}
			if i := mw.sidebar.indexOf(mw.story.story.ID); i < 0 || !mw.sidebar.isSelected(i) {
				t.Errorf("the shown story's row %d is not highlighted (row %d is)", i, mw.sidebar.row)
			}
			if got := mw.sidebar.info.Text; got != fmt.Sprintf("%d stories", stories) {
				t.Errorf("sidebar says %q", got)
			}
		})
	}
}

// TestStartWithASmallLibraryListsOnce: a library that fits the first page
// is listed once.
func TestStartWithASmallLibraryListsOnce(t *testing.T) {
	defer func(f func(*library.Library) storyLister) { newStoryLister = f }(newStoryLister)
	var log *listingLog
	newStoryLister = func(lib *library.Library) storyLister {
		log = &listingLog{storyLister: lib}
		return log
	}
	a := test.NewTempApp(t)
	st, ids := manyStoriesLibrary(t, 3)
	mw := newMainWindow(a, library.New(st))
	mw.trace.observe = func(step string) { log.add(step) }
	mw.jobs.wait()
	events := log.all()
	if slices.Contains(events, "StoryList(0)") {
		t.Errorf("a library smaller than a page was listed twice: %q", events)
	}
	if mw.story == nil || mw.story.story.ID != ids[2] || len(mw.sidebar.stories) != 3 || mw.sidebar.info.Text != "3 stories" {
		t.Errorf("shown %v, %d stories listed, sidebar says %q", mw.story, len(mw.sidebar.stories), mw.sidebar.info.Text)
	}
	if !strings.Contains(strings.Join(events, ","), "story list complete") {
		t.Errorf("the list was not reported complete: %q", events)
	}
}
