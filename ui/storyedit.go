package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/library"
)

// storyEditor makes the grouping corrections and takes them back (the
// library does).
type storyEditor interface {
	RenameStory(ctx context.Context, id int64, title string) (library.Edit, error)
	MoveArticle(ctx context.Context, articleID, toStoryID int64) (library.Edit, error)
	MergeStories(ctx context.Context, into, from int64) (library.Edit, error)
	SplitStory(ctx context.Context, storyID int64, articleIDs []int64, title string) (int64, library.Edit, error)
	Undo(ctx context.Context, e library.Edit) (int64, error)
}

// editEvents is what the story edits ask of the window.
type editEvents struct {
	// storiesChanged says the stories changed: the list and the shown
	// story are reloaded, then story show is shown (0: the shown one).
	storiesChanged func(show int64)
	setStatus      func(text string)
}

// storyEdits runs the analyst's grouping corrections: rename, move a
// version, merge two stories, split a version off. Each is a library use
// case that returns what undoing it needs, can be undone from Edit ▸ Undo,
// and is followed by a refresh of the story list and the shown story. It
// knows nothing of the window but its events.
type storyEdits struct {
	jobs   *jobRunner
	lib    storyEditor
	undo   *undoStack
	events editEvents
}

func newStoryEdits(jobs *jobRunner, lib storyEditor, undo *undoStack, events editEvents) *storyEdits {
	return &storyEdits{jobs: jobs, lib: lib, undo: undo, events: events}
}

// edit runs do, an edit showing story show when done, undoable as label.
func (e *storyEdits) edit(title string, show int64, do func(ctx context.Context) (library.Edit, error), label string) {
	var done library.Edit
	e.apply(title, func(ctx context.Context) (int64, error) {
		var err error
		done, err = do(ctx)
		return show, err
	}, label, func(ctx context.Context) (int64, error) {
		return e.lib.Undo(ctx, done)
	})
}

// apply runs do off the UI goroutine; on success it records undo (when not
// nil) under label, and shows story show (0: keep the shown one).
func (e *storyEdits) apply(title string, do func(ctx context.Context) (show int64, err error), label string, undo func(ctx context.Context) (int64, error)) {
	var show int64
	e.jobs.run(job{
		title: title,
		work: func(ctx context.Context, _ progressFunc) error {
			var err error
			show, err = do(ctx)
			return err
		},
		done: func(err error) {
			if err != nil {
				e.jobs.showError(title, err)
				return
			}
			if undo != nil {
				e.undo.push(label, func() { e.apply("Undoing: "+label, undo, "", nil) })
			}
			e.events.setStatus(sentenceCase(label) + ". Edit ▸ Undo takes it back.")
			e.events.storiesChanged(show)
		},
	})
}

// rename gives story id a new title.
func (e *storyEdits) rename(id int64, oldTitle, title string) {
	title = strings.TrimSpace(title)
	if title == "" || title == oldTitle {
		return
	}
	e.edit("Renaming the story", id, func(ctx context.Context) (library.Edit, error) {
		return e.lib.RenameStory(ctx, id, title)
	}, fmt.Sprintf("rename “%s” to “%s”", oneLine(oldTitle), oneLine(title)))
}

// move puts article a of story from (titled fromTitle; the library's undo
// data keeps it) into story to.
func (e *storyEdits) move(a *parallax.Article, from int64, _ string, to int64) {
	if from == to {
		return
	}
	e.edit("Moving the version", to, func(ctx context.Context) (library.Edit, error) {
		return e.lib.MoveArticle(ctx, a.ID, to)
	}, fmt.Sprintf("move “%s” to another story", oneLine(a.Title)))
}

// merge moves every version of story from into story into.
func (e *storyEdits) merge(into int64, from parallax.Story) {
	if into == from.ID {
		return
	}
	e.edit("Merging the stories", into, func(ctx context.Context) (library.Edit, error) {
		return e.lib.MergeStories(ctx, into, from.ID)
	}, fmt.Sprintf("merge “%s” into this story", oneLine(from.Title)))
}

// split moves article a out of story from into a new story.
func (e *storyEdits) split(a *parallax.Article, from int64, title string) {
	var done library.Edit
	e.apply("Splitting the story", func(ctx context.Context) (int64, error) {
		newID, ed, err := e.lib.SplitStory(ctx, from, []int64{a.ID}, title)
		done = ed
		return newID, err
	}, fmt.Sprintf("split “%s” into a new story", oneLine(a.Title)), func(ctx context.Context) (int64, error) {
		return e.lib.Undo(ctx, done)
	})
}

