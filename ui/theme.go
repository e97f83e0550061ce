package ui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The colour names Parallax adds to the theme: the diff and flag marks and
// the heat map of the story overview. Everything else is the default theme's.
const (
	colorDeleted   fyne.ThemeColorName = "parallaxDeleted"
	colorInserted  fyne.ThemeColorName = "parallaxInserted"
	colorTrivial   fyne.ThemeColorName = "parallaxTrivial"
	colorFlag      fyne.ThemeColorName = "parallaxFlag"
	colorFlagFocus fyne.ThemeColorName = "parallaxFlagFocus"
	colorNote      fyne.ThemeColorName = "parallaxNote"
	// colorMoved is words both sides share in another order: a quiet
	// blue-grey, neither deletion red nor insertion green.
	colorMoved fyne.ThemeColorName = "parallaxMoved"
	// Translucent tints behind deleted, inserted, moved and focused-flag words.
	colorDeletedTint   fyne.ThemeColorName = "parallaxDeletedTint"
	colorInsertedTint  fyne.ThemeColorName = "parallaxInsertedTint"
	colorFlagFocusTint fyne.ThemeColorName = "parallaxFlagFocusTint"
	colorMovedTint     fyne.ThemeColorName = "parallaxMovedTint"
	colorHeatLow       fyne.ThemeColorName = "parallaxHeatLow"
	colorHeatHigh      fyne.ThemeColorName = "parallaxHeatHigh"
	colorAbsent        fyne.ThemeColorName = "parallaxAbsent"
	// colorDimmed is secondary text (boilerplate, cell headers, metadata):
	// quieter than the foreground, yet readable on a selected row and on
	// an empty cell, which the default placeholder grey is not in light.
	colorDimmed fyne.ThemeColorName = "parallaxDimmed"
)

// Theme preferences: follow the system, or force one variant.
const (
	themeSystem = "system"
	themeLight  = "light"
	themeDark   = "dark"
)

// parallaxTheme is the default theme with the diff colours added; forced,
// when set, pins the light or dark variant instead of following the system.
type parallaxTheme struct {
	fyne.Theme
	forced *fyne.ThemeVariant
}

// newParallaxTheme returns the theme for a preference value (themeSystem,
// themeLight or themeDark; anything else follows the system).
func newParallaxTheme(pref string) *parallaxTheme {
	t := &parallaxTheme{Theme: theme.DefaultTheme()}
	switch pref {
	case themeLight:
		v := theme.VariantLight
		t.forced = &v
	case themeDark:
		v := theme.VariantDark
		t.forced = &v
	}
	return t
}

// Color returns the diff colours for Parallax's names and the default
// theme's colour for every other name.
func (t *parallaxTheme) Color(name fyne.ThemeColorName, variant fyne.ThemeVariant) color.Color {
	if t.forced != nil {
		variant = *t.forced
	}
	if c, ok := diffColor(name, variant); ok {
		return c
	}
	if name == theme.ColorNameInputBorder {
		// The default borders (#e3e3e3 on white, #39393a on near black)
		// hide unselected radio buttons, check boxes and entry outlines;
		// these greys keep the 3:1 that controls need.
		if variant == theme.VariantLight {
			return color.NRGBA{R: 0x8a, G: 0x8a, B: 0x8a, A: 0xff}
		}
		return color.NRGBA{R: 0x70, G: 0x70, B: 0x72, A: 0xff}
	}
	return t.Theme.Color(name, variant)
}

