package ui

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	parallax "github.com/parallax-news/parallax"
)

// Filter choices of the flags panel.
const (
	filterAll       = "All"
	filterAllKinds  = "All kinds"
	filterOpen      = "Open"
	filterConfirmed = "Confirmed"
	filterDismissed = "Dismissed"
)

// flagItem is one row of the flags list: a kind heading or a flag.
type flagItem struct {
	heading string // set for a heading row
	flag    *parallax.Flag
}

// flagFacer is the compare view as the flags panel drives it: it shows a
// flag against the versions that witness it, one at a time.
type flagFacer interface {
	showFlag(f parallax.Flag)
	stepWitness(dir int)
	witnessLabel() string
	witnessCount() int
}

// decisionStore records the analyst's decisions (the library does).
type decisionStore interface {
	SetDecision(ctx context.Context, d parallax.Decision) error
}

// flagEvents is what the flags panel asks of the window.
type flagEvents struct {
	showCompare func() // brings the compare view to the front
	decided     func() // a decision changed: redraw what shows a flag's status
}

// flagsPanel lists the story's flags grouped by kind, most severe first,
// with filters, and records the analyst's decision on the selected one.
// It stores through the library, faces flags in the compare view and
// tells the window through its events; it knows nothing else of the
// window.
type flagsPanel struct {
	win       fyne.Window
	jobs      *jobRunner
	decisions decisionStore
	undo      *undoStack
	compare   flagFacer
	events    flagEvents

	kindFilter *picker
	statFilter *picker
	list       *widget.List
	detail     *widget.Label
	note       *widget.Entry
	confirm    *widget.Button
	dismiss    *widget.Button
	reopen     *widget.Button
	witness    *widget.Button // faces the flag with the next version

	story    *storyData
	items    []flagItem
	selected *parallax.Flag
	// width is the list's; rows wrap their texts to it (see rowHeight).
	width   float32
	wrap    *wrapMeasure
	heights map[lineKey]float32 // a label's height for a number of lines
}

// Lines a flag row shows of each of its two texts: a few, or when the row
// is selected, the whole flag up to a bound.
const (
	flagRowLines         = 2
	flagRowSelectedLines = 12
)

func newFlagsPanel(win fyne.Window, jobs *jobRunner, decisions decisionStore, undo *undoStack, compare flagFacer, events flagEvents) *flagsPanel {
	return &flagsPanel{win: win, jobs: jobs, decisions: decisions, undo: undo, compare: compare, events: events}
}

func (v *flagsPanel) build() fyne.CanvasObject {
	v.kindFilter = newPicker(v.win.Canvas, []string{filterAllKinds}, func(string) { v.rebuild() })
	v.kindFilter.Selected = filterAllKinds
	v.statFilter = newPicker(v.win.Canvas, []string{filterAll, filterOpen, filterConfirmed, filterDismissed}, func(string) { v.rebuild() })
	v.statFilter.Selected = filterAll
	v.list = widget.NewList(
		func() int { return len(v.items) },
		func() fyne.CanvasObject { return newFlagRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(v.items) {
				r := o.(*flagRow)
				r.set(v.story, v.items[id])
				top, _ := v.rowSplit(v.items[id], v.isOpen(v.items[id]))
				r.setTopHeight(top)
			}
		})
	v.list.OnSelected = v.onSelected
	v.list.OnUnselected = func(id widget.ListItemID) { v.sizeRow(id, false) }
	v.wrap = newWrapMeasure()
	v.heights = map[lineKey]float32{}
	v.detail = widget.NewLabel("Select a flag to see it in context.")
	v.detail.Wrapping = fyne.TextWrapWord
	v.note = widget.NewMultiLineEntry()
	v.note.SetPlaceHolder("Note on this flag (saved with the decision)")
	v.note.Wrapping = fyne.TextWrapWord
	v.note.SetMinRowsVisible(2)
	v.confirm = widget.NewButtonWithIcon("Confirm", theme.ConfirmIcon(), v.onConfirm)
	v.dismiss = widget.NewButtonWithIcon("Dismiss", theme.CancelIcon(), v.onDismiss)
	v.reopen = widget.NewButtonWithIcon("Reopen", theme.ContentUndoIcon(), v.onReopen)
	v.witness = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), v.onNextWitness)
	v.witness.Alignment = widget.ButtonAlignLeading
	v.witness.Hide()
	v.setButtons(false)
	filters := container.NewGridWithColumns(2, v.kindFilter, v.statFilter)
	buttons := container.NewGridWithColumns(3, v.confirm, v.dismiss, v.reopen)
	bottom := container.NewVBox(widget.NewSeparator(), v.detail, v.witness, v.note, buttons)
	watcher := &widthWatcher{onWidth: func(w float32) { v.width = w; v.sizeRows() }}
	return container.NewBorder(filters, bottom, nil, nil, container.New(watcher, v.list))
}

