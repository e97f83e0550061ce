package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	parallax "github.com/parallax-news/parallax"
)

// menuItemNamed finds the window's menu item labelled label.
func menuItemNamed(t *testing.T, mw *mainWindow, label string) *fyne.MenuItem {
	t.Helper()
	for _, m := range mw.mainMenu().Items {
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

// oneSidedRows finds, in some pair of the shown story, a row holding only
// a paragraph of A and one holding only a paragraph of B: paragraphs the
// engine left apart. It leaves that pair shown.
func oneSidedRows(t *testing.T, mw *mainWindow) (rowA, rowB int) {
	t.Helper()
	cv := mw.compare
	ids := mw.story.versionIDs()
	for _, a := range ids {
		for _, b := range ids {
			if a == b {
				continue
			}
			cv.setPair(a, b)
			rowA, rowB = -1, -1
			for i, r := range cv.rows {
				switch {
				case r.b.empty() && rowA < 0 && r.a.kind == parallax.KindBody:
					rowA = i
				case r.a.empty() && rowB < 0 && r.b.kind == parallax.KindBody:
					rowB = i
				}
			}
			if rowA >= 0 && rowB >= 0 {
				return rowA, rowB
			}
		}
	}
	t.Fatal("no pair of the fixture has a paragraph alone on each side")
	return -1, -1
}

// pairRow is the row showing paragraphs a and b side by side, or -1.
func pairRow(cv *compareView, a, b parallax.ParaRef) int {
	for i, r := range cv.rows {
		if r.a.ref == a && r.b.ref == b {
			return i
		}
	}
	return -1
}

// TestLinkParagraphsByHand links two paragraphs the engine left apart by
// selecting their rows and pressing Link; the link is stored, holds when
// a version is added and the story compared again, and is undone; an
// unlink (Ctrl+L on the linked row) holds likewise.
func TestLinkParagraphsByHand(t *testing.T) {
	mw, st, storyID := openFixture(t)
	ctx := context.Background()
	cv := mw.compare
	mw.showTab("Compare")
	rowA, rowB := oneSidedRows(t, mw)
	a, b := cv.rows[rowA].a.ref, cv.rows[rowB].b.ref
	va, vb := cv.va, cv.vb

	if !cv.link.Disabled() {
		t.Error("Link is enabled with nothing picked")
	}
	cv.list.Select(rowA)
	cv.list.Select(rowB)
	if p, q, ok := cv.picks(); !ok || p != a || q != b {
		t.Fatalf("picked %v and %v, want %v and %v", p, q, a, b)
	}
	if cv.link.Disabled() || cv.link.Text != "Link" || !strings.Contains(mw.status.Text, "Link (Ctrl+L)") {
		t.Fatalf("link button %q (disabled %v)", cv.link.Text, cv.link.Disabled())
	}
	if c := cv.cellView(cv.rows[rowA].a, va); !c.picked {
		t.Error("the picked paragraph of A is not framed")
	}
	test.Tap(cv.link)
	mw.jobs.wait()

	linked := func(when string) {
		t.Helper()
		if cv.va != va || cv.vb != vb {
			t.Fatalf("%s: the pair changed to %s/%s", when, cv.va, cv.vb)
		}
		i := pairRow(cv, a, b)
		if i < 0 {
			t.Fatalf("%s: %v and %v do not share a row", when, a, b)
		}
		if h := cv.cellView(cv.rows[i].a, va).header; !strings.Contains(h, "linked by hand") {
			t.Errorf("%s: header %q does not say the pair was linked by hand", when, h)
		}
	}
	linked("after Link")
	if cv.selected != pairRow(cv, a, b) {
		t.Errorf("the linked row %d is not the one in view (%d)", pairRow(cv, a, b), cv.selected)
	}
	if links, err := st.ParagraphLinks(ctx, storyID); err != nil || len(links) != 1 || links[0].Unlink {
		t.Fatalf("stored links = %+v, %v", links, err)
	}

	// A version more: the story is compared anew, with the link.
	addVersion := func(title string) {
		t.Helper()
		art := mw.story.articles[0]
		extra := *art
		extra.ID, extra.Hash, extra.Raw = 0, "", []byte(title+"\n\n"+art.Text)
		extra.Text = title + "\n\n" + art.Text
		extra.Title = title
		extra.StoryID = storyID
		extra.Paragraphs = append([]parallax.Paragraph{{Ordinal: 1, Kind: parallax.KindBody, Text: title}}, art.Paragraphs...)
		for i := range extra.Paragraphs {
			extra.Paragraphs[i].Ordinal = i + 1
		}
		if err := st.AddArticle(ctx, &extra, ""); err != nil {
			t.Fatal(err)
		}
		mw.reloadStory()
		mw.jobs.wait()
		if mw.story.fromCache {
			t.Fatalf("%s: the story came from the cache", title)
		}
	}
	addVersion("A late correction was issued")
	linked("after a version was added")

	// Unlink: select the linked row, Ctrl+L.
	item := menuItemNamed(t, mw, "Link or unlink the picked paragraphs")
	if sc, ok := item.Shortcut.(*desktop.CustomShortcut); !ok || sc.KeyName != fyne.KeyL {
		t.Errorf("link shortcut = %#v, want Ctrl+L", item.Shortcut)
	}
	cv.list.Select(pairRow(cv, a, b))
	if cv.link.Text != "Unlink" || !strings.Contains(mw.status.Text, "Unlink (Ctrl+L)") {
		t.Fatalf("on a linked row the button says %q", cv.link.Text)
	}
	item.Action()
	mw.jobs.wait()
	apart := func(when string) {
		t.Helper()
		if pairRow(cv, a, b) >= 0 {
			t.Fatalf("%s: %v and %v still share a row", when, a, b)
		}
		if i := rowOf(cv.rows, a); i < 0 || !strings.Contains(cv.cellView(cv.rows[i].a, va).header, "unlinked from") {
			t.Errorf("%s: A's paragraph does not say it was unlinked", when)
		}
	}
	apart("after Unlink")
	addVersion("A second late correction")
	apart("after another version was added")

	// Undo the unlink: linked again; undo the link: as the engine had it.
	mw.onUndo()
	mw.jobs.wait()
	linked("after undoing the unlink")
	mw.onUndo()
	mw.jobs.wait()
	if pairRow(cv, a, b) >= 0 {
		t.Error("after undoing the link the paragraphs still share a row")
	}
	if links, _ := st.ParagraphLinks(ctx, storyID); len(links) != 0 {
		t.Errorf("after undoing everything, stored links = %+v", links)
	}
}

// TestUndoLinkFromAnotherStory: a link undone while another story is shown
// leaves that story alone, and its own story is without it when opened.
func TestUndoLinkFromAnotherStory(t *testing.T) {
	mw, st, ferry := openFixture(t)
	cv := mw.compare
	rowA, rowB := oneSidedRows(t, mw)
	a, b := cv.rows[rowA].a.ref, cv.rows[rowB].b.ref
	cv.list.Select(rowA)
	cv.list.Select(rowB)
	test.Tap(cv.link)
	mw.jobs.wait()
	if pairRow(cv, a, b) < 0 {
		t.Fatal("the link did not pair the paragraphs")
	}
	other := addOtherStory(t, st, "Lighthouse keeper retires", "The last keeper of the Varn light retired on Friday after forty years.")
	mw.refreshStories(int(other))
	mw.jobs.wait()
	if mw.story == nil || mw.story.story.ID != other {
		t.Fatalf("story %d not shown", other)
	}
	mw.onUndo()
	mw.jobs.wait()
	if mw.story == nil || mw.story.story.ID != other || cv.va != "" || len(cv.rows) != 0 {
		t.Errorf("undoing the link disturbed the shown story: story %v, pair %q/%q", mw.story.story.ID, cv.va, cv.vb)
	}
	if links, _ := st.ParagraphLinks(context.Background(), ferry); len(links) != 0 {
		t.Errorf("the undone link is still stored: %+v", links)
	}
	mw.sidebar.selectStory(ferry)
	mw.jobs.wait()
	if mw.story == nil || mw.story.story.ID != ferry {
		t.Fatal("the first story did not open again")
	}
	if pairRow(cv, a, b) >= 0 {
		t.Error("the undone link still pairs the paragraphs")
	}
}
