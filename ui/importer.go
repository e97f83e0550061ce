package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/library"
)

// importSummary counts what an import did with its inputs.
type importSummary struct {
	imported, duplicates int
	refused              []string // "name: why"
	storyID              int64    // the story the imported versions joined
}

// String is the summary shown at the end of an import.
func (s importSummary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Imported: %d\nAlready in the library: %d\nRefused: %d", s.imported, s.duplicates, len(s.refused))
	for i, r := range s.refused {
		if i == 20 {
			fmt.Fprintf(&b, "\n… and %d more", len(s.refused)-20)
			break
		}
		b.WriteString("\n • " + r)
	}
	return b.String()
}

// importTarget is where imported versions go: where automatic grouping
// puts them (auto), story storyID, or a new story titled newTitle (the
// first article's title when empty). exts, when set, keeps only files
// with those extensions from folders.
type importTarget struct {
	auto     bool
	storyID  int64
	newTitle string
	exts     []string
}

// target is where the library's importer puts the versions.
func (t importTarget) target() library.Target {
	return library.Target{Auto: t.auto, StoryID: t.storyID, NewTitle: t.newTitle}
}

// fileTypes are the file-type filter's choices for folder imports.
var fileTypes = []struct {
	label string
	exts  []string
}{
	{"All files Parallax reads", nil},
	{"Plain text (.txt)", []string{".txt", ".text"}},
	{"Web pages (.html, .htm)", []string{".html", ".htm", ".xhtml", ".shtml"}},
	{"Markdown (.md)", []string{".md", ".markdown", ".mdown", ".mkd"}},
}

// onImportFiles asks for a file to import.
func (mw *mainWindow) onImportFiles() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			mw.jobs.showError("Choosing a file", err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		mw.askTarget([]string{path})
	}, mw.win)
	d.Resize(fyne.NewSize(800, 560))
	mw.dialogs.show(d, nil)
}

// onImportFolder asks for a folder whose files are imported.
func (mw *mainWindow) onImportFolder() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			mw.jobs.showError("Choosing a folder", err)
			return
		}
		if u == nil {
			return
		}
		mw.askTarget([]string{u.Path()})
	}, mw.win)
	d.Resize(fyne.NewSize(800, 560))
	mw.dialogs.show(d, nil)
}

// onDropped imports files and folders dropped on the window.
func (mw *mainWindow) onDropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) > 0 {
		mw.askTarget(paths)
	}
}

// onPasteVersion imports the clipboard's text as a new version.
func (mw *mainWindow) onPasteVersion() {
	text := mw.app.Clipboard().Content()
	if strings.TrimSpace(text) == "" {
		mw.dialogs.info("Paste as new version", "The clipboard holds no text. Copy an article's text first.")
		return
	}
	mw.chooseTarget("the pasted text", func(t importTarget) {
		mw.importPasted(text, t)
	})
}

// askTarget asks where versions from paths go, then imports them.
func (mw *mainWindow) askTarget(paths []string) {
	what := filepath.Base(paths[0])
	if len(paths) > 1 {
		what = fmt.Sprintf("%d items", len(paths))
	}
	folder := false
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			folder = true
		}
	}
	mw.chooseTargetFor(what, folder, func(t importTarget) { mw.importPaths(paths, t) })
}

// chooseTarget lets the analyst put new versions where grouping puts
// them, in the open story, or in a new one.
func (mw *mainWindow) chooseTarget(what string, then func(importTarget)) {
	mw.chooseTargetFor(what, false, then)
}

// Import destinations offered by chooseTargetFor.
const (
	intoAutomatic = "Where automatic grouping puts them"
	intoNew       = "A new story"
)

