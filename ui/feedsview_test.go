package ui

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/library"
	"github.com/parallax-news/parallax/store"
)

// feedServer serves testdata/feeds: a working RSS feed with three item
// pages, a feed that is gone (404), a feed address that is an HTML page,
// and a feed that answers too slowly.
func feedServer(t *testing.T) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	mux := http.NewServeMux()
	mux.HandleFunc("/harbour.xml", func(w http.ResponseWriter, r *http.Request) {
		b, err := os.ReadFile("testdata/feeds/harbour.xml")
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write([]byte(strings.ReplaceAll(string(b), "{{BASE}}", srv.URL)))
	})
	mux.HandleFunc("/frontpage.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		http.ServeFile(w, r, "testdata/feeds/frontpage.html")
	})
	mux.HandleFunc("/slow.xml", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.Handle("/pages/", http.StripPrefix("/pages/", http.FileServer(http.Dir("testdata/feeds/pages"))))
	srv = httptest.NewServer(mux) // anything else is a 404
	t.Cleanup(srv.Close)
	return srv
}

// openEmptyLibrary builds the main window on a new, empty library.
func openEmptyLibrary(t *testing.T) (*mainWindow, *store.Store) {
	t.Helper()
	a := test.NewTempApp(t)
	st, err := store.Open(filepath.Join(t.TempDir(), "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	mw := newMainWindow(a, library.New(st))
	mw.win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(mw.feeds.stopAutoRefresh)
	mw.jobs.wait()
	return mw, st
}

// openFeedsFixture builds the main window on the fixture library, whose
// story is open: new feed articles are not shown, so none gets read.
func openFeedsFixture(t *testing.T) (*mainWindow, *store.Store) {
	t.Helper()
	mw, st, _ := openFixture(t)
	t.Cleanup(mw.feeds.stopAutoRefresh)
	return mw, st
}

// subscribe types addr in the sidebar's address field and taps
// Subscribe.
func subscribe(t *testing.T, mw *mainWindow, addr string) {
	t.Helper()
	fv := mw.feeds
	fv.side.url.SetText("")
	test.Type(fv.side.url, addr)
	test.Tap(fv.side.add)
	mw.jobs.wait()
}

// showFeeds brings the sidebar's Feeds tab to the front, as a click on it
// does, and checks the main area shows the feed page.
func showFeeds(t *testing.T, mw *mainWindow) {
	t.Helper()
	mw.leftTabs.Select(mw.feedsTab)
	mw.jobs.wait()
	if !mw.feedsShown() || mw.main.Objects[0] != mw.feedPage {
		t.Fatalf("the Feeds tab does not show the feed page (tab %v)", mw.leftTabs.Selected().Text)
	}
}

// shownFeedRows are the feed rows the sidebar draws, by feed title; none
// while the Feeds tab is not in front.
func shownFeedRows(mw *mainWindow) map[string]*feedRow {
	rows := map[string]*feedRow{}
	if !mw.feedsShown() {
		return rows
	}
	for _, o := range test.LaidOutObjects(mw.feeds.side.list) {
		if r, ok := o.(*feedRow); ok && r.Visible() && r.title.Text != "" {
			rows[r.title.Text] = r
		}
	}
	return rows
}

// chooseFeedByHand shows the feeds and chooses feed id, as a click on its
// row does.
func chooseFeedByHand(mw *mainWindow, id int64) {
	mw.showFeedsTab()
	mw.jobs.wait()
	mw.feeds.side.list.Select(mw.feeds.indexOf(id))
	mw.jobs.wait()
}

// tapMenuItem taps the item labelled label in pop.
func tapMenuItem(t *testing.T, pop *widget.Menu, label string) {
	t.Helper()
	var labels []string
	for _, it := range pop.Items {
		found := false
		walkObjects(it, func(o fyne.CanvasObject) {
			if x, ok := o.(*canvas.Text); ok {
				labels = append(labels, x.Text)
				found = found || x.Text == label
			}
		})
		if tp, ok := it.(fyne.Tappable); ok && found {
			test.Tap(tp)
			return
		}
	}
	t.Fatalf("no %q in the menu %q", label, labels)
}

// chooseFeed taps feed id's row in the sidebar.
func chooseFeed(t *testing.T, mw *mainWindow, id int64) {
	t.Helper()
	i := mw.feeds.indexOf(id)
	if i < 0 {
		t.Fatalf("feed %d is not listed", id)
	}
	mw.feeds.side.list.Select(i)
	mw.jobs.wait()
}

// overlayButton finds the button labelled text on the top overlay.
func overlayButton(t *testing.T, mw *mainWindow, text string) *widget.Button {
	t.Helper()
	for _, o := range test.LaidOutObjects(mw.win.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no %q button on the top overlay", text)
	return nil
}

func feedByURL(t *testing.T, st *store.Store, u string) parallax.Subscription {
	t.Helper()
	subs, err := st.Feeds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range subs {
		if s.URL == u {
			return s
		}
	}
	t.Fatalf("no feed %s in the library (%d feeds)", u, len(subs))
	return parallax.Subscription{}
}

func TestFeedsAddRefreshAndReadItems(t *testing.T) {
	srv := feedServer(t)
	mw, st := openEmptyLibrary(t)
	fv := mw.feeds

	// Feeds ▸ Subscribe (Ctrl+Shift+F) shows the feeds in the sidebar,
	// the feed page in the main area, and puts the cursor in the address
	// field: no dialog.
	mw.openFeeds()
	mw.jobs.wait()
	if !mw.feedsShown() || mw.main.Objects[0] != mw.feedPage || mw.body.Objects[0] != mw.split {
		t.Fatal("Subscribe does not show the feeds in the window")
	}
	if mw.win.Canvas().Focused() != fv.side.url {
		t.Errorf("focus on %T, want the address field", mw.win.Canvas().Focused())
	}
	if mw.win.Canvas().Overlays().Top() != nil {
		t.Error("the feeds opened a dialog")
	}

	for _, bad := range []string{"ftp://example.org/feed", "harbour.xml", "http://"} {
		subscribe(t, mw, bad)
		if len(fv.subs) != 0 || !strings.Contains(fv.page.notice.Text, "http") {
			t.Errorf("address %q: feeds %d, notice %q; want it refused with a reason", bad, len(fv.subs), fv.page.notice.Text)
		}
	}

	subscribe(t, mw, srv.URL+"/harbour.xml")
	sub := feedByURL(t, st, srv.URL+"/harbour.xml")
	if sub.Title != "Orvane Harbour Courier" || sub.LastError != "" || sub.LastChecked.IsZero() {
		t.Fatalf("stored feed %+v, want the feed's title, refreshed without error", sub)
	}
	if !strings.Contains(fv.page.notice.Text, "3 new articles from 1 feed") {
		t.Errorf("notice %q", fv.page.notice.Text)
	}
	if fv.side.progress.Visible() || fv.side.reading != 0 {
		t.Error("the refresh's progress is still shown after it ended")
	}

	// The new feed is chosen and its items listed in the main area,
	// newest first. The library was empty, so the newest story opened
	// behind the feeds; its article is not read, since nobody saw it.
	if fv.selected != sub.ID || fv.page.items.Length() != 3 {
		t.Fatalf("selected feed %d with %d items, want feed %d with 3", fv.selected, fv.page.items.Length(), sub.ID)
	}
	if got := fv.page.title.Text; got != "Orvane Harbour Courier" {
		t.Errorf("page title %q", got)
	}
	if got := fv.articles[0].Title; got != "Orvane terminal shut after crane falls" {
		t.Errorf("newest item %q", got)
	}
	unread := 0
	for _, a := range fv.articles {
		if a.StoryID == 0 {
			t.Errorf("item %+v is in no story", a)
		}
		if a.Read {
			t.Errorf("item %q is read but was never shown", a.Title)
		} else {
			unread++
		}
	}
	if mw.story == nil || mw.reader.article == nil {
		t.Error("no story opened behind the feeds")
	}
	if sub.Unread != unread || unread != 3 {
		t.Errorf("stored unread %d, items unread %d", sub.Unread, unread)
	}
	row := shownFeedRows(mw)["Orvane Harbour Courier"]
	if row == nil {
		t.Fatalf("the sidebar shows no row for the new feed: %v", shownFeedRows(mw))
	}
	if row.unread.Text != fmt.Sprint(unread) || !strings.Contains(row.status.Text, "refreshed") || !strings.HasSuffix(row.status.Text, "· 3 new") || row.status.Importance == widget.DangerImportance {
		t.Errorf("row says %q / %q, want %d unread and 3 new", row.unread.Text, row.status.Text, unread)
	}
	if got := mw.feedsTab.Text; got != fmt.Sprintf("Feeds (%d)", unread) {
		t.Errorf("tab %q, want the unread count", got)
	}
	// Automatic grouping put the two crane versions in one story; the
	// sidebar's Stories tab lists the stories.
	if fv.articles[0].StoryID != fv.articles[1].StoryID || fv.articles[0].StoryID == fv.articles[2].StoryID {
		t.Errorf("stories of the items: %d %d %d, want the crane items together", fv.articles[0].StoryID, fv.articles[1].StoryID, fv.articles[2].StoryID)
	}
	if len(mw.sidebar.stories) != 2 {
		t.Errorf("sidebar lists %d stories, want 2", len(mw.sidebar.stories))
	}

	// Choosing an item shows it on the feed page and marks it read, as a
	// feed reader does; the window stays on the feeds.
	want := fv.articles[2]
	if want.Read {
		t.Fatalf("item %q is already read", want.Title)
	}
	fv.page.items.Select(2)
	mw.jobs.wait()
	if got, ok := fv.page.item(); !ok || got.ID != want.ID || !strings.Contains(fv.page.preview.String(), want.Title) {
		t.Fatalf("after choosing %q the page shows %+v: %q", want.Title, got, fv.page.preview.String())
	}
	if !mw.feedsShown() {
		t.Error("choosing an item left the feeds")
	}
	if got := feedByURL(t, st, sub.URL); got.Unread != unread-1 {
		t.Errorf("unread after reading one item = %d, want %d", got.Unread, unread-1)
	}
	if row := shownFeedRows(mw)["Orvane Harbour Courier"]; row == nil || row.unread.Text != fmt.Sprint(unread-1) {
		t.Errorf("row after reading one item: %q", row.unread.Text)
	}
	// Mark unread takes it back.
	test.Tap(fv.page.markUnread)
	mw.jobs.wait()
	if got := feedByURL(t, st, sub.URL); got.Unread != unread || fv.articles[2].Read {
		t.Errorf("unread after Mark unread = %d (item read %v), want %d", got.Unread, fv.articles[2].Read, unread)
	}
	fv.page.items.Unselect(2)
	fv.page.items.Select(2)
	mw.jobs.wait()

	if !fv.page.compare.Disabled() {
		t.Errorf("Compare is offered for a story of one version (%q)", fv.page.compare.Text)
	}

	fv.page.items.Select(2)
	mw.jobs.wait()

	// Read in its story: the Stories tab, the story and the article in
	// the reader.
	test.Tap(fv.page.openStory)
	mw.jobs.wait()
	if mw.feedsShown() || mw.main.Objects[0] != mw.storyViews {
		t.Error("Read in its story left the feeds in front")
	}
	if mw.story == nil || mw.story.story.ID != want.StoryID || mw.reader.article == nil || mw.reader.article.ID != want.ID {
		t.Fatalf("after opening %q: story %v, reader %v", want.Title, mw.story, mw.reader.article)
	}
	if mw.sidebar.selected != want.StoryID {
		t.Errorf("sidebar selection %d, want story %d", mw.sidebar.selected, want.StoryID)
	}

	// Back on the feeds the count follows; Mark all read clears it.
	showFeeds(t, mw)
	if row := shownFeedRows(mw)["Orvane Harbour Courier"]; row == nil || row.unread.Text != fmt.Sprint(unread-1) {
		t.Errorf("row after reading one item: %q", row.unread.Text)
	}
	test.Tap(fv.page.markRead)
	mw.jobs.wait()
	if got := feedByURL(t, st, sub.URL); got.Unread != 0 {
		t.Errorf("unread after Mark all read = %d", got.Unread)
	}
	if row := shownFeedRows(mw)["Orvane Harbour Courier"]; row == nil || row.unread.Text != "" || row.title.TextStyle.Bold {
		t.Errorf("row after Mark all read: %q (bold %v)", row.unread.Text, row.title.TextStyle.Bold)
	}
	if mw.feedsTab.Text != "Feeds" {
		t.Errorf("tab %q with nothing unread", mw.feedsTab.Text)
	}

	// An item whose story has two versions can be compared at once.
	fv.page.items.Select(0)
	mw.jobs.wait()
	if fv.page.compare.Disabled() || fv.page.compare.Text != "Compare 2 versions" {
		t.Errorf("compare button %q (disabled %v) for a story of two versions", fv.page.compare.Text, fv.page.compare.Disabled())
	}
	test.Tap(fv.page.compare)
	mw.jobs.wait()
	if mw.feedsShown() || mw.story == nil || mw.story.story.ID != fv.articles[0].StoryID || mw.center.Selected().Text != "Compare" {
		t.Errorf("after Compare: feeds shown %v, story %v, tab %q", mw.feedsShown(), mw.story, mw.center.Selected().Text)
	}
	showFeeds(t, mw)
	if _, ok := fv.page.item(); ok || fv.selected != sub.ID {
		t.Errorf("back on the feeds: feed %d chosen, an item still shown %v", fv.selected, ok)
	}

	// Subscribing twice chooses the feed and says so.
	subscribe(t, mw, srv.URL+"/harbour.xml")
	if len(fv.subs) != 1 || !strings.Contains(fv.page.notice.Text, "Already subscribed") {
		t.Errorf("second subscription: %d feeds, notice %q", len(fv.subs), fv.page.notice.Text)
	}

	// All feeds: the page's summary and the actions on every feed.
	test.Tap(fv.side.all)
	mw.jobs.wait()
	if fv.selected != 0 || fv.page.title.Text != "All feeds" || !fv.page.allActs.Visible() || fv.page.feedActs.Visible() {
		t.Errorf("All feeds: selected %d, title %q", fv.selected, fv.page.title.Text)
	}
	if !strings.HasPrefix(fv.page.detail.Text, "1 feed · 0 unread") {
		t.Errorf("All feeds detail %q", fv.page.detail.Text)
	}
	if fv.page.items.Length() != 3 || !strings.HasPrefix(fv.page.itemsInfo.Text, "Newest items of every feed: 3 items") {
		t.Errorf("All feeds lists %d items: %q", fv.page.items.Length(), fv.page.itemsInfo.Text)
	}
}

// TestFeedsRefreshShowsProgress: while a refresh runs, the sidebar says
// which feed is read and how far it has come, and the feed's row says so.
func TestFeedsRefreshShowsProgress(t *testing.T) {
	srv := feedServer(t)
	mw, st := openFeedsFixture(t)
	fv := mw.feeds
	ctx := context.Background()
	for _, path := range []string{"/gone.xml", "/harbour.xml"} {
		if _, err := st.AddFeed(ctx, srv.URL+path, ""); err != nil {
			t.Fatal(err)
		}
	}
	showFeeds(t, mw)
	test.Tap(fv.side.refreshAll)
	// Play the UI goroutine by hand until the second feed is being read.
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) && !strings.Contains(fv.side.progressAt.Text, "(2 of 2)") {
		select {
		case fn := <-mw.jobs.queue:
			fn()
		case <-time.After(10 * time.Millisecond):
		}
	}
	if !fv.side.progress.Visible() || fv.side.progress.Value != 1 || fv.side.progress.Max != 2 || !strings.HasPrefix(fv.side.progressAt.Text, "Reading "+srv.URL+"/harbour.xml") {
		t.Errorf("progress %v of %v, %q", fv.side.progress.Value, fv.side.progress.Max, fv.side.progressAt.Text)
	}
	if row := shownFeedRows(mw)[srv.URL+"/harbour.xml"]; row == nil || row.status.Text != "reading…" {
		t.Errorf("the feed being read says %v", row)
	}
	if !fv.side.refreshAll.Disabled() {
		t.Error("Refresh all can be pressed again during the refresh")
	}
	mw.jobs.wait()
	if fv.side.progress.Visible() || fv.side.refreshAll.Disabled() {
		t.Error("the progress stays after the refresh")
	}
	rows := shownFeedRows(mw)
	if row := rows["Orvane Harbour Courier"]; row == nil || !strings.HasSuffix(row.status.Text, "OK · 3 new") || row.unread.Text != "3" {
		t.Errorf("after the refresh the feed says %v", row)
	}
	if row := rows[srv.URL+"/gone.xml"]; row == nil || strings.Contains(row.status.Text, "new") {
		t.Errorf("the failed feed says %v", row)
	}
}

func TestFeedsFailingFeedShowsErrorOthersGoOn(t *testing.T) {
	srv := feedServer(t)
	mw, st := openFeedsFixture(t)
	fv := mw.feeds
	fv.client = library.NewFeedClientWith(library.FeedOptions{Timeout: 1500 * time.Millisecond})
	fv.timeout = 1500 * time.Millisecond
	fv.side.timeout = fv.timeout
	fv.page.timeout = fv.timeout
	ctx := context.Background()
	for _, path := range []string{"/gone.xml", "/frontpage.xml", "/slow.xml", "/harbour.xml"} {
		if _, err := st.AddFeed(ctx, srv.URL+path, ""); err != nil {
			t.Fatal(err)
		}
	}
	showFeeds(t, mw)
	test.Tap(fv.side.refreshAll)
	mw.jobs.wait()

	if got := feedByURL(t, st, srv.URL+"/harbour.xml"); got.Unread != 3 || got.LastError != "" {
		t.Errorf("the working feed after the others failed: %+v", got)
	}
	rows := shownFeedRows(mw)
	tests := []struct {
		name, path, words string
	}{
		{"404", "/gone.xml", "404 Not Found"},
		{"an HTML page", "/frontpage.xml", "not a feed: HTML page"},
		{"too slow", "/slow.xml", "timed out after 1.5s"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := feedByURL(t, st, srv.URL+tc.path)
			if s.ErrorCount != 1 || !strings.Contains(s.LastError, tc.path) {
				t.Errorf("stored state %+v: want one error naming the feed", s)
			}
			row := rows[s.URL] // no title: the row is named by its address
			if row == nil {
				t.Fatalf("no row for %s", s.URL)
			}
			if !strings.HasSuffix(row.status.Text, tc.words) || row.status.Importance != widget.DangerImportance {
				t.Errorf("row status %q (importance %v), want it to end in %q, in the error colour", row.status.Text, row.status.Importance, tc.words)
			}
		})
	}
	if !strings.Contains(fv.page.notice.Text, "3 new articles from 1 feed") || !strings.Contains(fv.page.notice.Text, "3 feeds failed") {
		t.Errorf("notice %q", fv.page.notice.Text)
	}
	if !strings.Contains(fv.page.detail.Text, "3 failed at the last refresh") {
		t.Errorf("All feeds detail %q", fv.page.detail.Text)
	}
	// Choosing a failing feed shows the whole message above its items.
	chooseFeed(t, mw, feedByURL(t, st, srv.URL+"/gone.xml").ID)
	if !strings.Contains(fv.page.detail.Text, "Last refresh failed: 404 Not Found") || !strings.Contains(fv.page.detail.Text, "/gone.xml") {
		t.Errorf("detail %q", fv.page.detail.Text)
	}
	// A second failure is counted.
	test.Tap(fv.page.refreshOne)
	mw.jobs.wait()
	if row := shownFeedRows(mw)[srv.URL+"/gone.xml"]; row == nil || !strings.Contains(row.status.Text, "404 Not Found (2 times in a row)") {
		t.Errorf("after a second failure: row %v, stored %+v, notice %q", row, feedByURL(t, st, srv.URL+"/gone.xml"), fv.page.notice.Text)
	}
}

func TestFeedsRenameRemoveUndo(t *testing.T) {
	srv := feedServer(t)
	mw, st := openFeedsFixture(t)
	showFeeds(t, mw)
	fv := mw.feeds
	subscribe(t, mw, srv.URL+"/harbour.xml")
	id := fv.selected
	ctx := context.Background()

	// The feed's context menu offers the same actions as the page.
	row := shownFeedRows(mw)["Orvane Harbour Courier"]
	if row == nil {
		t.Fatal("no row for the feed")
	}
	row.TappedSecondary(&fyne.PointEvent{AbsolutePosition: fyne.NewPos(40, 200)})
	var menu *widget.Menu
	walkObjects(mw.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		switch m := o.(type) {
		case *widget.Menu:
			menu = m
		case *widget.PopUpMenu:
			menu = m.Menu
		}
	})
	if menu == nil {
		t.Fatalf("right-click on a feed shows %T, want its menu", mw.win.Canvas().Overlays().Top())
	}
	tapMenuItem(t, menu, "Rename…")
	var entry *keyEntry
	for _, o := range test.LaidOutObjects(mw.win.Canvas().Overlays().Top()) {
		if e, ok := o.(*keyEntry); ok && e.Text == "Orvane Harbour Courier" {
			entry = e
		}
	}
	if entry == nil {
		t.Fatal("the rename dialog has no entry holding the title")
	}
	entry.SetText("")
	test.Type(entry, "Courier (Orvane)")
	test.Tap(overlayButton(t, mw, "Rename"))
	mw.jobs.wait()
	if s, err := st.Feed(ctx, id); err != nil || s.Title != "Courier (Orvane)" {
		t.Fatalf("stored title %q, %v", s.Title, err)
	}
	if shownFeedRows(mw)["Courier (Orvane)"] == nil {
		t.Error("the list does not show the new title")
	}

	articles, _ := st.CountArticles(ctx)
	test.Tap(fv.page.remove)
	if !strings.Contains(dialogText(mw), "3 articles already imported from it stay") {
		t.Errorf("the question does not say the articles stay: %q", dialogText(mw))
	}
	test.Tap(overlayButton(t, mw, "Yes"))
	mw.jobs.wait()
	if _, err := st.Feed(ctx, id); err == nil {
		t.Fatal("the removed feed is still stored")
	}
	if n, _ := st.CountArticles(ctx); n != articles {
		t.Errorf("articles after removing the feed: %d, want %d kept", n, articles)
	}
	if len(fv.subs) != 0 || len(shownFeedRows(mw)) != 0 || !fv.page.undoRemove.Visible() || fv.page.title.Text != "All feeds" {
		t.Errorf("after removal: %d feeds listed, undo shown %v, page %q", len(fv.subs), fv.page.undoRemove.Visible(), fv.page.title.Text)
	}

	test.Tap(fv.page.undoRemove)
	mw.jobs.wait()
	back := feedByURL(t, st, srv.URL+"/harbour.xml")
	if back.Title != "Courier (Orvane)" || back.Unread != 3 {
		t.Errorf("feed brought back: %+v, want its title and its 3 unread articles", back)
	}
	if n, _ := st.CountArticles(ctx); n != articles {
		t.Errorf("articles after undo: %d, want %d (linked, not copied)", n, articles)
	}
	if fv.page.undoRemove.Visible() || len(mw.undo.actions) != 0 {
		t.Errorf("after undo: button shown %v, %d steps left to undo", fv.page.undoRemove.Visible(), len(mw.undo.actions))
	}
	if fv.selected != back.ID || shownFeedRows(mw)["Courier (Orvane)"] == nil {
		t.Errorf("the feed brought back is not chosen and listed: selected %d, rows %v", fv.selected, shownFeedRows(mw))
	}

	t.Run("Ctrl+Z undoes an unsubscription too", func(t *testing.T) {
		test.Tap(fv.page.remove)
		test.Tap(overlayButton(t, mw, "Yes"))
		mw.jobs.wait()
		mw.onUndo()
		mw.jobs.wait()
		if got := feedByURL(t, st, srv.URL+"/harbour.xml"); got.Title != "Courier (Orvane)" {
			t.Errorf("feed after Ctrl+Z: %+v", got)
		}
		if fv.page.undoRemove.Visible() {
			t.Error("the Undo button stays after Ctrl+Z")
		}
	})
}

