package ui

import (
	"fyne.io/fyne/v2"
)

// tightVBox stacks objects vertically with no gap, for two-line list rows.
type tightVBox struct{}

func (tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		s.Width = fyne.Max(s.Width, m.Width)
		s.Height += m.Height
	}
	return s
}

func (tightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h
	}
}

// widthWatcher lays out one object full size and calls onWidth when the
// width it gets changes, so that rows whose height depends on wrapping can
// be measured again.
type widthWatcher struct {
	width   float32
	onWidth func(w float32)
}

func (ww *widthWatcher) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) == 0 {
		return fyne.Size{}
	}
	return objs[0].MinSize()
}

func (ww *widthWatcher) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if size.Width != ww.width && size.Width > 0 {
		ww.width = size.Width
		if ww.onWidth != nil {
			ww.onWidth(size.Width)
		}
	}
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
