package ui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// TestDiffColoursReadable checks every text mark of the compare view
// against the backgrounds it is drawn on, in both variants: marked words
// must meet WCAG AA for body text (4.5:1), dimmed boilerplate the 3:1 of
// secondary text.
func TestDiffColoursReadable(t *testing.T) {
	th := newParallaxTheme(themeSystem)
	marks := []struct {
		name fyne.ThemeColorName
		min  float64
	}{
		{colorDeleted, 4.5}, {colorInserted, 4.5}, {colorTrivial, 4.5},
		{colorFlag, 4.5}, {colorFlagFocus, 4.5}, {colorNote, 4.5}, {colorMoved, 4.5},
		{colorDimmed, 3},
	}
	for _, variant := range []struct {
		name string
		v    fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		base := th.Color(theme.ColorNameBackground, variant.v)
		// What a compare row is drawn on: the window, a row under the
		// pointer, the row a flag selected, an empty cell.
		backgrounds := map[string]color.Color{
			"background": base,
			"hover":      over(th.Color(theme.ColorNameHover, variant.v), base),
			"selection":  over(th.Color(theme.ColorNameSelection, variant.v), base),
		}
		for _, m := range marks {
			if m.name == colorDimmed {
				backgrounds["empty cell"] = th.Color(colorAbsent, variant.v)
			}
			tints := map[fyne.ThemeColorName]fyne.ThemeColorName{colorDeleted: colorDeletedTint, colorInserted: colorInsertedTint, colorFlagFocus: colorFlagFocusTint, colorMoved: colorMovedTint}
			for bgName, bg := range backgrounds {
				if tn, ok := tints[m.name]; ok {
					// The word is drawn on its tint.
					bg = over(th.Color(tn, variant.v), bg)
					bgName += " under its tint"
				}
				t.Run(variant.name+"/"+string(m.name)+"/on "+bgName, func(t *testing.T) {
					r := contrastRatio(th.Color(m.name, variant.v), bg)
					t.Logf("contrast %.2f", r)
					if r < m.min {
						t.Errorf("contrast %.2f:1, want at least %.1f:1", r, m.min)
					}
				})
			}
		}
	}
}

// over paints the translucent colour top on the opaque colour bottom.
func over(top, bottom color.Color) color.Color {
	t := color.NRGBAModel.Convert(top).(color.NRGBA)
	b := color.NRGBAModel.Convert(bottom).(color.NRGBA)
	a := float64(t.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(float64(x)*a + float64(y)*(1-a) + 0.5) }
	return color.NRGBA{R: mix(t.R, b.R), G: mix(t.G, b.G), B: mix(t.B, b.B), A: 0xff}
}

// TestHeatCellTextReadable checks the overview's cell text on every shade
// of the heat map, in both variants.
func TestHeatCellTextReadable(t *testing.T) {
	th := newParallaxTheme(themeSystem)
	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		for step := 0; step <= 10; step++ {
			bg := heatColor(th, variant, float64(step)/10)
			if r := contrastRatio(contrastText(bg), bg); r < 4.5 {
				t.Errorf("variant %d, similarity %.1f: text contrast %.2f:1, want at least 4.5:1", variant, float64(step)/10, r)
			}
		}
	}
}

// TestControlOutlinesVisible: unselected radio buttons and check boxes are
// drawn in the input border colour, which must stand out from the
// background (3:1 for controls) in both variants.
func TestControlOutlinesVisible(t *testing.T) {
	th := newParallaxTheme(themeSystem)
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		r := contrastRatio(th.Color(theme.ColorNameInputBorder, v), th.Color(theme.ColorNameBackground, v))
		if r < 3 {
			t.Errorf("variant %d: input border contrast %.2f:1, want at least 3:1", v, r)
		}
	}
}
