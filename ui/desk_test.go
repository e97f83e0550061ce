package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/library"
	"github.com/parallax-news/parallax/store"
)

// pressKey sends key to what has the focus, or to the window canvas when
// nothing has it, as the desktop driver does.
func pressKey(c fyne.Canvas, key fyne.KeyName) {
	if f := c.Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: key})
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(&fyne.KeyEvent{Name: key})
	}
}

// addOtherStory adds a one-version story to st and returns its id.
func addOtherStory(t testing.TB, st *store.Store, title, text string) int64 {
	t.Helper()
	a, err := ingest.Parse(title+".txt", []byte(title+"\n\n"+text+"\n"), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a.Source = parallax.Source{Name: "Harbour Gazette"}
	a.Published = time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)
	if err := st.AddArticle(context.Background(), a, title); err != nil {
		t.Fatal(err)
	}
	return a.StoryID
}

// TestEveryDialogClosesOnEscape opens each dialog of the window and
// presses Escape where the focus is, as a user would.
func TestEveryDialogClosesOnEscape(t *testing.T) {
	mw, _, _ := openFixture(t)
	c := mw.win.Canvas()
	mw.app.Clipboard().SetContent("")
	feedID, err := mw.lib.AddFeed(context.Background(), "https://feeds.example/rss", "Example feed")
	if err != nil {
		t.Fatal(err)
	}
	openers := map[string]func(){
		"import files":   mw.onImportFiles,
		"import folder":  mw.onImportFolder,
		"import target":  func() { mw.askTarget([]string{"testdata/ferry"}) },
		"paste, nothing": mw.onPasteVersion,
		"export":         mw.onExport,
		"rename feed":    func() { chooseFeedByHand(mw, feedID); mw.feeds.onRename() },
		"unsubscribe":    func() { chooseFeedByHand(mw, feedID); mw.feeds.onRemove() },
		"import OPML":    mw.feeds.onImportOPML,
		"note":           func() { mw.compare.showRow(0); mw.compare.onAddNote() },
		"note, no row":   func() { mw.compare.list.UnselectAll(); mw.compare.selected = -1; mw.compare.onAddNote() },
		"error":          func() { mw.jobs.showError("Testing", errors.New("disk full")) },
		"rename story":   mw.onRenameStory,
		"move version":   mw.onMoveVersion,
		"merge stories":  mw.onMergeStories,
	}
	for name, open := range openers {
		t.Run(name, func(t *testing.T) {
			open()
			mw.jobs.wait()
			if mw.dialogs.top() == nil || c.Overlays().Top() == nil {
				t.Fatalf("no dialog open")
			}
			pressKey(c, fyne.KeyEscape)
			mw.jobs.wait()
			if mw.dialogs.top() != nil || c.Overlays().Top() != nil {
				t.Errorf("dialog still open after Escape (focus %T)", c.Focused())
				for c.Overlays().Top() != nil {
					c.Overlays().Remove(c.Overlays().Top())
				}
			}
		})
	}
}

// TestEnterConfirmsDialogs: Enter answers yes in a confirmation and
// submits a form from its one-line entry.
func TestEnterConfirmsDialogs(t *testing.T) {
	mw, _, _ := openFixture(t)
	c := mw.win.Canvas()
	answer := ""
	mw.dialogs.confirm("Sure?", "Really?", func(ok bool) {
		answer = map[bool]string{true: "yes", false: "no"}[ok]
	})
	pressKey(c, fyne.KeyReturn)
	if answer != "yes" || c.Overlays().Top() != nil {
		t.Errorf("after Enter: answer %q, overlay %v", answer, c.Overlays().Top())
	}
	mw.dialogs.info("Note", "Done.")
	pressKey(c, fyne.KeyEnter)
	if c.Overlays().Top() != nil {
		t.Error("Enter does not close an information dialog")
	}
}

// TestNoteDialogHasFocus: the new note's text has the keyboard focus, so
// the analyst types at once.
func TestNoteDialogHasFocus(t *testing.T) {
	mw, _, _ := openFixture(t)
	mw.compare.showRow(0)
	mw.compare.onAddNote()
	e, ok := mw.win.Canvas().Focused().(*keyEntry)
	if !ok || !e.MultiLine {
		t.Fatalf("focus on %T, want the note entry", mw.win.Canvas().Focused())
	}
	test.Type(e, "check with the wire")
	if e.Text != "check with the wire" {
		t.Errorf("typed %q", e.Text)
	}
}