func TestFeedsIntervalRefresh(t *testing.T) {
	old := feedIntervalUnit
	feedIntervalUnit = time.Millisecond
	t.Cleanup(func() { feedIntervalUnit = old })
	tests := []struct {
		name    string
		minutes int // of feedIntervalUnit
		refresh bool
	}{
		{"every 30 units", 30, true},
		{"off", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := feedServer(t)
			mw, st := openFeedsFixture(t)
			u := srv.URL + "/harbour.xml"
			if _, err := st.AddFeed(context.Background(), u, ""); err != nil {
				t.Fatal(err)
			}
			mw.prefs.SetInt(prefFeedInterval, tc.minutes)
			mw.feeds.startAutoRefresh()
			// Play the UI goroutine until the feed is read or time is up.
			deadline := time.Now().Add(10 * time.Second)
			if !tc.refresh {
				deadline = time.Now().Add(300 * time.Millisecond)
			}
			for time.Now().Before(deadline) && feedByURL(t, st, u).LastChecked.IsZero() {
				select {
				case fn := <-mw.jobs.queue:
					fn()
				case <-time.After(10 * time.Millisecond):
				}
			}
			mw.feeds.stopAutoRefresh()
			mw.jobs.wait()
			got := feedByURL(t, st, u)
			if refreshed := !got.LastChecked.IsZero(); refreshed != tc.refresh {
				t.Fatalf("refreshed = %v, want %v", refreshed, tc.refresh)
			}
			if !tc.refresh {
				return
			}
			if got.Unread != 3 || len(mw.sidebar.stories) != 3 {
				t.Errorf("after the timed refresh: %d unread, %d stories in the sidebar; want 3 and 3 (the fixture story and two new)", got.Unread, len(mw.sidebar.stories))
			}
			if !strings.HasPrefix(mw.status.Text, "3 new articles from 1 feed") {
				t.Errorf("status line %q", mw.status.Text)
			}
			if mw.win.Canvas().Overlays().Top() != nil {
				t.Error("the timed refresh opened a dialog")
			}
		})
	}
}

