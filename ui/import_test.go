package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"
)

// A folder imported from the window with automatic grouping goes through
// the import job in batches, each placed while the one before is stored:
// every file is stored once, the outlets' versions of an event share a
// story, the progress reaches the last file and the summary says so.
func TestImportFolderGroupedFromTheWindow(t *testing.T) {
	mw, st := openEmptyLibrary(t)

	// 100 fictional events, each with its own place, people and matter,
	// told by three outlets in their own words: more files than one
	// batch holds.
	syl := []string{"var", "del", "osk", "bren", "tam", "ulv", "kor", "sal", "pel", "orr", "mik", "dun"}
	name := func(e, k int, tail string) string {
		w := syl[(e+k)%len(syl)] + syl[(e/len(syl)+3*k)%len(syl)] + tail
		return strings.ToUpper(w[:1]) + w[1:]
	}
	matters := []string{"ferry strike", "bridge collapse", "museum fire", "rail merger", "flood warning", "school closure", "choir prize", "harbour vote", "mill sale", "dam repair", "court ruling"}
	dir := t.TempDir()
	const events, outlets = 100, 3
	day := time.Date(2031, 5, 6, 8, 0, 0, 0, time.UTC)
	for e := range events {
		place, person, aide := name(e, 0, "holm"), name(e, 1, "a")+" "+name(e, 2, "sen"), name(e, 4, "o")+" "+name(e, 5, "vik")
		matter := matters[e%len(matters)]
		when := day.Add(time.Duration(e) * 9 * time.Hour)
		for o := range outlets {
			var text string
			switch o {
			case 0:
				text = fmt.Sprintf("The %s in %s left %d families waiting on %s, said %s, who met %s there.", matter, place, 20+e, when.Weekday(), person, aide)
			case 1:
				text = fmt.Sprintf("%s said %d families in %s were still waiting after the %s; %s joined the talks on %s.", person, 20+e, place, matter, aide, when.Weekday())
			default:
				text = fmt.Sprintf("Officials in %s, %s and %s among them, met over the %s as %d families waited.", place, person, aide, matter, 20+e)
			}
			body := fmt.Sprintf("%s in %s\n\nPublished: %s\n\n%s\n", strings.ToUpper(matter[:1])+matter[1:], place, when.Add(time.Duration(o)*time.Hour).Format("2006-01-02 15:04"), text)
			writeFile(t, filepath.Join(dir, fmt.Sprintf("e%03d-o%d.txt", e, o)), body)
		}
	}
	mw.importPaths([]string{dir}, importTarget{auto: true})
	mw.jobs.wait()

	ctx := context.Background()
	n, err := st.CountArticles(ctx)
	if err != nil || n != events*outlets {
		t.Fatalf("%d articles stored (%v), want %d", n, err, events*outlets)
	}
	stories, err := st.Stories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	together := 0 // events whose three versions share one story
	for _, s := range stories {
		if s.Versions == outlets {
			together++
		}
	}
	if together < events*9/10 {
		t.Errorf("%d of %d events have their %d versions in one story (%d stories)", together, events, outlets, len(stories))
	}
	var summary string
	for _, o := range windowObjects(mw.win.Canvas()) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "Imported:") {
			summary = l.Text
		}
	}
	if !strings.Contains(summary, fmt.Sprintf("Imported: %d", events*outlets)) || !strings.Contains(summary, "Refused: 0") {
		t.Errorf("import summary %q, want %d imported and none refused", summary, events*outlets)
	}
}
