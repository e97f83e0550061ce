package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// picker is a widget.Select that owns its pop-up. Fyne 2.7.1's Select asks
// the driver for its canvas when it opens; the driver answers from a cache
// that forgets widgets not redrawn for a minute, and a pop-up built on the
// nil canvas it then gets kills the app (SIGSEGV in NewPopUpMenu). The
// picker is handed its window's canvas instead, and places the pop-up from
// the tap itself.
type picker struct {
	widget.Select
	canvas func() fyne.Canvas
	pop    *widget.PopUpMenu
	abs    fyne.Position // the picker's last known position on the canvas
	known  bool
}

var (
	_ fyne.Tappable  = (*picker)(nil)
	_ fyne.Focusable = (*picker)(nil)
)

// newPicker returns a select on the window whose canvas is returned by
// canvas, with options and a change handler (either may be nil).
func newPicker(canvas func() fyne.Canvas, options []string, changed func(string)) *picker {
	p := &picker{canvas: canvas}
	p.Options = options
	p.OnChanged = changed
	p.PlaceHolder = "(Select one)"
	p.ExtendBaseWidget(p)
	return p
}

// Tapped opens the options under the picker.
func (p *picker) Tapped(ev *fyne.PointEvent) {
	if p.Disabled() {
		return
	}
	p.abs, p.known = ev.AbsolutePosition.Subtract(ev.Position), true
	if c := p.canvas(); c != nil && !fyne.CurrentDevice().IsMobile() {
		c.Focus(p)
	}
	p.open()
}

// TypedKey opens the options on space and the arrow keys up and down, and
// leaves the rest (left and right step through the options) to Select.
func (p *picker) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeySpace, fyne.KeyUp, fyne.KeyDown:
		p.open()
	default:
		p.Select.TypedKey(ev)
	}
}

// open shows the options as a pop-up menu on the picker's window, under
// the picker.
func (p *picker) open() {
	c := p.canvas()
	if c == nil || p.Disabled() {
		return
	}
	if p.pop != nil {
		p.pop.Hide()
		p.pop = nil
	}
	items := make([]*fyne.MenuItem, len(p.Options))
	for i, text := range p.Options {
		items[i] = fyne.NewMenuItem(text, func() {
			p.pop = nil
			p.SetSelected(text)
		})
		items[i].Checked = text == p.Selected
	}
	pop := widget.NewPopUpMenu(fyne.NewMenu("", items...), c)
	pop.OnDismiss = func() {
		pop.Hide()
		if p.pop == pop {
			p.pop = nil
		}
	}
	p.pop = pop
	pop.ShowAtPosition(p.position().Add(fyne.NewPos(0, p.Size().Height)))
	pop.Resize(fyne.NewSize(max(p.Size().Width, pop.MinSize().Width), pop.MinSize().Height))
}

// position is where the picker sits on its canvas: from the driver when
// the driver still knows the picker, else from the last tap.
func (p *picker) position() fyne.Position {
	d := fyne.CurrentApp().Driver()
	if d.CanvasForObject(p) == p.canvas() {
		return d.AbsolutePositionForObject(p)
	}
	if p.known {
		return p.abs
	}
	return p.Position()
}

// popUp is the open pop-up, nil when closed (for tests).
func (p *picker) popUp() *widget.PopUpMenu { return p.pop }
