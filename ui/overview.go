package ui

import (
	"fmt"
	"image/color"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	parallax "github.com/parallax-news/parallax"
)

// heatCell is one version's share of one passage.
type heatCell struct {
	present    bool
	paragraphs []int
	similarity float64 // mean pair score against the passage's other members; 0 when alone
	flags      int
}

// heatGrid computes the overview grid: one row per passage, one column per
// version (in the order of versions).
func heatGrid(c *parallax.Comparison, versions []string) [][]heatCell {
	col := map[string]int{}
	for i, v := range versions {
		col[v] = i
	}
	grid := make([][]heatCell, len(c.Passages))
	type key struct {
		version   string
		paragraph int
	}
	passageOf := map[key]int{}
	for p, ps := range c.Passages {
		grid[p] = make([]heatCell, len(versions))
		for _, m := range ps.Members {
			i, ok := col[m.Version]
			if !ok {
				continue
			}
			grid[p][i].present = true
			grid[p][i].paragraphs = append(grid[p][i].paragraphs, m.Paragraphs...)
			for _, para := range m.Paragraphs {
				passageOf[key{m.Version, para}] = p
			}
		}
	}
	sum := make([][]float64, len(grid))
	n := make([][]int, len(grid))
	for p := range grid {
		sum[p] = make([]float64, len(versions))
		n[p] = make([]int, len(versions))
	}
	for _, pr := range c.Pairs {
		pa, okA := passageOf[key{pr.A.Version, pr.A.Paragraph}]
		pb, okB := passageOf[key{pr.B.Version, pr.B.Paragraph}]
		if !okA || !okB || pa != pb {
			continue
		}
		for _, v := range []string{pr.A.Version, pr.B.Version} {
			if i, ok := col[v]; ok {
				sum[pa][i] += pr.Score
				n[pa][i]++
			}
		}
	}
	for p := range grid {
		for i := range grid[p] {
			if n[p][i] > 0 {
				grid[p][i].similarity = sum[p][i] / float64(n[p][i])
			}
		}
	}
	for _, f := range c.Flags {
		if p, ok := passageOf[key{f.Version, f.Paragraph}]; ok {
			if i, ok := col[f.Version]; ok {
				grid[p][i].flags++
			}
		}
	}
	return grid
}

// overviewView shows the story as a heat map: passages down, versions
// across, each cell coloured by how closely that version carries the
// passage; the provenance guesses are listed underneath.
type overviewView struct {
	// showPassage compares versions a and b at passage p (a click on a cell).
	showPassage func(a, b string, p int)
	table       *widget.Table
	provenance  *widget.Label
	story       *storyData
	versions    []string
	grid        [][]heatCell
	previews    []string
	watcher     *widthWatcher
	colWidths   []float32 // as last set: the passage column, then each version
}

// Overview column widths: the passage column takes a share of the width
// within these bounds, the versions share the rest, each at least
// minVersionColumn (below that the table scrolls sideways).
const (
	minPassageColumn = 150
	maxPassageColumn = 320
	minVersionColumn = 84
)

// fitColumns sizes the columns so that every version fits the width the
// table has; it scrolls sideways only when the versions cannot fit.
func (v *overviewView) fitColumns() {
	w := v.watcher.width
	if w <= 0 {
		w = 900
	}
	w -= v.table.Theme().Size(theme.SizeNameScrollBar) + 2
	passage := min(max(w*0.28, minPassageColumn), maxPassageColumn)
	n := float32(max(len(v.versions), 1))
	sep := v.table.Theme().Size(theme.SizeNamePadding) // a table's column separator
	col := max((w-passage-n*sep)/n, minVersionColumn)
	v.colWidths = []float32{passage}
	v.table.SetColumnWidth(0, passage)
	for i := range v.versions {
		v.table.SetColumnWidth(i+1, col)
		v.colWidths = append(v.colWidths, col)
	}
}

func newOverviewView(showPassage func(a, b string, p int)) *overviewView {
	return &overviewView{showPassage: showPassage}
}