func TestFeedErrorWords(t *testing.T) {
	tests := []struct {
		name, msg, want string
	}{
		{"HTTP status", "feed http://a.example/x.xml: HTTP error 404 Not Found", "404 Not Found"},
		{"server error", "feed http://a.example/x.xml: HTTP error 500 Internal Server Error", "500 Internal Server Error"},
		{"timeout", "feed http://a.example/x.xml: timed out: context deadline exceeded", "timed out after 20s"},
		{"HTML page", "feed http://a.example/: not a feed (RSS, Atom or JSON Feed): this is a web page", "not a feed: HTML page"},
		{"other document", "feed http://a.example/x: not a feed (RSS, Atom or JSON Feed)", "not a feed"},
		{"broken XML", "feed http://a.example/x: malformed feed: XML syntax error on line 3", "broken feed (malformed XML or JSON)"},
		{"too large", "feed http://a.example/x: response over the size limit: more than 10485760 bytes", "too large (over the size limit)"},
		{"redirect loop", "feed http://a.example/x: too many redirects (more than 5)", "too many redirects"},
		{"refused", "feed http://127.0.0.1:9/x: dial tcp 127.0.0.1:9: connect: connection refused", "connection refused"},
		{"unknown host", "feed http://nowhere.invalid/x: dial tcp: lookup nowhere.invalid: no such host", "server not found"},
		{"anything else", "feed http://a.example/x: the moon is in the way", "the moon is in the way"},
		{"no feed prefix", "HTTP error 410 Gone", "410 Gone"},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := feedErrorWords(tc.msg, 20*time.Second); got != tc.want {
				t.Errorf("feedErrorWords(%q) = %q, want %q", tc.msg, got, tc.want)
			}
		})
	}
}

