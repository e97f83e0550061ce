package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// labelRow is the one list row of the window's side lists: a main line
// and a caption line, both cut with an ellipsis, and an optional icon at
// the end of the main line. Stories, versions, flags, notes and feed items
// each embed it and add only what they carry.
type labelRow struct {
	widget.BaseWidget
	top    *widget.Label // the main line
	bottom *widget.Label // the caption line
	icon   *widget.Icon  // at the end of the main line; hidden without a resource
	// captionFirst puts the caption above the main line (a note: where,
	// then what).
	captionFirst bool
}

// initRow makes the labels; the embedding row calls it, then
// ExtendBaseWidget with itself.
func (r *labelRow) initRow(captionFirst bool) {
	r.top, r.bottom, r.icon = widget.NewLabel(""), widget.NewLabel(""), widget.NewIcon(nil)
	r.top.Truncation = fyne.TextTruncateEllipsis
	r.bottom.Truncation = fyne.TextTruncateEllipsis
	r.bottom.SizeName = theme.SizeNameCaptionText
	r.icon.Hide()
	r.captionFirst = captionFirst
}

// setIcon shows res at the end of the main line (nil: no icon).
func (r *labelRow) setIcon(res fyne.Resource) {
	r.icon.SetResource(res)
	if res == nil {
		r.icon.Hide()
	} else {
		r.icon.Show()
	}
}

func (r *labelRow) CreateRenderer() fyne.WidgetRenderer {
	main := container.NewBorder(nil, nil, nil, r.icon, r.top)
	if r.captionFirst {
		return widget.NewSimpleRenderer(container.New(&tightVBox{}, r.bottom, main))
	}
	return widget.NewSimpleRenderer(container.New(&tightVBox{}, main, r.bottom))
}