func (v *overviewView) build() fyne.CanvasObject {
	v.table = widget.NewTable(
		func() (int, int) { return len(v.grid), len(v.versions) + 1 },
		func() fyne.CanvasObject { return newHeatCellWidget() },
		v.updateCell)
	v.table.ShowHeaderRow = true
	v.table.StickyColumnCount = 1
	v.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		switch {
		case id.Col == 0:
			l.SetText("Passage")
		case v.story != nil && id.Col-1 < len(v.versions):
			l.SetText(v.story.label(v.versions[id.Col-1]))
		default:
			l.SetText("")
		}
	}
	v.table.OnSelected = v.onCellSelected
	v.provenance = widget.NewLabel("")
	v.provenance.Wrapping = fyne.TextWrapWord
	// Dimmed, not LowImportance: a low-importance label is drawn in the
	// disabled grey, which light backgrounds all but hide.
	help := widget.NewRichText(plainSegment("Each cell: does the version carry the passage, and how close is it to the others (green close, amber reworded or alone, grey absent). Click a cell to compare it.",
		colorDimmed, fyne.TextStyle{}, theme.SizeNameText))
	help.Wrapping = fyne.TextWrapWord
	v.watcher = &widthWatcher{onWidth: func(float32) { v.fitColumns() }}
	split := container.NewVSplit(container.New(v.watcher, v.table), container.NewVScroll(v.provenance))
	split.Offset = 0.75
	return container.NewBorder(help, nil, nil, nil, split)
}

func (v *overviewView) setStory(d *storyData) {
	v.story = d
	v.versions = d.versionIDs()
	v.grid, v.previews = nil, nil
	if d.cmp != nil {
		v.grid = heatGrid(d.cmp, v.versions)
		for _, p := range d.cmp.Passages {
			v.previews = append(v.previews, passagePreview(d.cmp, p))
		}
	}
	v.fitColumns()
	v.table.UnselectAll()
	v.table.Refresh()
	v.provenance.SetText(provenanceText(d))
}

func (v *overviewView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*heatCellWidget)
	if id.Row >= len(v.grid) {
		return
	}
	if id.Col == 0 {
		c.setText(fmt.Sprintf("%d. %s", id.Row+1, v.previews[id.Row]))
		return
	}
	if id.Col-1 >= len(v.versions) {
		return
	}
	c.setHeat(v.grid[id.Row][id.Col-1])
}

// onCellSelected opens the compare view on the clicked version, facing the
// version closest to it in that passage, at that passage.
func (v *overviewView) onCellSelected(id widget.TableCellID) {
	v.table.UnselectAll()
	if v.story == nil || id.Col < 1 || id.Row >= len(v.grid) || id.Col-1 >= len(v.versions) {
		return
	}
	version := v.versions[id.Col-1]
	other := v.partner(id.Row, id.Col-1)
	if other == "" {
		return
	}
	v.showPassage(other, version, id.Row)
}

// partner picks the version to compare column col with at passage row:
// the present member with the best similarity, else any other version.
func (v *overviewView) partner(row, col int) string {
	best, bestSim := "", -1.0
	for i, c := range v.grid[row] {
		if i == col || !c.present {
			continue
		}
		if c.similarity > bestSim {
			best, bestSim = v.versions[i], c.similarity
		}
	}
	if best == "" {
		for i, id := range v.versions {
			if i != col {
				return id
			}
		}
	}
	return best
}

// passagePreview is the start of the passage's first paragraph.
func passagePreview(c *parallax.Comparison, p parallax.Passage) string {
	for _, m := range p.Members {
		for _, para := range m.Paragraphs {
			if po := c.Paragraph(parallax.ParaRef{Version: m.Version, Paragraph: para}); po != nil {
				return oneLine(po.Text)
			}
		}
	}
	return ""
}

// provenanceHint says in words who seems to copy whom.
func provenanceHint(d *storyData, p parallax.Provenance) string {
	la, lb := d.letters[p.A], d.letters[p.B]
	switch p.Direction {
	case "a<-b":
		return la + " copies " + lb
	case "a->b":
		return lb + " copies " + la
	case "independent":
		return la + " and " + lb + " look independent"
	}
	return ""
}

