package ui

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/library"
	"github.com/parallax-news/parallax/report"
	"github.com/parallax-news/parallax/store"
)

// fixtureLibrary opens a new library in a temporary folder holding the
// story in testdata/ferry (five versions) and returns it with the story id.
func fixtureLibrary(t testing.TB) (*store.Store, int64) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var storyID int64
	ingest.Walk([]string{"testdata/ferry"}, nil, ingest.Options{}, func(r ingest.Result) {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Path, r.Err)
		}
		r.Article.StoryID = storyID
		if err := st.AddArticle(context.Background(), r.Article, "Pellam ferry grounding"); err != nil {
			t.Fatalf("%s: %v", r.Path, err)
		}
		storyID = r.Article.StoryID
	})
	return st, storyID
}

// openFixture builds the main window on the fixture library, sized like a
// laptop screen, with every startup job finished.
func openFixture(t testing.TB) (*mainWindow, *store.Store, int64) {
	t.Helper()
	a := test.NewTempApp(t)
	st, id := fixtureLibrary(t)
	mw := newMainWindow(a, library.New(st))
	mw.win.Resize(fyne.NewSize(1400, 900))
	mw.jobs.wait()
	return mw, st, id
}

func TestStartupSelectsStoryAndShowsVersions(t *testing.T) {
	mw, _, id := openFixture(t)
	if mw.story == nil || mw.story.story.ID != id {
		t.Fatalf("story shown = %v, want the fixture story %d", mw.story, id)
	}
	if got := mw.versions.list.Length(); got != 5 {
		t.Errorf("versions listed = %d, want 5", got)
	}
	if len(mw.sidebar.stories) != 1 || mw.sidebar.stories[0].Versions != 5 {
		t.Errorf("sidebar stories = %+v, want one story with 5 versions", mw.sidebar.stories)
	}
	if got := mw.win.Title(); !strings.Contains(got, "Pellam ferry grounding") {
		t.Errorf("window title = %q", got)
	}
	// The reader shows the first version and marks it read.
	first := mw.story.articles[0]
	if mw.reader.article != first || !first.Read {
		t.Errorf("reader shows %v (read %v), want the first version, read", mw.reader.article.Title, first.Read)
	}
	if !strings.Contains(mw.reader.text.String(), first.Title) {
		t.Errorf("reader text lacks the title %q", first.Title)
	}
}

