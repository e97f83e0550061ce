package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// walkObjects calls fn for o and everything under it: container children
// and widgets' rendered objects.
func walkObjects(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkObjects(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkObjects(c, fn)
		}
	}
}

// windowObjects lists what the window shows: its content and its overlays
// (dialogs).
func windowObjects(c fyne.Canvas) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	add := func(o fyne.CanvasObject) { out = append(out, o) }
	walkObjects(c.Content(), add)
	for _, o := range c.Overlays().List() {
		walkObjects(o, add)
	}
	return out
}

// TestPickerOpensOnItsOwnWindow: the pop-up goes on the canvas the picker
// was given even when the driver names another one (Fyne 2.7.1's Select
// asks the driver and crashes when the answer is nil).
func TestPickerOpensOnItsOwnWindow(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("one")
	var got string
	p := newPicker(w.Canvas, []string{"Alpha", "Beta"}, func(s string) { got = s })
	w.SetContent(container.NewVBox(p))
	w.Resize(fyne.NewSize(300, 200))
	// The test driver answers every CanvasForObject with the newest window.
	other := a.NewWindow("two")
	defer other.Close()
	test.Tap(p)
	if p.popUp() == nil || len(w.Canvas().Overlays().List()) != 1 {
		t.Fatalf("pop-up not shown on the picker's window (overlays %d)", len(w.Canvas().Overlays().List()))
	}
	if len(other.Canvas().Overlays().List()) != 0 {
		t.Fatal("pop-up shown on another window")
	}
	p.popUp().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	p.popUp().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	p.popUp().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got != "Beta" || p.Selected != "Beta" {
		t.Errorf("picked %q (selected %q), want Beta", got, p.Selected)
	}
	if p.popUp() != nil || w.Canvas().Overlays().Top() != nil {
		t.Error("pop-up still open after a choice")
	}
	// Without a canvas the picker does nothing rather than crash.
	lost := newPicker(func() fyne.Canvas { return nil }, []string{"x"}, nil)
	lost.Tapped(&fyne.PointEvent{})
	lost.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
}

// TestEverySelectOpensRepeatedly opens every select of every view (the
// feeds dialog included) many times, picks each option by keyboard and
// dismisses with Escape; no view may hold an unguarded widget.Select.
func TestEverySelectOpensRepeatedly(t *testing.T) {
	mw, _, _ := openFixture(t)
	c := mw.win.Canvas()
	var pickers []*picker
	seen := map[fyne.CanvasObject]bool{}
	collect := func() {
		for _, o := range windowObjects(c) {
			if seen[o] {
				continue
			}
			seen[o] = true
			switch x := o.(type) {
			case *picker:
				pickers = append(pickers, x)
			case *widget.Select:
				t.Errorf("unguarded widget.Select with options %v", x.Options)
			}
		}
	}
	// Tabs render only the shown item: visit each.
	for _, tabs := range []*container.AppTabs{mw.center, mw.right} {
		for _, it := range tabs.Items {
			tabs.Select(it)
			collect()
		}
	}
	mw.showFeedsTab() // the feed page, with the refresh interval
	mw.jobs.wait()
	collect()
	if len(pickers) < 5 {
		t.Fatalf("found %d pickers, want the compare pair, the two flag filters and the feed interval", len(pickers))
	}
	for _, p := range pickers {
		for round := 0; round < 3; round++ {
			for i := range p.Options {
				if p.Disabled() {
					break
				}
				test.Tap(p)
				pop := p.popUp()
				if pop == nil {
					t.Fatalf("picker %v did not open", p.Options)
				}
				for range i + 1 {
					pop.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
				}
				pop.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
				mw.jobs.wait()
			}
			p.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
			if p.popUp() == nil {
				t.Fatalf("picker %v did not open by keyboard", p.Options)
			}
			p.popUp().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
			if p.popUp() != nil {
				t.Fatalf("picker %v did not close on Escape", p.Options)
			}
		}
	}
}