// diffColor holds the added colours. Dark variants are lighter so that the
// marks keep their contrast against a dark background; light ones are dark
// enough to keep 4.5:1 on the selection colour of a selected row
// (TestDiffColoursReadable).
func diffColor(name fyne.ThemeColorName, variant fyne.ThemeVariant) (color.Color, bool) {
	dark := variant == theme.VariantDark
	pick := func(light, darkC color.NRGBA) (color.Color, bool) {
		if dark {
			return darkC, true
		}
		return light, true
	}
	switch name {
	case colorDeleted:
		return pick(color.NRGBA{R: 0x96, G: 0x12, B: 0x12, A: 0xff}, color.NRGBA{R: 0xff, G: 0x7b, B: 0x72, A: 0xff})
	case colorInserted:
		return pick(color.NRGBA{R: 0x0a, G: 0x61, B: 0x29, A: 0xff}, color.NRGBA{R: 0x56, G: 0xd3, B: 0x64, A: 0xff})
	case colorTrivial:
		return pick(color.NRGBA{R: 0x6b, G: 0x5c, B: 0x33, A: 0xff}, color.NRGBA{R: 0xc9, G: 0xb8, B: 0x86, A: 0xff})
	case colorFlag:
		return pick(color.NRGBA{R: 0x8a, G: 0x44, B: 0x00, A: 0xff}, color.NRGBA{R: 0xff, G: 0xb0, B: 0x4a, A: 0xff})
	case colorFlagFocus:
		return pick(color.NRGBA{R: 0x5c, G: 0x22, B: 0xa6, A: 0xff}, color.NRGBA{R: 0xd2, G: 0xa8, B: 0xff, A: 0xff})
	case colorNote:
		return pick(color.NRGBA{R: 0x00, G: 0x50, B: 0xad, A: 0xff}, color.NRGBA{R: 0x79, G: 0xc0, B: 0xff, A: 0xff})
	case colorMoved:
		return pick(color.NRGBA{R: 0x3d, G: 0x55, B: 0x70, A: 0xff}, color.NRGBA{R: 0xa8, G: 0xbc, B: 0xd4, A: 0xff})
	case colorMovedTint:
		return pick(color.NRGBA{R: 0x6b, G: 0x86, B: 0xa6, A: 0x1c}, color.NRGBA{R: 0x8f, G: 0xa8, B: 0xc8, A: 0x1c})
	case colorDeletedTint:
		return pick(color.NRGBA{R: 0xff, G: 0x5a, B: 0x5a, A: 0x30}, color.NRGBA{R: 0xff, G: 0x5a, B: 0x5a, A: 0x30})
	case colorInsertedTint:
		return pick(color.NRGBA{R: 0x2e, G: 0xa0, B: 0x43, A: 0x30}, color.NRGBA{R: 0x3f, G: 0xb9, B: 0x50, A: 0x30})
	case colorFlagFocusTint:
		return pick(color.NRGBA{R: 0x8a, G: 0x4f, B: 0xdb, A: 0x28}, color.NRGBA{R: 0xd2, G: 0xa8, B: 0xff, A: 0x30})
	case colorHeatLow:
		return pick(color.NRGBA{R: 0xf4, G: 0xc1, B: 0x5d, A: 0xff}, color.NRGBA{R: 0x8a, G: 0x5a, B: 0x00, A: 0xff})
	case colorHeatHigh:
		return pick(color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff}, color.NRGBA{R: 0x3f, G: 0xb9, B: 0x50, A: 0xff})
	case colorDimmed:
		return pick(color.NRGBA{R: 0x76, G: 0x76, B: 0x76, A: 0xff}, color.NRGBA{R: 0xb2, G: 0xb2, B: 0xb2, A: 0xff})
	case colorAbsent:
		return pick(color.NRGBA{R: 0xe6, G: 0xe6, B: 0xe6, A: 0xff}, color.NRGBA{R: 0x30, G: 0x30, B: 0x34, A: 0xff})
	}
	return nil, false
}

// heatColor blends from colorHeatLow (similarity 0) to colorHeatHigh
// (similarity 1) in the theme's current variant.
func heatColor(th fyne.Theme, variant fyne.ThemeVariant, similarity float64) color.Color {
	if similarity < 0 {
		similarity = 0
	}
	if similarity > 1 {
		similarity = 1
	}
	lo := color.NRGBAModel.Convert(th.Color(colorHeatLow, variant)).(color.NRGBA)
	hi := color.NRGBAModel.Convert(th.Color(colorHeatHigh, variant)).(color.NRGBA)
	mix := func(a, b uint8) uint8 { return uint8(float64(a) + (float64(b)-float64(a))*similarity + 0.5) }
	return color.NRGBA{R: mix(lo.R, hi.R), G: mix(lo.G, hi.G), B: mix(lo.B, hi.B), A: 0xff}
}

// contrastRatio is the WCAG 2 contrast ratio of two opaque colours, from
// 1 (same luminance) to 21 (black on white).
func contrastRatio(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		n := color.NRGBAModel.Convert(c).(color.NRGBA)
		ch := func(v uint8) float64 {
			s := float64(v) / 255
			if s <= 0.03928 {
				return s / 12.92
			}
			return math.Pow((s+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(n.R) + 0.7152*ch(n.G) + 0.0722*ch(n.B)
	}
	la, lb := lum(a), lum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}
