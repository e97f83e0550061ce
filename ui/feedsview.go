package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest/feed"
	"github.com/parallax-news/parallax/store"
)

// feedItemLimit caps the items listed for the selected feed.
const feedItemLimit = 200

// feedsView is the Feeds dialog: the subscriptions with their unread
// counts and state, the newest items of the selected one, and the actions
// on them. It also runs the refresh on an interval (see feedrefresh.go),
// whether or not the dialog is shown.
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

	subs       []feed.Subscription
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
	var subs []feed.Subscription
	v.mw.jobs.run(job{
		title: "Reading the feeds",
		work: func(ctx context.Context, _ progressFunc) error {
			var err error
			subs, err = v.mw.lib.st.Feeds(ctx)
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
func (v *feedsView) setFeeds(subs []feed.Subscription) {
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
func (v *feedsView) current() (feed.Subscription, bool) {
	if i := v.indexOf(v.selected); i >= 0 {
		return v.subs[i], true
	}
	return feed.Subscription{}, false
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
			arts, err = v.mw.lib.st.FeedArticles(ctx, id, feedItemLimit)
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

// validateFeedURL accepts http and https addresses with a host.
func validateFeedURL(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return errors.New("type the feed's address")
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("a feed address starts with http:// or https://")
	}
	return nil
}

// onAdd subscribes to the typed address and refreshes the new feed.
func (v *feedsView) onAdd() {
	addr := strings.TrimSpace(v.url.Text)
	if err := validateFeedURL(addr); err != nil {
		v.notice.SetText(readable(err) + ".")
		return
	}
	var id int64
	v.mw.jobs.run(job{
		title: "Subscribing",
		work: func(ctx context.Context, _ progressFunc) error {
			var err error
			id, err = v.mw.lib.st.AddFeed(ctx, addr, "")
			return err
		},
		done: func(err error) {
			switch {
			case errors.Is(err, store.ErrFeedExists):
				v.selected = id
				v.notice.SetText("Already subscribed to " + addr + ".")
				v.reload()
			case err != nil:
				v.mw.jobs.showError("Subscribing to "+addr, err)
			default:
				v.url.SetText("")
				v.selected = id
				v.notice.SetText("Subscribed to " + addr + "; reading it now.")
				v.refresh([]int64{id}, false)
			}
		},
	})
}

// onRename asks for a new title for the selected feed.
func (v *feedsView) onRename() {
	s, ok := v.current()
	if !ok {
		return
	}
	title := newKeyEntry(v.mw.dialogs, false)
	title.SetText(s.Title)
	title.Validator = func(t string) error {
		if strings.TrimSpace(t) == "" {
			return errors.New("a title is needed")
		}
		return nil
	}
	v.mw.dialogs.form("Rename the feed", "Rename", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Title", title)}, func(ok bool) {
			if ok {
				v.renameFeed(s.ID, title.Text)
			}
		}, fyne.NewSize(480, 160))
	v.mw.win.Canvas().Focus(title)
}

// renameFeed stores a feed's new title.
func (v *feedsView) renameFeed(id int64, title string) {
	title = strings.TrimSpace(title)
	v.mw.jobs.run(job{
		title: "Renaming the feed",
		work: func(ctx context.Context, _ progressFunc) error {
			return v.mw.lib.st.RenameFeed(ctx, id, title)
		},
		done: func(err error) {
			if err != nil {
				v.mw.jobs.showError("Renaming the feed", err)
			}
			v.reload()
		},
	})
}

// onRemove asks before unsubscribing from the selected feed.
func (v *feedsView) onRemove() {
	s, ok := v.current()
	if !ok {
		return
	}
	msg := fmt.Sprintf("Unsubscribe from “%s”?\n\nThe %s already imported from it stay in the library.", feedName(s), plural(len(v.articles), "article"))
	if len(v.articles) == feedItemLimit {
		msg = fmt.Sprintf("Unsubscribe from “%s”?\n\nThe articles already imported from it stay in the library.", feedName(s))
	}
	v.mw.dialogs.confirm("Remove the feed", msg, func(ok bool) {
		if ok {
			v.removeFeed(s)
		}
	})
}

// removeFeed unsubscribes from s; Undo subscribes again and reads the
// feed back (its articles were kept, so they are linked, not copied).
func (v *feedsView) removeFeed(s feed.Subscription) {
	v.mw.jobs.run(job{
		title: "Removing the feed",
		work: func(ctx context.Context, _ progressFunc) error {
			return v.mw.lib.st.RemoveFeed(ctx, s.ID)
		},
		done: func(err error) {
			if err != nil {
				v.mw.jobs.showError("Removing the feed", err)
				v.reload()
				return
			}
			label := "removing the feed " + feedName(s)
			undone := false
			restore := func() {
				if undone {
					return
				}
				undone = true
				v.undo = nil
				v.undoRemove.Hide()
				v.restoreFeed(s)
			}
			v.undo = restore
			v.undoLabel = label
			v.mw.undo.push(label, restore)
			v.notice.SetText("Removed “" + feedName(s) + "”; its articles stay in the library.")
			v.undoRemove.Show()
			v.selected = 0
			v.reload()
		},
	})
}

// onUndoRemove brings back the feed removed last.
func (v *feedsView) onUndoRemove() {
	if v.undo == nil {
		return
	}
	// The same step is on the window's undo stack: take it off, so that
	// Ctrl+Z takes back the step before it.
	acts := v.mw.undo.actions
	for i := len(acts) - 1; i >= 0; i-- {
		if acts[i].label == v.undoLabel {
			v.mw.undo.actions = append(acts[:i:i], acts[i+1:]...)
			break
		}
	}
	v.mw.status.SetText("Undone: " + v.undoLabel)
	v.undo()
}

// restoreFeed subscribes to s again, with its title, and refreshes it.
func (v *feedsView) restoreFeed(s feed.Subscription) {
	var id int64
	v.mw.jobs.run(job{
		title: "Subscribing again",
		work: func(ctx context.Context, _ progressFunc) error {
			var err error
			id, err = v.mw.lib.st.AddFeed(ctx, s.URL, s.Title)
			return err
		},
		done: func(err error) {
			if err != nil && !errors.Is(err, store.ErrFeedExists) {
				v.mw.jobs.showError("Subscribing again to "+s.URL, err)
				return
			}
			v.selected = id
			v.notice.SetText("“" + feedName(s) + "” is back; reading it again.")
			v.refresh([]int64{id}, false)
		},
	})
}

func (v *feedsView) onRefreshOne() {
	if v.selected != 0 {
		v.refresh([]int64{v.selected}, false)
	}
}

func (v *feedsView) onRefreshAll() { v.refresh(nil, false) }

// onMarkAllRead marks every listed item of the selected feed read.
func (v *feedsView) onMarkAllRead() {
	id := v.selected
	var ids []int64
	for _, a := range v.articles {
		if !a.Read {
			ids = append(ids, a.ID)
		}
	}
	if len(ids) == 0 {
		return
	}
	v.mw.jobs.run(job{
		title: "Marking as read",
		work: func(ctx context.Context, _ progressFunc) error {
			for _, a := range ids {
				if err := v.mw.lib.st.SetRead(ctx, a, true); err != nil {
					return err
				}
			}
			return nil
		},
		done: func(err error) {
			if err != nil {
				v.mw.jobs.showError("Marking as read", err)
			}
			if mw := v.mw; mw.story != nil {
				for _, a := range mw.story.articles {
					for _, r := range ids {
						if a.ID == r {
							a.Read = true
							mw.versions.refreshArticle(a.ID)
						}
					}
				}
			}
			if v.selected == id {
				v.reload()
			}
		},
	})
}

// onImportOPML subscribes to the feeds of an OPML file.
func (v *feedsView) onImportOPML() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			v.mw.jobs.showError("Choosing an OPML file", err)
			return
		}
		if r == nil {
			return
		}
		v.importOPMLFrom(r)
	}, v.mw.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".opml", ".xml"}))
	d.Resize(fyne.NewSize(800, 560))
	v.mw.dialogs.show(d, nil)
}