func (v *flagsPanel) setButtons(on bool) {
	for _, b := range []*widget.Button{v.confirm, v.dismiss, v.reopen} {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

func (v *flagsPanel) setStory(d *storyData) {
	v.story = d
	v.selected = nil
	kinds := []string{filterAllKinds}
	if d.cmp != nil {
		for _, f := range d.cmp.Flags {
			if !slices.Contains(kinds, kindTitle(f.Kind)) {
				kinds = append(kinds, kindTitle(f.Kind))
			}
		}
	}
	v.kindFilter.Options = kinds
	if !slices.Contains(kinds, v.kindFilter.Selected) {
		v.kindFilter.Selected = filterAllKinds
	}
	v.kindFilter.Refresh()
	v.detail.SetText("Select a flag to see it in context.")
	v.note.SetText("")
	v.setButtons(false)
	v.witness.Hide()
	v.rebuild()
}

// refresh redraws after decisions changed, keeping the selection.
func (v *flagsPanel) refresh() {
	sel := v.selected
	v.rebuild()
	if sel != nil {
		v.selectKey(sel.Key)
		v.showDetail(*sel)
	}
}

// rebuild regroups the flags that pass the filters.
func (v *flagsPanel) rebuild() {
	v.items = nil
	if v.story != nil && v.story.cmp != nil {
		v.items = groupFlags(v.story.cmp.Flags, func(f parallax.Flag) bool {
			if k := v.kindFilter.Selected; k != filterAllKinds && k != "" && kindTitle(f.Kind) != k {
				return false
			}
			st := v.story.status(f.Key)
			switch v.statFilter.Selected {
			case filterOpen:
				return st == parallax.StatusOpen
			case filterConfirmed:
				return st == parallax.StatusConfirmed
			case filterDismissed:
				return st == parallax.StatusDismissed
			}
			return true
		})
	}
	v.list.UnselectAll()
	v.sizeRows()
}

// sizeRows sets every row's height for the list's width: a heading is one
// line, a flag its two texts wrapped, each to at most flagRowLines. The
// heights are set while the list is empty, as SetItemHeight redraws the
// visible rows each time.
func (v *flagsPanel) sizeRows() {
	items := v.items
	v.items = nil
	for i := range items {
		v.list.SetItemHeight(i, v.rowHeight(items[i], v.isOpen(items[i])))
	}
	v.items = items
	v.list.Refresh()
}

// isOpen reports whether it is the selected flag, shown in full.
func (v *flagsPanel) isOpen(it flagItem) bool {
	return it.flag != nil && v.selected != nil && it.flag.Key == v.selected.Key
}

// sizeRow sets row i's height, all of its flag's texts shown when open.
func (v *flagsPanel) sizeRow(i int, open bool) {
	if i >= 0 && i < len(v.items) {
		v.list.SetItemHeight(i, v.rowHeight(v.items[i], open))
	}
}

// lineKey names a label's height: lines of text in a text size.
type lineKey struct {
	lines int
	size  fyne.ThemeSizeName
}

// rowHeight is the height of a row showing it; open shows a flag's texts
// in full (up to flagRowSelectedLines each).
func (v *flagsPanel) rowHeight(it flagItem, open bool) float32 {
	top, bottom := v.rowSplit(it, open)
	return top + bottom
}

// rowSplit is the height of a row's main text and of its caption.
func (v *flagsPanel) rowSplit(it flagItem, open bool) (top, bottom float32) {
	if it.flag == nil || v.story == nil {
		return v.labelHeight(1, theme.SizeNameText), 0
	}
	t, b := flagRowTexts(v.story, *it.flag)
	limit := flagRowLines
	if open {
		limit = flagRowSelectedLines
	}
	return v.labelHeight(min(v.textLines(t, theme.SizeNameText), limit), theme.SizeNameText),
		v.labelHeight(min(v.textLines(b, theme.SizeNameCaptionText), limit), theme.SizeNameCaptionText)
}

// textLines counts the lines text takes in a row label at the list's
// width (one while the width is unknown).
func (v *flagsPanel) textLines(text string, size fyne.ThemeSizeName) int {
	if v.width <= 0 {
		return 1
	}
	th := v.list.Theme()
	// A little narrower than the label: the measure ignores kerning.
	w := (v.width-2*th.Size(theme.SizeNameInnerPadding))*0.97 - 4
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: text, Style: widget.RichTextStyleInline}}
	return max(1, v.wrap.lines(segs, max(w, 40), th.Size(size)))
}

