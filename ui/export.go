package ui

import (
	"context"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/parallax-news/parallax/report"
)

// onExport writes the story's report to a file the analyst names; the
// extension (.html, .pdf, .md, .json) picks the format.
func (mw *mainWindow) onExport() {
	d := mw.story
	if d == nil || d.cmp == nil {
		dialog.ShowInformation("Export report", "Open a story first.", mw.win)
		return
	}
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			mw.jobs.showError("Choosing where to export", err)
			return
		}
		if w == nil {
			return
		}
		format := strings.TrimPrefix(strings.ToLower(filepath.Ext(w.URI().Path())), ".")
		switch format {
		case "htm":
			format = report.FormatHTML
		case "markdown":
			format = report.FormatMarkdown
		case report.FormatHTML, report.FormatPDF, report.FormatMarkdown, report.FormatJSON:
		default:
			format = report.FormatHTML
		}
		doc := reportDocument(d)
		mw.jobs.run(job{
			title: "Exporting the report",
			modal: true,
			work: func(context.Context, progressFunc) error {
				defer w.Close()
				return report.Write(w, format, doc, report.DefaultOptions())
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
	save.SetFileName(safeFileName(d.story.Title) + ".html")
	save.Resize(fyne.NewSize(800, 560))
	save.Show()
}

// reportDocument gathers what the report presents for story d.
func reportDocument(d *storyData) report.Document {
	doc := report.Document{
		Title:      d.story.Title,
		Generated:  time.Now(),
		AppVersion: "parallax",
		Comparison: d.cmp,
		Decisions:  d.decisions,
		Notes:      d.notes,
		ArticleOf:  map[string]int64{},
		Meta:       map[string]report.VersionMeta{},
	}
	for id, a := range d.byVersion {
		doc.ArticleOf[id] = a.ID
		doc.Meta[id] = report.VersionMeta{Source: a.Source.Name, URL: a.PathOrURL(), Published: a.Published, Byline: a.Byline}
	}
	return doc
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
