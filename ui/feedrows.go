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

// feedRowState is what a feed row shows beside the subscription.
type feedRowState struct {
	reading bool // being refreshed now
	fresh   int  // new articles from the last refresh
	timeout time.Duration
	now     time.Time
}

// feedRow is one subscription in the sidebar: its name and unread count,
// then when it was refreshed, what that brought, and its error, if any.
type feedRow struct {
	widget.BaseWidget
	title  *widget.Label
	unread *widget.Label
	status *widget.Label
	feed   int64                             // the subscription shown
	choose func(id int64)                    // chooses it (a click)
	menu   func(id int64, pos fyne.Position) // opens its context menu
}

// Tapped chooses the feed. The list's own item would, but the row, being
// SecondaryTappable, is what Fyne's desktop driver finds under the
// pointer, and it hands a primary click only to a Tappable.
func (r *feedRow) Tapped(*fyne.PointEvent) {
	if r.feed != 0 && r.choose != nil {
		r.choose(r.feed)
	}
}

// TappedSecondary opens the feed's context menu.
func (r *feedRow) TappedSecondary(ev *fyne.PointEvent) {
	if r.feed != 0 && r.menu != nil {
		r.menu(r.feed, ev.AbsolutePosition)
	}
}

func newFeedRow(choose func(id int64), menu func(id int64, pos fyne.Position)) *feedRow {
	r := &feedRow{
		choose: choose,
		menu:   menu,
		title:  widget.NewLabel(""),
		unread: widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		status: widget.NewLabel(""),
	}
	r.unread.Importance = widget.HighImportance
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.status.Truncation = fyne.TextTruncateEllipsis
	r.status.SizeName = theme.SizeNameCaptionText
	r.ExtendBaseWidget(r)
	return r
}

func (r *feedRow) set(s parallax.Subscription, st feedRowState) {
	r.feed = s.ID
	r.title.SetText(oneLine(feedName(s)))
	// Unread feeds stand out in bold, as in a feed reader.
	if bold := s.Unread > 0; r.title.TextStyle.Bold != bold {
		r.title.TextStyle.Bold = bold
		r.title.Refresh()
	}
	if s.Unread > 0 {
		r.unread.SetText(fmt.Sprint(s.Unread))
	} else {
		r.unread.SetText("")
	}
	status := feedStatus(s, st.timeout, st.now)
	switch {
	case st.reading:
		status = "reading…"
	case st.fresh > 0 && s.LastError == "":
		status += fmt.Sprintf(" · %d new", st.fresh)
	}
	r.status.SetText(status)
	imp := widget.MediumImportance
	if s.LastError != "" && !st.reading {
		imp = widget.DangerImportance
	}
	if r.status.Importance != imp {
		r.status.Importance = imp
		r.status.Refresh()
	}
}

func (r *feedRow) CreateRenderer() fyne.WidgetRenderer {
	top := container.NewBorder(nil, nil, nil, r.unread, r.title)
	return widget.NewSimpleRenderer(container.New(&tightVBox{}, top, r.status))
}

// feedItemRow is one item of a feed: its title (bold while unread), then
// read state, source, date and the versions its story has.
type feedItemRow struct{ labelRow }

func newFeedItemRow() *feedItemRow {
	r := &feedItemRow{}
	r.initRow(false)
	r.ExtendBaseWidget(r)
	return r
}

func (r *feedItemRow) set(a parallax.ArticleSummary, versions int) {
	if bold := !a.Read; r.top.TextStyle.Bold != bold {
		r.top.TextStyle.Bold = bold
		r.top.Refresh()
	}
	r.top.SetText(oneLine(a.Title))
	r.bottom.SetText(itemSummary(a, versions))
}

// itemSummary is "● Unread · Harbour Courier · 3 Mar 2031 15:00 · story
// of 3 versions" (versions 0: not known; 1: not said).
func itemSummary(a parallax.ArticleSummary, versions int) string {
	parts := []string{"Read"}
	if !a.Read {
		parts[0] = "● Unread"
	}
	if a.Source != "" {
		parts = append(parts, a.Source)
	}
	if !a.Published.IsZero() {
		parts = append(parts, publishedText(a.Published, "2 Jan 2006"))
	}
	if versions > 1 {
		parts = append(parts, fmt.Sprintf("story of %d versions", versions))
	}
	return strings.Join(parts, " · ")
}

// publishedText writes a publication time in the layout of its date,
// with the clock time only when one is known: a date read from a header
// or a page's metadata without a time is stored at midnight, and "00:00"
// beside it would claim a time nobody wrote.
func publishedText(t time.Time, dateLayout string) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format(dateLayout)
	}
	return t.Format(dateLayout + " 15:04")
}
