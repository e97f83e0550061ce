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

// feedListEvents is what the feed list asks of the feeds.
type feedListEvents struct {
	subscribe  func(addr string)
	choose     func(id int64) // 0: all feeds
	refreshAll func()
	// menu is the context menu of the chosen feed.
	menu func() *fyne.Menu
}

// feedList is the sidebar's Feeds tab, as in a feed reader: a field to
// subscribe, "All feeds" with the unread total, each subscription with
// its unread count and state, and the refresh with its progress.
type feedList struct {
	canvas  func() fyne.Canvas
	events  feedListEvents
	timeout time.Duration

	url        *widget.Entry
	add        *widget.Button
	all        *widget.Button
	list       *widget.List
	refreshAll *widget.Button
	progress   *widget.ProgressBar
	progressAt *widget.Label // which feed is being read

	subs     []parallax.Subscription
	selected int64
	reading  int64         // the feed being refreshed, 0 for none
	fresh    map[int64]int // new articles per feed, from the last refresh
}

func newFeedList(v *feedsView) *feedList {
	return &feedList{
		canvas:  v.win.Canvas,
		events:  feedListEvents{subscribe: v.onAdd, choose: v.onFeedChosen, refreshAll: v.onRefreshAll, menu: v.feedMenu},
		timeout: v.timeout,
		fresh:   v.fresh,
	}
}

func (l *feedList) build() fyne.CanvasObject {
	l.url = widget.NewEntry()
	l.url.SetPlaceHolder("Feed address (https://…)")
	l.url.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil // not yet typed: no red mark
		}
		return validateFeedURL(s)
	}
	l.url.OnSubmitted = func(string) { l.onAdd() }
	// "Add" is short so the address field keeps most of the sidebar.
	l.add = widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), l.onAdd)

	l.all = widget.NewButtonWithIcon("All feeds", theme.HomeIcon(), func() { l.choose(0) })
	l.all.Alignment = widget.ButtonAlignLeading
	l.all.Importance = widget.LowImportance

	l.list = widget.NewList(
		func() int { return len(l.subs) },
		func() fyne.CanvasObject { return newFeedRow(l.selectRow, l.onContextMenu) },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(l.subs) {
				s := l.subs[id]
				o.(*feedRow).set(s, feedRowState{reading: s.ID == l.reading, fresh: l.fresh[s.ID], timeout: l.timeout, now: time.Now()})
			}
		})
	l.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(l.subs) {
			l.choose(l.subs[id].ID)
		}
	}

	l.refreshAll = widget.NewButtonWithIcon("Refresh all", theme.ViewRefreshIcon(), func() { l.events.refreshAll() })
	l.progress = widget.NewProgressBar()
	l.progress.Hide()
	l.progressAt = widget.NewLabel("")
	l.progressAt.Truncation = fyne.TextTruncateEllipsis
	l.progressAt.SizeName = theme.SizeNameCaptionText
	l.progressAt.Hide()

	top := container.NewVBox(container.NewBorder(nil, nil, nil, l.add, l.url), l.all)
	bottom := container.NewVBox(l.progress, l.progressAt, l.refreshAll)
	l.setFeeds(nil, 0)
	return container.NewBorder(top, bottom, nil, nil, l.list)
}

func (l *feedList) onAdd() { l.events.subscribe(strings.TrimSpace(l.url.Text)) }

// selectRow selects feed id's row, which chooses the feed unless it is
// chosen already.
func (l *feedList) selectRow(id int64) {
	for i, s := range l.subs {
		if s.ID == id {
			l.list.Select(i)
		}
	}
}

// onContextMenu chooses feed id and opens its menu at pos (on the
// window's canvas).
func (l *feedList) onContextMenu(id int64, pos fyne.Position) {
	l.selectRow(id)
	c := l.canvas()
	if c == nil || l.selected != id {
		return
	}
	widget.ShowPopUpMenuAtPosition(l.events.menu(), c, pos)
}

// choose selects feed id (0: all feeds) and tells the feeds.
func (l *feedList) choose(id int64) {
	l.selected = id
	if id == 0 {
		l.list.UnselectAll()
		l.all.Importance = widget.HighImportance
	} else {
		l.all.Importance = widget.LowImportance
	}
	l.all.Refresh()
	l.events.choose(id)
}

// setFeeds lists subs and highlights feed selected (0: all feeds),
// without raising a choice.
func (l *feedList) setFeeds(subs []parallax.Subscription, selected int64) {
	l.subs = subs
	l.selected = selected
	unread := 0
	for _, s := range subs {
		unread += s.Unread
	}
	l.all.SetText("All feeds")
	if unread > 0 {
		l.all.SetText(fmt.Sprintf("All feeds · %d unread", unread))
	}
	l.list.Refresh()
	cb := l.list.OnSelected
	l.list.OnSelected = nil
	defer func() { l.list.OnSelected = cb }()
	l.list.UnselectAll()
	imp := widget.HighImportance
	for i, s := range subs {
		if s.ID == selected {
			l.list.Select(i)
			imp = widget.LowImportance
		}
	}
	if l.all.Importance != imp {
		l.all.Importance = imp
		l.all.Refresh()
	}
	if len(subs) == 0 {
		l.refreshAll.Disable()
	} else if l.reading == 0 {
		l.refreshAll.Enable()
	}
}

// setProgress shows a refresh reading feed sub, the i-th (from 0) of n;
// n == 0 ends the progress.
func (l *feedList) setProgress(i, n int, sub parallax.Subscription) {
	if n == 0 {
		l.reading = 0
		l.progress.Hide()
		l.progressAt.Hide()
		if len(l.subs) > 0 {
			l.refreshAll.Enable()
		}
		l.list.Refresh()
		return
	}
	l.reading = sub.ID
	l.refreshAll.Disable()
	l.progress.Max = float64(n)
	l.progress.SetValue(float64(i))
	l.progress.Show()
	l.progressAt.SetText(fmt.Sprintf("Reading %s (%d of %d)", oneLine(feedName(sub)), i+1, n))
	l.progressAt.Show()
	l.list.Refresh()
}