// storiesChanged reloads the story list, and the shown story from the
// library, then shows story id (0: the shown one, if it still exists).
func (mw *mainWindow) storiesChanged(id int64) {
	if id == 0 && mw.story != nil {
		id = mw.story.story.ID
	}
	mw.story = nil // reopened from the library: its versions may have changed
	mw.refreshStories(int(id))
}

// selectedArticle is the version the story actions act on: the one shown
// in the reader.
func (mw *mainWindow) selectedArticle() *parallax.Article {
	if mw.story == nil {
		return nil
	}
	return mw.reader.article
}

// onRenameStory asks for the shown story's new title.
func (mw *mainWindow) onRenameStory() {
	d := mw.story
	if d == nil {
		mw.dialogs.info("Rename the story", "Open a story first.")
		return
	}
	title := newKeyEntry(mw.dialogs, false)
	title.SetText(d.story.Title)
	title.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("a title is needed")
		}
		return nil
	}
	mw.dialogs.form("Rename the story", "Rename", "Cancel", []*widget.FormItem{widget.NewFormItem("Title", title)}, func(ok bool) {
		if ok {
			mw.edits.rename(d.story.ID, d.story.Title, title.Text)
		}
	}, fyne.NewSize(560, 160))
	mw.win.Canvas().Focus(title)
}

// otherStories lists the library's stories except story id, as picker
// options ("title · 3 versions · 1 Dec 2026"), with the stories they name.
func (mw *mainWindow) otherStories(id int64) ([]string, map[string]parallax.Story) {
	var opts []string
	by := map[string]parallax.Story{}
	for _, s := range mw.sidebar.stories {
		if s.ID == id {
			continue
		}
		o := oneLine(s.Title) + " · " + storySummary(s)
		for by[o].ID != 0 {
			o += " "
		}
		opts = append(opts, o)
		by[o] = s
	}
	return opts, by
}

// onMoveVersion asks which story the selected version moves to.
func (mw *mainWindow) onMoveVersion() {
	d, a := mw.story, mw.selectedArticle()
	if d == nil || a == nil {
		mw.dialogs.info("Move to story", "Select a version first.")
		return
	}
	mw.askOtherStory(storyChoice{
		title: "Move to story", confirm: "Move", placeholder: "Choose the story",
		prompt: fmt.Sprintf("Move %s into:", d.label(articleVersion(a.ID))),
	}, d.story.ID, func(s parallax.Story) { mw.edits.move(a, d.story.ID, d.story.Title, s.ID) })
}

// onMergeStories asks which story merges into the shown one.
func (mw *mainWindow) onMergeStories() {
	d := mw.story
	if d == nil {
		mw.dialogs.info("Merge stories", "Open a story first.")
		return
	}
	mw.askOtherStory(storyChoice{
		title: "Merge stories", confirm: "Merge", placeholder: "Choose the story to merge in",
		prompt: fmt.Sprintf("Bring every version of another story into “%s”:", oneLine(d.story.Title)),
	}, d.story.ID, func(s parallax.Story) { mw.edits.merge(d.story.ID, s) })
}

// storyChoice is the wording of a dialog that picks another story.
type storyChoice struct {
	title, confirm, placeholder, prompt string
}

// askOtherStory shows a dialog picking one of the library's stories other
// than story id, and calls onPick with it when the analyst confirms.
func (mw *mainWindow) askOtherStory(c storyChoice, id int64, onPick func(parallax.Story)) {
	opts, by := mw.otherStories(id)
	if len(opts) == 0 {
		mw.dialogs.info(c.title, "The library holds no other story.")
		return
	}
	pick := newPicker(mw.win.Canvas, opts, nil)
	pick.PlaceHolder = c.placeholder
	label := widget.NewLabel(c.prompt)
	label.Wrapping = fyne.TextWrapWord
	mw.dialogs.form(c.title, c.confirm, "Cancel", []*widget.FormItem{
		widget.NewFormItem("", label), widget.NewFormItem("Story", pick)}, func(ok bool) {
		if s, found := by[pick.Selected]; ok && found {
			onPick(s)
		}
	}, fyne.NewSize(640, 200))
}

// onSplitVersion moves the selected version into a new story of its own.
func (mw *mainWindow) onSplitVersion() {
	d, a := mw.story, mw.selectedArticle()
	if d == nil || a == nil {
		mw.dialogs.info("Split into new story", "Select a version first.")
		return
	}
	if len(d.articles) < 2 {
		mw.dialogs.info("Split into new story", "This story has only one version.")
		return
	}
	mw.edits.split(a, d.story.ID, "")
}
