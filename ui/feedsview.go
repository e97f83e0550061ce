package ui

import (
	"context"
	"net/url"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/library"
)

// feedItemLimit caps the items listed for the selected feed.
const feedItemLimit = 200

// feedEvents is what the feeds ask of the window.
type feedEvents struct {
	// openArticle shows an article in its story, in the reader.
	openArticle func(storyID, articleID int64)
	// compareStory opens a story in the compare view.
	compareStory func(storyID int64)
	// storiesChanged says a refresh brought new articles.
	storiesChanged func()
	// readChanged says articles were marked read or unread here.
	readChanged func(ids []int64, read bool)
	// storyVersions is how many versions the library's story has (0 when
	// not known).
	storyVersions func(storyID int64) int
	// unreadChanged reports the unread items of every feed.
	unreadChanged func(unread int)
	// openURL opens a web page in the browser.
	openURL func(*url.URL) error
	// pageShown reports whether the feed page is on screen: a feed's items
	// are read only then (and when it is shown), not at every start or
	// read mark while the stories are shown. Nil: always.
	pageShown func() bool
}

// feedsView follows news feeds as a feed reader does: the subscriptions
// with their unread counts in the sidebar (feedList, feedlist.go), the
// selected feed's items and the item chosen in the main area (feedPage,
// feedpage.go). It holds what both show and runs the work: refresh and
// its interval (feedrefresh.go), subscribing, renaming, unsubscribing and
// read marks (feededit.go), OPML (feedopml.go). It knows the library and
// the events it raises, not the window's other views.
type feedsView struct {
	win     fyne.Window
	jobs    *jobRunner
	dialogs *dialogKeys
	undo    *undoStack
	lib     *library.Library
	prefs   fyne.Preferences
	events  feedEvents
	client  *library.FeedClient
	// timeout is the client's, named in "timed out after 20s".
	timeout time.Duration

	side *feedList
	page *feedPage

	subs       []parallax.Subscription
	articles   []parallax.ArticleSummary // of the selected feed, newest first
	selected   int64                     // feed id; 0 for none (all feeds)
	refreshing bool                      // a refresh job is running
	fresh      map[int64]int             // new articles per feed, from the last refresh
	chosenKey  string                    // preference remembering selected; "" for none
	undoFeed   func()                    // brings back the feed removed last
	undoLabel  string                    // its label on the window's undo stack

	tickMu   sync.Mutex
	stopTick chan struct{} // closed to stop the interval refresh
}

func newFeedsView(win fyne.Window, jobs *jobRunner, dialogs *dialogKeys, undo *undoStack, lib *library.Library, prefs fyne.Preferences, events feedEvents) *feedsView {
	v := &feedsView{
		win: win, jobs: jobs, dialogs: dialogs, undo: undo, lib: lib, prefs: prefs, events: events,
		client:  library.NewFeedClient(),
		timeout: library.DefaultFeedTimeout,
		fresh:   map[int64]int{},
	}
	v.side = newFeedList(v)
	v.page = newFeedPage(win.Canvas, v.timeout, intervalLabel(v.intervalMinutes()), feedPageEvents{
		refreshOne: v.onRefreshOne, markAllRead: v.onMarkAllRead, rename: v.onRename, remove: v.onRemove,
		refreshAll: v.onRefreshAll, importOPML: v.onImportOPML, exportOPML: v.onExportOPML,
		intervalChanged: v.onIntervalChanged,
		chooseItem:      v.onItemChosen,
		openStory:       v.onOpenInStory, compare: v.onCompareStory, openPage: v.onOpenPage,
		markUnread: v.onMarkUnread, undoRemove: v.onUndoRemove,
		storyVersions: v.storyVersions,
	})
	return v
}

// buildList is the sidebar's Feeds tab.
func (v *feedsView) buildList() fyne.CanvasObject { return v.side.build() }

// buildPage is the main area while the Feeds tab is shown.
func (v *feedsView) buildPage() fyne.CanvasObject {
	o := v.page.build()
	v.page.showFeed(v.subs, parallax.Subscription{}, false)
	return o
}