// importOPMLFrom reads r (and closes it), subscribes to the feeds it
// lists, and offers to read the new ones at once.
func (v *feedsView) importOPMLFrom(r fyne.URIReadCloser) {
	name := r.URI().Name()
	var added []int64
	listed := 0
	v.mw.jobs.run(job{
		title: "Importing " + name,
		work: func(ctx context.Context, _ progressFunc) error {
			defer r.Close()
			subs, err := feed.ReadOPML(r)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			listed = len(subs)
			for _, s := range subs {
				id, err := v.mw.lib.st.AddFeed(ctx, s.URL, s.Title)
				switch {
				case errors.Is(err, store.ErrFeedExists):
					continue
				case err != nil:
					return err
				}
				added = append(added, id)
			}
			return nil
		},
		done: func(err error) {
			v.reload()
			if err != nil {
				v.mw.jobs.showError("Importing "+name, err)
				return
			}
			msg := fmt.Sprintf("%s: %s added, %d already followed.", name, plural(len(added), "feed"), listed-len(added))
			v.notice.SetText(msg)
			if len(added) == 0 {
				return
			}
			v.mw.dialogs.confirm("OPML imported", msg+"\n\nRead the new feeds now?", func(ok bool) {
				if ok {
					v.refresh(added, false)
				}
			})
		},
	})
}

