package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	parallax "github.com/parallax-news/parallax"
)

// versionsView lists the versions (articles) of the selected story.
type versionsView struct {
	mw     *mainWindow
	list   *widget.List
	header *widget.Label
	story  *storyData
}

func newVersionsView(mw *mainWindow) *versionsView {
	return &versionsView{mw: mw}
}

func (v *versionsView) build() fyne.CanvasObject {
	v.header = widget.NewLabelWithStyle("Versions", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.list = widget.NewList(
		func() int {
			if v.story == nil {
				return 0
			}
			return len(v.story.articles)
		},
		func() fyne.CanvasObject { return newVersionRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if v.story != nil && id < len(v.story.articles) {
				o.(*versionRow).set(v.story, v.story.articles[id])
			}
		})
	v.list.OnSelected = v.onSelected
	return container.NewBorder(v.header, nil, nil, nil, v.list)
}

func (v *versionsView) setStory(d *storyData) {
	v.story = d
	v.header.SetText(plural(len(d.articles), "version") + " of this story")
	v.list.UnselectAll()
	v.list.Refresh()
}

// refreshArticle redraws the row of article id (after read/star changes).
func (v *versionsView) refreshArticle(id int64) {
	if v.story == nil {
		return
	}
	for i, a := range v.story.articles {
		if a.ID == id {
			v.list.RefreshItem(i)
		}
	}
}

func (v *versionsView) onSelected(id widget.ListItemID) {
	if v.story == nil || id < 0 || id >= len(v.story.articles) {
		return
	}
	v.mw.reader.setArticle(v.story, v.story.articles[id])
	v.mw.showTab("Read")
}

// versionRow is one version: letter and source (bold while unread), a
// star when starred, and the title.
type versionRow struct {
	widget.BaseWidget
	source *widget.Label
	star   *widget.Icon
	title  *widget.Label
}

func newVersionRow() *versionRow {
	r := &versionRow{
		source: widget.NewLabel(""),
		star:   widget.NewIcon(nil),
		title:  widget.NewLabel(""),
	}
	r.source.Truncation = fyne.TextTruncateEllipsis
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.title.SizeName = theme.SizeNameCaptionText
	r.ExtendBaseWidget(r)
	return r
}

func (r *versionRow) set(d *storyData, a *parallax.Article) {
	id := strconv.FormatInt(a.ID, 10)
	r.source.TextStyle.Bold = !a.Read
	r.source.SetText(d.label(id))
	if a.Starred {
		r.star.SetResource(theme.ConfirmIcon())
	} else {
		r.star.SetResource(nil)
	}
	r.title.SetText(oneLine(a.Title))
}

func (r *versionRow) CreateRenderer() fyne.WidgetRenderer {
	top := container.NewBorder(nil, nil, nil, r.star, r.source)
	return widget.NewSimpleRenderer(container.New(&tightVBox{}, top, r.title))
}
