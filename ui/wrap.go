package ui

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// wrapMeasure breaks rich text into lines itself. RichText's own wrapping
// splits a word in two, or stacks letters one per line, when a segment
// starts near the end of a line; so the compare view wraps each paragraph
// here, puts the breaks in as newlines, and lets RichText lay out lines it
// does not need to wrap. The same breaks give each row's height.
//
// A word's width is the sum of its characters' (each measured once and
// cached): measuring every word, or laying out a RichText to size the
// rows, costs far more on long stories. Kerning is ignored, so callers
// give a width a little narrower than the cell.
type wrapMeasure struct {
	widths map[runeKey]float32
}

type runeKey struct {
	r     rune
	style fyne.TextStyle
	size  float32
}

func newWrapMeasure() *wrapMeasure {
	return &wrapMeasure{widths: map[runeKey]float32{}}
}

// wrap returns copies of segs with newlines where lines break at width,
// and the number of lines.
func (m *wrapMeasure) wrap(segs []widget.RichTextSegment, width, size float32) ([]widget.RichTextSegment, int) {
	out := make([]widget.RichTextSegment, 0, len(segs))
	lines, x := 1, float32(0)
	var prev *strings.Builder // the piece before the current one, to turn its trailing space into the break
	var builders []*strings.Builder
	for _, s := range segs {
		ts, ok := s.(*widget.TextSegment)
		if !ok {
			out = append(out, s)
			continue
		}
		b := &strings.Builder{}
		builders = append(builders, b)
		out = append(out, &widget.TextSegment{Style: ts.Style})
		for _, piece := range splitKeepingSpace(ts.Text) {
			w := m.width(piece, ts.Style.TextStyle, size)
			word := strings.TrimRightFunc(piece, unicode.IsSpace)
			wordW := m.width(word, ts.Style.TextStyle, size)
			switch {
			case x > 0 && word != "" && x+wordW > width:
				// Break before this word: the space before it becomes the newline.
				if prev != nil && strings.HasSuffix(prev.String(), " ") {
					t := prev.String()
					prev.Reset()
					prev.WriteString(t[:len(t)-1] + "\n")
				} else {
					b.WriteString("\n")
				}
				lines++
				x = 0
			}
			if x == 0 && wordW > width {
				// A word (or a run of Han text) wider than the line breaks by character.
				for _, r := range piece {
					rw := m.width(string(r), ts.Style.TextStyle, size)
					if x > 0 && x+rw > width && !unicode.IsSpace(r) {
						b.WriteString("\n")
						lines++
						x = 0
					}
					b.WriteRune(r)
					x += rw
				}
				prev = b
				continue
			}
			b.WriteString(piece)
			x += w
			prev = b
		}
	}
	i := 0
	for _, s := range out {
		if ts, ok := s.(*widget.TextSegment); ok {
			ts.Text = builders[i].String()
			i++
		}
	}
	return out, lines
}

// lines counts the lines segs take at width, in text size size.
func (m *wrapMeasure) lines(segs []widget.RichTextSegment, width, size float32) int {
	_, n := m.wrap(segs, width, size)
	return n
}

func (m *wrapMeasure) width(word string, style fyne.TextStyle, size float32) float32 {
	w := float32(0)
	for _, r := range word {
		k := runeKey{r, style, size}
		rw, ok := m.widths[k]
		if !ok {
			rw = fyne.MeasureText(string(r), size, style).Width
			m.widths[k] = rw
		}
		w += rw
	}
	return w
}

// splitKeepingSpace cuts text into words, each followed by the space after
// it, so that the pieces join back into text.
func splitKeepingSpace(text string) []string {
	var out []string
	start := 0
	inSpace := false
	for i, r := range text {
		sp := unicode.IsSpace(r)
		if inSpace && !sp {
			out = append(out, text[start:i])
			start = i
		}
		inSpace = sp
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}
