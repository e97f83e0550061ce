package library

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/ingest"
)

// A story is never titled by a date header or dateline line: importing a
// file that opens with one gives a story named by its headline (or, with
// none, by the opening words of its first body paragraph).
func TestStoryNeverTitledByDateHeader(t *testing.T) {
	for _, tc := range []struct {
		name, file, text string
		want             string // the story title starts with this
	}{
		{"labelled date, place without colon", "a.txt",
			"DATE 2031-04-09 BRAMBLEFORD\n\nHarbour officials in Brambleford said on Wednesday that the old estuary ferry would stop running in May.\n\nThe ferry had crossed the Wennet estuary for forty years.\n",
			"Harbour officials in Brambleford said"},
		{"labelled date, place in mixed case", "b.txt",
			"date 2031-04-09 Brambleford: Harbour officials said on Wednesday that the old estuary ferry would stop running in May.\n\nThe ferry had crossed the Wennet estuary for forty years.\n",
			"Harbour officials said on Wednesday"},
		{"header above the headline", "c.txt",
			"date 2031-04-09 BRAMBLEFORD\n\nEstuary ferry to stop after forty years\n\nHarbour officials said on Wednesday that the old ferry would stop running in May.\n",
			"Estuary ferry to stop after forty years"},
		{"Markdown heading that is a date header", "d.md",
			"# date 2031-04-09 BRAMBLEFORD: Ferry news\n\nHarbour officials said on Wednesday that the old estuary ferry would stop running in May.\n\nThe ferry had crossed the Wennet estuary for forty years.\n",
			"Ferry news"},
		{"HTML page titled by its date header", "e.html",
			`<html><head><title>date 2031-04-09 BRAMBLEFORD: Harbour officials</title></head><body><article>` +
				`<p>date 2031-04-09 BRAMBLEFORD: Harbour officials said on Wednesday that the old estuary ferry would stop running in May after forty years of crossings.</p>` +
				`<p>The ferry had crossed the Wennet estuary for forty years and carried many thousands of passengers, the harbour office said in a statement.</p></article></body></html>`,
			"Harbour officials said on Wednesday"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := openTestLibrary(t)
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), tc.file)
			if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			im := l.NewImporter(Target{Auto: true})
			var outs []Outcome
			ingest.Walk([]string{path}, nil, ingest.Options{}, func(r ingest.Result) {
				outs = append(outs, im.Add(ctx, r))
			})
			if len(outs) != 1 || outs[0].Kind != Imported {
				t.Fatalf("import: %+v", outs)
			}
			stories, err := l.Stories(ctx)
			if err != nil || len(stories) != 1 {
				t.Fatalf("stories %v, %v", stories, err)
			}
			title := stories[0].Title
			if !strings.HasPrefix(title, tc.want) {
				t.Errorf("story titled %q, want it to start %q", title, tc.want)
			}
			if a := outs[0].Article; a.Published.Format(time.DateOnly) != "2031-04-09" {
				t.Errorf("published %v, want the header's date 2031-04-09", a.Published)
			}
		})
	}
}