// labelHeight is the height of a label showing n lines in text size size.
func (v *flagsPanel) labelHeight(n int, size fyne.ThemeSizeName) float32 {
	k := lineKey{n, size}
	if h, ok := v.heights[k]; ok {
		return h
	}
	l := widget.NewLabel(strings.TrimSuffix(strings.Repeat("Mg\n", n), "\n"))
	l.SizeName = size
	h := l.MinSize().Height
	v.heights[k] = h
	return h
}

// groupFlags orders the flags that pass keep by kind group (the group
// with the most severe flag first), then severity, version and place, and
// puts a heading before each group.
func groupFlags(flags []parallax.Flag, keep func(parallax.Flag) bool) []flagItem {
	groups := map[parallax.FlagKind][]*parallax.Flag{}
	var kinds []parallax.FlagKind
	for i := range flags {
		f := &flags[i]
		if !keep(*f) {
			continue
		}
		if groups[f.Kind] == nil {
			kinds = append(kinds, f.Kind)
		}
		groups[f.Kind] = append(groups[f.Kind], f)
	}
	worst := func(k parallax.FlagKind) int {
		w := 3
		for _, f := range groups[k] {
			w = min(w, f.Severity.Rank())
		}
		return w
	}
	slices.SortFunc(kinds, func(a, b parallax.FlagKind) int {
		return cmp.Or(cmp.Compare(worst(a), worst(b)), cmp.Compare(len(groups[b]), len(groups[a])), cmp.Compare(a, b))
	})
	var out []flagItem
	for _, k := range kinds {
		g := groups[k]
		slices.SortStableFunc(g, func(a, b *parallax.Flag) int {
			return cmp.Or(cmp.Compare(a.Severity.Rank(), b.Severity.Rank()), cmp.Compare(a.Version, b.Version),
				cmp.Compare(a.Paragraph, b.Paragraph), cmp.Compare(a.Start, b.Start))
		})
		out = append(out, flagItem{heading: fmt.Sprintf("%s (%d)", kindTitle(k), len(g))})
		for _, f := range g {
			out = append(out, flagItem{flag: f})
		}
	}
	return out
}

// kindTitle names a flag kind for headings and filters.
func kindTitle(k parallax.FlagKind) string { return k.Heading() }

func (v *flagsPanel) onSelected(id widget.ListItemID) {
	if id < 0 || id >= len(v.items) {
		return
	}
	it := v.items[id]
	if it.flag == nil {
		v.list.Unselect(id)
		return
	}
	f := *it.flag
	v.selected = &f
	v.sizeRow(id, true)
	v.showDetail(f)
	v.compare.showFlag(f)
	v.events.showCompare()
	v.showWitness()
}