// chooseTargetFor is chooseTarget; folder adds the file-type filter.
func (mw *mainWindow) chooseTargetFor(what string, folder bool, then func(importTarget)) {
	title := newKeyEntry(mw.dialogs, false)
	title.SetPlaceHolder("Title of the new story (default: the first article's title)")
	choices := []string{intoAutomatic}
	current := ""
	if mw.story != nil {
		current = "The open story “" + oneLine(mw.story.story.Title) + "”"
		choices = append(choices, current)
	}
	choices = append(choices, intoNew)
	radio := widget.NewRadioGroup(choices, func(s string) {
		if s == intoNew {
			title.Enable()
		} else {
			title.Disable()
		}
	})
	radio.SetSelected(choices[0])
	releaseFocus(mw.win.Canvas(), radio)
	items := []fyne.CanvasObject{widget.NewLabel("Import " + what + " into:"), radio, title}
	var types *picker
	if folder {
		labels := make([]string, len(fileTypes))
		for i, ft := range fileTypes {
			labels[i] = ft.label
		}
		types = newPicker(mw.win.Canvas, labels, nil)
		types.SetSelected(labels[0])
		items = append(items, container.NewBorder(nil, nil, widget.NewLabel("From folders, read:"), nil, types))
	}
	content := container.NewVBox(items...)
	mw.dialogs.customConfirm("Import", "Import", "Cancel", content, func(ok bool) {
		if !ok {
			return
		}
		var t importTarget
		switch {
		case radio.Selected == current && mw.story != nil:
			t = importTarget{storyID: mw.story.story.ID}
		case radio.Selected == intoNew:
			t = importTarget{newTitle: strings.TrimSpace(title.Text)}
		default:
			t = importTarget{auto: true}
		}
		if types != nil {
			for _, ft := range fileTypes {
				if ft.label == types.Selected {
					t.exts = ft.exts
				}
			}
		}
		then(t)
	}, fyne.NewSize(600, 320))
}

// importPaths reads files and folders and adds each article, with a
// progress bar and a summary at the end.
func (mw *mainWindow) importPaths(paths []string, t importTarget) {
	var sum importSummary
	mw.jobs.run(job{
		title: "Importing",
		modal: true,
		work: func(ctx context.Context, progress progressFunc) error {
			if t.exts != nil {
				paths = filesWithExt(paths, t.exts)
			}
			total := countInputs(paths)
			done := 0
			im := mw.lib.NewImporter(t.target())
			im.AddBatches(ctx, im.Batches(mw.lib.ReadInputs(ctx, paths, nil, 0)), func(outs []library.Outcome) {
				for _, out := range outs {
					done++
					progress(done, total, filepath.Base(out.Path))
					sum.add(filepath.Base(out.Path), out)
				}
			})
			return nil
		},
		done: func(err error) { mw.importDone(sum, err) },
	})
}

// importPasted adds text as a version.
func (mw *mainWindow) importPasted(text string, t importTarget) {
	var sum importSummary
	mw.jobs.run(job{
		title: "Importing the pasted text",
		modal: true,
		work: func(ctx context.Context, progress progressFunc) error {
			a, err := library.ParsePasted(text)
			progress(1, 1, "pasted text")
			sum.add("pasted text", mw.lib.NewImporter(t.target()).Add(ctx, library.Input{Article: a, Err: err}))
			return nil
		},
		done: func(err error) { mw.importDone(sum, err) },
	})
}

// add counts what became of one input, named name.
func (s *importSummary) add(name string, out library.Outcome) {
	switch out.Kind {
	case library.Imported:
		if s.imported == 0 {
			s.storyID = out.StoryID // the story the versions joined first
		}
		s.imported++
	case library.Duplicate:
		s.duplicates++
		if s.storyID == 0 {
			s.storyID = out.StoryID
		}
	default:
		s.refused = append(s.refused, name+": "+readable(out.Err))
	}
}

// importDone shows the summary and the story the versions joined.
func (mw *mainWindow) importDone(sum importSummary, err error) {
	if err != nil {
		mw.jobs.showError("Importing", err)
	}
	mw.dialogs.info("Import finished", sum.String())
	if mw.story != nil && sum.storyID == mw.story.story.ID && sum.imported > 0 {
		mw.story = nil // loaded again below, with the new versions
	}
	mw.refreshStories(int(sum.storyID))
}

// countInputs counts the files Walk will read, for the progress bar.
func countInputs(paths []string) int { return len(inputFiles(paths, nil)) }