// TestDesktopConventions: the window has its icon, Ctrl+Q quits from the
// File menu, and the swap button says what it does.
func TestDesktopConventions(t *testing.T) {
	// The test driver drops icons: record them on the way.
	rec := &iconApp{App: test.NewTempApp(t)}
	st, _ := fixtureLibrary(t)
	mw := newMainWindow(rec, library.New(st))
	mw.jobs.wait()
	if rec.win == nil || rec.win.icon == nil || len(rec.win.icon.Content()) == 0 {
		t.Error("the window has no icon")
	}
	var quit *fyne.MenuItem
	for _, m := range mw.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.IsQuit {
				quit = it
			}
		}
	}
	if quit == nil {
		t.Fatal("no Quit item")
	}
	sc, ok := quit.Shortcut.(*desktop.CustomShortcut)
	if !ok || sc.KeyName != fyne.KeyQ || sc.Modifier&fyne.KeyModifierShortcutDefault == 0 {
		t.Errorf("Quit shortcut = %#v, want Ctrl+Q", quit.Shortcut)
	}
	if mw.compare.swap.Text == "" || mw.compare.swap.Icon == nil {
		t.Errorf("swap button: text %q icon %v", mw.compare.swap.Text, mw.compare.swap.Icon)
	}
	a, b := mw.compare.va, mw.compare.vb
	test.Tap(mw.compare.swap)
	if mw.compare.va != b || mw.compare.vb != a {
		t.Error("the swap button does not swap the sides")
	}
}

// TestSidebarFollowsShownStory: after a search hit opened another story
// and the search is cleared, the highlighted row is the shown story, and
// clicking the first story opens it again.
func TestSidebarFollowsShownStory(t *testing.T) {
	mw, st, ferry := openFixture(t)
	other := addOtherStory(t, st, "Lighthouse keeper retires", "The last keeper of the Varn light retired on Friday after forty years.")
	mw.refreshStories(int(ferry))
	mw.jobs.wait()
	if mw.story.story.ID != ferry {
		t.Fatalf("shown story %d, want the ferry %d", mw.story.story.ID, ferry)
	}
	test.Type(mw.sidebar.search, "keeper")
	mw.jobs.wait()
	if len(mw.sidebar.hits) == 0 {
		t.Fatal("no hit for keeper")
	}
	mw.sidebar.hitList.Select(0)
	mw.jobs.wait()
	if mw.story.story.ID != other {
		t.Fatalf("hit opened story %d, want %d", mw.story.story.ID, other)
	}
	mw.sidebar.search.SetText("")
	mw.jobs.wait()
	if got := selectedStory(mw); got != other {
		t.Errorf("highlighted story %d, shown %d", got, other)
	}
	mw.sidebar.list.Select(mw.sidebar.indexOf(ferry))
	mw.jobs.wait()
	if mw.story.story.ID != ferry {
		t.Errorf("clicking the ferry story shows %d", mw.story.story.ID)
	}
}

// selectedStory is the story of the highlighted sidebar row, 0 for none.
func selectedStory(mw *mainWindow) int64 {
	for i, s := range mw.sidebar.stories {
		if mw.sidebar.isSelected(i) {
			return s.ID
		}
	}
	return 0
}

// iconApp and iconWindow remember the icon set on them.
type iconApp struct {
	fyne.App
	win *iconWindow
}

func (a *iconApp) NewWindow(title string) fyne.Window {
	a.win = &iconWindow{Window: a.App.NewWindow(title)}
	return a.win
}

type iconWindow struct {
	fyne.Window
	icon fyne.Resource
}

func (w *iconWindow) SetIcon(r fyne.Resource) { w.icon = r }

