package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// TestRowsTakeClicks: Fyne's desktop driver hands a click to the deepest
// object under the pointer that takes any pointer event (Tappable,
// SecondaryTappable, DoubleTappable, Focusable, Mouseable) and taps it
// only when that object is Tappable; a list row that takes right-clicks
// for its context menu would swallow the plain click that selects it.
// (The test driver's TapCanvas looks for Tappables alone and cannot see
// this.) So every row of the window that takes pointer events is
// Tappable, and a tap on it selects it.
func TestRowsTakeClicks(t *testing.T) {
	mw, st := openFeedsFixture(t)
	id, err := st.AddFeed(t.Context(), "https://feeds.example/rss", "Example feed")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	check := func() {
		for _, o := range windowObjects(mw.win.Canvas()) {
			switch o.(type) {
			case fyne.SecondaryTappable, fyne.DoubleTappable, desktop.Mouseable:
			default:
				continue
			}
			name := fmt.Sprintf("%T", o)
			if _, ok := o.(fyne.Tappable); !ok && !seen[name] {
				t.Errorf("%s takes pointer events but not a click: a click on it is lost", name)
			}
			seen[name] = true
		}
	}
	check() // the stories
	showFeeds(t, mw)
	check()
	mw.leftTabs.Select(mw.storiesTab)
	mw.jobs.wait()
	for _, want := range []string{"*ui.feedRow", "*ui.versionRow"} {
		if !seen[want] {
			t.Errorf("no %s in the window to check", want)
		}
	}

	// A tap on the second version shows it.
	var second *versionRow
	for _, o := range test.LaidOutObjects(mw.versions.list) {
		if r, ok := o.(*versionRow); ok && r.article != nil && r.article.ID == mw.story.articles[1].ID {
			second = r
		}
	}
	if second == nil {
		t.Fatal("no row for the second version")
	}
	test.Tap(second)
	mw.jobs.wait()
	if mw.reader.article == nil || mw.reader.article.ID != mw.story.articles[1].ID {
		t.Errorf("a click on the second version shows %q", mw.reader.article.Title)
	}

	// A tap on a feed chooses it.
	showFeeds(t, mw)
	var row *feedRow
	for _, o := range test.LaidOutObjects(mw.feeds.side.list) {
		if r, ok := o.(*feedRow); ok && r.feed == id {
			row = r
		}
	}
	if row == nil {
		t.Fatal("no row for the feed")
	}
	test.Tap(row)
	mw.jobs.wait()
	if mw.feeds.selected != id || mw.feeds.page.title.Text != "Example feed" {
		t.Errorf("a click on the feed chose feed %d (%q)", mw.feeds.selected, mw.feeds.page.title.Text)
	}
}
