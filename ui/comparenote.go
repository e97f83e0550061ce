package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	parallax "github.com/parallax-news/parallax"
)

// onAddNote asks for a note on the selected row's paragraph (version A's,
// or B's when A's cell is empty or B is chosen), optionally on a part of
// it selected in the dialog.
func (v *compareView) onAddNote() {
	d := v.story
	if d == nil || v.selected < 0 || v.selected >= len(v.rows) {
		v.dialogs.info("Add a note", "Select a row in the compare view first: the note is attached to its paragraph.")
		return
	}
	row := v.rows[v.selected]
	sides := []compareCell{}
	var names []string
	for _, c := range []compareCell{row.a, row.b} {
		if !c.empty() {
			sides = append(sides, c)
			names = append(names, d.label(c.ref.Version)+fmt.Sprintf(" ¶%d", c.ref.Paragraph))
		}
	}
	if len(sides) == 0 {
		return
	}
	side := widget.NewRadioGroup(names, nil)
	side.Horizontal = true
	side.SetSelected(names[0])
	defer releaseFocus(v.win.Canvas(), side) // after OnChanged is set below
	para := newKeyEntry(v.dialogs, true)
	para.SetText(sides[0].text)
	para.SetMinRowsVisible(5)
	side.OnChanged = func(s string) {
		for i, n := range names {
			if n == s {
				para.SetText(sides[i].text)
			}
		}
	}
	text := newKeyEntry(v.dialogs, true)
	text.SetPlaceHolder("Your note")
	text.SetMinRowsVisible(3)
	form := []*widget.FormItem{
		widget.NewFormItem("Paragraph", side),
		widget.NewFormItem("Text", para),
		widget.NewFormItem("Note", text),
	}
	form[1].HintText = "Select words here to attach the note to them; otherwise it is on the whole paragraph."
	v.dialogs.form("Add a note", "Save", "Cancel", form, func(ok bool) {
		if !ok || strings.TrimSpace(text.Text) == "" {
			return
		}
		c := sides[0]
		for i, n := range names {
			if n == side.Selected {
				c = sides[i]
			}
		}
		n := parallax.Note{
			StoryID:   d.story.ID,
			ArticleID: d.byVersion[c.ref.Version].ID,
			Paragraph: c.ref.Paragraph,
			Text:      strings.TrimSpace(text.Text),
		}
		n.Start, n.End, n.Quote = noteSpan(c.text, para.SelectedText())
		v.events.saveNote(&n)
	}, fyne.NewSize(640, 480))
	// The note is what the analyst came to write.
	v.win.Canvas().Focus(text)
}