// TestMarksDrawnNotColourOnly draws a paragraph with a deletion, an
// insertion holding a flag, and a note, and checks what is painted: the
// deleted word struck through on a tint, the inserted stretch underlined
// on a tint, and the flag's box drawn over the insertion, in both themes.
func TestMarksDrawnNotColourOnly(t *testing.T) {
	a := test.NewTempApp(t)
	for _, pref := range []string{themeLight, themeDark} {
		a.Settings().SetTheme(newParallaxTheme(pref))
		th := a.Settings().Theme()
		v := a.Settings().ThemeVariant()
		text := "ferry left injured 21 people"
		runs := paragraphRuns(text, []mark{{0, 5, markDeleted}, {11, 28, markInserted}, {19, 21, markFlag}, {6, 10, markNote}}, false)
		mt := newMarkText()
		w := test.NewWindow(mt)
		w.Resize(fyne.NewSize(600, 100))
		mt.setLines([][]textRun{runs})
		objs := test.WidgetRenderer(mt).Objects()
		spanX := func(word string) (float32, float32) {
			for _, o := range objs {
				if tx, ok := o.(*canvas.Text); ok && strings.Contains(tx.Text, word) {
					pre := tx.Text[:strings.Index(tx.Text, word)]
					x := tx.Position().X + fyne.MeasureText(pre, tx.TextSize, tx.TextStyle).Width
					return x, x + fyne.MeasureText(word, tx.TextSize, tx.TextStyle).Width
				}
			}
			t.Fatalf("%s: no text holds %q", pref, word)
			return 0, 0
		}
		lineOver := func(x1, x2 float32, c fyne.ThemeColorName, mid bool) bool {
			for _, o := range objs {
				l, ok := o.(*canvas.Line)
				if !ok || l.StrokeColor != th.Color(c, v) || l.Position1.X > x1+1 || l.Position2.X < x2-1 {
					continue
				}
				lh := lineHeight(th)
				pad := th.Size("innerPadding")
				isMid := l.Position1.Y-pad > lh*0.3 && l.Position1.Y-pad < lh*0.7
				if isMid == mid {
					return true
				}
			}
			return false
		}
		fx1, fx2 := spanX("ferry")
		if !lineOver(fx1, fx2, colorDeleted, true) {
			t.Errorf("%s: the deleted word is not struck through", pref)
		}
		ix1, ix2 := spanX("injured")
		if !lineOver(ix1, ix2, colorInserted, false) {
			t.Errorf("%s: the inserted word is not underlined", pref)
		}
		nx1, nx2 := spanX("left")
		if !lineOver(nx1, nx2, colorNote, false) {
			t.Errorf("%s: the noted word is not underlined", pref)
		}
		// The flag's box: over "21", after (so above) every tint and text.
		gx1, gx2 := spanX("21")
		box, lastFill := -1, -1
		for i, o := range objs {
			r, ok := o.(*canvas.Rectangle)
			if !ok {
				continue
			}
			if r.StrokeColor == th.Color(colorFlag, v) && r.StrokeWidth > 0 && r.Position().X <= gx1 && r.Position().X+r.Size().Width >= gx2 {
				box = i
			}
			if r.FillColor == th.Color(colorInsertedTint, v) || r.FillColor == th.Color(colorDeletedTint, v) {
				lastFill = i
			}
		}
		if box < 0 {
			t.Fatalf("%s: the flag inside the insertion has no box", pref)
		}
		if lastFill < 0 || box < lastFill {
			t.Errorf("%s: box at %d drawn under the tints (last tint %d)", pref, box, lastFill)
		}
		w.Close()
	}
}

// storyOf is the story article id belongs to, from the library.
func storyOf(t *testing.T, st *store.Store, id int64) int64 {
	t.Helper()
	a, err := st.Article(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return a.StoryID
}

// overlayPicker is the picker in the dialog on top.
func overlayPicker(t *testing.T, mw *mainWindow) *picker {
	t.Helper()
	var p *picker
	walkObjects(mw.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if x, ok := o.(*picker); ok {
			p = x
		}
	})
	if p == nil {
		t.Fatal("the dialog has no picker")
	}
	return p
}