// onNextWitness faces the selected flag with the next version that can
// witness it.
func (v *flagsPanel) onNextWitness() {
	if v.selected == nil {
		return
	}
	v.compare.stepWitness(1)
	v.events.showCompare()
	v.showWitness()
}

// showWitness labels the witness button with the version facing the flag.
func (v *flagsPanel) showWitness() {
	l := v.compare.witnessLabel()
	if l == "" || v.compare.witnessCount() < 2 {
		v.witness.SetText(l)
		v.witness.Disable()
	} else {
		v.witness.SetText(l + " · next version")
		v.witness.Enable()
	}
	if l == "" {
		v.witness.Hide()
	} else {
		v.witness.Show()
	}
}

// showDetail fills the detail area for f.
func (v *flagsPanel) showDetail(f parallax.Flag) {
	d := v.story
	st := d.status(f.Key)
	v.detail.SetText(fmt.Sprintf("%s · %s · %s ¶%d · %s\n%s", kindTitle(f.Kind), f.Severity, d.letters[f.Version], f.Paragraph, st, consensus(d, f)))
	v.note.SetText(d.decisions[f.Key].Note)
	v.setButtons(true)
	switch st {
	case parallax.StatusOpen:
		v.reopen.Disable()
	case parallax.StatusConfirmed:
		v.confirm.Disable()
	case parallax.StatusDismissed:
		v.dismiss.Disable()
	}
}

// consensus says how the versions split: "4 of 5 versions write “X”; B
// writes “Y”", or the flag's message when there is no wording to compare.
func consensus(d *storyData, f parallax.Flag) string {
	total := len(d.articles)
	letter := d.letters[f.Version]
	switch {
	case f.Expected != "" && f.Found != "":
		return fmt.Sprintf("%d of %d versions write %s; %s writes %s (%d of %d).",
			f.Support.Expected, total, quoted(f.Expected), letter, quoted(f.Found), f.Support.Found, total)
	case f.Message != "":
		return messageWithEvidence(d.letters.Message(f.Message), letter, f.Found)
	case f.Found != "":
		return fmt.Sprintf("%s writes %s.", letter, quoted(f.Found))
	}
	return fmt.Sprintf("%s ¶%d", letter, f.Paragraph)
}

// messageWithEvidence shows a flag's message once, then the words it
// concerns (found, in version letter) in full. Messages often end by
// quoting those words, cut short: that quote gives way to the full text.
// A message that already quotes them within a sentence stands alone.
func messageWithEvidence(msg, letter, found string) string {
	msg = strings.TrimSpace(msg)
	found = strings.TrimSpace(found)
	if found == "" {
		return sentenceCase(msg)
	}
	full := found
	if rs := []rune(found); len(rs) > maxEvidenceRunes {
		// The detail area sits above the decision buttons: a whole
		// paragraph there would push the flag list out of a small window.
		found = string(rs[:maxEvidenceRunes]) + "…"
	}
	if body, ok := strings.CutSuffix(msg, "'"); ok {
		// The opening quote is the leftmost one that makes a match: the
		// quoted words may hold apostrophes of their own.
		for j := strings.IndexByte(body, '\''); j >= 0; {
			if quotesPrefix(body[j+1:], full) {
				msg = strings.TrimRight(strings.TrimSpace(body[:j]), ":")
				return sentenceCase(msg) + ":\n" + quoted(found)
			}
			k := strings.IndexByte(body[j+1:], '\'')
			if k < 0 {
				break
			}
			j += 1 + k
		}
	}
	if strings.Contains(msg, full) {
		return sentenceCase(msg)
	}
	return sentenceCase(msg) + "\n" + letter + ": " + quoted(found)
}

// maxEvidenceRunes caps the flagged words shown under a flag's message.
const maxEvidenceRunes = 240

