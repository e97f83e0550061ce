package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// textRun is a stretch of paragraph text in one combination of marks.
type textRun struct {
	text string
	st   runeStyle
}

// textStyle is the font of a run: italic for trivial changes; the diff
// itself is drawn by strike-through, underline and tint, not by weight.
func (s runeStyle) textStyle() fyne.TextStyle {
	return fyne.TextStyle{Italic: s.diff == markTrivial, Bold: s.focus}
}

// textColor is the colour of a run's letters.
func (s runeStyle) textColor() fyne.ThemeColorName {
	switch {
	case s.focus:
		return colorFlagFocus
	case s.diff == markDeleted:
		return colorDeleted
	case s.diff == markInserted:
		return colorInserted
	case s.diff == markMoved:
		return colorMoved
	case s.diff == markTrivial:
		return colorTrivial
	case s.dim:
		return colorDimmed
	}
	return theme.ColorNameForeground
}

// wrapRuns breaks runs into lines at width, in text size size.
func wrapRuns(m *wrapMeasure, runs []textRun, width, size float32) [][]textRun {
	segs := make([]widget.RichTextSegment, len(runs))
	for i, r := range runs {
		segs[i] = &widget.TextSegment{Text: r.text, Style: widget.RichTextStyle{Inline: true, TextStyle: r.st.textStyle()}}
	}
	wrapped, _ := m.wrap(segs, width, size)
	lines := [][]textRun{nil}
	for i, s := range wrapped {
		for j, piece := range strings.Split(s.(*widget.TextSegment).Text, "\n") {
			if j > 0 {
				lines = append(lines, nil)
			}
			if piece != "" {
				lines[len(lines)-1] = append(lines[len(lines)-1], textRun{text: piece, st: runs[i].st})
			}
		}
	}
	return lines
}

// markText draws wrapped lines of marked text. The marks do not rely on
// colour alone: deleted words are struck through and inserted ones
// underlined, each on a tint; moved words (shared, in another order) get
// a faint tint and a dotted underline; flags are boxed and notes underlined twice,
// drawn over the diff so that a flag inside an inserted stretch still
// shows. (Fyne 2.7's RichText draws no underline, so the view draws its
// own.)
type markText struct {
	widget.BaseWidget
	lines [][]textRun
}

func newMarkText() *markText {
	t := &markText{}
	t.ExtendBaseWidget(t)
	return t
}

// setLines shows lines.
func (t *markText) setLines(lines [][]textRun) {
	t.lines = lines
	t.Refresh()
}

func (t *markText) CreateRenderer() fyne.WidgetRenderer {
	r := &markTextRenderer{t: t}
	r.Refresh()
	return r
}

// markTextRenderer lays the lines out afresh on each refresh: rows are
// recycled by the list, so a row's objects change with its paragraph.
type markTextRenderer struct {
	t     *markText
	objs  []fyne.CanvasObject
	width float32 // of the widest line, padding included
}

// lineHeight is the height of one line of compare text.
func lineHeight(th fyne.Theme) float32 {
	return fyne.MeasureText("Mg", th.Size(theme.SizeNameText), fyne.TextStyle{}).Height
}

func (r *markTextRenderer) Refresh() {
	t := r.t
	th := t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	size := th.Size(theme.SizeNameText)
	pad := th.Size(theme.SizeNameInnerPadding)
	lh := lineHeight(th)
	col := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }
	var back, text, front []fyne.CanvasObject
	widest := 2 * pad
	hline := func(x1, x2, y float32, c color.Color, w float32) {
		l := canvas.NewLine(c)
		l.StrokeWidth = w
		l.Position1, l.Position2 = fyne.NewPos(x1, y), fyne.NewPos(x2, y)
		front = append(front, l)
	}
	for i, line := range t.lines {
		y := pad + float32(i)*lh
		x := pad
		// Flag boxes span neighbouring runs of one flag.
		boxStart, boxFocus, inBox := float32(0), false, false
		closeBox := func(end float32) {
			if !inBox {
				return
			}
			b := canvas.NewRectangle(color.Transparent)
			b.StrokeWidth = 1.5
			b.StrokeColor = col(colorFlag)
			if boxFocus {
				b.StrokeWidth = 2.5
				b.StrokeColor = col(colorFlagFocus)
			}
			b.CornerRadius = 2
			b.Move(fyne.NewPos(boxStart-2, y))
			b.Resize(fyne.NewSize(end-boxStart+4, lh))
			front = append(front, b)
			inBox = false
		}
		for _, run := range line {
			st := run.st
			w := fyne.MeasureText(run.text, size, st.textStyle()).Width
			switch {
			case st.focus:
				back = append(back, tint(col(colorFlagFocusTint), x, y, w, lh))
			case st.diff == markDeleted:
				back = append(back, tint(col(colorDeletedTint), x, y, w, lh))
			case st.diff == markInserted:
				back = append(back, tint(col(colorInsertedTint), x, y, w, lh))
			case st.diff == markMoved:
				back = append(back, tint(col(colorMovedTint), x, y, w, lh))
			}
			tx := canvas.NewText(run.text, col(st.textColor()))
			tx.TextSize = size
			tx.TextStyle = st.textStyle()
			tx.Move(fyne.NewPos(x, y))
			tx.Resize(fyne.NewSize(w, lh))
			text = append(text, tx)
			switch st.diff {
			case markDeleted:
				hline(x, x+w, y+lh*0.55, col(colorDeleted), 1.5)
			case markInserted:
				hline(x, x+w, y+lh-3, col(colorInserted), 1.5)
			case markMoved:
				// Dotted, so that it never reads as an insertion's line.
				for dx := float32(0); dx+1.5 <= w; dx += 4 {
					hline(x+dx, x+dx+1.5, y+lh-3, col(colorMoved), 1.5)
				}
			}
			if st.note {
				hline(x, x+w, y+lh-0.5, col(colorNote), 1)
				hline(x, x+w, y+lh+1.5, col(colorNote), 1)
			}
			flagged := st.flag || st.focus
			if inBox && (!flagged || st.focus != boxFocus) {
				closeBox(x)
			}
			if flagged && !inBox {
				boxStart, boxFocus, inBox = x, st.focus, true
			}
			x += w
		}
		closeBox(x)
		widest = max(widest, x+pad)
	}
	r.width = widest
	r.objs = append(append(back, text...), front...)
	canvas.Refresh(t)
}

// tint is a filled background behind a run.
func tint(c color.Color, x, y, w, h float32) fyne.CanvasObject {
	b := canvas.NewRectangle(c)
	b.Move(fyne.NewPos(x, y))
	b.Resize(fyne.NewSize(w, h))
	return b
}

// Layout has nothing to do: Refresh places everything.
func (r *markTextRenderer) Layout(fyne.Size) {}

func (r *markTextRenderer) MinSize() fyne.Size {
	th := r.t.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	return fyne.NewSize(max(r.width, 2*pad), 2*pad+float32(max(len(r.t.lines), 1))*lineHeight(th))
}

func (r *markTextRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *markTextRenderer) Destroy() {}
