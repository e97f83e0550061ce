package ui

import (
	"context"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/library"
)

// exportChoice is what the analyst picked in the export dialog.
type exportChoice struct {
	format string
	opt    library.ReportOptions
}

// exportFormats names the report formats as the dialog shows them.
var exportFormats = []struct{ label, format string }{
	{"HTML (one self-contained page)", library.FormatHTML},
	{"PDF", library.FormatPDF},
	{"Markdown", library.FormatMarkdown},
	{"JSON", library.FormatJSON},
}

// exportOptionsView is the first step of Export…: the format and what the
// report includes. The choice is remembered for next time.
type exportOptionsView struct {
	prefs    fyne.Preferences
	format   *widget.RadioGroup
	flags    *widget.Check
	passages *widget.Check
	notes    *widget.Check
}

func newExportOptionsView(prefs fyne.Preferences) *exportOptionsView {
	v := &exportOptionsView{prefs: prefs}
	labels := make([]string, len(exportFormats))
	for i, f := range exportFormats {
		labels[i] = f.label
	}
	v.format = widget.NewRadioGroup(labels, nil)
	v.format.Required = true
	v.format.SetSelected(labels[0])
	last := prefs.StringWithFallback("export.format", library.FormatHTML)
	for _, f := range exportFormats {
		if f.format == last {
			v.format.SetSelected(f.label)
		}
	}
	v.flags = widget.NewCheck("Flags, with the decisions and their evidence", nil)
	v.passages = widget.NewCheck("Aligned passages with word-level changes", nil)
	v.notes = widget.NewCheck("Notes", nil)
	v.flags.SetChecked(prefs.BoolWithFallback("export.flags", true))
	v.passages.SetChecked(prefs.BoolWithFallback("export.passages", true))
	v.notes.SetChecked(prefs.BoolWithFallback("export.notes", true))
	return v
}

func (v *exportOptionsView) build() fyne.CanvasObject {
	return container.NewVBox(
		widget.NewLabelWithStyle("Format", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		v.format,
		widget.NewLabelWithStyle("Include", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		v.flags, v.passages, v.notes,
	)
}

// choice reads the widgets and remembers them.
func (v *exportOptionsView) choice() exportChoice {
	c := exportChoice{format: library.FormatHTML, opt: library.ReportOptions{
		Flags: v.flags.Checked, Passages: v.passages.Checked, Notes: v.notes.Checked,
	}}
	for _, f := range exportFormats {
		if f.label == v.format.Selected {
			c.format = f.format
		}
	}
	v.prefs.SetString("export.format", c.format)
	v.prefs.SetBool("export.flags", c.opt.Flags)
	v.prefs.SetBool("export.passages", c.opt.Passages)
	v.prefs.SetBool("export.notes", c.opt.Notes)
	return c
}

// onExport asks for the format and contents, then for the file, and writes
// the story's report off the UI goroutine.
func (mw *mainWindow) onExport() {
	d := mw.story
	if d == nil || d.cmp == nil {
		mw.dialogs.info("Export report", "Open a story first.")
		return
	}
	opts := newExportOptionsView(mw.prefs)
	releaseFocus(mw.win.Canvas(), opts.format, opts.flags, opts.passages, opts.notes)
	mw.dialogs.customConfirm("Export report", "Choose file…", "Cancel", opts.build(), func(ok bool) {
		if ok {
			mw.exportTo(d, opts.choice())
		}
	}, fyne.Size{})
}

// exportTo asks where to write the report and writes it.
func (mw *mainWindow) exportTo(d *storyData, c exportChoice) {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			mw.jobs.showError("Choosing where to export", err)
			return
		}
		if w == nil {
			return
		}
		doc := reportDocument(d)
		mw.jobs.run(job{
			title: "Exporting the report",
			modal: true,
			work: func(context.Context, progressFunc) error {
				defer w.Close()
				return library.WriteReport(w, c.format, doc, c.opt)
			},
			done: func(err error) {
				if err != nil {
					mw.jobs.showError("Exporting the report", err)
					return
				}
				mw.status.SetText("Report written to " + w.URI().Path())
			},
		})
	}, mw.win)
	ext := map[string]string{library.FormatMarkdown: ".md"}[c.format]
	if ext == "" {
		ext = "." + c.format
	}
	save.SetFileName(safeFileName(d.story.Title) + ext)
	save.Resize(fyne.NewSize(800, 560))
	mw.dialogs.show(save, nil)
}

// reportDocument gathers what the report presents for story d.
func reportDocument(d *storyData) library.Document {
	return d.library().Document(time.Now())
}

// safeFileName keeps the letters and digits of a title, words joined by
// dashes.
func safeFileName(title string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(title) {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r):
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteRune('-')
		}
		if b.Len() > 60 {
			break
		}
	}
	s := strings.Trim(b.String(), "-")
	if s == "" {
		return "report"
	}
	return s
}