// TestGroupingFixesWithUndo drags a version onto another story, merges
// the two stories, splits a version off and renames a story, all through
// the window's widgets, and undoes each step.
func TestGroupingFixesWithUndo(t *testing.T) {
	mw, st, ferry := openFixture(t)
	ctx := context.Background()
	c := mw.win.Canvas()
	other := addOtherStory(t, st, "Lighthouse keeper retires", "The last keeper of the Varn light retired on Friday after forty years.")
	mw.refreshStories(int(ferry))
	mw.jobs.wait()
	count := func(id int64) int {
		arts, err := st.StoryArticles(ctx, id)
		if err != nil {
			return -1
		}
		return len(arts)
	}

	// Drag the third version onto the other story's row in the sidebar.
	moved := mw.story.articles[2]
	var row *versionRow
	var target *storyRow
	for _, o := range windowObjects(c) {
		if r, ok := o.(*versionRow); ok && r.article == moved {
			row = r
		}
		if r, ok := o.(*storyRow); ok && r.index == mw.sidebar.indexOf(other) {
			target = r
		}
	}
	if row == nil || target == nil {
		t.Fatalf("version row %v, story row %v", row, target)
	}
	drop := fyne.CurrentApp().Driver().AbsolutePositionForObject(target).Add(fyne.NewPos(10, 10))
	row.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: drop}, Dragged: fyne.Delta{DX: 0, DY: -40}})
	row.DragEnd()
	mw.jobs.wait()
	if got := storyOf(t, st, moved.ID); got != other {
		t.Fatalf("dragged version is in story %d, want %d", got, other)
	}
	if mw.story == nil || mw.story.story.ID != other || len(mw.story.articles) != 2 {
		t.Fatalf("window shows %v, want the other story with 2 versions", mw.story)
	}
	if s := mw.sidebar.stories[mw.sidebar.indexOf(ferry)]; s.Versions != 4 {
		t.Errorf("sidebar says the ferry story has %d versions, want 4", s.Versions)
	}
	mw.onUndo()
	mw.jobs.wait()
	if got := storyOf(t, st, moved.ID); got != ferry {
		t.Fatalf("after undo the version is in story %d, want %d", got, ferry)
	}

	// Merge the other story into the ferry story through the dialog.
	mw.sidebar.selectStory(ferry)
	mw.jobs.wait()
	mw.onMergeStories()
	p := overlayPicker(t, mw)
	p.SetSelected(p.Options[0])
	pressKey(c, fyne.KeyReturn)
	mw.jobs.wait()
	if count(ferry) != 6 || count(other) != -1 {
		t.Fatalf("after merge: ferry %d versions, other %d; want 6 and gone", count(ferry), count(other))
	}
	if len(mw.sidebar.stories) != 1 || len(mw.story.articles) != 6 {
		t.Errorf("after merge the window lists %d stories, shows %d versions", len(mw.sidebar.stories), len(mw.story.articles))
	}
	mw.onUndo()
	mw.jobs.wait()
	if count(ferry) != 5 || len(mw.sidebar.stories) != 2 {
		t.Fatalf("after undoing the merge: ferry %d versions, %d stories", count(ferry), len(mw.sidebar.stories))
	}
	for _, s := range mw.sidebar.stories {
		if s.ID != ferry && s.Title != "Lighthouse keeper retires" {
			t.Errorf("the story merged back is titled %q", s.Title)
		}
	}

	// Split the version shown in the reader into a new story.
	mw.sidebar.selectStory(ferry)
	mw.jobs.wait()
	mw.versions.list.Select(1)
	split := mw.reader.article
	mw.onSplitVersion()
	mw.jobs.wait()
	if got := storyOf(t, st, split.ID); got == ferry || count(ferry) != 4 {
		t.Fatalf("after split the version is in story %d, ferry has %d", got, count(ferry))
	}
	mw.onUndo()
	mw.jobs.wait()
	if got := storyOf(t, st, split.ID); got != ferry || count(ferry) != 5 || len(mw.sidebar.stories) != 2 {
		t.Fatalf("after undoing the split: in story %d, ferry %d versions, %d stories", got, count(ferry), len(mw.sidebar.stories))
	}

	// Rename from the dialog, typing and pressing Enter.
	mw.sidebar.selectStory(ferry)
	mw.jobs.wait()
	mw.onRenameStory()
	e, ok := c.Focused().(*keyEntry)
	if !ok {
		t.Fatalf("rename dialog: focus on %T", c.Focused())
	}
	e.SetText("")
	test.Type(e, "Ferry aground off Pellam")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	mw.jobs.wait()
	if s, _ := st.Story(ctx, ferry); s.Title != "Ferry aground off Pellam" {
		t.Fatalf("stored title %q", s.Title)
	}
	if mw.sidebar.stories[mw.sidebar.indexOf(ferry)].Title != "Ferry aground off Pellam" {
		t.Error("the sidebar shows the old title")
	}
	mw.onUndo()
	mw.jobs.wait()
	if s, _ := st.Story(ctx, ferry); s.Title != "Pellam ferry grounding" {
		t.Errorf("after undo the title is %q", s.Title)
	}
}

