package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/library"
)

// One version keeps one label everywhere: the window's pickers and the
// HTML, Markdown, PDF and JSON reports name each version with the same
// letter, and adding a version renames none of the others. The fixture's
// import order differs from its publication order, so labelling by date
// anywhere would show here.
func TestOneLabelPerVersionEverywhere(t *testing.T) {
	mw, _, id := openFixture(t)
	before := map[string]string{} // version id -> window label ("B · Source")
	for _, v := range mw.story.versionIDs() {
		before[v] = mw.story.label(v)
	}
	checkReports(t, mw.story)

	// A sixth version joins the story, the only one with a publication date
	// (so the first by date): the five keep their labels, in the window and
	// in the reports.
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "late.txt"), "Pellam ferry freed\n\nThe ferry that ran aground off Pellam was refloated on Thursday, the harbour master said.\n")
	im := mw.lib.NewImporter(library.Target{StoryID: id})
	ingest.Walk([]string{dir}, nil, ingest.Options{}, func(r ingest.Result) {
		r.Article.Published = time.Date(2031, 3, 6, 7, 0, 0, 0, time.UTC)
		if out := im.Add(context.Background(), r); out.Kind != library.Imported {
			t.Fatalf("importing the sixth version: %v", out.Err)
		}
	})
	d, err := loadStory(context.Background(), mw.lib, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.articles) != 6 {
		t.Fatalf("%d versions after the import, want 6", len(d.articles))
	}
	for v, l := range before {
		if got := d.label(v); got != l {
			t.Errorf("version %s: %q before a version was added, %q after", v, l, got)
		}
	}
	checkReports(t, d)
}

// checkReports renders d in every report format and checks that each
// version appears under the window's name for it ("B · Source") and
// under no other.
func checkReports(t *testing.T, d *storyData) {
	t.Helper()
	doc := reportDocument(d)
	for _, format := range library.ReportFormats() {
		var buf bytes.Buffer
		if err := library.WriteReport(&buf, format, doc, library.DefaultReportOptions()); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		switch format {
		case library.FormatJSON:
			var m struct {
				Versions []struct{ ID, Label string }
			}
			if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
				t.Fatal(err)
			}
			if len(m.Versions) != len(d.articles) {
				t.Fatalf("json: %d versions, want %d", len(m.Versions), len(d.articles))
			}
			for _, v := range m.Versions {
				if v.Label != d.letters[v.ID] {
					t.Errorf("json: version %s labelled %q, the window %q", v.ID, v.Label, d.letters[v.ID])
				}
			}
			continue
		case library.FormatPDF:
			text, ok := pdfText(t, buf.Bytes())
			if !ok {
				continue
			}
			buf.Reset()
			buf.WriteString(text)
		}
		out := buf.String()
		for _, v := range d.versionIDs() {
			want := d.name(v)
			if !strings.Contains(out, want) {
				t.Errorf("%s: no %q", format, want)
			}
			source := strings.TrimPrefix(want, d.letters[v]+" · ")
			for _, other := range d.letters {
				if other != d.letters[v] && strings.Contains(out, other+" · "+source) && !sameSource(d, other, source) {
					t.Errorf("%s: version %s shown as %q", format, v, other+" · "+source)
				}
			}
		}
	}
}

// sameSource reports whether the version labelled label has source too.
func sameSource(d *storyData, label, source string) bool {
	for v, l := range d.letters {
		if l == label {
			return strings.HasSuffix(d.name(v), " · "+source)
		}
	}
	return false
}

// pdfText extracts a PDF's text with pdftotext; ok is false when the tool
// is missing (make test installs it).
func pdfText(t *testing.T, pdf []byte) (string, bool) {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Log("pdftotext is not installed: the PDF's labels are not checked")
		return "", false
	}
	in := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out), true
}
