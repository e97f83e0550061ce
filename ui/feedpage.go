package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	parallax "github.com/parallax-news/parallax"
)

// feedPageEvents is what the feed page asks of the feeds: one call per
// action.
type feedPageEvents struct {
	refreshOne, markAllRead, rename, remove func() // on the chosen feed
	refreshAll, importOPML, exportOPML      func()
	intervalChanged                         func(label string)
	chooseItem                              func(i int) // of the items listed
	openStory, compare, openPage            func()      // of the item shown
	markUnread, undoRemove                  func()
	storyVersions                           func(storyID int64) int
}

// feedPage is the main area while the sidebar shows the feeds: the chosen
// feed (or all feeds) with its actions, its items newest first, and the
// item chosen, with the ways into its story. It shows what the feeds view
// hands it and raises an event for every action.
type feedPage struct {
	canvas  func() fyne.Canvas
	timeout time.Duration // the feed client's, named in errors
	every   string        // the refresh interval's label at the start
	events  feedPageEvents

	title     *widget.Label
	detail    *widget.Label
	feedActs  *fyne.Container // for one feed
	allActs   *fyne.Container // for all feeds
	itemsInfo *widget.Label
	items     *widget.List

	refreshOne *widget.Button
	markRead   *widget.Button
	rename     *widget.Button
	remove     *widget.Button
	refreshAll *widget.Button
	importOPML *widget.Button
	exportOPML *widget.Button
	interval   *picker

	preview    *widget.RichText
	scroll     *container.Scroll
	itemActs   *fyne.Container
	openStory  *widget.Button
	compare    *widget.Button
	openPage   *widget.Button
	markUnread *widget.Button

	notice     *widget.Label
	undoRemove *widget.Button

	subs   []parallax.Subscription   // every feed, for the summary
	one    bool                      // one feed is shown, not all
	shown  []parallax.ArticleSummary // the items listed
	chosen int64                     // the item in the preview, 0 for none
	sum    parallax.ArticleSummary   // its summary
}

func newFeedPage(canvas func() fyne.Canvas, timeout time.Duration, interval string, events feedPageEvents) *feedPage {
	return &feedPage{canvas: canvas, timeout: timeout, every: interval, events: events}
}