// TestOutsideChangesAppear: an import and a merge made through another
// connection to the library (as the command line makes them) show in the
// open window once the watch has looked.
func TestOutsideChangesAppear(t *testing.T) {
	mw, st, ferry := openFixture(t)
	ctx := context.Background()
	outside, err := store.Open(st.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer outside.Close()
	if mw.watch.changed() {
		mw.onLibraryChanged()
		mw.jobs.wait()
	}
	if mw.watch.changed() {
		t.Fatal("the watch sees a change nobody made")
	}
	other := addOtherStory(t, outside, "Lighthouse keeper retires", "The last keeper of the Varn light retired on Friday after forty years.")
	if !mw.watch.changed() {
		t.Fatal("the watch missed an outside import")
	}
	mw.onLibraryChanged()
	mw.jobs.wait()
	if mw.sidebar.indexOf(other) < 0 || len(mw.sidebar.stories) != 2 {
		t.Fatalf("sidebar lists %d stories, the outside import not among them", len(mw.sidebar.stories))
	}
	// Merge the shown story away from outside: the window follows.
	if err := outside.MergeStories(ctx, other, ferry); err != nil {
		t.Fatal(err)
	}
	if !mw.watch.changed() {
		t.Fatal("the watch missed an outside merge")
	}
	mw.onLibraryChanged()
	mw.jobs.wait()
	if len(mw.sidebar.stories) != 1 || mw.sidebar.stories[0].Versions != 6 {
		t.Fatalf("after the outside merge the sidebar lists %+v", mw.sidebar.stories)
	}
	if mw.story == nil || mw.story.story.ID != other || len(mw.story.articles) != 6 || mw.versions.list.Length() != 6 {
		t.Errorf("after the outside merge the window shows %v", mw.story)
	}
	if !strings.Contains(storySummary(mw.sidebar.stories[0]), "6 versions") {
		t.Errorf("sidebar summary %q", storySummary(mw.sidebar.stories[0]))
	}
	// A rename from outside reaches the title bar.
	if err := outside.RenameStory(ctx, other, "Varn light and Pellam ferry"); err != nil {
		t.Fatal(err)
	}
	if mw.watch.changed() {
		mw.onLibraryChanged()
		mw.jobs.wait()
	}
	if !strings.Contains(mw.win.Title(), "Varn light and Pellam ferry") {
		t.Errorf("title bar %q after an outside rename", mw.win.Title())
	}
}

// TestFlagFacesExpectedReading selects every flag that has an expected
// reading: the compared pair holds the flagged version and one that writes
// the expected words, both spans are marked, and the flag steps through
// the other versions that write them.
func TestFlagFacesExpectedReading(t *testing.T) {
	mw, _, _ := openFixture(t)
	cv := mw.compare
	checked, stepped := 0, 0
	for i, it := range mw.flags.items {
		if it.flag == nil || it.flag.Expected == "" || it.flag.Paragraph == 0 {
			continue
		}
		f := *it.flag
		mw.flags.list.Select(i)
		other := cv.otherSide(f.Version)
		if other == "" {
			t.Fatalf("flag %s: its version is not compared", f.Key)
		}
		var carriers []string
		for _, id := range mw.story.versionIDs() {
			if id == f.Version {
				continue
			}
			for _, p := range mw.story.cmp.Version(id).Paragraphs {
				if _, _, ok := findFold(p.Text, f.Expected); ok {
					carriers = append(carriers, id)
					break
				}
			}
		}
		if len(carriers) == 0 {
			continue
		}
		if !slices.Contains(carriers, other) {
			t.Errorf("flag %s (“%s” vs “%s”): faced with %s, which lacks the expected reading; %v have it",
				f.Key, f.Found, f.Expected, mw.story.letters[other], carriers)
			continue
		}
		// The expected words are marked in the witness's paragraph.
		w := cv.witnesses[cv.witnessAt]
		r := rowOf(cv.rows, compare.ParaRef{Version: w.version, Paragraph: w.paragraph})
		if r < 0 {
			t.Fatalf("flag %s: witness paragraph not shown", f.Key)
		}
		cell := cv.rows[r].a
		if cell.ref.Version != w.version {
			cell = cv.rows[r].b
		}
		if got := focusedText(cv.cellView(cell, w.version).runs); !strings.Contains(strings.ToLower(got), strings.ToLower(f.Expected)) {
			t.Errorf("flag %s: witness marks %q, want %q", f.Key, got, f.Expected)
		}
		checked++
		if len(carriers) > 1 {
			// Stepping visits every other version once and comes back.
			faced := map[string]bool{}
			for range cv.witnesses {
				mw.flags.onNextWitness()
				next := cv.otherSide(f.Version)
				if faced[next] || next == "" {
					t.Errorf("flag %s: stepping faced %q twice", f.Key, next)
				}
				faced[next] = true
				if !strings.Contains(mw.flags.witness.Text, "of "+strconv.Itoa(len(cv.witnesses))) {
					t.Errorf("witness button says %q", mw.flags.witness.Text)
				}
			}
			for _, c := range carriers {
				if !faced[c] {
					t.Errorf("flag %s: stepping never faced %s", f.Key, c)
				}
			}
			if cv.otherSide(f.Version) != other {
				t.Errorf("flag %s: stepping round does not come back to %s", f.Key, other)
			}
			stepped++
		}
	}
	if checked == 0 || stepped == 0 {
		t.Fatalf("checked %d flags, stepped %d: the fixture needs flags with witnesses", checked, stepped)
	}
}

// TestChangeNavigationAndMap steps through the changed rows with next and
// previous, and jumps from the change map.
func TestChangeNavigationAndMap(t *testing.T) {
	mw, _, _ := openFixture(t)
	cv := mw.compare
	mw.showTab("Compare")
	rows := cv.changeRows()
	if len(rows) < 2 {
		t.Fatalf("%d changed rows; the fixture pair needs more", len(rows))
	}
	cv.list.UnselectAll()
	cv.selected = -1
	for _, want := range rows {
		cv.stepChange(1)
		if cv.selected != want {
			t.Fatalf("next change selected row %d, want %d", cv.selected, want)
		}
	}
	cv.stepChange(1)
	if cv.selected != rows[0] {
		t.Errorf("next after the last change: row %d, want the first %d", cv.selected, rows[0])
	}
	cv.stepChange(-1)
	if cv.selected != rows[len(rows)-1] {
		t.Errorf("previous from the first change: row %d, want the last %d", cv.selected, rows[len(rows)-1])
	}
	// Unchanged rows are skipped.
	for i := range cv.rows {
		if !slices.Contains(rows, i) && cv.rowChange(cv.rows[i]) != changeNone {
			t.Errorf("row %d has a change but is not listed", i)
		}
	}
	// The map has one tick per changed row; a click on a tick shows its row.
	m := cv.changeMap
	m.Resize(fyne.NewSize(changeMapWidth, 600))
	m.Refresh()
	ticks := 0
	for _, o := range test.WidgetRenderer(m).Objects()[1:] {
		if r, ok := o.(*canvas.Rectangle); ok && r.StrokeWidth == 0 {
			ticks++
		}
	}
	if ticks != len(rows) {
		t.Errorf("change map shows %d ticks, want %d", ticks, len(rows))
	}
	target := rows[len(rows)/2]
	y := float32(0)
	total := float32(0)
	for i, h := range cv.heights {
		if i < target {
			y += h
		}
		total += h
	}
	y += cv.heights[target] / 2
	test.TapAt(m, fyne.NewPos(changeMapWidth/2, y/total*600))
	if cv.selected != target {
		t.Errorf("a click on the map selected row %d, want %d", cv.selected, target)
	}
}

// TestFlagRowsScaleAndStatus: severity reads as a scale, and confirmed and
// dismissed rows differ in words and in look.
func TestFlagRowsScaleAndStatus(t *testing.T) {
	mw, _, _ := openFixture(t)
	var keys []string
	for _, it := range mw.flags.items {
		if it.flag != nil {
			keys = append(keys, it.flag.Key)
		}
	}
	if len(keys) < 2 {
		t.Fatal("the fixture needs two flags")
	}
	mw.story.decisions[keys[0]] = parallax.Decision{Key: keys[0], Status: parallax.StatusConfirmed}
	mw.story.decisions[keys[1]] = parallax.Decision{Key: keys[1], Status: parallax.StatusDismissed}
	rowFor := func(key string) *flagRow {
		r := newFlagRow()
		for _, it := range mw.flags.items {
			if it.flag != nil && it.flag.Key == key {
				r.set(mw.story, it)
			}
		}
		return r
	}
	conf, dis := rowFor(keys[0]), rowFor(keys[1])
	if !strings.Contains(conf.top.Text, "confirmed") || !strings.Contains(dis.top.Text, "dismissed") {
		t.Errorf("rows say %q and %q", conf.top.Text, dis.top.Text)
	}
	if conf.top.Importance == dis.top.Importance && conf.top.TextStyle == dis.top.TextStyle {
		t.Error("confirmed and dismissed rows look the same")
	}
	for sev, want := range map[compare.Severity]string{compare.SeverityHigh: "●●●", compare.SeverityMedium: "●●○", compare.SeverityLow: "●○○"} {
		if got := severityScale(sev); got != want {
			t.Errorf("severity %s drawn %q, want %q", sev, got, want)
		}
	}
	if open := rowFor(keys[2%len(keys)]); len(keys) > 2 && !strings.Contains(open.top.Text, "●") {
		t.Errorf("open row %q has no severity scale", open.top.Text)
	}
}

// TestSettingsPerLibrary: the last story of one library is not taken for
// a story of another opened by the same app.
func TestSettingsPerLibrary(t *testing.T) {
	a := test.NewTempApp(t)
	st1, ferry := fixtureLibrary(t)
	mw1 := newMainWindow(a, library.New(st1))
	mw1.jobs.wait()
	other := addOtherStory(t, st1, "Lighthouse keeper retires", "The last keeper of the Varn light retired on Friday after forty years.")
	mw1.refreshStories(int(other))
	mw1.jobs.wait()
	if mw1.story.story.ID != other {
		t.Fatalf("library 1 shows %d, want %d", mw1.story.story.ID, other)
	}
	// A second library whose story ids overlap.
	st2, ferry2 := fixtureLibrary(t)
	addOtherStory(t, st2, "Harbour dues rise", "Harbour dues in Pellam rise by a tenth from April, the port said.")
	mw2 := newMainWindow(a, library.New(st2))
	mw2.jobs.wait()
	mw2.sidebar.selectStory(ferry2)
	mw2.jobs.wait()
	// Library 1 opens again on its own last story, not library 2's.
	mw1b := newMainWindow(a, library.New(st1))
	mw1b.jobs.wait()
	if mw1b.story == nil || mw1b.story.story.ID != other || other == ferry {
		t.Errorf("library 1 reopened on %v, want its last story %d", mw1b.story, other)
	}
}

// TestDatesSayWhatTheyAre: a story with no publication date shows its
// import date as such; a dated version's label carries its date.
func TestDatesSayWhatTheyAre(t *testing.T) {
	day := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	undated := parallax.Story{Versions: 1, Latest: day}
	if got := storySummary(undated); !strings.Contains(got, "imported 1 Dec 2026") {
		t.Errorf("undated story summary %q", got)
	}
	dated := parallax.Story{Versions: 1, Dated: true, Latest: day}
	if got := storySummary(dated); strings.Contains(got, "imported") || !strings.Contains(got, "1 Dec 2026") {
		t.Errorf("dated story summary %q", got)
	}
	d := &storyData{
		byVersion: map[string]*parallax.Article{"7": {ID: 7, Source: parallax.Source{Name: "Harbour Gazette"}, Published: day}},
		letters:   map[string]string{"7": "D"},
	}
	if got := d.label("7"); got != "D · Harbour Gazette · 1 Dec 2026" {
		t.Errorf("label %q", got)
	}
}

// TestFirstRunOffersEveryWayIn: an empty library shows a drop target and a
// button for each way to start; dropping a folder there asks where the
// versions go and imports them.
func TestFirstRunOffersEveryWayIn(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	mw := newMainWindow(test.NewTempApp(t), library.New(st))
	mw.win.Resize(fyne.NewSize(1280, 720))
	mw.jobs.wait()
	var texts []string
	walkObjects(mw.body, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Button:
			texts = append(texts, x.Text)
		case *widget.Label:
			texts = append(texts, x.Text)
		}
	})
	all := strings.Join(texts, "\n")
	for _, want := range []string{"Drop files or folders", "Import files", "Import a folder", "Paste", "feeds"} {
		if !strings.Contains(all, want) {
			t.Errorf("the empty state lacks %q:\n%s", want, all)
		}
	}
	abs, _ := filepath.Abs("testdata/ferry")
	mw.onDropped(fyne.NewPos(600, 300), []fyne.URI{storage.NewFileURI(abs)})
	if mw.dialogs.top() == nil {
		t.Fatal("a drop asks nothing")
	}
	pressKey(mw.win.Canvas(), fyne.KeyReturn)
	mw.jobs.wait()
	pressKey(mw.win.Canvas(), fyne.KeyReturn) // the summary
	if mw.story == nil || len(mw.story.articles) != 5 || mw.body.Objects[0] != mw.split {
		t.Fatalf("after the drop the window shows %v", mw.story)
	}
}

