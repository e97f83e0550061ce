package ui

import (
	"context"
	"errors"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/library"
)

// firstStoriesPage is how many of the newest stories the window lists
// before it opens the first story; the rest are listed once it is shown.
// More than a screen holds, so the list scrolls meanwhile.
var firstStoriesPage = 200

// storyLister is what the window lists stories with (library.Library).
type storyLister interface {
	StoryList(ctx context.Context, limit int) ([]parallax.Story, error)
	Story(ctx context.Context, id int64) (*parallax.Story, error)
	OpenFlagCountsOf(ctx context.Context, ids []int64) (map[int64]int, error)
	OpenFlagCounts(ctx context.Context) (map[int64]int, error)
}

// newStoryLister is the window's story lister for lib; tests wrap it to
// see what the start reads.
var newStoryLister = func(lib *library.Library) storyLister { return lib }

// listFirstPage lists the newest stories and opens story remembered (the
// newest when it is 0 or gone), reading no more of the library than that
// page and that story, so that a library of any size shows its first
// story as soon as a small one does. The rest of the list, and the
// background flag count, wait until the story is shown.
func (mw *mainWindow) listFirstPage(remembered int64) {
	var page []parallax.Story
	mw.jobs.run(job{
		title: "Loading the library",
		work: func(ctx context.Context, _ progressFunc) error {
			var err error
			if page, err = mw.listing.StoryList(ctx, firstStoriesPage); err != nil {
				return err
			}
			if err := mw.countOpenFlags(ctx, page, true); err != nil {
				return err
			}
			if remembered != 0 && storyIndex(page, remembered) < 0 {
				// Older than the page: open it if it is still there.
				if _, err := mw.listing.Story(ctx, remembered); errors.Is(err, library.ErrNotFound) {
					remembered = 0
				} else if err != nil {
					return err
				}
			}
			return nil
		},
		done: func(err error) {
			if err != nil {
				mw.jobs.showError("Loading the library", err)
				mw.checkLibrary(func() {})
				return
			}
			complete := len(page) < firstStoriesPage
			mw.sidebar.setStories(page, complete)
			mw.showEmptyState(len(page) == 0)
			mw.trace.mark("stories listed")
			then := func() { mw.counter.start(mw.sidebar.stories) }
			if complete {
				mw.trace.mark("story list complete")
			} else {
				then = mw.listRest
			}
			rest := then
			then = func() {
				rest()
				// A library found damaged by its check gets no index
				// built, as one found damaged at open.
				mw.checkLibrary(mw.prepareSearch)
			}
			id := remembered
			if id == 0 && len(page) > 0 {
				id = page[0].ID
			}
			if id == 0 {
				then()
				return
			}
			mw.afterFirstStory = then
			if storyIndex(page, id) >= 0 {
				mw.sidebar.selectStory(id)
			} else {
				mw.openStory(id)
			}
		},
	})
}

// listRest lists the whole library once the first page is shown, unless
// a reload has done so meanwhile.
func (mw *mainWindow) listRest() {
	if !mw.sidebar.complete {
		mw.loadStories(0, true)
	}
}

// countOpenFlags fills in the open-flag counts of stories known from their
// cached comparisons; page: of these stories alone, else of the library.
func (mw *mainWindow) countOpenFlags(ctx context.Context, stories []parallax.Story, page bool) error {
	var open map[int64]int
	var err error
	if page {
		ids := make([]int64, len(stories))
		for i, s := range stories {
			ids[i] = s.ID
		}
		open, err = mw.listing.OpenFlagCountsOf(ctx, ids)
	} else {
		open, err = mw.listing.OpenFlagCounts(ctx)
	}
	if err != nil {
		return err
	}
	for i := range stories {
		stories[i].OpenFlags = open[stories[i].ID]
	}
	return nil
}

// storyIndex is the position of story id in stories, -1 when absent.
func storyIndex(stories []parallax.Story, id int64) int {
	for i, s := range stories {
		if s.ID == id {
			return i
		}
	}
	return -1
}

// refreshStories reloads the story list and then selects story selectID
// (0: keep the current one, if any).
func (mw *mainWindow) refreshStories(selectID int) {
	mw.loadStories(selectID, false)
}

// loadStories is refreshStories; quiet leaves the status line alone (for
// refreshes the analyst did not ask for).
func (mw *mainWindow) loadStories(selectID int, quiet bool) {
	var stories []parallax.Story
	mw.jobs.run(job{
		title: "Loading the library",
		quiet: quiet,
		work: func(ctx context.Context, _ progressFunc) error {
			var err error
			if stories, err = mw.listing.StoryList(ctx, 0); err != nil {
				return err
			}
			// Open flags are known for the stories compared before.
			return mw.countOpenFlags(ctx, stories, false)
		},
		done: func(err error) {
			if err != nil {
				mw.jobs.showError("Loading the library", err)
				return
			}
			id := int64(selectID)
			if id == 0 && mw.story != nil {
				id = mw.story.story.ID
			}
			mw.sidebar.setStories(stories, true)
			mw.showEmptyState(len(mw.sidebar.stories) == 0)
			mw.trace.mark("stories listed")
			mw.trace.mark("story list complete")
			// The shown story changed outside the view (a feed, another
			// window, the command line): show it as it is now.
			if d := mw.story; d != nil {
				i := mw.sidebar.indexOf(d.story.ID)
				switch {
				case i < 0: // merged away or deleted
					mw.story = nil
					if id == d.story.ID {
						id = 0
					}
				case mw.sidebar.stories[i].Versions != len(d.articles):
					mw.reloadStory()
				case mw.sidebar.stories[i].Title != d.story.Title:
					d.story.Title = mw.sidebar.stories[i].Title
					mw.win.SetTitle("Parallax — " + d.story.Title)
				}
			}
			switch {
			case id != 0 && mw.sidebar.indexOf(id) >= 0:
				mw.sidebar.selectStory(id)
			case len(mw.sidebar.stories) > 0 && mw.story == nil && mw.afterFirstStory == nil:
				// The remembered story is gone (or none was) and the
				// start is not opening one: show the newest.
				mw.sidebar.selectStory(mw.sidebar.stories[0].ID)
			}
			// After the selection, so the pass leaves the opened story to
			// openStory.
			mw.counter.start(mw.sidebar.stories)
		},
	})
}