func (p *feedPage) build() fyne.CanvasObject {
	ev := p.events
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.SizeName = theme.SizeNameSubHeadingText
	p.title.Truncation = fyne.TextTruncateEllipsis
	p.detail = widget.NewLabel("")
	p.detail.Wrapping = fyne.TextWrapWord

	p.refreshOne = widget.NewButtonWithIcon("Refresh", theme.ViewRefreshIcon(), ev.refreshOne)
	p.markRead = widget.NewButtonWithIcon("Mark all read", theme.ConfirmIcon(), ev.markAllRead)
	p.rename = widget.NewButtonWithIcon("Rename…", theme.DocumentCreateIcon(), ev.rename)
	p.remove = widget.NewButtonWithIcon("Unsubscribe…", theme.DeleteIcon(), ev.remove)
	p.feedActs = container.NewHBox(p.refreshOne, p.rename, p.remove)

	p.refreshAll = widget.NewButtonWithIcon("Refresh all", theme.ViewRefreshIcon(), ev.refreshAll)
	p.importOPML = widget.NewButtonWithIcon("Import OPML…", theme.FolderOpenIcon(), ev.importOPML)
	p.exportOPML = widget.NewButtonWithIcon("Export OPML…", theme.DocumentSaveIcon(), ev.exportOPML)
	labels := make([]string, len(feedIntervals))
	for i, c := range feedIntervals {
		labels[i] = c.label
	}
	p.interval = newPicker(p.canvas, labels, nil)
	p.interval.SetSelected(p.every)
	p.interval.OnChanged = ev.intervalChanged
	p.allActs = container.NewHBox(p.refreshAll, p.importOPML, p.exportOPML, widget.NewLabel("Refresh every"), p.interval)

	p.itemsInfo = widget.NewLabel("")
	p.itemsInfo.Wrapping = fyne.TextWrapWord // the empty-library advice is one sentence too long for the column
	p.items = widget.NewList(
		func() int { return len(p.shown) },
		func() fyne.CanvasObject { return newFeedItemRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(p.shown) {
				o.(*feedItemRow).set(p.shown[id], ev.storyVersions(p.shown[id].StoryID))
			}
		})
	p.items.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(p.shown) {
			p.chosen = p.shown[id].ID
			ev.chooseItem(id)
		}
	}

	p.preview = widget.NewRichText()
	p.preview.Wrapping = fyne.TextWrapWord
	p.scroll = container.NewVScroll(p.preview)
	p.openStory = widget.NewButtonWithIcon("Read in its story", theme.DocumentIcon(), ev.openStory)
	p.openStory.Importance = widget.HighImportance
	p.compare = widget.NewButtonWithIcon("Compare versions", theme.ViewRestoreIcon(), ev.compare)
	p.openPage = widget.NewButtonWithIcon("Open web page", theme.ComputerIcon(), ev.openPage)
	p.markUnread = widget.NewButtonWithIcon("Mark unread", theme.VisibilityOffIcon(), ev.markUnread)
	p.itemActs = container.NewHBox(p.openStory, p.compare, p.openPage, p.markUnread)
	p.clearItem()

	p.notice = widget.NewLabel("")
	p.notice.Truncation = fyne.TextTruncateEllipsis
	p.undoRemove = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), ev.undoRemove)
	p.undoRemove.Hide()

	head := container.NewVBox(p.title, p.detail, container.NewHBox(p.markRead, p.feedActs, p.allActs), widget.NewSeparator())
	list := container.NewBorder(p.itemsInfo, nil, nil, nil, p.items)
	reading := container.NewBorder(p.itemActs, nil, nil, nil, p.scroll)
	split := container.NewHSplit(list, reading)
	split.Offset = 0.42
	foot := container.NewBorder(nil, nil, nil, p.undoRemove, p.notice)
	return container.NewBorder(head, foot, nil, nil, split)
}

// showFeed shows feed s's state and actions, one of subs; one false shows
// all feeds.
func (p *feedPage) showFeed(subs []parallax.Subscription, s parallax.Subscription, one bool) {
	p.subs, p.one = subs, one
	if !one {
		p.title.SetText("All feeds")
		p.detail.SetText(allFeedsDetail(subs))
		p.feedActs.Hide()
		p.allActs.Show()
		if len(subs) > 0 {
			p.refreshAll.Enable()
			p.exportOPML.Enable()
		} else {
			p.refreshAll.Disable()
			p.exportOPML.Disable()
		}
		return
	}
	p.title.SetText(oneLine(feedName(s)))
	p.detail.SetText(feedDetail(s, p.timeout, time.Now()))
	p.allActs.Hide()
	p.feedActs.Show()
}