// TestOverviewFitsWindow: at 1280×720 and 1440×900 the five versions of
// the fixture all fit the overview's width, and the wider window gives
// them more room.
func TestOverviewFitsWindow(t *testing.T) {
	mw, _, _ := openFixture(t)
	ov := mw.overview
	mw.showTab("Overview")
	prev := float32(0)
	for _, size := range []fyne.Size{fyne.NewSize(1280, 720), fyne.NewSize(1440, 900)} {
		mw.win.Resize(size)
		w := ov.watcher.width
		if w <= 0 || w > size.Width {
			t.Fatalf("%v: the overview is %.0f wide", size, w)
		}
		sep := ov.table.Theme().Size(theme.SizeNamePadding)
		sum := float32(0)
		for _, c := range ov.colWidths {
			sum += c + sep
		}
		if len(ov.colWidths) != len(ov.versions)+1 || sum > w {
			t.Errorf("%v: %d columns need %.0f, the overview is %.0f wide: it scrolls sideways", size, len(ov.colWidths), sum, w)
		}
		if ov.colWidths[1] <= prev {
			t.Errorf("%v: version columns %.0f wide, no wider than at the smaller size", size, ov.colWidths[1])
		}
		prev = ov.colWidths[1]
	}
}

// TestLongTextShownInFull: the reader shows a long headline whole, and
// the compare summary wraps instead of cutting.
func TestLongTextShownInFull(t *testing.T) {
	long := "Ferry runs aground off Pellam Island in thick fog after its radar failed, and the coastguard tows it to Brackwater"
	segs := articleSegments("A", &parallax.Article{Title: long})
	if got := segs[0].(*widget.TextSegment).Text; got != long {
		t.Errorf("reader headline %q, want it whole", got)
	}
	mw, _, _ := openFixture(t)
	if mw.compare.info.Truncation != fyne.TextTruncateOff || mw.compare.info.Wrapping != fyne.TextWrapWord {
		t.Error("the compare summary is cut, not wrapped")
	}
}

