package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	parallax "github.com/parallax-news/parallax"
)

// TestMovedWordsMarkedQuietly draws side A of a pair whose diff deletes
// "ferry" (moved: B has it elsewhere) and "old" (really gone): the moved
// word gets the moved colour, tint and dotted underline, and neither the
// deletion colour nor its strike-through; the real deletion keeps both.
func TestMovedWordsMarkedQuietly(t *testing.T) {
	// B has "ferry" further on and lacks "old".
	text := "the ferry left the old pier"
	ops := []parallax.Op{
		{Op: parallax.OpEqual, AStart: 0, AEnd: 4, BStart: 0, BEnd: 4},
		{Op: parallax.OpDelete, AStart: 4, AEnd: 9, BStart: 4, BEnd: 4, Moved: true},
		{Op: parallax.OpEqual, AStart: 9, AEnd: 19, BStart: 4, BEnd: 14},
		{Op: parallax.OpDelete, AStart: 19, AEnd: 22, BStart: 14, BEnd: 14},
		{Op: parallax.OpEqual, AStart: 22, AEnd: 27, BStart: 14, BEnd: 19},
	}
	marks := opMarks(ops, true)
	kinds := map[string]markKind{}
	for _, m := range marks {
		kinds[string([]rune(text)[m.start:m.end])] = m.kind
	}
	if kinds["ferry"] != markMoved || kinds["old"] != markDeleted || len(kinds) != 2 {
		t.Fatalf("marks %+v: want ferry moved, old deleted", kinds)
	}

	a := test.NewTempApp(t)
	for _, pref := range []string{themeLight, themeDark} {
		a.Settings().SetTheme(newParallaxTheme(pref))
		th := a.Settings().Theme()
		v := a.Settings().ThemeVariant()
		if th.Color(colorMoved, v) == th.Color(colorDeleted, v) || th.Color(colorMoved, v) == th.Color(colorInserted, v) {
			t.Fatalf("%s: the moved colour is a diff colour", pref)
		}
		mt := newMarkText()
		w := test.NewWindow(mt)
		w.Resize(fyne.NewSize(600, 100))
		mt.setLines([][]textRun{paragraphRuns(text, marks, false)})
		objs := test.WidgetRenderer(mt).Objects()
		word := func(s string) *canvas.Text {
			for _, o := range objs {
				if tx, ok := o.(*canvas.Text); ok && strings.TrimSpace(tx.Text) == s {
					return tx
				}
			}
			t.Fatalf("%s: no run is %q alone", pref, s)
			return nil
		}
		// linesUnder counts the lines drawn in colour c within word's span.
		linesUnder := func(tx *canvas.Text, c fyne.ThemeColorName) int {
			x1 := tx.Position().X
			x2 := x1 + tx.Size().Width
			n := 0
			for _, o := range objs {
				if l, ok := o.(*canvas.Line); ok && l.StrokeColor == th.Color(c, v) &&
					l.Position1.X >= x1-1 && l.Position2.X <= x2+1 {
					n++
				}
			}
			return n
		}
		tinted := func(tx *canvas.Text, c fyne.ThemeColorName) bool {
			for _, o := range objs {
				if r, ok := o.(*canvas.Rectangle); ok && r.FillColor == th.Color(c, v) &&
					r.Position().X == tx.Position().X {
					return true
				}
			}
			return false
		}
		ferry, old := word("ferry"), word("old")
		if ferry.Color != th.Color(colorMoved, v) {
			t.Errorf("%s: moved word drawn in %v, want the moved colour", pref, ferry.Color)
		}
		if n := linesUnder(ferry, colorDeleted); n != 0 {
			t.Errorf("%s: moved word has %d deletion lines, want none", pref, n)
		}
		if n := linesUnder(ferry, colorMoved); n < 3 {
			t.Errorf("%s: moved word has %d dots under it, want a dotted line", pref, n)
		}
		if !tinted(ferry, colorMovedTint) || tinted(ferry, colorDeletedTint) {
			t.Errorf("%s: moved word not on the moved tint alone", pref)
		}
		if old.Color != th.Color(colorDeleted, v) || linesUnder(old, colorDeleted) != 1 || !tinted(old, colorDeletedTint) {
			t.Errorf("%s: the real deletion lost its mark", pref)
		}
		w.Close()
	}
}
