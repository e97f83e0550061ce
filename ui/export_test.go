package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/parallax-news/parallax/report"
)

func TestExportOptionsChoiceIsRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	v := newExportOptionsView(a.Preferences())
	test.NewTempWindow(t, v.build())

	first := v.choice()
	if first.format != report.FormatHTML || !first.opt.Flags || !first.opt.Passages || !first.opt.Notes {
		t.Fatalf("defaults = %+v, want HTML with everything", first)
	}

	v.format.SetSelected("PDF")
	test.Tap(v.notes)
	test.Tap(v.passages)
	got := v.choice()
	want := exportChoice{format: report.FormatPDF, opt: report.Options{Flags: true}}
	if got != want {
		t.Fatalf("choice = %+v, want %+v", got, want)
	}

	again := newExportOptionsView(a.Preferences()).choice()
	if again != want {
		t.Fatalf("next export starts from %+v, want the last choice %+v", again, want)
	}
}
