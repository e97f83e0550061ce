package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// changeMapWidth is the width of the strip beside the compare rows.
const changeMapWidth = 14

// changeMap is the strip beside the compare view that shows where the
// changes and flags of the whole pair are, as Meld's and Beyond Compare's
// do: one tick per changed row at its place in the story, the shown rows
// framed. A click jumps to the row there.
type changeMap struct {
	widget.BaseWidget
	v *compareView
}

func newChangeMap(v *compareView) *changeMap {
	m := &changeMap{v: v}
	m.ExtendBaseWidget(m)
	return m
}

// rowAt is the row at height fraction y (0 top, 1 bottom) of the story.
func (m *changeMap) rowAt(y float32) int {
	hs := m.v.heights
	total := float32(0)
	for _, h := range hs {
		total += h
	}
	if total <= 0 {
		return -1
	}
	at := y * total
	for i, h := range hs {
		if at < h {
			return i
		}
		at -= h
	}
	return len(hs) - 1
}

// Tapped shows the row at the tapped height.
func (m *changeMap) Tapped(ev *fyne.PointEvent) {
	if h := m.Size().Height; h > 0 {
		if i := m.rowAt(ev.Position.Y / h); i >= 0 {
			m.v.showRow(i)
		}
	}
}

func (m *changeMap) CreateRenderer() fyne.WidgetRenderer {
	r := &changeMapRenderer{m: m}
	r.Refresh()
	return r
}

type changeMapRenderer struct {
	m    *changeMap
	objs []fyne.CanvasObject
	size fyne.Size
}

func (r *changeMapRenderer) Layout(s fyne.Size) {
	if s != r.size {
		r.size = s
		r.Refresh()
	}
}

func (r *changeMapRenderer) MinSize() fyne.Size { return fyne.NewSize(changeMapWidth, 40) }

func (r *changeMapRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *changeMapRenderer) Destroy() {}

func (r *changeMapRenderer) Refresh() {
	m := r.m
	v := m.v
	th := m.Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	size := m.Size()
	bg := canvas.NewRectangle(th.Color(colorAbsent, variant))
	bg.Resize(size)
	objs := []fyne.CanvasObject{bg}
	total := float32(0)
	for _, h := range v.heights {
		total += h
	}
	if total > 0 && size.Height > 0 && len(v.heights) == len(v.rows) {
		scale := size.Height / total
		y := float32(0)
		for i, row := range v.rows {
			h := v.heights[i] * scale
			var c color.Color
			switch v.rowChange(row) {
			case changeFlag:
				c = th.Color(colorFlag, variant)
			case changeOneSide:
				c = th.Color(colorDimmed, variant)
			case changeWords:
				c = th.Color(colorInserted, variant)
			}
			if c != nil {
				tick := canvas.NewRectangle(c)
				tick.Move(fyne.NewPos(2, y))
				tick.Resize(fyne.NewSize(size.Width-4, max(h, 2)))
				objs = append(objs, tick)
			}
			if i == v.selected {
				sel := canvas.NewRectangle(color.Transparent)
				sel.StrokeColor = th.Color(theme.ColorNameForeground, variant)
				sel.StrokeWidth = 1.5
				sel.Move(fyne.NewPos(0, y-1))
				sel.Resize(fyne.NewSize(size.Width, max(h, 2)+2))
				objs = append(objs, sel)
			}
			y += v.heights[i] * scale
		}
	}
	r.objs = objs
	canvas.Refresh(m)
}