// shown is called when the Feeds tab comes to the front: the counts are
// read again.
func (v *feedsView) shown() { v.reload() }

// focusSubscribe puts the cursor in the address field.
func (v *feedsView) focusSubscribe() { v.win.Canvas().Focus(v.side.url) }

// readStateChanged updates the unread counts after an article was marked
// read or unread elsewhere.
func (v *feedsView) readStateChanged() { v.reload() }

// reload reads the subscriptions and, for the selected one, its items.
func (v *feedsView) reload() {
	v.readFeeds(func(subs []parallax.Subscription, err error) {
		if err != nil {
			v.jobs.showError("Reading the feeds", err)
			return
		}
		v.setFeeds(subs)
	})
}

// start reads the subscriptions once as the window opens: their unread
// count for the Feeds tab, and whether a refresh is due (refreshIfDue).
func (v *feedsView) start() {
	v.readFeeds(func(subs []parallax.Subscription, err error) {
		if err != nil {
			v.jobs.showError("Reading the feeds", err)
			return
		}
		v.setFeeds(subs)
		v.refreshIfDue(subs)
	})
}

// readFeeds reads the subscriptions off the UI goroutine and hands them to
// done on it.
func (v *feedsView) readFeeds(done func([]parallax.Subscription, error)) {
	var subs []parallax.Subscription
	v.jobs.run(job{
		title: "Reading the feeds",
		quiet: true,
		work: func(ctx context.Context, _ progressFunc) error {
			var err error
			subs, err = v.lib.Feeds(ctx)
			return err
		},
		done: func(err error) { done(subs, err) },
	})
}

// setFeeds shows subs, keeping the selected feed when it is still there,
// and reloads its items.
func (v *feedsView) setFeeds(subs []parallax.Subscription) {
	v.subs = subs
	v.reportUnread()
	if v.indexOf(v.selected) < 0 {
		v.selected = 0
	}
	v.side.setFeeds(subs, v.selected)
	v.selectFeed(v.selected)
}

func (v *feedsView) indexOf(id int64) int {
	for i, s := range v.subs {
		if s.ID == id {
			return i
		}
	}
	return -1
}

// current is the selected subscription.
func (v *feedsView) current() (parallax.Subscription, bool) {
	if i := v.indexOf(v.selected); i >= 0 {
		return v.subs[i], true
	}
	return parallax.Subscription{}, false
}

// onFeedChosen is the sidebar's choice: feed id, or 0 for all feeds.
func (v *feedsView) onFeedChosen(id int64) {
	if id != v.selected {
		v.articles = nil
		v.page.setItems(nil)
	}
	v.selectFeed(id)
}

// selectFeed shows feed id's state and loads its items (0: all feeds).
func (v *feedsView) selectFeed(id int64) {
	v.selected = id
	s, ok := v.current()
	if !ok {
		v.selected = 0
	}
	if v.chosenKey != "" {
		v.prefs.SetInt(v.chosenKey, int(v.selected))
	}
	v.page.showFeed(v.subs, s, ok)
	if v.events.pageShown == nil || v.events.pageShown() {
		v.loadItems(v.selected)
	}
}

// loadItems reads the newest items of feed id (0: of every feed) off the
// UI goroutine.
func (v *feedsView) loadItems(id int64) {
	var arts []parallax.ArticleSummary
	v.jobs.run(job{
		title: "Reading the feed's items",
		quiet: true,
		work: func(ctx context.Context, _ progressFunc) error {
			var err error
			if id == 0 {
				arts, err = v.lib.AllFeedArticles(ctx, feedItemLimit)
			} else {
				arts, err = v.lib.FeedArticles(ctx, id, feedItemLimit)
			}
			return err
		},
		done: func(err error) {
			if v.selected != id {
				return // another feed was selected meanwhile
			}
			if err != nil {
				v.page.itemsInfo.SetText(readable(err))
				return
			}
			v.articles = arts
			v.page.setItems(arts)
		},
	})
}