func TestSelectVersionAndStar(t *testing.T) {
	mw, st, _ := openFixture(t)
	mw.versions.list.Select(2)
	mw.jobs.wait()
	a := mw.story.articles[2]
	if mw.reader.article != a {
		t.Fatalf("reader shows %q, want %q", mw.reader.article.Title, a.Title)
	}
	test.Tap(mw.reader.star)
	mw.jobs.wait()
	got, err := st.Article(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Starred || !got.Read {
		t.Errorf("stored article starred=%v read=%v, want both true", got.Starred, got.Read)
	}
}

func TestCompareViewDefaultsToMostDifferentPair(t *testing.T) {
	mw, _, _ := openFixture(t)
	d := mw.story
	a, b, ok := d.mostDifferentPair()
	if !ok {
		t.Fatal("no pair")
	}
	if mw.compare.va != a || mw.compare.vb != b {
		t.Errorf("compare pair = %s,%s, want the most different %s,%s", mw.compare.va, mw.compare.vb, a, b)
	}
	share := func(x, y string) float64 {
		for _, p := range d.cmp.Provenance {
			if (p.A == x && p.B == y) || (p.A == y && p.B == x) {
				return p.VerbatimShare
			}
		}
		return -1
	}
	for _, p := range d.cmp.Provenance {
		if p.VerbatimShare < share(a, b) {
			t.Errorf("pair %s,%s shares %.2f, less than the chosen %.2f", p.A, p.B, p.VerbatimShare, share(a, b))
		}
	}
	if len(mw.compare.rows) == 0 {
		t.Fatal("no rows")
	}
	// Every paragraph of both versions appears in some row.
	for _, v := range []string{a, b} {
		for _, p := range d.cmp.Version(v).Paragraphs {
			if rowOf(mw.compare.rows, compare.ParaRef{Version: v, Paragraph: p.Index}) < 0 {
				t.Errorf("version %s ¶%d is in no row", d.letters[v], p.Index)
			}
		}
	}
}

func TestComparePairIsRemembered(t *testing.T) {
	mw, st, _ := openFixture(t)
	ids := mw.story.versionIDs()
	mw.compare.pickA.SetSelected(mw.story.label(ids[3]))
	mw.compare.pickB.SetSelected(mw.story.label(ids[4]))
	if mw.compare.va != ids[3] || mw.compare.vb != ids[4] {
		t.Fatalf("pair = %s,%s after picking %s,%s", mw.compare.va, mw.compare.vb, ids[3], ids[4])
	}
	// A second window on the same preferences opens the story on that pair.
	mw2 := newMainWindow(mw.app, library.New(st))
	mw2.jobs.wait()
	if mw2.compare.va != ids[3] || mw2.compare.vb != ids[4] {
		t.Errorf("reopened pair = %s,%s, want %s,%s", mw2.compare.va, mw2.compare.vb, ids[3], ids[4])
	}
}

func TestSelectingFlagMovesCompareViewToItsRow(t *testing.T) {
	mw, _, _ := openFixture(t)
	if len(mw.story.cmp.Flags) == 0 {
		t.Fatal("the fixture story has no flags; the test needs some")
	}
	checked := 0
	for i, it := range mw.flags.items {
		if it.flag == nil {
			continue
		}
		f := *it.flag
		mw.flags.list.Select(i)
		cv := mw.compare
		if cv.va != f.Version && cv.vb != f.Version {
			t.Errorf("flag %s: version %s not in the compared pair %s,%s", f.Key, f.Version, cv.va, cv.vb)
			continue
		}
		want := rowOf(cv.rows, compare.ParaRef{Version: f.Version, Paragraph: f.Paragraph})
		if f.Paragraph == 0 { // a passage the version lacks
			want = rowOfPassage(cv.rows, f.Passage)
			if want >= 0 && !cv.rows[want].b.empty() && cv.rows[want].b.ref.Version == f.Version {
				t.Errorf("flag %s: missing passage row %d shows a %s paragraph", f.Key, want, f.Version)
			}
		}
		if want < 0 || cv.selected != want {
			t.Errorf("flag %s (¶%d): selected row %d, want %d", f.Key, f.Paragraph, cv.selected, want)
			continue
		}
		if f.Paragraph == 0 {
			checked++
			continue
		}
		if mw.center.Selected().Text != "Compare" {
			t.Errorf("flag %s: tab %q in front, want Compare", f.Key, mw.center.Selected().Text)
		}
		// The flag's span is drawn in the focus style.
		row := cv.rows[want]
		cell := row.a
		if row.b.ref.Version == f.Version && row.b.ref.Paragraph == f.Paragraph {
			cell = row.b
		}
		content := cv.cellView(cell, f.Version)
		focused := focusedText(content.runs)
		wantText := string([]rune(cell.text)[f.Start:f.End])
		if f.End > f.Start && !strings.Contains(focused, strings.TrimSpace(wantText)) {
			t.Errorf("flag %s: focused text %q, want it to hold %q", f.Key, focused, wantText)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no flag row was checked")
	}
}

// focusedText joins the text of runs drawn as the focused flag.
func focusedText(runs []textRun) string {
	var b strings.Builder
	for _, r := range runs {
		if r.st.focus {
			b.WriteString(r.text)
		}
	}
	return b.String()
}

func TestConfirmFlagIsStoredAndUndone(t *testing.T) {
	mw, st, id := openFixture(t)
	i := slices.IndexFunc(mw.flags.items, func(it flagItem) bool { return it.flag != nil })
	if i < 0 {
		t.Fatal("no flag")
	}
	f := *mw.flags.items[i].flag
	mw.flags.list.Select(i)
	test.Type(mw.flags.note, "checked with the harbour office")
	test.Tap(mw.flags.confirm)
	mw.jobs.wait()

	stored, err := mw.lib.Decisions(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	got := stored[f.Key]
	if got.Status != parallax.StatusConfirmed || got.Note != "checked with the harbour office" {
		t.Errorf("stored decision = %+v, want confirmed with the note", got)
	}
	if mw.story.status(f.Key) != parallax.StatusConfirmed {
		t.Errorf("shown status = %s", mw.story.status(f.Key))
	}
	// A new window on the library sees it: it is in the file, not in memory.
	mw2 := newMainWindow(test.NewTempApp(t), library.New(st))
	mw2.jobs.wait()
	if s := mw2.story.status(f.Key); s != parallax.StatusConfirmed {
		t.Errorf("after reopening, status = %s", s)
	}
	mw.onUndo()
	mw.jobs.wait()
	stored, _ = mw.lib.Decisions(context.Background(), id)
	if s := stored[f.Key].Status; s != parallax.StatusOpen {
		t.Errorf("after undo, stored status = %s, want open", s)
	}
}

func TestFlagFilters(t *testing.T) {
	mw, _, _ := openFixture(t)
	all := countFlags(mw.flags.items)
	if all != len(mw.story.cmp.Flags) {
		t.Fatalf("listed %d flags, comparison has %d", all, len(mw.story.cmp.Flags))
	}
	i := slices.IndexFunc(mw.flags.items, func(it flagItem) bool { return it.flag != nil })
	mw.flags.list.Select(i)
	test.Tap(mw.flags.dismiss)
	mw.jobs.wait()
	mw.flags.statFilter.SetSelected(filterOpen)
	if got := countFlags(mw.flags.items); got != all-1 {
		t.Errorf("open flags listed = %d, want %d", got, all-1)
	}
	mw.flags.statFilter.SetSelected(filterDismissed)
	if got := countFlags(mw.flags.items); got != 1 {
		t.Errorf("dismissed flags listed = %d, want 1", got)
	}
	mw.flags.statFilter.SetSelected(filterAll)
	kind := mw.story.cmp.Flags[0].Kind
	mw.flags.kindFilter.SetSelected(kindTitle(kind))
	for _, it := range mw.flags.items {
		if it.flag != nil && it.flag.Kind != kind {
			t.Errorf("kind filter %s lets %s through", kind, it.flag.Kind)
		}
	}
	if mw.sidebar.stories[0].OpenFlags != all-1 {
		t.Errorf("sidebar open flags = %d, want %d", mw.sidebar.stories[0].OpenFlags, all-1)
	}
}

func countFlags(items []flagItem) int {
	n := 0
	for _, it := range items {
		if it.flag != nil {
			n++
		}
	}
	return n
}

func TestSearchAsYouType(t *testing.T) {
	mw, _, id := openFixture(t)
	test.Type(mw.sidebar.search, "Warnholt")
	mw.jobs.wait()
	if len(mw.sidebar.hits) != 1 {
		t.Fatalf("hits for Warnholt = %d, want 1 (only the translation spells it so)", len(mw.sidebar.hits))
	}
	h := mw.sidebar.hits[0]
	if h.StoryID != id || !strings.Contains(strings.ToLower(h.Snippet), "warnholt") {
		t.Errorf("hit = %+v", h)
	}
	if mw.sidebar.stack.Objects[0] != mw.sidebar.hitList {
		t.Error("the hit list is not shown")
	}
	// Selecting the hit opens that article in the reader.
	mw.sidebar.hitList.Select(0)
	mw.jobs.wait()
	if mw.reader.article == nil || mw.reader.article.ID != h.ArticleID {
		t.Errorf("reader shows %v, want article %d", mw.reader.article, h.ArticleID)
	}

	mw.sidebar.search.SetText("")
	test.Type(mw.sidebar.search, "sandbank")
	mw.jobs.wait()
	if len(mw.sidebar.hits) < 3 {
		t.Errorf("hits for sandbank = %d, want at least 3", len(mw.sidebar.hits))
	}
	mw.sidebar.search.SetText("zeppelin")
	mw.jobs.wait()
	if len(mw.sidebar.hits) != 0 || !strings.Contains(mw.sidebar.info.Text, "No article") {
		t.Errorf("hits for zeppelin = %d, info %q", len(mw.sidebar.hits), mw.sidebar.info.Text)
	}
	mw.sidebar.search.SetText("")
	if mw.sidebar.stack.Objects[0] != mw.sidebar.list {
		t.Error("clearing the search does not bring back the stories")
	}
}

func TestOverviewCellOpensPairAtPassage(t *testing.T) {
	mw, _, _ := openFixture(t)
	ov := mw.overview
	if len(ov.grid) != len(mw.story.cmp.Passages) || len(ov.versions) != 5 {
		t.Fatalf("grid %dx%d, want %d passages x 5", len(ov.grid), len(ov.versions), len(mw.story.cmp.Passages))
	}
	// Click the first present cell of the last version column.
	col := len(ov.versions) - 1
	row := slices.IndexFunc(ov.grid, func(r []heatCell) bool { return r[col].present })
	if row < 0 {
		t.Fatal("the last version carries no passage")
	}
	ov.table.Select(widget.TableCellID{Row: row, Col: col + 1})
	cv := mw.compare
	if cv.vb != ov.versions[col] {
		t.Errorf("compare B = %s, want %s", cv.vb, ov.versions[col])
	}
	if cv.selected < 0 || cv.rows[cv.selected].passage != row {
		t.Errorf("selected row %d is not of passage %d", cv.selected, row)
	}
	if mw.center.Selected().Text != "Compare" {
		t.Error("the compare tab is not shown")
	}
}

func TestNotesAddJumpDeleteUndo(t *testing.T) {
	mw, _, id := openFixture(t)
	cv := mw.compare
	r := slices.IndexFunc(cv.rows, func(r compareRow) bool { return !r.a.empty() && strings.Contains(r.a.text, " ") })
	cell := cv.rows[r].a
	words := strings.Fields(cell.text)
	quote := words[1] + " " + words[2]
	n := parallax.Note{StoryID: id, ArticleID: mw.story.byVersion[cell.ref.Version].ID, Paragraph: cell.ref.Paragraph, Text: "ask the desk"}
	n.Start, n.End, n.Quote = noteSpan(cell.text, quote)
	if n.Quote != quote {
		t.Fatalf("noteSpan did not find %q", quote)
	}
	mw.saveNote(&n)
	mw.jobs.wait()
	if len(mw.story.notes) != 1 || mw.notes.list.Length() != 1 {
		t.Fatalf("notes = %d, listed %d, want 1", len(mw.story.notes), mw.notes.list.Length())
	}
	cv.list.Select(0)
	mw.notes.list.Select(0)
	if cv.selected != r {
		t.Errorf("note jump selected row %d, want %d", cv.selected, r)
	}
	test.Tap(mw.notes.del)
	mw.jobs.wait()
	if len(mw.story.notes) != 0 {
		t.Fatalf("after delete, %d notes", len(mw.story.notes))
	}
	mw.onUndo()
	mw.jobs.wait()
	if len(mw.story.notes) != 1 || mw.story.notes[0].Text != "ask the desk" {
		t.Errorf("after undo, notes = %+v", mw.story.notes)
	}
}

func TestImportSummary(t *testing.T) {
	a := test.NewTempApp(t)
	st, err := store.Open(filepath.Join(t.TempDir(), "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	mw := newMainWindow(a, library.New(st))
	mw.win.Resize(fyne.NewSize(1200, 800))
	mw.jobs.wait()
	if len(mw.body.Objects) != 1 || mw.body.Objects[0] == mw.split {
		t.Fatal("an empty library does not show the empty state")
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "one.txt"), "Ferry resumes service\n\nThe Saint Odile sailed again on Monday after repairs, the operator said.\n")
	writeFile(t, filepath.Join(dir, "blob.bin"), "\x00\x01\x02\x03binary\x00")
	writeFile(t, filepath.Join(dir, "empty.txt"), "   \n")

	var sum importSummary
	im := mw.lib.NewImporter(library.Target{NewTitle: "Ferry service"})
	ingest.Walk([]string{dir, "testdata/ferry/wire.txt"}, nil, ingest.Options{}, func(r ingest.Result) {
		sum.add(filepath.Base(r.Path), im.Add(context.Background(), r))
	})
	if sum.imported != 2 || sum.duplicates != 0 || len(sum.refused) != 2 {
		t.Errorf("summary = %+v, want 2 imported, 2 refused", sum)
	}
	for _, r := range sum.refused {
		if !strings.Contains(r, "blob.bin") && !strings.Contains(r, "empty.txt") {
			t.Errorf("unexpected refusal %q", r)
		}
	}
	if !strings.Contains(sum.String(), "Refused: 2") {
		t.Errorf("summary text = %q", sum.String())
	}
	mw.importDone(sum, nil)
	mw.jobs.wait()
	if mw.story == nil || mw.story.story.Title != "Ferry service" || len(mw.story.articles) != 2 {
		t.Fatalf("after import, story = %+v", mw.story)
	}
	if mw.body.Objects[0] != mw.split {
		t.Error("the empty state stays after an import")
	}
	// The same files again are duplicates; both went into one story.
	var again importSummary
	im = mw.lib.NewImporter(library.Target{StoryID: mw.story.story.ID})
	ingest.Walk([]string{dir}, nil, ingest.Options{}, func(r ingest.Result) {
		again.add(filepath.Base(r.Path), im.Add(context.Background(), r))
	})
	if again.imported != 0 || again.duplicates != 1 {
		t.Errorf("second import = %+v, want 1 duplicate", again)
	}
}

func TestOpenFiveVersionStoryMeasured(t *testing.T) {
	mw, _, id := openFixture(t)
	// Time a cold open: no cached comparison, story not shown yet.
	mw.story = nil
	d, err := measureOpen(mw, id)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("opening the 5-version story in the compare view took %v (target 200ms)", d)
	if !raceEnabled && d.Milliseconds() > 2000 {
		t.Errorf("opening took %v, far over the 200 ms target", d)
	}
}

func BenchmarkOpenStoryCompareView(b *testing.B) {
	mw, _, id := openFixture(b)
	for b.Loop() {
		mw.story = nil
		if _, err := measureOpen(mw, id); err != nil {
			b.Fatal(err)
		}
	}
}

func TestEmptyLibraryOffersDemo(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	loaded := false
	defer func(was func(context.Context, *library.Library) error) { loadDemo = was }(loadDemo)
	loadDemo = func(ctx context.Context, s *library.Library) error {
		loaded = true
		var id int64
		ingest.Walk([]string{"testdata/ferry"}, nil, ingest.Options{}, func(r ingest.Result) {
			r.Article.StoryID = id
			if err := s.AddArticle(context.Background(), r.Article, "Demo ferry"); err != nil {
				t.Error(err)
			}
			id = r.Article.StoryID
		})
		return nil
	}
	mw := newMainWindow(test.NewTempApp(t), library.New(st))
	mw.win.Resize(fyne.NewSize(1200, 800))
	mw.jobs.wait()
	if mw.demoButton == nil {
		t.Fatal("the empty state offers no demo")
	}
	test.Tap(mw.demoButton)
	mw.jobs.wait()
	if !loaded || mw.story == nil || len(mw.story.articles) != 5 {
		t.Fatalf("after loading the demo: loaded %v, story %+v", loaded, mw.story)
	}
	if mw.body.Objects[0] != mw.split {
		t.Error("the empty state is still shown")
	}
}

func TestComparisonIsCached(t *testing.T) {
	mw, _, id := openFixture(t)
	first := mw.story
	d, err := loadStory(context.Background(), mw.lib, id)
	if err != nil {
		t.Fatal(err)
	}
	if first.fromCache || !d.fromCache {
		t.Errorf("fromCache first %v then %v, want false then true", first.fromCache, d.fromCache)
	}
	if len(d.cmp.Flags) != len(first.cmp.Flags) || len(d.cmp.Pairs) != len(first.cmp.Pairs) {
		t.Errorf("cached comparison differs: %d flags %d pairs, computed %d %d",
			len(d.cmp.Flags), len(d.cmp.Pairs), len(first.cmp.Flags), len(first.cmp.Pairs))
	}
	// The sidebar's open-flag count comes from the cache after a restart.
	mw2 := newMainWindow(test.NewTempApp(t), mw.lib)
	mw2.jobs.wait()
	if got := mw2.sidebar.stories[0].OpenFlags; got != len(first.cmp.Flags) {
		t.Errorf("open flags after restart = %d, want %d", got, len(first.cmp.Flags))
	}
}

func TestPasteAddsVersionToCurrentStory(t *testing.T) {
	mw, st, id := openFixture(t)
	mw.app.Clipboard().SetContent("Pellam ferry back in service\n\nThe Saint Odile returned to the Pellam Island route on Monday after repairs to its hull, Sound Lines said.\n")
	mw.onPasteVersion() // asks where to put it; answer as the dialog would
	mw.importPasted(mw.app.Clipboard().Content(), importTarget{storyID: id})
	mw.jobs.wait()
	arts, err := st.StoryArticles(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 6 {
		t.Fatalf("story has %d versions after the paste, want 6", len(arts))
	}
	if mw.story == nil || len(mw.story.articles) != 6 {
		t.Errorf("the window shows %v, want the story with 6 versions", mw.story)
	}
	// Pasting the same text again is a duplicate, not a seventh version.
	mw.importPasted(mw.app.Clipboard().Content(), importTarget{storyID: id})
	mw.jobs.wait()
	if arts, _ = st.StoryArticles(context.Background(), id); len(arts) != 6 {
		t.Errorf("after pasting twice, %d versions", len(arts))
	}
}

func TestWindowSizeRemembered(t *testing.T) {
	mw, st, _ := openFixture(t)
	mw.win.Resize(fyne.NewSize(1111, 777))
	mw.onClose()
	if w, h := mw.prefs.Float(prefWidth), mw.prefs.Float(prefHeight); w != 1111 || h != 777 {
		t.Errorf("remembered %vx%v, want 1111x777", w, h)
	}
	mw2 := newMainWindow(mw.app, library.New(st))
	mw2.jobs.wait()
	if got := mw2.win.Canvas().Size(); got.Width != 1111 || got.Height != 777 {
		t.Errorf("reopened at %v, want 1111x777", got)
	}
}

func TestForgottenLastStoryFallsBackToNewest(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetInt(prefLastStory, 987654) // from another library
	st, id := fixtureLibrary(t)
	mw := newMainWindow(a, library.New(st))
	mw.jobs.wait()
	if mw.story == nil || mw.story.story.ID != id {
		t.Errorf("shown story %v, want the only story %d", mw.story, id)
	}
	if got := mw.sidebar.info.Text; got != "1 story" {
		t.Errorf("sidebar says %q", got)
	}
}

func TestExportReportDocument(t *testing.T) {
	mw, _, _ := openFixture(t)
	i := slices.IndexFunc(mw.flags.items, func(it flagItem) bool { return it.flag != nil })
	mw.flags.list.Select(i)
	test.Tap(mw.flags.confirm)
	mw.jobs.wait()
	doc := reportDocument(mw.story)
	if doc.Comparison != mw.story.cmp || len(doc.Decisions) != 1 || len(doc.ArticleOf) != 5 {
		t.Fatalf("document: comparison %v, %d decisions, %d articles", doc.Comparison != nil, len(doc.Decisions), len(doc.ArticleOf))
	}
	var b strings.Builder
	if err := report.Write(&b, report.FormatMarkdown, doc, report.DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Pellam ferry grounding") {
		t.Errorf("the markdown report lacks the story title:\n%.400s", b.String())
	}
	for _, tc := range []struct{ title, want string }{
		{"Pellam ferry grounding", "pellam-ferry-grounding"},
		{"  «Ça va?»  ", "ça-va"},
		{"", "report"},
	} {
		if got := safeFileName(tc.title); got != tc.want {
			t.Errorf("safeFileName(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
}
