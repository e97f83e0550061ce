package ui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest/feed"
)

// feedItemLimit caps the items listed for the selected feed.
const feedItemLimit = 200

// feedsView is the Feeds dialog: the subscriptions with their unread
// counts and state, the newest items of the selected one, and the actions
// on them. It also runs the refresh on an interval (see feedrefresh.go),
// whether or not the dialog is shown. Subscribing, renaming and removing
// are in feededit.go, OPML in feedopml.go, its list rows in feedrows.go.
type feedsView struct {
	mw     *mainWindow
	client *feed.Client
	// timeout is the client's, named in "timed out after 20s".
	timeout time.Duration

	dlg        *dialog.CustomDialog
	url        *keyEntry
	add        *widget.Button
	list       *widget.List
	detail     *widget.Label
	items      *widget.List
	itemsInfo  *widget.Label
	rename     *widget.Button
	remove     *widget.Button
	refreshOne *widget.Button
	refreshAll *widget.Button
	markRead   *widget.Button
	importOPML *widget.Button
	exportOPML *widget.Button
	interval   *picker
	notice     *widget.Label
	undoRemove *widget.Button

	subs       []parallax.Subscription
	articles   []parallax.ArticleSummary // of the selected feed, newest first
	selected   int64                     // feed id; 0 for none
	refreshing bool                      // a refresh job is running
	open       bool                      // the dialog is shown
	undo       func()                    // brings back the feed removed last
	undoLabel  string                    // its label on the window's undo stack

	tickMu   sync.Mutex
	stopTick chan struct{} // closed to stop the interval refresh
}

func newFeedsView(mw *mainWindow) *feedsView {
	return &feedsView{
		mw:      mw,
		client:  feed.NewClient(feed.Options{}),
		timeout: feed.DefaultTimeout,
	}
}

func (v *feedsView) build() fyne.CanvasObject {
	v.url = newKeyEntry(v.mw.dialogs, false)
	v.url.SetPlaceHolder("Address of an RSS, Atom or JSON feed (https://…)")
	v.url.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil // not yet typed: no red mark
		}
		return validateFeedURL(s)
	}
	v.url.OnSubmitted = func(string) { v.onAdd() }
	v.add = widget.NewButtonWithIcon("Subscribe", theme.ContentAddIcon(), v.onAdd)

	v.list = widget.NewList(
		func() int { return len(v.subs) },
		func() fyne.CanvasObject { return newFeedRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(v.subs) {
				o.(*feedRow).set(v.subs[id], v.timeout, time.Now())
			}
		})
	v.list.OnSelected = v.onFeedSelected
	v.list.OnUnselected = func(widget.ListItemID) { v.selectFeed(0) }

	v.detail = widget.NewLabel("")
	v.detail.Wrapping = fyne.TextWrapWord
	v.itemsInfo = widget.NewLabel("")
	v.itemsInfo.Truncation = fyne.TextTruncateEllipsis
	v.items = widget.NewList(
		func() int { return len(v.articles) },
		func() fyne.CanvasObject { return newFeedItemRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(v.articles) {
				o.(*feedItemRow).set(v.articles[id])
			}
		})
	v.items.OnSelected = v.onItemSelected

	v.rename = widget.NewButtonWithIcon("Rename…", theme.DocumentCreateIcon(), v.onRename)
	v.remove = widget.NewButtonWithIcon("Remove…", theme.DeleteIcon(), v.onRemove)
	v.refreshOne = widget.NewButtonWithIcon("Refresh", theme.ViewRefreshIcon(), v.onRefreshOne)
	v.refreshAll = widget.NewButtonWithIcon("Refresh all", theme.ViewRefreshIcon(), v.onRefreshAll)
	v.markRead = widget.NewButtonWithIcon("Mark all read", theme.ConfirmIcon(), v.onMarkAllRead)
	v.importOPML = widget.NewButtonWithIcon("Import OPML…", theme.FolderOpenIcon(), v.onImportOPML)
	v.exportOPML = widget.NewButtonWithIcon("Export OPML…", theme.DocumentSaveIcon(), v.onExportOPML)

	labels := make([]string, len(feedIntervals))
	for i, c := range feedIntervals {
		labels[i] = c.label
	}
	v.interval = newPicker(v.mw.win.Canvas, labels, nil)
	v.interval.SetSelected(intervalLabel(v.intervalMinutes()))
	v.interval.OnChanged = v.onIntervalChanged

	v.notice = widget.NewLabel("")
	v.notice.Truncation = fyne.TextTruncateEllipsis
	v.undoRemove = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), v.onUndoRemove)
	v.undoRemove.Hide()

	addRow := container.NewBorder(nil, nil, widget.NewLabel("New feed"), v.add, v.url)
	feedActions := container.NewHBox(v.rename, v.remove, v.refreshOne)
	left := container.NewBorder(nil, feedActions, nil, nil, v.list)
	itemsHead := container.NewVBox(v.detail, container.NewBorder(nil, nil, nil, v.markRead, v.itemsInfo))
	right := container.NewBorder(itemsHead, nil, nil, nil, v.items)
	split := container.NewHSplit(left, right)
	split.Offset = 0.42
	bottom := container.NewVBox(
		container.NewHBox(v.refreshAll, v.importOPML, v.exportOPML, layout.NewSpacer(), widget.NewLabel("Refresh every"), v.interval),
		container.NewBorder(nil, nil, nil, v.undoRemove, v.notice),
	)
	v.updateActions()
	return container.NewBorder(addRow, bottom, nil, nil, split)
}