// quotesPrefix reports whether quoted is found, or its start cut with an
// ellipsis.
func quotesPrefix(quoted, found string) bool {
	if quoted == found {
		return true
	}
	head, cut := strings.CutSuffix(quoted, "…")
	return cut && head != "" && strings.HasPrefix(found, head)
}

// sentenceCase capitalises the first letter of s.
func sentenceCase(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func (v *flagsPanel) onConfirm() { v.decide(parallax.StatusConfirmed) }
func (v *flagsPanel) onDismiss() { v.decide(parallax.StatusDismissed) }
func (v *flagsPanel) onReopen()  { v.decide(parallax.StatusOpen) }

// decide stores status (and the note) for the selected flag; the step can
// be undone.
func (v *flagsPanel) decide(status parallax.FlagStatus) {
	if v.story == nil || v.selected == nil {
		return
	}
	d := v.story
	f := *v.selected
	before, had := d.decisions[f.Key]
	if !had {
		before = parallax.Decision{StoryID: d.story.ID, Key: f.Key, Status: parallax.StatusOpen}
	}
	dec := parallax.Decision{StoryID: d.story.ID, Key: f.Key, Status: status, Note: v.note.Text}
	v.store(dec, func() {
		v.undo.push(fmt.Sprintf("%s flag %s", status, f.Found), func() { v.store(before, nil) })
	})
}

// store saves dec off the UI goroutine and refreshes the views.
func (v *flagsPanel) store(dec parallax.Decision, after func()) {
	d := v.story
	v.jobs.run(job{
		title: "Saving the decision",
		work: func(ctx context.Context, _ progressFunc) error {
			return v.decisions.SetDecision(ctx, dec)
		},
		done: func(err error) {
			if err != nil {
				v.jobs.showError("Saving the decision", err)
				return
			}
			if d.decisions == nil {
				d.decisions = map[string]parallax.Decision{}
			}
			d.decisions[dec.Key] = dec
			if after != nil {
				after()
			}
			if v.story == d {
				v.events.decided()
			}
		},
	})
}

// step selects the next (dir 1) or previous (-1) flag in the list.
func (v *flagsPanel) step(dir int) {
	if len(v.items) == 0 {
		return
	}
	cur := -1
	if v.selected != nil {
		cur = slices.IndexFunc(v.items, func(it flagItem) bool { return it.flag != nil && it.flag.Key == v.selected.Key })
	}
	for i := 1; i <= len(v.items); i++ {
		j := ((cur+dir*i)%len(v.items) + len(v.items)) % len(v.items)
		if v.items[j].flag != nil {
			v.list.Select(j)
			v.list.ScrollTo(j)
			return
		}
	}
}

// selectKey selects the row of flag key without moving other views.
func (v *flagsPanel) selectKey(key string) {
	for i, it := range v.items {
		if it.flag != nil && it.flag.Key == key {
			f := *it.flag
			v.selected = &f
			cb := v.list.OnSelected
			v.list.OnSelected = nil
			v.list.Select(i)
			v.list.OnSelected = cb
			v.sizeRow(i, true)
			return
		}
	}
}

// flagRow shows a kind heading, or one flag: severity and status, then
// what was found against what most write. Its two texts wrap to the
// height the list gives the row, the last line cut with an ellipsis.
type flagRow struct {
	labelRow
	topH float32 // the main text's height; the caption has the rest
}

func newFlagRow() *flagRow {
	r := &flagRow{}
	r.initRow(false)
	r.top.Wrapping, r.bottom.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
	r.ExtendBaseWidget(r)
	return r
}

func (r *flagRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(&flagRowLayout{r}, r.top, r.bottom))
}

// setTopHeight gives the main text h and lays the row out again: a row
// reused for another flag may keep its size and so get no new layout.
func (r *flagRow) setTopHeight(h float32) {
	r.topH = h
	(&flagRowLayout{r}).Layout(nil, r.Size())
}

// flagRowLayout gives the main text its lines and the caption the rest of
// the row: the list sized the row for both (see flagsPanel.rowHeight).
type flagRowLayout struct{ r *flagRow }

