package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// dialogKeys gives the window's dialogs the keys desktop users expect:
// Escape dismisses the dialog on top, Enter confirms it. Fyne 2.7.1
// dialogs handle neither, so every dialog is shown through show, which
// keeps the stack of open ones; keys reach it from the canvas when
// nothing has the focus, and from a keyEntry inside a dialog.
type dialogKeys struct {
	win  fyne.Window
	open []*openDialog
}

type openDialog struct {
	d       dialog.Dialog
	confirm func() // nil: Enter dismisses (an information dialog)
}

// newDialogKeys handles the window canvas's keys; other keys go to next
// (may be nil).
func newDialogKeys(win fyne.Window, next func(*fyne.KeyEvent)) *dialogKeys {
	k := &dialogKeys{win: win}
	win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if !k.typedKey(ev) && next != nil {
			next(ev)
		}
	})
	return k
}

// show opens d; Enter runs confirm (nil: Enter closes d like Escape).
// The focus leaves the window's widgets, so the keys reach the dialog.
func (k *dialogKeys) show(d dialog.Dialog, confirm func()) {
	od := &openDialog{d: d, confirm: confirm}
	k.open = append(k.open, od)
	d.SetOnClosed(func() {
		k.open = slices.DeleteFunc(k.open, func(o *openDialog) bool { return o == od })
	})
	k.win.Canvas().Unfocus()
	d.Show()
}

// typedKey handles Escape and Enter for the dialog on top; it reports
// whether the key was used.
func (k *dialogKeys) typedKey(ev *fyne.KeyEvent) bool {
	if len(k.open) == 0 {
		return false
	}
	top := k.open[len(k.open)-1]
	switch ev.Name {
	case fyne.KeyEscape:
		top.d.Dismiss()
	case fyne.KeyReturn, fyne.KeyEnter:
		if top.confirm != nil {
			top.confirm()
		} else {
			top.d.Dismiss()
		}
	default:
		return false
	}
	return true
}

// top is the dialog on top, nil when none is open.
func (k *dialogKeys) top() dialog.Dialog {
	if len(k.open) == 0 {
		return nil
	}
	return k.open[len(k.open)-1].d
}

// info shows a message with an OK button.
func (k *dialogKeys) info(title, message string) {
	k.show(dialog.NewInformation(title, message, k.win), nil)
}

// showError shows err.
func (k *dialogKeys) showError(err error) {
	k.show(dialog.NewError(err, k.win), nil)
}

// confirm asks a yes/no question; Enter answers yes.
func (k *dialogKeys) confirm(title, message string, then func(bool)) {
	d := dialog.NewConfirm(title, message, then, k.win)
	k.show(d, d.Confirm)
}

// customConfirm shows content with a confirm and a dismiss button.
func (k *dialogKeys) customConfirm(title, ok, cancel string, content fyne.CanvasObject, then func(bool), size fyne.Size) *dialog.ConfirmDialog {
	d := dialog.NewCustomConfirm(title, ok, cancel, content, then, k.win)
	if !size.IsZero() {
		d.Resize(size)
	}
	k.show(d, d.Confirm)
	return d
}

// form shows a form dialog; Enter submits it when its fields are valid.
func (k *dialogKeys) form(title, ok, cancel string, items []*widget.FormItem, then func(bool), size fyne.Size) *dialog.FormDialog {
	d := dialog.NewForm(title, ok, cancel, items, then, k.win)
	if !size.IsZero() {
		d.Resize(size)
	}
	k.show(d, d.Submit)
	return d
}

// releaseFocus makes radio groups and check boxes of a dialog give the
// focus back once clicked: a focused one would keep Escape and Enter to
// itself, and the dialog would not close or confirm.
func releaseFocus(c fyne.Canvas, objs ...fyne.CanvasObject) {
	for _, o := range objs {
		switch w := o.(type) {
		case *widget.RadioGroup:
			prev := w.OnChanged
			w.OnChanged = func(s string) {
				if prev != nil {
					prev(s)
				}
				c.Unfocus()
			}
		case *widget.Check:
			prev := w.OnChanged
			w.OnChanged = func(b bool) {
				if prev != nil {
					prev(b)
				}
				c.Unfocus()
			}
		}
	}
}

// keyEntry is an entry for dialogs: Escape (and Enter on one line, unless
// the entry submits something of its own) reach the dialog, which a
// focused widget.Entry would keep to itself.
type keyEntry struct {
	widget.Entry
	keys *dialogKeys
}

func newKeyEntry(keys *dialogKeys, multiLine bool) *keyEntry {
	e := &keyEntry{keys: keys}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey passes Escape, and Enter in a one-line entry, to the dialog.
func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyEscape,
		!e.MultiLine && e.OnSubmitted == nil && (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter):
		if e.keys.typedKey(ev) {
			return
		}
	}
	e.Entry.TypedKey(ev)
}
