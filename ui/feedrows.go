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

// feedName is the feed's title, else its address.
func feedName(s parallax.Subscription) string {
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

func (r *feedRow) set(s parallax.Subscription, timeout time.Duration, now time.Time) {
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