func TestRefreshSummary(t *testing.T) {
	gazette := parallax.Subscription{Title: "Valley Gazette"}
	tests := []struct {
		name string
		reps []library.FeedReport
		want string
	}{
		{"nothing new", []library.FeedReport{{NotModified: true}}, "No new articles"},
		{"new from two feeds", []library.FeedReport{{New: 2}, {New: 1, Updated: 1}, {Unchanged: 4}}, "3 new articles from 2 feeds · 1 updated"},
		{"one new", []library.FeedReport{{New: 1}}, "1 new article from 1 feed"},
		{"one failed", []library.FeedReport{{New: 1}, {Feed: gazette, Err: errString("feed http://g.example/rss: HTTP error 404 Not Found")}},
			"1 new article from 1 feed · 1 feed failed (Valley Gazette: 404 Not Found)"},
		{"skipped items and failures", []library.FeedReport{{ItemErrors: []error{errString("x"), errString("y")}}, {Err: errString("a")}, {Err: errString("b")}},
			"No new articles · 2 items skipped · 2 feeds failed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := refreshSummary(tc.reps, 20*time.Second); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

type errString string

func (e errString) Error() string { return string(e) }

func TestFeedsOPMLExportImport(t *testing.T) {
	srv := feedServer(t)
	ctx := context.Background()
	mw, st := openFeedsFixture(t)
	for _, f := range []struct{ path, title string }{{"/harbour.xml", "Harbour Courier"}, {"/gone.xml", ""}} {
		if _, err := st.AddFeed(ctx, srv.URL+f.path, f.title); err != nil {
			t.Fatal(err)
		}
	}
	showFeeds(t, mw)
	path := filepath.Join(t.TempDir(), "feeds.opml")
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	mw.feeds.exportOPMLTo(w)
	mw.jobs.wait()
	if !strings.Contains(mw.feeds.page.notice.Text, "2 feeds written") {
		t.Errorf("notice after export %q", mw.feeds.page.notice.Text)
	}

	// Into another library, which already follows one of the two.
	other, st2 := openFeedsFixture(t)
	if _, err := st2.AddFeed(ctx, srv.URL+"/gone.xml", ""); err != nil {
		t.Fatal(err)
	}
	showFeeds(t, other)
	r, err := storage.Reader(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	other.feeds.importOPMLFrom(r)
	other.jobs.wait()
	if got := other.feeds.page.notice.Text; got != "feeds.opml: 1 feed added, 1 already followed." {
		t.Errorf("notice after import %q", got)
	}
	test.Tap(overlayButton(t, other, "Yes")) // read the new feed now
	other.jobs.wait()
	s := feedByURL(t, st2, srv.URL+"/harbour.xml")
	if s.Title != "Harbour Courier" || s.LastChecked.IsZero() || s.Unread != 3 {
		t.Errorf("imported feed %+v: want its title from the OPML list, read at once", s)
	}
	if len(other.feeds.subs) != 2 {
		t.Errorf("listed %d feeds, want 2", len(other.feeds.subs))
	}

	t.Run("a file that is not OPML", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "notes.opml")
		if err := os.WriteFile(bad, []byte("just some notes"), 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := storage.Reader(storage.NewFileURI(bad))
		if err != nil {
			t.Fatal(err)
		}
		other.feeds.importOPMLFrom(r)
		other.jobs.wait()
		if n, _ := st2.Feeds(ctx); len(n) != 2 {
			t.Errorf("%d feeds after a bad file, want 2", len(n))
		}
		if !strings.Contains(dialogText(other), "notes.opml") {
			t.Errorf("the error does not name the file: %q", dialogText(other))
		}
	})
}

// dialogText is the text of the labels on the top overlay.
func dialogText(mw *mainWindow) string {
	var b strings.Builder
	top := mw.win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	for _, o := range test.LaidOutObjects(top) {
		switch l := o.(type) {
		case *widget.Label:
			b.WriteString(l.Text + "\n")
		case *widget.RichText:
			b.WriteString(l.String() + "\n")
		}
	}
	return b.String()
}

func TestFeedsRefreshIfDueAtStart(t *testing.T) {
	srv := feedServer(t)
	ctx := context.Background()
	tests := []struct {
		name    string
		minutes int
		checked time.Duration // how long ago the feed was read; 0: never
		refresh bool
	}{
		{"never read", 30, 0, true},
		{"read longer ago than the interval", 30, 31 * time.Minute, true},
		{"read recently", 30, 5 * time.Minute, false},
		{"interval off", 0, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mw, st := openFeedsFixture(t)
			id, err := st.AddFeed(ctx, srv.URL+"/harbour.xml", "")
			if err != nil {
				t.Fatal(err)
			}
			sub, _ := st.Feed(ctx, id)
			var before time.Time
			if tc.checked > 0 {
				before = time.Now().Add(-tc.checked).UTC()
				sub.LastChecked = before
				if err := st.SaveFeedState(ctx, sub); err != nil {
					t.Fatal(err)
				}
			}
			mw.prefs.SetInt(prefFeedInterval, tc.minutes)
			mw.feeds.start()
			mw.jobs.wait()
			got, _ := st.Feed(ctx, id)
			if refreshed := !got.LastChecked.Equal(before); refreshed != tc.refresh {
				t.Errorf("refreshed = %v, want %v (last checked %v)", refreshed, tc.refresh, got.LastChecked)
			}
		})
	}
}

// TestArticleReadOnlyWhenSeen: a story that opens behind the feeds, or
// behind another tab, leaves its article unread until the reader shows it.
func TestArticleReadOnlyWhenSeen(t *testing.T) {
	srv := feedServer(t)
	mw, st := openEmptyLibrary(t)
	mw.openFeeds()
	mw.jobs.wait()
	subscribe(t, mw, srv.URL+"/harbour.xml")
	a := mw.reader.article
	if a == nil || mw.story == nil {
		t.Fatal("no story opened behind the feeds")
	}
	isRead := func() bool {
		t.Helper()
		got, err := st.Article(context.Background(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.Read
	}
	if isRead() {
		t.Fatal("the article behind the feeds is read")
	}
	mw.showTab("Compare")
	mw.leftTabs.Select(mw.storiesTab)
	mw.jobs.wait()
	if isRead() {
		t.Error("the article is read while the compare view is in front")
	}
	mw.showTab("Read")
	mw.jobs.wait()
	if !isRead() || !mw.reader.read.Checked {
		t.Errorf("the article shown in the reader is not read (box %v)", mw.reader.read.Checked)
	}
}

// TestFeedsRememberedPerLibrary: the window opens on the sidebar's tab and
// the feed chosen last in the library, and only in that library.
func TestFeedsRememberedPerLibrary(t *testing.T) {
	mw, st := openFeedsFixture(t)
	id, err := st.AddFeed(context.Background(), "https://feeds.example/rss", "Example feed")
	if err != nil {
		t.Fatal(err)
	}
	chooseFeedByHand(mw, id)
	again := newMainWindow(mw.app, mw.lib)
	t.Cleanup(again.feeds.stopAutoRefresh)
	again.jobs.wait()
	if !again.feedsShown() || again.feeds.selected != id || again.feeds.page.title.Text != "Example feed" {
		t.Errorf("reopened on feeds %v, feed %d (%q); want feed %d", again.feedsShown(), again.feeds.selected, again.feeds.page.title.Text, id)
	}
	again.leftTabs.Select(again.storiesTab)
	again.jobs.wait()
	if third := newMainWindow(mw.app, mw.lib); third.feedsShown() {
		t.Error("reopened on the feeds after the stories were shown last")
	}

	// Another library in the same app keeps its own setting.
	chooseFeedByHand(mw, id)
	st2, err := store.Open(filepath.Join(t.TempDir(), "other.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st2.Close() })
	other := newMainWindow(mw.app, library.New(st2))
	t.Cleanup(other.feeds.stopAutoRefresh)
	other.jobs.wait()
	if other.feedsShown() || other.feeds.selected != 0 {
		t.Errorf("another library opens on the feeds %v, feed %d", other.feedsShown(), other.feeds.selected)
	}
}

// TestFeedsFollowOutsideRefresh: a refresh from the command line shows in
// the open window's feed counts.
func TestFeedsFollowOutsideRefresh(t *testing.T) {
	srv := feedServer(t)
	mw, st := openFeedsFixture(t)
	outside := library.New(st) // as "parallax feeds refresh" would
	ctx := context.Background()
	if _, err := outside.AddFeed(ctx, srv.URL+"/harbour.xml", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := outside.RefreshFeeds(ctx, library.NewFeedClient(), nil, nil); err != nil {
		t.Fatal(err)
	}
	if mw.feedsTab.Text != "Feeds" {
		t.Fatalf("tab %q before the window looked", mw.feedsTab.Text)
	}
	mw.onLibraryChanged()
	mw.jobs.wait()
	if mw.feedsTab.Text != "Feeds (3)" {
		t.Errorf("tab %q after an outside refresh, want Feeds (3)", mw.feedsTab.Text)
	}
	showFeeds(t, mw)
	if row := shownFeedRows(mw)["Orvane Harbour Courier"]; row == nil || row.unread.Text != "3" {
		t.Errorf("row after an outside refresh: %v", row)
	}
}

// TestFeedItemsReadOnlyWhenShown: while the stories are shown, a reload of
// the feeds (at start, after a read mark) reads the subscriptions for
// their unread counts but not the feed's items, which for a library fed
// by feeds are much of the library; showing the feeds reads them.
func TestFeedItemsReadOnlyWhenShown(t *testing.T) {
	srv := feedServer(t)
	mw, _ := openEmptyLibrary(t)
	fv := mw.feeds
	mw.openFeeds()
	mw.jobs.wait()
	subscribe(t, mw, srv.URL+"/harbour.xml")
	if n := fv.page.items.Length(); n != 3 {
		t.Fatalf("%d items listed with the feeds shown, want 3", n)
	}
	mw.leftTabs.Select(mw.storiesTab)
	mw.jobs.wait()
	fv.articles = nil
	fv.readStateChanged()
	mw.jobs.wait()
	if fv.articles != nil {
		t.Errorf("the feed's %d items were read while the stories were shown", len(fv.articles))
	}
	showFeeds(t, mw)
	if n := fv.page.items.Length(); n != 3 || len(fv.articles) != 3 {
		t.Errorf("%d items listed (%d read) once the feeds are shown, want 3", n, len(fv.articles))
	}
}
