package ui

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	parallax "github.com/parallax-news/parallax"
)

// noteDeleter deletes a note (the library has this method).
type noteDeleter interface {
	DeleteNote(ctx context.Context, id int64) error
}

// noteEvents is what the notes panel asks of the window.
type noteEvents struct {
	showParagraph func(ref parallax.ParaRef) // in the compare view
	changed       func()                     // the story's notes changed: read them again
	restore       func(n *parallax.Note)     // stores a deleted note again (undo)
}

// notesPanel lists the story's notes; selecting one jumps to its place.
// It deletes through the library and reports through events; it knows
// nothing else of the window.
type notesPanel struct {
	jobs     *jobRunner
	notes    noteDeleter
	undo     *undoStack
	events   noteEvents
	list     *widget.List
	empty    *widget.Label
	del      *widget.Button
	story    *storyData
	selected int
}

func newNotesPanel(jobs *jobRunner, notes noteDeleter, undo *undoStack, events noteEvents) *notesPanel {
	return &notesPanel{jobs: jobs, notes: notes, undo: undo, events: events, selected: -1}
}

func (v *notesPanel) build() fyne.CanvasObject {
	v.list = widget.NewList(
		func() int {
			if v.story == nil {
				return 0
			}
			return len(v.story.notes)
		},
		func() fyne.CanvasObject { return newNoteRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if v.story != nil && id < len(v.story.notes) {
				o.(*noteRow).set(v.story, v.story.notes[id])
			}
		})
	v.list.OnSelected = v.onSelected
	v.list.OnUnselected = func(widget.ListItemID) { v.selected = -1; v.del.Disable() }
	v.empty = widget.NewLabel("No notes yet. In the compare view, select a row and press Note… (Ctrl+N).")
	v.empty.Wrapping = fyne.TextWrapWord
	v.del = widget.NewButtonWithIcon("Delete note", theme.DeleteIcon(), v.onDelete)
	v.del.Disable()
	return container.NewBorder(v.empty, v.del, nil, nil, v.list)
}

func (v *notesPanel) setStory(d *storyData) {
	v.story = d
	v.refresh()
}

func (v *notesPanel) refresh() {
	v.selected = -1
	v.del.Disable()
	v.list.UnselectAll()
	v.list.Refresh()
	if v.story != nil && len(v.story.notes) > 0 {
		v.empty.Hide()
	} else {
		v.empty.Show()
	}
}

// onSelected brings the note's paragraph into the compare view.
func (v *notesPanel) onSelected(id widget.ListItemID) {
	if v.story == nil || id < 0 || id >= len(v.story.notes) {
		return
	}
	v.selected = id
	v.del.Enable()
	n := v.story.notes[id]
	v.events.showParagraph(parallax.ParaRef{Version: articleVersion(n.ArticleID), Paragraph: n.Paragraph})
}

// onDelete deletes the selected note; Undo brings it back.
func (v *notesPanel) onDelete() {
	if v.story == nil || v.selected < 0 || v.selected >= len(v.story.notes) {
		return
	}
	n := v.story.notes[v.selected]
	v.jobs.run(job{
		title: "Deleting the note",
		work: func(ctx context.Context, _ progressFunc) error {
			return v.notes.DeleteNote(ctx, n.ID)
		},
		done: func(err error) {
			if err != nil {
				v.jobs.showError("Deleting the note", err)
				return
			}
			v.undo.push("delete note", func() {
				restored := n
				restored.ID = 0
				v.events.restore(&restored)
			})
			v.jobs.setStatus("Note deleted (Ctrl+Z to undo)")
			v.events.changed()
		},
	})
}

// noteRow shows where a note is and its text.
type noteRow struct{ labelRow }

func newNoteRow() *noteRow {
	r := &noteRow{}
	r.initRow(true)
	r.ExtendBaseWidget(r)
	return r
}

func (r *noteRow) set(d *storyData, n parallax.Note) {
	where := fmt.Sprintf("%s ¶%d", d.letters[articleVersion(n.ArticleID)], n.Paragraph)
	if n.Quote != "" {
		where += " · “" + oneLine(n.Quote) + "”"
	}
	r.bottom.SetText(where)
	r.top.SetText(oneLine(n.Text))
}

// noteSpan finds the selected words in the paragraph: the rune range and
// the quote, or zeros for a note on the whole paragraph.
func noteSpan(text, selected string) (start, end int, quote string) {
	selected = strings.TrimSpace(selected)
	if selected == "" {
		return 0, 0, ""
	}
	i := strings.Index(text, selected)
	if i < 0 {
		return 0, 0, ""
	}
	start = utf8.RuneCountInString(text[:i])
	return start, start + utf8.RuneCountInString(selected), selected
}

// saveNote stores a new note and refreshes the notes.
func (mw *mainWindow) saveNote(n *parallax.Note) {
	mw.jobs.run(job{
		title: "Saving the note",
		work: func(ctx context.Context, _ progressFunc) error {
			_, err := mw.lib.AddNote(ctx, n)
			return err
		},
		done: func(err error) {
			if err != nil {
				mw.jobs.showError("Saving the note", err)
				return
			}
			mw.notesChanged()
		},
	})
}