// setRefreshing disables the refresh buttons while a refresh runs.
func (p *feedPage) setRefreshing(on bool) {
	for _, b := range []*widget.Button{p.refreshOne, p.refreshAll} {
		if on {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if !on && len(p.subs) == 0 {
		p.refreshAll.Disable()
	}
}

// setItems lists arts (nil: none yet) and leaves the preview empty.
func (p *feedPage) setItems(arts []parallax.ArticleSummary) {
	p.shown = arts
	p.items.UnselectAll()
	p.items.Refresh()
	p.items.ScrollToTop()
	p.clearItem()
	p.showCounts(arts)
}

// showCounts says how many items are listed and unread.
func (p *feedPage) showCounts(arts []parallax.ArticleSummary) {
	unread := 0
	for _, a := range arts {
		if !a.Read {
			unread++
		}
	}
	switch {
	case !p.one && len(p.subs) == 0:
		p.itemsInfo.SetText("No feeds yet: type a feed's address in the sidebar and press Add (or Enter), or import an OPML list.")
	case len(arts) == 0:
		p.itemsInfo.SetText("No items yet: refresh the feed.")
	case !p.one:
		p.itemsInfo.SetText(fmt.Sprintf("Newest items of every feed: %s, %d unread", plural(len(arts), "item"), unread))
	default:
		p.itemsInfo.SetText(fmt.Sprintf("%s, %d unread", plural(len(arts), "item"), unread))
	}
	if unread > 0 {
		p.markRead.Enable()
	} else {
		p.markRead.Disable()
	}
}

// refreshItem redraws item i after its read mark changed.
func (p *feedPage) refreshItem(i int) {
	p.items.RefreshItem(i)
	if i < len(p.shown) && p.shown[i].ID == p.chosen {
		p.sum.Read = p.shown[i].Read
		p.setItemActions()
	}
}

// showsItem reports whether item id is the one chosen.
func (p *feedPage) showsItem(id int64) bool { return p.chosen == id }

// item is the item in the preview.
func (p *feedPage) item() (parallax.ArticleSummary, bool) {
	return p.sum, p.chosen != 0 && p.sum.ID == p.chosen
}

// showItem puts article a, item sum of a story of versions versions, in
// the preview.
func (p *feedPage) showItem(sum parallax.ArticleSummary, a *parallax.Article, versions int) {
	p.sum = sum
	p.sum.Read = true
	label := sum.Source
	if label == "" {
		label = "Feed item"
	}
	p.preview.Segments = articleSegments(label, a)
	p.preview.Refresh()
	p.scroll.ScrollToTop()
	p.itemActs.Show()
	if versions > 1 {
		p.compare.SetText(fmt.Sprintf("Compare %d versions", versions))
		p.compare.Enable()
	} else {
		p.compare.SetText("Compare versions")
		p.compare.Disable()
	}
	if strings.HasPrefix(a.PathOrURL(), "http://") || strings.HasPrefix(a.PathOrURL(), "https://") {
		p.openPage.Enable()
	} else {
		p.openPage.Disable()
	}
	p.setItemActions()
}

func (p *feedPage) setItemActions() {
	if p.sum.Read {
		p.markUnread.Enable()
	} else {
		p.markUnread.Disable()
	}
}

// showItemError says in the preview why the item could not be shown.
func (p *feedPage) showItemError(msg string) {
	p.preview.Segments = []widget.RichTextSegment{plainSegment(msg, theme.ColorNameError, fyne.TextStyle{}, theme.SizeNameText)}
	p.preview.Refresh()
	p.itemActs.Hide()
}

// clearItem empties the preview.
func (p *feedPage) clearItem() {
	p.chosen = 0
	p.sum = parallax.ArticleSummary{}
	p.preview.Segments = []widget.RichTextSegment{
		plainSegment("Choose an item to read it here. Each item is already in the library, grouped with the other versions of its story.", colorDimmed, fyne.TextStyle{}, theme.SizeNameText),
	}
	p.preview.Refresh()
	p.itemActs.Hide()
}

// setNotice shows s under the feeds.
func (p *feedPage) setNotice(s string) { p.notice.SetText(s) }

// allFeedsDetail is "4 feeds · 12 unread · 1 failed at the last refresh".
func allFeedsDetail(subs []parallax.Subscription) string {
	if len(subs) == 0 {
		return "Follow news feeds: their new items are imported and grouped into stories with the other versions of each story."
	}
	unread, failed := 0, 0
	for _, s := range subs {
		unread += s.Unread
		if s.LastError != "" {
			failed++
		}
	}
	parts := []string{plural(len(subs), "feed"), fmt.Sprintf("%d unread", unread)}
	if failed > 0 {
		parts = append(parts, fmt.Sprintf("%d failed at the last refresh", failed))
	}
	return strings.Join(parts, " · ")
}