// overlayRadio is the radio group in the dialog on top.
func overlayRadio(t *testing.T, mw *mainWindow) *widget.RadioGroup {
	t.Helper()
	var r *widget.RadioGroup
	walkObjects(mw.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if x, ok := o.(*widget.RadioGroup); ok {
			r = x
		}
	})
	if r == nil {
		t.Fatal("the dialog has no choice of destination")
	}
	return r
}

// TestImportDialogDestinationsAndTypes imports a folder through the
// dialog: only the chosen file type, grouped automatically; then a file
// into the open story, then one into a new story.
func TestImportDialogDestinationsAndTypes(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	mw := newMainWindow(test.NewTempApp(t), library.New(st))
	mw.win.Resize(fyne.NewSize(1280, 720))
	mw.jobs.wait()
	c := mw.win.Canvas()
	dir := t.TempDir()
	ents, _ := os.ReadDir("testdata/ferry")
	for _, e := range ents {
		data, _ := os.ReadFile(filepath.Join("testdata/ferry", e.Name()))
		os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "desk-notes.md"), []byte("# Desk notes\n\nCall the coastguard press office about the passenger count before noon.\n"), 0o644)

	mw.askTarget([]string{dir})
	radio := overlayRadio(t, mw)
	if radio.Selected != intoAutomatic || !slices.Contains(radio.Options, intoNew) {
		t.Fatalf("destinations %v, selected %q", radio.Options, radio.Selected)
	}
	types := overlayPicker(t, mw)
	types.SetSelected(fileTypes[1].label) // plain text only
	pressKey(c, fyne.KeyReturn)
	mw.jobs.wait()
	pressKey(c, fyne.KeyReturn) // the summary
	n, _ := st.CountArticles(context.Background())
	if n != len(ents) {
		t.Fatalf("%d articles imported, want the %d text files and not the Markdown note", n, len(ents))
	}
	stories, _ := st.Stories(context.Background())
	if len(stories) == 0 || len(stories) > 2 {
		t.Errorf("automatic grouping made %d stories of one event's versions", len(stories))
	}
	open := mw.story.story.ID
	before := len(mw.story.articles)

	// The note, into the open story.
	note := filepath.Join(dir, "desk-notes.md")
	mw.askTarget([]string{note})
	radio = overlayRadio(t, mw)
	radio.SetSelected(radio.Options[1])
	pressKey(c, fyne.KeyReturn)
	mw.jobs.wait()
	pressKey(c, fyne.KeyReturn)
	arts, _ := st.StoryArticles(context.Background(), open)
	if len(arts) != before+1 {
		t.Fatalf("the open story has %d versions, want %d", len(arts), before+1)
	}

	// A pasted text into a new story.
	mw.chooseTarget("the pasted text", func(tg importTarget) {
		mw.importPasted("Harbour dues rise\n\nHarbour dues in Pellam rise by a tenth from April, the port said.\n", tg)
	})
	radio = overlayRadio(t, mw)
	radio.SetSelected(intoNew)
	pressKey(c, fyne.KeyReturn)
	mw.jobs.wait()
	pressKey(c, fyne.KeyReturn)
	after, _ := st.Stories(context.Background())
	if len(after) != len(stories)+1 {
		t.Errorf("after the paste into a new story: %d stories, want %d", len(after), len(stories)+1)
	}
}