func (l *flagRowLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	h := oneLineHeight(l.r.top)
	if l.r.bottom.Visible() {
		h += oneLineHeight(l.r.bottom)
	}
	return fyne.NewSize(40, h)
}

func (l *flagRowLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	top, bottom := l.r.top, l.r.bottom
	// Never less than a line: Fyne 2.7.1's RichText panics (index -1 in
	// updateRowBounds) when a wrapped, truncated text gets no line at all.
	lineTop, lineBottom := oneLineHeight(top), oneLineHeight(bottom)
	th := max(l.r.topH, lineTop)
	if !bottom.Visible() {
		th = max(size.Height, lineTop)
	}
	top.Move(fyne.NewPos(0, 0))
	top.Resize(fyne.NewSize(size.Width, th))
	if bottom.Visible() {
		bottom.Move(fyne.NewPos(0, th))
		bottom.Resize(fyne.NewSize(size.Width, max(size.Height-th, lineBottom)))
	}
}

// oneLineHeight is the height label needs for one line of its text.
func oneLineHeight(label *widget.Label) float32 {
	th := label.Theme()
	size := label.SizeName
	if size == "" {
		size = theme.SizeNameText
	}
	return fyne.MeasureText("Mg", th.Size(size), label.TextStyle).Height + 2*th.Size(theme.SizeNameInnerPadding)
}

// flagRowTexts are a flag row's two texts in full: severity, status,
// place and what was found against what most write; then how the
// versions split.
func flagRowTexts(d *storyData, f parallax.Flag) (top, bottom string) {
	mark := ""
	switch d.status(f.Key) {
	case parallax.StatusConfirmed:
		mark = "✔ confirmed · "
	case parallax.StatusDismissed:
		mark = "✖ dismissed · "
	}
	what := f.Found
	switch {
	case f.Found == "" && f.Expected != "":
		what = "lacks " + quoted(f.Expected)
	case f.Expected != "":
		what = quoted(f.Found) + " vs " + quoted(f.Expected)
	}
	top = fmt.Sprintf("%s%s %s · %s ¶%d · %s", mark, severityScale(f.Severity), f.Severity, d.letters[f.Version], f.Paragraph, what)
	return flatten(top), flatten(consensus(d, f))
}

// quoted puts text in curly quotes, unless it opens with a quotation
// mark of its own (a quotation the flag is about): quoted again it would
// read “"This is…”, the marks doubled.
func quoted(s string) string {
	if r, _ := utf8.DecodeRuneInString(s); strings.ContainsRune(openingQuotes, r) {
		return s
	}
	return "“" + s + "”"
}

// openingQuotes are the marks a quotation may open with.
const openingQuotes = "\"'“‘„‚«‹「『"

// flatten puts text on one line, its runs of white space made one space.
func flatten(s string) string { return strings.Join(strings.Fields(s), " ") }

func (r *flagRow) set(d *storyData, it flagItem) {
	if it.flag == nil {
		r.top.TextStyle.Bold = true
		r.top.Importance = widget.HighImportance
		r.top.SetText(it.heading)
		r.bottom.Hide()
		return
	}
	f := it.flag
	r.bottom.Show()
	r.top.TextStyle.Bold = false
	r.top.TextStyle.Italic = false
	r.top.Importance = widget.MediumImportance
	// The status is said in words (see flagRowTexts) and drawn apart: a
	// confirmed flag in the success colour, a dismissed one in italics.
	switch d.status(f.Key) {
	case parallax.StatusConfirmed:
		r.top.Importance = widget.SuccessImportance
	case parallax.StatusDismissed:
		r.top.TextStyle.Italic = true
	}
	top, bottom := flagRowTexts(d, *f)
	r.top.SetText(top)
	r.bottom.SetText(bottom)
}

// severityScale draws a severity as three dots, so that high, medium and
// low read as a scale rather than as one dot of another colour.
func severityScale(s parallax.Severity) string {
	switch s.Rank() {
	case 0:
		return "●●●"
	case 1:
		return "●●○"
	}
	return "●○○"
}
