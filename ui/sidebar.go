package ui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/count"
	"github.com/parallax-news/parallax/library"
)

// searchDelay is how long typing must pause before the library is searched.
const searchDelay = 250 * time.Millisecond

// searchLimit caps the hits listed.
const searchLimit = 200

// searchFunc searches the library (library.Library.Search has this shape).
type searchFunc func(ctx context.Context, query string, limit int) ([]library.Hit, error)

// sidebarEvents is what the sidebar asks of the window.
type sidebarEvents struct {
	openStory   func(id int64)
	openArticle func(storyID, articleID int64)
}

// sidebarView lists the library's stories and, while a query is typed, the
// search hits instead. It knows its window, the job runner, the search and
// the events it raises; nothing else of the main window.
type sidebarView struct {
	win     fyne.Window
	jobs    *jobRunner
	find    searchFunc
	events  sidebarEvents
	search  *widget.Entry
	list    *widget.List
	hitList *widget.List
	info    *widget.Label
	stack   *fyne.Container

	stories  []parallax.Story
	complete bool // stories is the whole library, not its newest page
	hits     []library.Hit
	selected int64       // the story shown
	row      int         // the highlighted row, -1 for none
	rows     []*storyRow // every row widget the list made, to find drop targets
	// dateFlagged marks the stories whose date a flag doubts, as far as
	// the window has seen their comparisons.
	dateFlagged map[int64]bool

	mu    sync.Mutex  // guards timer, query and gen (the timer fires off the UI goroutine)
	timer *time.Timer // pending debounced search
	query string      // the query whose hits are shown or awaited
	gen   int         // counts queries, so a late timer of an old query does nothing
}

func newSidebarView(win fyne.Window, jobs *jobRunner, find searchFunc, events sidebarEvents) *sidebarView {
	return &sidebarView{win: win, jobs: jobs, find: find, events: events, row: -1}
}

func (v *sidebarView) build() fyne.CanvasObject {
	v.search = widget.NewEntry()
	v.search.SetPlaceHolder("Search the library (Ctrl+F)")
	v.search.OnChanged = v.onSearchChanged
	v.search.OnSubmitted = func(string) { v.onSearchNow() }
	v.list = widget.NewList(
		func() int { return len(v.stories) },
		func() fyne.CanvasObject {
			r := newStoryRow()
			v.rows = append(v.rows, r)
			return r
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(v.stories) {
				o.(*storyRow).index = id
				o.(*storyRow).set(v.stories[id], v.dateFlagged[v.stories[id].ID])
			}
		})
	v.list.OnSelected = v.onStorySelected
	v.list.OnUnselected = func(id widget.ListItemID) {
		if v.row == id {
			v.row = -1
		}
	}
	v.hitList = widget.NewList(
		func() int { return len(v.hits) },
		func() fyne.CanvasObject { return newHitRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(v.hits) {
				o.(*hitRow).set(v.hits[id])
			}
		})
	v.hitList.OnSelected = v.onHitSelected
	v.info = widget.NewLabel("")
	v.info.Truncation = fyne.TextTruncateEllipsis
	v.stack = container.NewStack(v.list)
	return container.NewBorder(container.NewVBox(v.search, v.info), nil, nil, nil, v.stack)
}

// setStories replaces the list, keeping the selection when it still
// exists; complete is false while stories are the newest of the library
// and the rest are being listed.
func (v *sidebarView) setStories(stories []parallax.Story, complete bool) {
	v.stories = stories
	v.complete = complete
	v.list.UnselectAll()
	v.list.Refresh()
	if v.query == "" {
		v.info.SetText(v.listInfo())
	}
	if i := v.indexOf(v.selected); i >= 0 {
		v.list.Select(i)
	}
}

// listInfo says how many stories the list holds.
func (v *sidebarView) listInfo() string {
	if !v.complete {
		return count.Grouped(len(v.stories)) + " newest stories; listing…"
	}
	return plural(len(v.stories), "story")
}

func (v *sidebarView) indexOf(id int64) int { return storyIndex(v.stories, id) }

// selectStory selects (and so opens) story id.
func (v *sidebarView) selectStory(id int64) {
	if i := v.indexOf(id); i >= 0 {
		v.list.Select(i)
		v.list.ScrollTo(i)
	}
}

// setShown highlights story id, the one the views show, whichever way it
// was opened (a search hit, the remembered story, a merge), so that the
// highlighted row is always the shown story and a click on another row
// always opens it.
func (v *sidebarView) setShown(id int64) {
	v.selected = id
	i := v.indexOf(id)
	if i < 0 {
		v.list.UnselectAll()
		return
	}
	cb := v.list.OnSelected
	v.list.OnSelected = nil
	v.list.Select(i)
	v.list.OnSelected = cb
	v.row = i
}

