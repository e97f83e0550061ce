package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	parallax "github.com/parallax-news/parallax"
)

// versionEvents is what the versions list asks of the window.
type versionEvents struct {
	show      func(d *storyData, a *parallax.Article) // in the reader
	storyAt   func(pos fyne.Position) (id int64, title string)
	move      func(a *parallax.Article, from int64, fromTitle string, to int64)
	askMove   func() // Move to story… for the version shown
	split     func() // Split into new story, the version shown
	setStatus func(string)
}

// versionsView lists the versions (articles) of the selected story; a
// version can be dragged onto a story of the sidebar, and has a context
// menu. It knows its window and the events it raises.
type versionsView struct {
	win    fyne.Window
	events versionEvents
	list   *widget.List
	header *widget.Label
	story  *storyData

	dragging *parallax.Article // the version being dragged, nil when none
	dragAt   fyne.Position     // where the pointer is, on the canvas
}

func newVersionsView(win fyne.Window, events versionEvents) *versionsView {
	return &versionsView{win: win, events: events}
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
		func() fyne.CanvasObject { return newVersionRow(v) },
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

// selectArticle selects article id's row, which shows it unless it is
// selected already.
func (v *versionsView) selectArticle(id int64) {
	if v.story == nil {
		return
	}
	for i, a := range v.story.articles {
		if a.ID == id {
			v.list.Select(i)
		}
	}
}

func (v *versionsView) onSelected(id widget.ListItemID) {
	if v.story == nil || id < 0 || id >= len(v.story.articles) {
		return
	}
	v.events.show(v.story, v.story.articles[id])
}

// onDragged follows a version dragged towards the sidebar.
func (v *versionsView) onDragged(a *parallax.Article, at fyne.Position) {
	v.dragging, v.dragAt = a, at
	target, title := v.events.storyAt(at)
	switch {
	case target == 0 || v.story == nil || target == v.story.story.ID:
		v.events.setStatus("Drop the version on a story in the list to move it there.")
	default:
		v.events.setStatus("Release to move the version to “" + oneLine(title) + "”.")
	}
}

// onDragEnd moves the dragged version to the story it was dropped on.
func (v *versionsView) onDragEnd() {
	a := v.dragging
	v.dragging = nil
	if a == nil || v.story == nil {
		return
	}
	target, _ := v.events.storyAt(v.dragAt)
	if target == 0 || target == v.story.story.ID {
		v.events.setStatus("")
		return
	}
	v.events.move(a, v.story.story.ID, v.story.story.Title, target)
}

// onContextMenu offers the story actions for version a at pos.
func (v *versionsView) onContextMenu(a *parallax.Article, pos fyne.Position) {
	if v.story == nil || a == nil {
		return
	}
	v.events.show(v.story, a)
	menu := fyne.NewMenu("",
		fyne.NewMenuItem("Move to story…", v.events.askMove),
		fyne.NewMenuItem("Split into new story", v.events.split),
	)
	widget.ShowPopUpMenuAtPosition(menu, v.win.Canvas(), pos)
}

// versionRow is one version: letter and source (bold while unread), a
// star when starred, and the title. It can be dragged onto a story in
// the sidebar, and has a context menu.
type versionRow struct {
	labelRow
	view    *versionsView
	article *parallax.Article
}

// Dragged and DragEnd move the version to the story it is dropped on.
func (r *versionRow) Dragged(ev *fyne.DragEvent) {
	if r.article != nil {
		r.view.onDragged(r.article, ev.AbsolutePosition)
	}
}

func (r *versionRow) DragEnd() { r.view.onDragEnd() }

// Tapped selects the version. The list's own item would, but the row,
// being SecondaryTappable, is what Fyne's desktop driver finds under the
// pointer, and it hands a primary click only to a Tappable.
func (r *versionRow) Tapped(*fyne.PointEvent) {
	if r.article != nil {
		r.view.selectArticle(r.article.ID)
	}
}

// TappedSecondary opens the version's context menu.
func (r *versionRow) TappedSecondary(ev *fyne.PointEvent) {
	r.view.onContextMenu(r.article, ev.AbsolutePosition)
}

func newVersionRow(v *versionsView) *versionRow {
	r := &versionRow{view: v}
	r.initRow(false)
	r.ExtendBaseWidget(r)
	return r
}

func (r *versionRow) set(d *storyData, a *parallax.Article) {
	r.article = a
	id := strconv.FormatInt(a.ID, 10)
	r.top.TextStyle.Bold = !a.Read
	r.top.SetText(d.label(id))
	if a.Starred {
		r.setIcon(theme.ConfirmIcon())
	} else {
		r.setIcon(nil)
	}
	r.bottom.SetText(oneLine(a.Title))
}