// onExportOPML writes the subscriptions to an OPML file.
func (v *feedsView) onExportOPML() {
	subs := v.subs
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			v.mw.jobs.showError("Choosing where to export", err)
			return
		}
		if w == nil {
			return
		}
		v.exportOPMLTo(w, subs)
	}, v.mw.win)
	d.SetFileName("parallax-feeds.opml")
	d.Resize(fyne.NewSize(800, 560))
	v.mw.dialogs.show(d, nil)
}

// exportOPMLTo writes subs to w and closes it.
func (v *feedsView) exportOPMLTo(w fyne.URIWriteCloser, subs []feed.Subscription) {
	v.mw.jobs.run(job{
		title: "Exporting the feeds",
		work: func(context.Context, progressFunc) error {
			err := feed.WriteOPML(w, subs)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			return err
		},
		done: func(err error) {
			if err != nil {
				v.mw.jobs.showError("Exporting the feeds", err)
				return
			}
			v.notice.SetText(fmt.Sprintf("%s written to %s.", plural(len(subs), "feed"), w.URI().Path()))
		},
	})
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

// feedName is the feed's title, else its address.
func feedName(s feed.Subscription) string {
	if t := strings.TrimSpace(s.Title); t != "" {
		return t
	}
	return s.URL
}

// feedRow is one subscription: title and unread count, address, then
// when it was refreshed and its error, if any.
type feedRow struct {
	widget.BaseWidget
	title  *widget.Label
	unread *widget.Label
	addr   *widget.Label
	status *widget.Label
}

func newFeedRow() *feedRow {
	r := &feedRow{
		title:  widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		unread: widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		addr:   widget.NewLabel(""),
		status: widget.NewLabel(""),
	}
	r.unread.Importance = widget.HighImportance
	for _, l := range []*widget.Label{r.title, r.addr, r.status} {
		l.Truncation = fyne.TextTruncateEllipsis
	}
	r.addr.SizeName = theme.SizeNameCaptionText
	r.status.SizeName = theme.SizeNameCaptionText
	r.ExtendBaseWidget(r)
	return r
}

func (r *feedRow) set(s feed.Subscription, timeout time.Duration, now time.Time) {
	r.title.SetText(oneLine(feedName(s)))
	if s.Unread > 0 {
		r.unread.SetText(fmt.Sprintf("%d unread", s.Unread))
	} else {
		r.unread.SetText("")
	}
	if strings.TrimSpace(s.Title) == "" {
		r.addr.SetText("no title yet: it comes with the first good refresh")
	} else {
		r.addr.SetText(s.URL)
	}
	r.status.SetText(feedStatus(s, timeout, now))
	imp := widget.MediumImportance
	if s.LastError != "" {
		imp = widget.DangerImportance
	}
	if r.status.Importance != imp {
		r.status.Importance = imp
		r.status.Refresh()
	}
}

func (r *feedRow) CreateRenderer() fyne.WidgetRenderer {
	top := container.NewBorder(nil, nil, nil, r.unread, r.title)
	return widget.NewSimpleRenderer(container.New(&tightVBox{}, top, r.addr, r.status))
}

// feedItemRow is one item of a feed: its title (bold while unread), then
// source, date and read state.
type feedItemRow struct{ labelRow }

func newFeedItemRow() *feedItemRow {
	r := &feedItemRow{}
	r.initRow(false)
	r.ExtendBaseWidget(r)
	return r
}

func (r *feedItemRow) set(a parallax.ArticleSummary) {
	r.top.TextStyle = fyne.TextStyle{Bold: !a.Read}
	r.top.SetText(oneLine(a.Title))
	r.bottom.SetText(itemSummary(a))
}


// itemSummary is "● Unread · Harbour Courier · 3 Mar 2031 15:00".
func itemSummary(a parallax.ArticleSummary) string {
	parts := []string{"Read"}
	if !a.Read {
		parts[0] = "● Unread"
	}
	if a.Source != "" {
		parts = append(parts, a.Source)
	}
	if !a.Published.IsZero() {
		parts = append(parts, a.Published.Format("2 Jan 2006 15:04"))
	}
	return strings.Join(parts, " · ")
}