// storyAt is the story whose row lies under pos (on the window's canvas),
// 0 when none.
func (v *sidebarView) storyAt(pos fyne.Position) int64 {
	d := fyne.CurrentApp().Driver()
	c := v.win.Canvas()
	if v.stack == nil || len(v.stack.Objects) == 0 || v.stack.Objects[0] != v.list || d.CanvasForObject(v.list) != c {
		return 0
	}
	lp, ls := d.AbsolutePositionForObject(v.list), v.list.Size()
	inside := func(p fyne.Position, s fyne.Size) bool {
		return pos.X >= p.X && pos.Y >= p.Y && pos.X < p.X+s.Width && pos.Y < p.Y+s.Height
	}
	if !inside(lp, ls) {
		return 0
	}
	for _, r := range v.rows {
		if !r.Visible() || r.index < 0 || r.index >= len(v.stories) || d.CanvasForObject(r) != c {
			continue
		}
		if inside(d.AbsolutePositionForObject(r), r.Size()) {
			return v.stories[r.index].ID
		}
	}
	return 0
}

// isSelected reports whether row i is highlighted.
func (v *sidebarView) isSelected(i int) bool { return v.row == i }

// setDateFlagged marks story id's date as one a flag doubts, or not.
func (v *sidebarView) setDateFlagged(id int64, flagged bool) {
	if v.dateFlagged == nil {
		v.dateFlagged = map[int64]bool{}
	}
	if v.dateFlagged[id] == flagged {
		return
	}
	v.dateFlagged[id] = flagged
	if i := v.indexOf(id); i >= 0 {
		v.list.RefreshItem(i)
	}
}

// setOpenFlags updates the open-flag count shown for story id.
func (v *sidebarView) setOpenFlags(id int64, n int) {
	if i := v.indexOf(id); i >= 0 && v.stories[i].OpenFlags != n {
		v.stories[i].OpenFlags = n
		v.list.RefreshItem(i)
	}
}

func (v *sidebarView) onStorySelected(id widget.ListItemID) {
	if id < 0 || id >= len(v.stories) {
		return
	}
	v.row = id
	v.selected = v.stories[id].ID
	v.events.openStory(v.selected)
}

// focusSearch puts the cursor in the search field.
func (v *sidebarView) focusSearch() {
	v.win.Canvas().Focus(v.search)
}

// onSearchChanged schedules a search once typing pauses; an empty query
// goes back to the stories.
func (v *sidebarView) onSearchChanged(q string) {
	q = strings.TrimSpace(q)
	v.cancelTimer()
	v.mu.Lock()
	v.query = q
	v.gen++
	gen := v.gen
	v.mu.Unlock()
	if q == "" {
		v.hits = nil
		v.stack.Objects = []fyne.CanvasObject{v.list}
		v.stack.Refresh()
		v.info.SetText(v.listInfo())
		// A hit may have opened another story meanwhile.
		v.setShown(v.selected)
		if i := v.indexOf(v.selected); i >= 0 {
			v.list.ScrollTo(i)
		}
		return
	}
	v.jobs.begin() // ended when the timer has handed over, or is stopped
	v.mu.Lock()
	v.timer = time.AfterFunc(searchDelay, func() {
		v.jobs.handBack(func() {
			defer v.jobs.end()
			v.mu.Lock()
			current := v.gen == gen
			v.mu.Unlock()
			if current {
				v.runSearch(q)
			}
		})
	})
	v.mu.Unlock()
}

// cancelTimer stops a scheduled search that has not fired yet.
func (v *sidebarView) cancelTimer() {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.timer != nil && v.timer.Stop() {
		v.jobs.end()
	}
	v.timer = nil
}

// onSearchNow searches at once (Enter in the field).
func (v *sidebarView) onSearchNow() {
	v.cancelTimer()
	v.mu.Lock()
	q := v.query
	v.mu.Unlock()
	if q != "" {
		v.runSearch(q)
	}
}

