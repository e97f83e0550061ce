package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/library"
	"github.com/parallax-news/parallax/store"
)

// A version whose header date a flag calls misread shows that date with
// the flag's mark wherever versions are named (the compare pickers); a
// version whose date no flag doubts shows it plainly.
func TestFlaggedDateShownWithItsFlag(t *testing.T) {
	dir := t.TempDir()
	body := "\n\nThe harbour office in Kessmoor cut the winter ferry timetable to four crossings a day on Wednesday, citing a shortage of crew.\n\n" +
		"Harbour master Idris Falkner said the full timetable would return in spring once two new deckhands had finished their training.\n"
	// 4 September 2031 is a Thursday; read day-first it is 9 April, a Wednesday.
	files := map[string]string{
		"misread.txt": "Kessmoor ferry timetable cut for winter\n\ndate 2031-09-04 KESSMOOR:" + body,
		"right.txt":   "Kessmoor ferry timetable cut for winter\n\ndate 2031-04-09 KESSMOOR:" + body,
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var storyID int64
	byFile := map[string]int64{}
	ingest.Walk([]string{dir}, nil, ingest.Options{}, func(r ingest.Result) {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Path, r.Err)
		}
		r.Article.StoryID = storyID
		if err := st.AddArticle(context.Background(), r.Article, "Kessmoor ferry"); err != nil {
			t.Fatalf("%s: %v", r.Path, err)
		}
		storyID = r.Article.StoryID
		byFile[filepath.Base(r.Path)] = r.Article.ID
	})

	mw := newMainWindow(test.NewTempApp(t), library.New(st))
	mw.win.Resize(fyne.NewSize(1400, 900))
	mw.jobs.wait()
	if mw.story == nil || mw.story.story.ID != storyID {
		t.Fatalf("story %d not open", storyID)
	}
	misread, right := articleVersion(byFile["misread.txt"]), articleVersion(byFile["right.txt"])
	shown := map[string]string{}
	for _, p := range []*picker{mw.compare.pickA, mw.compare.pickB} {
		shown[mw.compare.labels[p.Selected]] = p.Selected
	}
	if got := shown[misread]; !strings.Contains(got, "4 Sep 2031 "+dateFlaggedMark) {
		t.Errorf("misread version shown as %q, want its date with %q", got, dateFlaggedMark)
	}
	if got := shown[right]; !strings.Contains(got, "9 Apr 2031") || strings.Contains(got, dateFlaggedMark) {
		t.Errorf("version with a sound date shown as %q, want 9 Apr 2031 unmarked", got)
	}
	// The column heads name the versions in full, marks and all.
	heads := mw.compare.headA.Text + " | " + mw.compare.headB.Text
	if !strings.Contains(heads, "4 Sep 2031 "+dateFlaggedMark) || !strings.Contains(heads, "9 Apr 2031") {
		t.Errorf("column heads %q", heads)
	}
	// The story's date in the sidebar is the misread one (the newest): it
	// carries the mark too.
	var summary string
	walkObjects(mw.sidebar.list, func(o fyne.CanvasObject) {
		if r, ok := o.(*storyRow); ok && r.Visible() && r.index >= 0 && mw.sidebar.stories[r.index].ID == storyID {
			summary = r.bottom.Text
		}
	})
	if !strings.Contains(summary, "4 Sep 2031 "+dateFlaggedMark) {
		t.Errorf("sidebar shows the story as %q, want its date with %q", summary, dateFlaggedMark)
	}
}
