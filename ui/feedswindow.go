package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// newFeeds builds the feeds views and answers their events: the window
// knows the feeds, the feeds know only the library and these events.
func (mw *mainWindow) newFeeds() *feedsView {
	f := newFeedsView(mw.win, mw.jobs, mw.dialogs, &mw.undo, mw.lib, mw.prefs, feedEvents{
		openArticle: func(storyID, articleID int64) {
			mw.leaveFeedsFor(storyID)
			mw.openArticle(storyID, articleID)
		},
		compareStory: func(storyID int64) {
			mw.leaveFeedsFor(storyID)
			mw.openStoryTab(storyID, "Compare")
		},
		storiesChanged: func() { mw.refreshStories(0) },
		readChanged:    mw.readMarksChanged,
		storyVersions: func(storyID int64) int {
			if i := mw.sidebar.indexOf(storyID); i >= 0 {
				return mw.sidebar.stories[i].Versions
			}
			return 0
		},
		unreadChanged: func(n int) {
			text := "Feeds"
			if n > 0 {
				text = fmt.Sprintf("Feeds (%d)", n)
			}
			if mw.feedsTab != nil && mw.feedsTab.Text != text {
				mw.feedsTab.Text = text
				mw.leftTabs.Refresh()
			}
		},
		openURL:   mw.app.OpenURL,
		pageShown: mw.feedsShown,
	})
	// The feed chosen last in this library is chosen again.
	f.chosenKey = mw.libPref(prefFeedChosen)
	f.selected = int64(mw.prefs.IntWithFallback(f.chosenKey, 0))
	return f
}

// Preference keys, kept per library: the sidebar's tab and the feed
// chosen last.
const (
	prefSidebarTab = "sidebar.tab"
	prefFeedChosen = "feeds.chosen"
)

// restoreSidebarTab shows the tab the sidebar showed last in this
// library.
func (mw *mainWindow) restoreSidebarTab() {
	if mw.prefs.String(mw.libPref(prefSidebarTab)) == "feeds" {
		mw.showFeedsTab()
	}
}

// buildLeft is the sidebar: the stories (with the versions of the one
// shown) and the feeds, as tabs. Showing the feeds puts the feed page in
// the main area, in place of the story's views.
func (mw *mainWindow) buildLeft(stories, storyViews fyne.CanvasObject) fyne.CanvasObject {
	mw.storyViews = storyViews
	mw.feedPage = mw.feeds.buildPage()
	mw.main = container.NewStack(storyViews)
	mw.storiesTab = container.NewTabItemWithIcon("Stories", theme.ListIcon(), stories)
	mw.feedsTab = container.NewTabItemWithIcon("Feeds", theme.MailComposeIcon(), mw.feeds.buildList())
	mw.leftTabs = container.NewAppTabs(mw.storiesTab, mw.feedsTab)
	mw.leftTabs.OnSelected = func(it *container.TabItem) {
		feeds := it == mw.feedsTab
		tab := "stories"
		if feeds {
			tab = "feeds"
		}
		mw.prefs.SetString(mw.libPref(prefSidebarTab), tab)
		mw.showFeedsPage(feeds)
	}
	return mw.leftTabs
}

// showFeedsPage swaps the main area between the story's views and the
// feed page.
func (mw *mainWindow) showFeedsPage(feeds bool) {
	want := mw.storyViews
	if feeds {
		want = mw.feedPage
	}
	if len(mw.main.Objects) != 1 || mw.main.Objects[0] != want {
		mw.main.Objects = []fyne.CanvasObject{want}
		mw.main.Refresh()
	}
	if feeds {
		mw.showEmptyState(false)
		mw.feeds.shown()
		return
	}
	if len(mw.sidebar.stories) == 0 {
		mw.showEmptyState(true)
	}
	if mw.center.Selected() != nil && mw.center.Selected().Text == "Read" {
		mw.reader.render() // and marks its article read, now it is seen
	}
}

// feedsShown reports whether the sidebar shows the feeds.
func (mw *mainWindow) feedsShown() bool {
	return mw.leftTabs != nil && mw.leftTabs.Selected() == mw.feedsTab
}

// showFeedsTab brings the feeds to the front.
func (mw *mainWindow) showFeedsTab() {
	if !mw.feedsShown() {
		mw.leftTabs.Select(mw.feedsTab)
	}
	mw.showEmptyState(false)
}

// showStoriesTab brings the stories to the front.
func (mw *mainWindow) showStoriesTab() {
	if mw.feedsShown() {
		mw.leftTabs.Select(mw.storiesTab)
	}
}

// leaveFeedsFor brings the stories to the front to open story id. The
// reader drops the article of another story first: shown for the moment
// the new one takes to load, it would be marked read unseen.
func (mw *mainWindow) leaveFeedsFor(id int64) {
	if mw.story == nil || mw.story.story.ID != id {
		mw.reader.setArticle(nil, nil)
	}
	mw.showStoriesTab()
}

// openFeeds shows the feeds with the cursor in the address field, ready
// for a new subscription (Feeds ▸ Subscribe, Ctrl+Shift+F).
func (mw *mainWindow) openFeeds() {
	mw.showFeedsTab()
	mw.feeds.focusSubscribe()
}

// feedsMenu is the Feeds menu: every feed action, with the feeds shown.
func (mw *mainWindow) feedsMenu() *fyne.Menu {
	onFeeds := func(action func()) func() {
		return func() {
			mw.showFeedsTab()
			action()
		}
	}
	f := mw.feeds
	return fyne.NewMenu("Feeds",
		menuItem("Subscribe to a feed…", shortcut(fyne.KeyF, true), mw.openFeeds),
		menuItem("Refresh all feeds", shortcut(fyne.KeyR, true), onFeeds(f.onRefreshAll)),
		menuItem("Refresh this feed", nil, onFeeds(f.onRefreshOne)),
		menuItem("Mark this feed read", nil, onFeeds(f.onMarkAllRead)),
		fyne.NewMenuItemSeparator(),
		menuItem("Rename feed…", nil, onFeeds(f.onRename)),
		menuItem("Unsubscribe…", nil, onFeeds(f.onRemove)),
		fyne.NewMenuItemSeparator(),
		menuItem("Import OPML…", nil, onFeeds(f.onImportOPML)),
		menuItem("Export OPML…", nil, onFeeds(f.onExportOPML)),
	)
}

// readMarksChanged shows read marks set in the feeds on the open story's
// versions.
func (mw *mainWindow) readMarksChanged(ids []int64, read bool) {
	if mw.story == nil {
		return
	}
	for _, a := range mw.story.articles {
		for _, id := range ids {
			if a.ID == id && a.Read != read {
				a.Read = read
				mw.versions.refreshArticle(a.ID)
			}
		}
	}
}

// openStoryTab opens story id with centre tab tab in front.
func (mw *mainWindow) openStoryTab(id int64, tab string) {
	if mw.story != nil && mw.story.story.ID == id {
		mw.showTab(tab)
		return
	}
	mw.afterOpen = func() { mw.showTab(tab) }
	if mw.sidebar.indexOf(id) >= 0 {
		mw.sidebar.selectStory(id)
		return
	}
	mw.openStory(id)
}