// runSearch searches the library off the UI goroutine and lists the hits,
// unless the query changed meanwhile.
func (v *sidebarView) runSearch(q string) {
	var hits []library.Hit
	v.jobs.run(job{
		title: "Searching",
		work: func(ctx context.Context, _ progressFunc) error {
			var err error
			hits, err = v.find(ctx, q, searchLimit)
			return err
		},
		done: func(err error) {
			v.mu.Lock()
			current := v.query
			v.mu.Unlock()
			if current != q {
				return // a newer query is on its way
			}
			v.hits = hits
			v.stack.Objects = []fyne.CanvasObject{v.hitList}
			v.stack.Refresh()
			v.hitList.UnselectAll()
			v.hitList.Refresh()
			switch {
			case err != nil:
				v.info.SetText(readable(err))
			case len(hits) == 0:
				v.info.SetText("No article matches “" + q + "”")
			case len(hits) == 1:
				v.info.SetText("1 article matches")
			default:
				v.info.SetText(fmt.Sprintf("%d articles match", len(hits)))
			}
		},
	})
}

// onHitSelected opens the hit's story and article.
func (v *sidebarView) onHitSelected(id widget.ListItemID) {
	if id < 0 || id >= len(v.hits) {
		return
	}
	h := v.hits[id]
	v.events.openArticle(h.StoryID, h.ArticleID)
}

// storyRow is one story in the sidebar: title, then versions, open flags
// and latest date.
type storyRow struct {
	labelRow
	index int // the list item shown, -1 before the first
}

func newStoryRow() *storyRow {
	r := &storyRow{index: -1}
	r.initRow(false)
	r.top.TextStyle.Bold = true
	r.ExtendBaseWidget(r)
	return r
}

// set shows story s; dateFlagged marks its date as one a flag doubts.
func (r *storyRow) set(s parallax.Story, dateFlagged bool) {
	r.top.SetText(oneLine(s.Title))
	sum := storySummary(s)
	if dateFlagged {
		sum += " " + dateFlaggedMark
	}
	r.bottom.SetText(sum)
}

// storySummary is "5 versions · 2 open flags · 3 Mar 2025".
func storySummary(s parallax.Story) string {
	parts := []string{plural(s.Versions, "version")}
	if s.OpenFlags > 0 {
		parts = append(parts, plural(s.OpenFlags, "open flag"))
	}
	if !s.Latest.IsZero() {
		// Latest falls back to the import date when no version has a
		// publication date: say so rather than pass it off as one.
		if s.Dated {
			parts = append(parts, s.Latest.Format("2 Jan 2006"))
		} else {
			parts = append(parts, "imported "+s.Latest.Format("2 Jan 2006"))
		}
	}
	return strings.Join(parts, " · ")
}

// hitRow is one search hit: title and source, then the snippet.
type hitRow struct {
	widget.BaseWidget
	title   *widget.Label
	snippet *widget.RichText
}

func newHitRow() *hitRow {
	r := &hitRow{
		title:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		snippet: widget.NewRichText(),
	}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.snippet.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

func (r *hitRow) set(h library.Hit) {
	t := oneLine(h.Title)
	if h.Source != "" {
		t = h.Source + " · " + t
	}
	r.title.SetText(t)
	r.snippet.Segments = snippetSegments(h.Snippet, h.Highlights)
	r.snippet.Refresh()
}

func (r *hitRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(&tightVBox{}, r.title, r.snippet))
}

// snippetSegments shows a search snippet with the matched words (byte
// ranges) in bold.
func snippetSegments(snippet string, highlights [][2]int) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	plain := widget.RichTextStyle{Inline: true, ColorName: "foreground"}
	strong := widget.RichTextStyle{Inline: true, ColorName: "primary", TextStyle: fyne.TextStyle{Bold: true}}
	at := 0
	for _, h := range highlights {
		s, e := h[0], h[1]
		if s < at || e > len(snippet) || s >= e {
			continue
		}
		if s > at {
			segs = append(segs, &widget.TextSegment{Text: snippet[at:s], Style: plain})
		}
		segs = append(segs, &widget.TextSegment{Text: snippet[s:e], Style: strong})
		at = e
	}
	if at < len(snippet) {
		segs = append(segs, &widget.TextSegment{Text: snippet[at:], Style: plain})
	}
	return segs
}

// oneLine collapses white space so a title fits one row, and cuts it at
// maxLineRunes: rows truncate with an ellipsis anyway, and measuring a
// long text for it is slow.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "(untitled)"
	}
	if utf8.RuneCountInString(s) > maxLineRunes {
		s = string([]rune(s)[:maxLineRunes]) + "…"
	}
	return s
}

// maxLineRunes is longer than the side panels' rows show.
const maxLineRunes = 72

func plural(n int, word string) string {
	switch {
	case n == 1:
		return "1 " + word
	case strings.HasSuffix(word, "y") && !strings.ContainsRune("aeiou", rune(word[max(len(word)-2, 0)])):
		return count.Grouped(n) + " " + strings.TrimSuffix(word, "y") + "ies"
	}
	return count.Grouped(n) + " " + word + "s"
}
