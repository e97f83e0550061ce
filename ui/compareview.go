package ui

import (
	"fmt"
	"image/color"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	parallax "github.com/parallax-news/parallax"
)

// swapIcon is two opposed arrows, for "Swap sides"; the theme has none.
var swapIcon = theme.NewThemedResource(fyne.NewStaticResource("swap.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M6.99 11 3 15l3.99 4v-3H14v-2H6.99v-3zM21 9l-3.99-4v3H10v2h7.01v3L21 9z"/></svg>`)))

// compareEvents is what the compare view asks of the window.
type compareEvents struct {
	// lastPair is the pair of versions last compared in a story ("", ""
	// when none); pairShown remembers the one shown.
	lastPair  func(storyID int64) (a, b string)
	pairShown func(storyID int64, a, b string)
	saveNote  func(n *parallax.Note)
	// linksChanged says the story's paragraph links changed: it is opened
	// again, with paragraph show in view.
	linksChanged func(show parallax.ParaRef)
}

// compareView shows two versions side by side, one aligned paragraph pair
// per row of a list, so that both columns scroll together and only the
// visible rows exist. It links and unlinks paragraphs through the
// library and tells the window through its events; it knows nothing else
// of the window.
type compareView struct {
	win     fyne.Window
	jobs    *jobRunner
	dialogs *dialogKeys
	linker  paragraphLinker
	undo    *undoStack
	events  compareEvents

	pickA *picker
	pickB *picker
	swap  *widget.Button
	info  *widget.Label
	// heads name the compared versions in full above their columns: the
	// pickers cut long names, and Fyne has no tooltips.
	headA, headB *widget.Label
	list         *widget.List
	watcher      *widthWatcher
	wrap         *wrapMeasure // measures wrapped heights

	story    *storyData
	va, vb   string
	rows     []compareRow
	selected int    // selected row, -1 for none
	focusKey string // key of the flag brought into view, "" for none
	// witnesses are the versions that can face the focused flag, best
	// first; witnessAt is the one shown.
	witnesses []witness
	witnessAt int
	focusFlag parallax.Flag
	changeMap *changeMap
	heights   []float32 // each row's measured height, for the change map
	labels    map[string]string
	width     float32
	// picked are the paragraphs picked for linking, on side A and B (a
	// zero ref for none); link links or unlinks them.
	picked [2]parallax.ParaRef
	link   *widget.Button
}

func newCompareView(win fyne.Window, jobs *jobRunner, dialogs *dialogKeys, linker paragraphLinker, undo *undoStack, events compareEvents) *compareView {
	return &compareView{win: win, jobs: jobs, dialogs: dialogs, linker: linker, undo: undo, events: events, selected: -1}
}

func (v *compareView) build() fyne.CanvasObject {
	v.pickA = newPicker(v.win.Canvas, nil, func(string) { v.onPick() })
	v.pickB = newPicker(v.win.Canvas, nil, func(string) { v.onPick() })
	v.pickA.PlaceHolder = "Version A"
	v.pickB.PlaceHolder = "Version B"
	v.swap = widget.NewButtonWithIcon("Swap sides", swapIcon, v.onSwap)
	note := widget.NewButtonWithIcon("Note…", theme.DocumentCreateIcon(), v.onAddNote)
	v.link = widget.NewButtonWithIcon("Link", linkIcon, v.onLink)
	v.link.Disable()
	v.info = widget.NewLabel("Select a story to compare its versions.")
	v.info.Wrapping = fyne.TextWrapWord // the summary in full, on two lines if need be
	v.list = widget.NewList(
		func() int { return len(v.rows) },
		func() fyne.CanvasObject { return newCompareRowWidget() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(v.rows) {
				o.(*compareRowWidget).set(v.wrapped(v.cellView(v.rows[id].a, v.va)), v.wrapped(v.cellView(v.rows[id].b, v.vb)))
			}
		})
	v.list.OnSelected = func(id widget.ListItemID) {
		v.selected = id
		v.pickRow(id)
		v.list.Refresh() // the picked cells are framed
		v.changeMap.Refresh()
	}
	v.list.OnUnselected = func(widget.ListItemID) { v.selected = -1 }
	v.wrap = newWrapMeasure()
	v.watcher = &widthWatcher{onWidth: v.onWidth}
	prev := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { v.stepChange(-1) })
	next := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { v.stepChange(1) })
	v.changeMap = newChangeMap(v)
	pickers := container.NewGridWithColumns(2, v.pickA, v.pickB)
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(v.swap, prev, next, v.link, note), pickers)
	legend := newMarkText()
	legend.setLines([][]textRun{legendRuns()})
	v.headA, v.headB = newColumnHead(), newColumnHead()
	// The heads stand over the columns, clear of the change map.
	mapRoom := canvas.NewRectangle(color.Transparent)
	mapRoom.SetMinSize(fyne.NewSize(changeMapWidth, 1))
	heads := container.NewBorder(nil, nil, nil, mapRoom, container.NewGridWithColumns(2, v.headA, v.headB))
	top := container.NewVBox(bar, container.NewBorder(nil, nil, nil, legend, v.info), heads)
	return container.NewBorder(top, nil, nil, v.changeMap, container.New(v.watcher, v.list))
}

// setStory shows d, on the analyst's last pair for it or else the two most
// different versions.
func (v *compareView) setStory(d *storyData) {
	v.story = d
	v.focusKey = ""
	v.witnesses = nil
	v.clearPicks()
	v.labels = map[string]string{}
	var opts []string
	for _, id := range d.versionIDs() {
		l := d.label(id)
		v.labels[l] = id
		opts = append(opts, l)
	}
	v.pickA.Options, v.pickB.Options = opts, slices.Clone(opts)
	a, b, ok := d.mostDifferentPair()
	if la, lb := v.events.lastPair(d.story.ID); d.byVersion[la] != nil && d.byVersion[lb] != nil && la != lb {
		a, b, ok = la, lb, true
	}
	if !ok {
		v.va, v.vb = "", ""
		v.rows = nil
		v.pickA.ClearSelected()
		v.pickB.ClearSelected()
		v.headA.SetText("")
		v.headB.SetText("")
		v.info.SetText("This story has only one version: import another to compare.")
		v.list.Refresh()
		return
	}
	v.setPair(a, b)
}

// setPair compares versions a and b.
func (v *compareView) setPair(a, b string) {
	d := v.story
	if d == nil || d.cmp == nil || a == b {
		return
	}
	v.va, v.vb = a, b
	// Setting the pickers calls onPick, which sees the pair unchanged.
	v.pickA.SetSelected(d.label(a))
	v.pickB.SetSelected(d.label(b))
	v.headA.SetText(d.label(a))
	v.headB.SetText(d.label(b))
	v.events.pairShown(d.story.ID, a, b)
	v.rows = buildRows(d.cmp, a, b, d.letters[a], d.letters[b])
	v.selected = -1
	v.clearPicks()
	v.list.UnselectAll()
	v.info.SetText(v.pairSummary())
	v.measureRows()
	v.changeMap.Refresh()
	v.list.Refresh()
	v.list.ScrollToTop()
}

// newColumnHead is the label naming a column's version in full, wrapped.
func newColumnHead() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	l.TextStyle.Bold = true
	return l
}

// pairSummary says how the two versions relate, from the provenance.
func (v *compareView) pairSummary() string {
	d := v.story
	la, lb := d.letters[v.va], d.letters[v.vb]
	changed, onlyA, onlyB := 0, 0, 0
	for _, r := range v.rows {
		switch {
		case r.a.empty():
			onlyB++
		case r.b.empty():
			onlyA++
		case len(r.a.marks)+len(r.b.marks) > 0:
			changed++
		}
	}
	s := fmt.Sprintf("%d rows · %d changed · %d only in %s · %d only in %s", len(v.rows), changed, onlyA, la, onlyB, lb)
	for _, p := range d.cmp.Provenance {
		if (p.A == v.va && p.B == v.vb) || (p.A == v.vb && p.B == v.va) {
			s += fmt.Sprintf(" · %.0f%% verbatim", 100*p.VerbatimShare)
			if h := provenanceHint(d, p); h != "" {
				s += " · " + h
			}
		}
	}
	return s
}

func (v *compareView) onPick() {
	if v.story == nil {
		return
	}
	a, b := v.labels[v.pickA.Selected], v.labels[v.pickB.Selected]
	if a == "" || b == "" || (a == v.va && b == v.vb) {
		return
	}
	if a == b {
		v.info.SetText("Pick two different versions.")
		return
	}
	v.setPair(a, b)
}

func (v *compareView) onSwap() {
	if v.va != "" && v.vb != "" {
		v.setPair(v.vb, v.va)
	}
}

// refresh redraws the rows (after decisions or notes changed).
func (v *compareView) refresh() {
	if v.list != nil {
		v.list.Refresh()
	}
}

// showFlag brings flag f into view: its version faced with a version
// that carries the expected reading (see witnesses), its paragraph's row
// selected, both spans highlighted.
func (v *compareView) showFlag(f parallax.Flag) {
	d := v.story
	if d == nil || d.byVersion[f.Version] == nil {
		return
	}
	v.focusFlag = f
	v.witnesses = witnesses(d, f)
	v.witnessAt = 0
	// Keep the pair when its other side is as good a witness as the best.
	if other := v.otherSide(f.Version); other != "" && len(v.witnesses) > 0 {
		for i, w := range v.witnesses {
			if w.version == other && w.carries() == v.witnesses[0].carries() {
				v.witnessAt = i
				break
			}
		}
	}
	v.faceWitness()
}

// otherSide is the version facing version id in the current pair, "" when
// id is not compared.
func (v *compareView) otherSide(id string) string {
	switch id {
	case v.va:
		return v.vb
	case v.vb:
		return v.va
	}
	return ""
}

// faceWitness compares the focused flag's version with witness witnessAt.
func (v *compareView) faceWitness() {
	f := v.focusFlag
	a, b := v.va, v.vb
	switch {
	case v.witnessAt < len(v.witnesses):
		w := v.witnesses[v.witnessAt].version
		if v.otherSide(f.Version) != w {
			a, b = w, f.Version
		}
	case f.Version != a && f.Version != b:
		a, b = v.otherVersion(f), f.Version
	}
	if a != v.va || b != v.vb {
		v.setPair(a, b)
	}
	v.focusKey = f.Key
	v.measureRows() // the marked spans are drawn bold
	v.showRow(flagRowIndex(v.rows, f))
	v.list.Refresh()
}

// stepWitness faces the focused flag with the next (dir 1) or previous
// (-1) version that can witness it.
func (v *compareView) stepWitness(dir int) {
	n := len(v.witnesses)
	if v.focusKey == "" || n == 0 {
		return
	}
	v.witnessAt = ((v.witnessAt+dir)%n + n) % n
	v.faceWitness()
}

// witnessCount is how many versions can face the focused flag.
func (v *compareView) witnessCount() int { return len(v.witnesses) }

// witnessLabel says which version faces the focused flag: "Expected
// reading in C (1 of 3)".
func (v *compareView) witnessLabel() string {
	if v.focusKey == "" || len(v.witnesses) == 0 || v.story == nil {
		return ""
	}
	w := v.witnesses[v.witnessAt]
	what := "Compared with"
	if w.carries() {
		what = "Expected reading in"
	}
	return fmt.Sprintf("%s %s (%d of %d)", what, v.story.letters[w.version], v.witnessAt+1, len(v.witnesses))
}

// flagRowIndex is the row showing flag f: its paragraph's, or for a flag
// on a missing passage (paragraph 0) the passage's first row.
func flagRowIndex(rows []compareRow, f parallax.Flag) int {
	if f.Paragraph == 0 {
		return rowOfPassage(rows, f.Passage)
	}
	return rowOf(rows, parallax.ParaRef{Version: f.Version, Paragraph: f.Paragraph})
}

// otherVersion picks a version to face flag f's: one in its passage, if
// any, else the first other version.
func (v *compareView) otherVersion(f parallax.Flag) string {
	d := v.story
	if f.Passage >= 0 && f.Passage < len(d.cmp.Passages) {
		for _, m := range d.cmp.Passages[f.Passage].Members {
			if m.Version != f.Version {
				return m.Version
			}
		}
	}
	for _, id := range d.versionIDs() {
		if id != f.Version {
			return id
		}
	}
	return f.Version
}

// showPassage compares versions a and b at passage p.
func (v *compareView) showPassage(a, b string, p int) {
	if a != v.va || b != v.vb {
		v.setPair(a, b)
	}
	v.showRow(rowOfPassage(v.rows, p))
}

// showParagraph brings paragraph ref of the current pair into view,
// switching the pair when ref's version is not in it.
func (v *compareView) showParagraph(ref parallax.ParaRef) {
	if v.story == nil || v.story.byVersion[ref.Version] == nil {
		return // not a version of this story
	}
	if ref.Version != v.va && ref.Version != v.vb {
		other := v.va
		if other == "" {
			other = v.otherVersion(parallax.Flag{Version: ref.Version, Passage: -1})
		}
		v.setPair(other, ref.Version)
	}
	v.showRow(rowOf(v.rows, ref))
}

// showRow selects and scrolls to row i.
func (v *compareView) showRow(i int) {
	if i < 0 || i >= len(v.rows) {
		return
	}
	v.list.Select(i)
	v.selected = i
	// Bring the row's top into view with a little of the row above, not
	// just its bottom edge as ScrollTo does.
	if len(v.heights) == len(v.rows) {
		top := float32(0)
		for _, h := range v.heights[:i] {
			top += h
		}
		v.list.ScrollToOffset(max(top-v.heights[max(i-1, 0)]/3, 0))
	} else {
		v.list.ScrollTo(i)
	}
	v.changeMap.Refresh()
}

// legendRuns explains the marks in the marks themselves.
func legendRuns() []textRun {
	plain := runeStyle{diff: -1}
	return []textRun{
		{"deleted", runeStyle{diff: markDeleted}}, {"  ", plain},
		{"inserted", runeStyle{diff: markInserted}}, {"  ", plain},
		{"moved", runeStyle{diff: markMoved}}, {"  ", plain},
		{"trivial", runeStyle{diff: markTrivial}}, {"  ", plain},
		{"flagged", runeStyle{diff: -1, flag: true}}, {"  ", plain},
		{"noted", runeStyle{diff: -1, note: true}},
	}
}

// cellContent is what one side of a row shows.
type cellContent struct {
	empty   bool
	header  string
	runs    []textRun
	lines   [][]textRun // runs wrapped to the cell's width
	emptyOf string      // the version lacking the paragraph, for the empty cell
	picked  bool        // picked for linking: framed
}

// cellView computes the marks and header of one cell: diff, flags (the
// focused one stronger, dismissed ones not marked) and notes.
func (v *compareView) cellView(c compareCell, version string) cellContent {
	d := v.story
	if c.empty() {
		return cellContent{empty: true, emptyOf: d.letters[version]}
	}
	marks := slices.Clone(c.marks)
	nFlags, nNotes := 0, 0
	for _, f := range d.cmp.Flags {
		if f.Version != version || f.Paragraph != c.ref.Paragraph {
			continue
		}
		if d.status(f.Key) == parallax.StatusDismissed && f.Key != v.focusKey {
			continue
		}
		nFlags++
		k := markFlag
		if f.Key == v.focusKey {
			k = markFlagFocus
		}
		marks = append(marks, mark{start: f.Start, end: f.End, kind: k})
	}
	if v.focusKey != "" && v.witnessAt < len(v.witnesses) {
		if w := v.witnesses[v.witnessAt]; w.version == version && w.paragraph == c.ref.Paragraph && w.end > w.start {
			marks = append(marks, mark{start: w.start, end: w.end, kind: markFlagFocus})
		}
	}
	artID := d.byVersion[version].ID
	for _, n := range d.notes {
		if n.ArticleID != artID || n.Paragraph != c.ref.Paragraph {
			continue
		}
		nNotes++
		if n.End > n.Start {
			marks = append(marks, mark{start: n.Start, end: n.End, kind: markNote})
		}
	}
	// where ("¶7 in B, moved") names the paragraph itself when set.
	parts := []string{fmt.Sprintf("%s ¶%d", d.letters[version], c.ref.Paragraph)}
	if c.where != "" {
		parts[0] = c.where
	}
	if c.kind != parallax.KindBody && c.kind != "" {
		parts = append(parts, string(c.kind))
	}
	if l := v.linkNote(c); l != "" {
		parts = append(parts, l)
	}
	if nFlags > 0 {
		parts = append(parts, "⚑ "+plural(nFlags, "flag"))
	}
	if nNotes > 0 {
		parts = append(parts, "✎ "+plural(nNotes, "note"))
	}
	return cellContent{
		header: strings.Join(parts, " · "),
		runs:   paragraphRuns(c.text, marks, dimmedKind(c.kind)),
		picked: c.ref == v.picked[0] || c.ref == v.picked[1],
	}
}

// onWidth measures the rows again when the list's width changes.
func (v *compareView) onWidth(w float32) {
	v.width = w
	v.measureRows()
}

// textWidth is the width the cells' text is wrapped to: a little narrower
// than the cell, as the wrapping ignores kerning.
func (v *compareView) textWidth() float32 {
	th := v.list.Theme()
	colW := (v.width - th.Size(theme.SizeNamePadding)) / 2
	w := (colW-2*th.Size(theme.SizeNameInnerPadding))*0.97 - 4
	return max(w, 40)
}

// wrapped breaks a cell's text into lines for the current width.
func (v *compareView) wrapped(c cellContent) cellContent {
	if !c.empty && v.width > 0 {
		c.lines = wrapRuns(v.wrap, c.runs, v.textWidth(), v.list.Theme().Size(theme.SizeNameText))
	}
	return c
}

// measureRows sets each row's height to fit its taller wrapped cell.
func (v *compareView) measureRows() {
	if v.width <= 0 || v.story == nil {
		return
	}
	th := v.list.Theme()
	pad := th.Size(theme.SizeNamePadding)
	textSize := th.Size(theme.SizeNameText)
	headH := fyne.MeasureText("¶", th.Size(theme.SizeNameCaptionText), fyne.TextStyle{}).Height
	lineH := lineHeight(th)
	inner := th.Size(theme.SizeNameInnerPadding)
	width := v.textWidth()
	// SetItemHeight redraws the visible rows each time; with no rows to
	// show while the heights are set, that costs nothing.
	rows := v.rows
	v.rows = nil
	v.heights = make([]float32, len(rows))
	defer func() {
		v.rows = rows
		v.list.Refresh()
	}()
	for i, r := range rows {
		lines := 0
		for _, c := range []cellContent{v.cellView(r.a, v.va), v.cellView(r.b, v.vb)} {
			if !c.empty {
				lines = max(lines, len(wrapRuns(v.wrap, c.runs, width, textSize)))
			}
		}
		h := float32(lines)*lineH + 2*inner + headH + pad
		v.heights[i] = h
		v.list.SetItemHeight(i, h)
	}
}

// compareRowWidget draws one row: two cells side by side.
type compareRowWidget struct {
	widget.BaseWidget
	cells [2]*compareCellWidget
}

func newCompareRowWidget() *compareRowWidget {
	r := &compareRowWidget{cells: [2]*compareCellWidget{newCompareCellWidget(), newCompareCellWidget()}}
	r.ExtendBaseWidget(r)
	return r
}

func (r *compareRowWidget) set(a, b cellContent) {
	r.cells[0].set(a)
	r.cells[1].set(b)
}

func (r *compareRowWidget) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewGridWithColumns(2, r.cells[0], r.cells[1]))
}

// compareCellWidget is one paragraph of a row, or the empty cell facing a
// paragraph without counterpart.
type compareCellWidget struct {
	widget.BaseWidget
	header *canvas.Text
	text   *markText
	blank  *canvas.Rectangle
	blankT *canvas.Text
	frame  *canvas.Rectangle // drawn round a cell picked for linking
	empty  bool
	picked bool
}

func newCompareCellWidget() *compareCellWidget {
	c := &compareCellWidget{
		header: canvas.NewText("", nil),
		text:   newMarkText(),
		blank:  canvas.NewRectangle(nil),
		blankT: canvas.NewText("", nil),
		frame:  canvas.NewRectangle(color.Transparent),
	}
	c.ExtendBaseWidget(c)
	return c
}

func (c *compareCellWidget) set(cc cellContent) {
	c.empty = cc.empty
	c.picked = cc.picked && !cc.empty
	if cc.empty {
		c.blankT.Text = "no counterpart in " + cc.emptyOf
		c.header.Text = ""
		c.text.setLines(nil)
	} else {
		c.header.Text = cc.header
		lines := cc.lines
		if lines == nil {
			lines = [][]textRun{cc.runs}
		}
		c.text.setLines(lines)
	}
	c.Refresh()
}

func (c *compareCellWidget) CreateRenderer() fyne.WidgetRenderer {
	return &compareCellRenderer{c: c}
}

// compareCellRenderer lays the header above the wrapped text, or the faint
// empty cell.
type compareCellRenderer struct{ c *compareCellWidget }

func (r *compareCellRenderer) Layout(size fyne.Size) {
	c := r.c
	th := c.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	hh := c.header.MinSize().Height
	c.header.Move(fyne.NewPos(pad, th.Size(theme.SizeNamePadding)/2))
	c.header.Resize(fyne.NewSize(size.Width-2*pad, hh))
	c.text.Move(fyne.NewPos(0, hh))
	c.text.Resize(fyne.NewSize(size.Width, size.Height-hh))
	c.blank.Move(fyne.NewPos(0, 0))
	c.blank.Resize(size)
	c.blankT.Move(fyne.NewPos(pad, pad))
	c.blankT.Resize(c.blankT.MinSize())
	c.frame.Move(fyne.NewPos(1, 1))
	c.frame.Resize(fyne.NewSize(size.Width-2, size.Height-2))
}

func (r *compareCellRenderer) MinSize() fyne.Size {
	return fyne.NewSize(80, r.c.header.MinSize().Height+r.c.text.MinSize().Height)
}

func (r *compareCellRenderer) Refresh() {
	c := r.c
	th := c.Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	c.header.Color = th.Color(colorDimmed, variant)
	c.header.TextSize = th.Size(theme.SizeNameCaptionText)
	c.blank.FillColor = th.Color(colorAbsent, variant)
	c.blank.CornerRadius = th.Size(theme.SizeNameSelectionRadius)
	c.blankT.Color = th.Color(colorDimmed, variant)
	c.blankT.TextSize = th.Size(theme.SizeNameCaptionText)
	c.blankT.TextStyle.Italic = true
	c.frame.StrokeColor = th.Color(theme.ColorNamePrimary, variant)
	c.frame.StrokeWidth = 2
	c.frame.CornerRadius = th.Size(theme.SizeNameSelectionRadius)
	c.frame.Hidden = !c.picked
	c.frame.Refresh()
	c.blank.Hidden, c.blankT.Hidden = !c.empty, !c.empty
	c.header.Hidden, c.text.Hidden = c.empty, c.empty
	c.header.Refresh()
	c.blank.Refresh()
	c.blankT.Refresh()
	r.Layout(c.Size())
}

func (r *compareCellRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.c.blank, r.c.blankT, r.c.header, r.c.text, r.c.frame}
}

func (r *compareCellRenderer) Destroy() {}

// articleVersion is the compare version id of library article id.
func articleVersion(id int64) string { return strconv.FormatInt(id, 10) }