// provenanceText lists the provenance guesses, most verbatim first.
func provenanceText(d *storyData) string {
	if d.cmp == nil || len(d.cmp.Provenance) == 0 {
		return "No provenance guesses for this story."
	}
	ps := append([]parallax.Provenance(nil), d.cmp.Provenance...)
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].VerbatimShare > ps[j].VerbatimShare })
	var b strings.Builder
	b.WriteString("Who copied whom (a guess from shared wording):\n")
	for _, p := range ps {
		hint := provenanceHint(d, p)
		if hint == "" {
			hint = d.letters[p.A] + " and " + d.letters[p.B] + ": direction unknown"
		}
		fmt.Fprintf(&b, "• %s — %.0f%% verbatim", hint, 100*p.VerbatimShare)
		if p.Reason != "" {
			b.WriteString(" (" + p.Reason + ")")
		}
		b.WriteString("\n")
	}
	for _, id := range d.versionIDs() {
		fmt.Fprintf(&b, "\n%s", d.label(id))
	}
	return b.String()
}

// heatCellWidget is one cell of the overview: a coloured block with the
// paragraph numbers and similarity, or the passage preview.
type heatCellWidget struct {
	widget.BaseWidget
	bg   *canvas.Rectangle
	text *canvas.Text
	heat *heatCell // nil for a preview cell
}

func newHeatCellWidget() *heatCellWidget {
	c := &heatCellWidget{bg: canvas.NewRectangle(nil), text: canvas.NewText("", nil)}
	c.ExtendBaseWidget(c)
	return c
}

func (c *heatCellWidget) setText(s string) {
	c.heat = nil
	c.text.Text = s
	c.Refresh()
}

func (c *heatCellWidget) setHeat(h heatCell) {
	c.heat = &h
	switch {
	case !h.present:
		c.text.Text = "—"
	default:
		ps := make([]string, len(h.paragraphs))
		for i, p := range h.paragraphs {
			ps[i] = fmt.Sprint(p)
		}
		c.text.Text = fmt.Sprintf("¶%s  %.0f%%", strings.Join(ps, ","), 100*h.similarity)
		if h.flags > 0 {
			c.text.Text += fmt.Sprintf("  ⚑%d", h.flags)
		}
	}
	c.Refresh()
}

func (c *heatCellWidget) CreateRenderer() fyne.WidgetRenderer {
	return &heatCellRenderer{c: c}
}

type heatCellRenderer struct{ c *heatCellWidget }

func (r *heatCellRenderer) Layout(size fyne.Size) {
	r.c.bg.Resize(size)
	ts := r.c.text.MinSize()
	r.c.text.Move(fyne.NewPos(4, (size.Height-ts.Height)/2))
	r.c.text.Resize(fyne.NewSize(size.Width-8, ts.Height))
}

func (r *heatCellRenderer) MinSize() fyne.Size {
	return fyne.NewSize(60, r.c.text.MinSize().Height+8)
}

func (r *heatCellRenderer) Refresh() {
	c := r.c
	th := c.Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	if pt, ok := th.(*parallaxTheme); ok && pt.forced != nil {
		variant = *pt.forced
	}
	c.text.TextSize = th.Size(theme.SizeNameText)
	c.text.Color = th.Color(theme.ColorNameForeground, variant)
	switch {
	case c.heat == nil:
		c.bg.FillColor = nil
	case !c.heat.present:
		c.bg.FillColor = th.Color(colorAbsent, variant)
		c.text.Color = th.Color(colorDimmed, variant)
	default:
		bg := heatColor(th, variant, c.heat.similarity)
		c.bg.FillColor = bg
		c.text.Color = contrastText(bg)
	}
	c.bg.Refresh()
	c.text.Refresh()
	r.Layout(c.Size())
}

func (r *heatCellRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.c.bg, r.c.text}
}

func (r *heatCellRenderer) Destroy() {}

// contrastText is black on light backgrounds and white on dark ones.
func contrastText(bg color.Color) color.Color {
	black := color.NRGBA{A: 0xff}
	white := color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	if contrastRatio(black, bg) >= contrastRatio(white, bg) {
		return black
	}
	return white
}