// show opens the dialog (building it the first time) and reloads the feeds.
func (v *feedsView) show() {
	if v.dlg == nil {
		v.dlg = dialog.NewCustom("Feeds", "Close", v.build(), v.mw.win)
		v.dlg.SetOnClosed(func() { v.open = false })
	}
	v.open = true
	size := v.mw.win.Canvas().Size()
	v.dlg.Resize(fyne.NewSize(fyne.Min(1040, size.Width-40), fyne.Min(680, size.Height-40)))
	v.mw.dialogs.show(v.dlg, nil)
	v.mw.win.Canvas().Focus(v.url)
	v.reload()
}

// built reports whether the dialog's widgets exist; the interval refresh
// runs before anyone opens it.
func (v *feedsView) built() bool { return v.list != nil }

// readStateChanged updates the unread counts shown after an article was
// marked read or unread elsewhere.
func (v *feedsView) readStateChanged() {
	if v.open {
		v.reload()
	}
}

// reload reads the subscriptions and, for the selected one, its items.
func (v *feedsView) reload() {
	var subs []parallax.Subscription
	v.mw.jobs.run(job{
		title: "Reading the feeds",
		work: func(ctx context.Context, _ progressFunc) error {
			var err error
			subs, err = v.mw.lib.Feeds(ctx)
			return err
		},
		done: func(err error) {
			if err != nil {
				v.mw.jobs.showError("Reading the feeds", err)
				return
			}
			v.setFeeds(subs)
		},
	})
}

// setFeeds shows subs, keeping the selected feed when it is still there,
// and reloads its items.
func (v *feedsView) setFeeds(subs []parallax.Subscription) {
	v.subs = subs
	if !v.built() {
		return
	}
	v.list.Refresh()
	i := v.indexOf(v.selected)
	if i < 0 {
		v.list.UnselectAll()
		v.selectFeed(0)
		if len(subs) == 0 {
			v.itemsInfo.SetText("No feeds yet: type a feed's address above and press Subscribe, or import an OPML list.")
		}
		return
	}
	v.list.Select(i) // no-op when already selected: show its new state anyway
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

func (v *feedsView) onFeedSelected(id widget.ListItemID) {
	if id < 0 || id >= len(v.subs) {
		return
	}
	if v.subs[id].ID != v.selected {
		v.articles = nil
		v.items.Refresh()
	}
	v.selectFeed(v.subs[id].ID)
}

// selectFeed shows feed id's state and loads its items (0: none).
func (v *feedsView) selectFeed(id int64) {
	v.selected = id
	v.updateActions()
	s, ok := v.current()
	if !ok {
		v.selected = 0
		v.articles = nil
		v.items.Refresh()
		v.detail.SetText("Select a feed to see its newest items.")
		v.itemsInfo.SetText("")
		return
	}
	v.detail.SetText(feedDetail(s, v.timeout))
	v.loadItems(id)
}

// loadItems reads the newest items of feed id off the UI goroutine.
func (v *feedsView) loadItems(id int64) {
	var arts []parallax.ArticleSummary
	v.mw.jobs.run(job{
		title: "Reading the feed's items",
		work: func(ctx context.Context, _ progressFunc) error {
			var err error
			arts, err = v.mw.lib.FeedArticles(ctx, id, feedItemLimit)
			return err
		},
		done: func(err error) {
			if v.selected != id {
				return // another feed was selected meanwhile
			}
			if err != nil {
				v.itemsInfo.SetText(readable(err))
				return
			}
			v.articles = arts
			v.items.UnselectAll()
			v.items.Refresh()
			unread := 0
			for _, a := range arts {
				if !a.Read {
					unread++
				}
			}
			switch {
			case len(arts) == 0:
				v.itemsInfo.SetText("No items yet: refresh the feed.")
			default:
				v.itemsInfo.SetText(fmt.Sprintf("%s, %d unread", plural(len(arts), "item"), unread))
			}
			if unread > 0 {
				v.markRead.Enable()
			} else {
				v.markRead.Disable()
			}
		},
	})
}

// updateActions enables what applies to the selection.
func (v *feedsView) updateActions() {
	if !v.built() {
		return
	}
	for _, b := range []*widget.Button{v.rename, v.remove, v.refreshOne} {
		if v.selected != 0 {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if v.selected == 0 {
		v.markRead.Disable()
	}
	if len(v.subs) > 0 {
		v.refreshAll.Enable()
		v.exportOPML.Enable()
	} else {
		v.refreshAll.Disable()
		v.exportOPML.Disable()
	}
}

// onItemSelected closes the dialog and shows the item's article in its
// story.
func (v *feedsView) onItemSelected(id widget.ListItemID) {
	if id < 0 || id >= len(v.articles) {
		return
	}
	a := v.articles[id]
	v.items.UnselectAll()
	if v.dlg != nil {
		v.dlg.Hide()
	}
	v.mw.showArticleInStory(a.StoryID, a.ID)
}

// showArticleInStory selects story storyID in the sidebar and shows
// article articleID in the reader, reloading the story when the article
// joined it after it was opened.
func (mw *mainWindow) showArticleInStory(storyID, articleID int64) {
	reloaded := false
	var show func()
	show = func() {
		if mw.story == nil || mw.story.story.ID != storyID {
			return
		}
		for i, a := range mw.story.articles {
			if a.ID == articleID {
				mw.versions.list.Select(i) // shows it in the reader
				if mw.reader.article != a {
					mw.reader.setArticle(mw.story, a)
				}
				mw.showTab("Read")
				return
			}
		}
		if !reloaded {
			reloaded = true
			mw.afterOpen = show
			mw.reloadStory()
		}
	}
	if mw.story != nil && mw.story.story.ID == storyID {
		show()
		return
	}
	mw.afterOpen = show
	if mw.sidebar.indexOf(storyID) >= 0 {
		mw.sidebar.selectStory(storyID)
		return
	}
	mw.openStory(storyID)
}