// TestEscapeAfterClickingAChoice: a radio button or check box clicked in
// a dialog does not keep Escape from closing it.
func TestEscapeAfterClickingAChoice(t *testing.T) {
	mw, _, _ := openFixture(t)
	c := mw.win.Canvas()
	for name, open := range map[string]func(){
		"import target": func() { mw.askTarget([]string{"testdata/ferry"}) },
		"export":        mw.onExport,
	} {
		t.Run(name, func(t *testing.T) {
			open()
			// Click the last radio button or check box, as a user would.
			var target fyne.Tappable
			walkObjects(c.Overlays().Top(), func(o fyne.CanvasObject) {
				if _, ok := o.(fyne.Focusable); !ok {
					return
				}
				switch o.(type) {
				case *widget.Check, *keyEntry, *picker, *widget.Button:
					if _, isCheck := o.(*widget.Check); !isCheck {
						return
					}
				}
				if tp, ok := o.(fyne.Tappable); ok {
					target = tp
				}
			})
			if target == nil {
				t.Fatal("no radio button or check box in the dialog")
			}
			test.Tap(target)
			if c.Focused() != nil {
				t.Fatalf("focus kept by %T", c.Focused())
			}
			pressKey(c, fyne.KeyEscape)
			if c.Overlays().Top() != nil {
				t.Error("the dialog stays open after Escape")
			}
		})
	}
}