// feedMenu is the context menu of the chosen feed.
func (v *feedsView) feedMenu() *fyne.Menu {
	return fyne.NewMenu("",
		fyne.NewMenuItem("Refresh", v.onRefreshOne),
		fyne.NewMenuItem("Mark all read", v.onMarkAllRead),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Rename…", v.onRename),
		fyne.NewMenuItem("Unsubscribe…", v.onRemove),
	)
}

// onItemChosen shows item i of the selected feed in the page and marks it
// read, as a feed reader does.
func (v *feedsView) onItemChosen(i int) {
	if i < 0 || i >= len(v.articles) {
		return
	}
	sum := v.articles[i]
	var a *parallax.Article
	v.jobs.run(job{
		title: "Opening the item",
		quiet: true,
		work: func(ctx context.Context, _ progressFunc) error {
			var err error
			if a, err = v.lib.Article(ctx, sum.ID); err != nil {
				return err
			}
			if !sum.Read {
				return v.lib.SetRead(ctx, sum.ID, true)
			}
			return nil
		},
		done: func(err error) {
			if err != nil {
				v.page.showItemError(readable(err))
				return
			}
			if !v.page.showsItem(sum.ID) {
				return // another item was chosen meanwhile
			}
			v.page.showItem(sum, a, v.storyVersions(sum.StoryID))
			if !sum.Read {
				v.readChanged([]int64{sum.ID}, true)
			}
		},
	})
}

// storyVersions asks the window how many versions a story has.
func (v *feedsView) storyVersions(storyID int64) int {
	if v.events.storyVersions == nil {
		return 0
	}
	return v.events.storyVersions(storyID)
}

// readChanged records marks set here in the lists and tells the window.
func (v *feedsView) readChanged(ids []int64, read bool) {
	for i := range v.articles {
		for _, id := range ids {
			if v.articles[i].ID == id && v.articles[i].Read != read {
				v.articles[i].Read = read
				v.page.refreshItem(i)
			}
		}
	}
	v.page.showCounts(v.articles)
	v.refreshCounts()
	if v.events.readChanged != nil {
		v.events.readChanged(ids, read)
	}
}

// refreshCounts reads the feeds' unread counts and state again, leaving
// the items and the one chosen as they are.
func (v *feedsView) refreshCounts() {
	v.readFeeds(func(subs []parallax.Subscription, err error) {
		if err != nil {
			return // the next reload says why
		}
		v.subs = subs
		if v.indexOf(v.selected) < 0 && v.selected != 0 {
			v.setFeeds(subs) // the chosen feed is gone
			return
		}
		v.side.setFeeds(subs, v.selected)
		v.reportUnread()
		if s, ok := v.current(); ok {
			v.page.showFeed(v.subs, s, true)
		} else {
			v.page.showFeed(v.subs, parallax.Subscription{}, false)
		}
	})
}

// reportUnread tells the window how many items are unread.
func (v *feedsView) reportUnread() {
	unread := 0
	for _, s := range v.subs {
		unread += s.Unread
	}
	if v.events.unreadChanged != nil {
		v.events.unreadChanged(unread)
	}
}

// onOpenInStory shows the chosen item in its story, in the reader.
func (v *feedsView) onOpenInStory() {
	if a, ok := v.page.item(); ok {
		v.events.openArticle(a.StoryID, a.ID)
	}
}

// onCompareStory opens the chosen item's story in the compare view.
func (v *feedsView) onCompareStory() {
	if a, ok := v.page.item(); ok && v.events.compareStory != nil {
		v.events.compareStory(a.StoryID)
	}
}

// setNotice shows a line under the feeds and in the window's status
// line, where it stays, stamped with the time, until the next notice.
func (v *feedsView) setNotice(s string) {
	v.page.setNotice(s)
	v.jobs.notice(s + " (" + time.Now().Format("15:04") + ")")
}
