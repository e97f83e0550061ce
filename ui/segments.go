package ui

import (
	"slices"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	parallax "github.com/parallax-news/parallax"
)

// markKind is what a span of paragraph text is marked as.
type markKind int

const (
	markDeleted   markKind = iota // words this side has and the other lacks
	markInserted                  // words this side adds
	markTrivial                   // a change nobody would care about
	markFlag                      // a flag's span
	markFlagFocus                 // the flag the analyst selected
	markNote                      // text a note is attached to
	// markMoved is words the other side has too, in another place (word
	// order changed): shared, so drawn quieter than a real change.
	markMoved
)

// mark is a rune range [start,end) of one paragraph's text.
type mark struct {
	start, end int
	kind       markKind
}

// runeStyle is the combination of marks on one rune.
type runeStyle struct {
	diff                   markKind // markDeleted, markInserted, markMoved, markTrivial, or -1
	flag, focus, note, dim bool
}

// paragraphSegments turns a paragraph's text and its marks into RichText
// segments (see paragraphRuns).
func paragraphSegments(text string, marks []mark, dim bool) []widget.RichTextSegment {
	runs := paragraphRuns(text, marks, dim)
	segs := make([]widget.RichTextSegment, len(runs))
	for i, r := range runs {
		segs[i] = &widget.TextSegment{Text: r.text, Style: r.st.richStyle()}
	}
	return segs
}

// paragraphRuns splits a paragraph's text where its marks begin and end.
// Marks out of range are clipped and grow to whole space-separated words;
// overlapping marks combine. dim greys out the whole paragraph
// (boilerplate kinds).
func paragraphRuns(text string, marks []mark, dim bool) []textRun {
	runes := []rune(flatSpace(text))
	n := len(runes)
	cuts := []int{0, n}
	marks = slices.Clone(marks)
	for i, m := range marks {
		s, e := clamp(m.start, 0, n), clamp(m.end, 0, n)
		if s >= e {
			marks[i].start, marks[i].end = 0, 0
			continue
		}
		for s > 0 && inWord(runes[s-1]) && inWord(runes[s]) {
			s--
		}
		for e < n && inWord(runes[e-1]) && inWord(runes[e]) {
			e++
		}
		marks[i].start, marks[i].end = s, e
		cuts = append(cuts, s, e)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	var runs []textRun
	for i := 0; i+1 < len(cuts); i++ {
		s, e := cuts[i], cuts[i+1]
		st := runeStyle{diff: -1, dim: dim}
		for _, m := range marks {
			if m.start < m.end && m.start <= s && e <= m.end {
				switch m.kind {
				case markDeleted, markInserted, markMoved, markTrivial:
					if diffRank(m.kind) > diffRank(st.diff) {
						st.diff = m.kind
					}
				case markFlag:
					st.flag = true
				case markFlagFocus:
					st.focus = true
				case markNote:
					st.note = true
				}
			}
		}
		runs = append(runs, textRun{text: string(runes[s:e]), st: st})
	}
	if len(runs) == 0 {
		runs = append(runs, textRun{st: runeStyle{diff: -1, dim: dim}})
	}
	// A space between two deleted (or two inserted, or two moved) words
	// belongs to the change: drawn plain, it would break one edit into a
	// row of islands.
	for i := 1; i+1 < len(runs); i++ {
		prev, next := runs[i-1].st, runs[i+1].st
		if runs[i].st == (runeStyle{diff: -1, dim: dim}) && strings.TrimSpace(runs[i].text) == "" &&
			prev.diff == next.diff && (prev.diff == markDeleted || prev.diff == markInserted || prev.diff == markMoved) {
			runs[i].st.diff = prev.diff
		}
	}
	return runs
}

// diffRank orders the diff marks when two cover one rune: a real change
// wins over a move, a move over a trivial change.
func diffRank(k markKind) int {
	switch k {
	case markDeleted, markInserted:
		return 3
	case markMoved:
		return 2
	case markTrivial:
		return 1
	}
	return 0
}

// richStyle maps a rune's marks to colour, weight and underline. Colour
// carries the main meaning (deleted red, inserted green); bold and
// underline repeat it for readers who do not see colour well.
func (s runeStyle) richStyle() widget.RichTextStyle {
	st := widget.RichTextStyle{Inline: true, ColorName: theme.ColorNameForeground, SizeName: theme.SizeNameText}
	if s.dim {
		st.ColorName = colorDimmed
	}
	switch s.diff {
	case markDeleted:
		st.ColorName = colorDeleted
		st.TextStyle.Bold = true
	case markInserted:
		st.ColorName = colorInserted
		st.TextStyle.Bold = true
	case markMoved:
		st.ColorName = colorMoved
	case markTrivial:
		st.ColorName = colorTrivial
		st.TextStyle.Italic = true
	}
	if s.note {
		st.TextStyle.Underline = true
		if s.diff < 0 {
			st.ColorName = colorNote
		}
	}
	if s.flag {
		st.TextStyle.Underline = true
		if s.diff < 0 {
			st.ColorName = colorFlag
		}
	}
	if s.focus {
		st.TextStyle.Underline = true
		st.TextStyle.Bold = true
		st.ColorName = colorFlagFocus
	}
	return st
}

// opMarks returns the diff marks of ops for one side of a pair: side A
// shows deletions, side B insertions. Words the engine marks moved (the
// other side has them elsewhere) get markMoved, so that a paraphrase
// with its words reordered does not read as a rewrite.
func opMarks(ops []parallax.Op, sideA bool) []mark {
	var out []mark
	for _, o := range ops {
		var s, e int
		var k markKind
		switch {
		case sideA && o.Op == parallax.OpDelete:
			s, e, k = o.AStart, o.AEnd, markDeleted
		case !sideA && o.Op == parallax.OpInsert:
			s, e, k = o.BStart, o.BEnd, markInserted
		default:
			continue
		}
		if o.Moved {
			k = markMoved
		}
		if o.Trivial {
			k = markTrivial
		}
		if s < e {
			out = append(out, mark{start: s, end: e, kind: k})
		}
	}
	return out
}

// dimmedKind says whether a paragraph kind is boilerplate the reader
// skims: datelines and trailers.
func dimmedKind(k parallax.ParagraphKind) bool {
	return k == parallax.KindDateline || k == parallax.KindTrailer
}

// plainSegment is one non-inline paragraph of plain text in a style.
func plainSegment(text string, color fyne.ThemeColorName, style fyne.TextStyle, size fyne.ThemeSizeName) *widget.TextSegment {
	return &widget.TextSegment{Text: text, Style: widget.RichTextStyle{ColorName: color, TextStyle: style, SizeName: size}}
}

func clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// inWord reports whether r belongs to a space-separated word (letters,
// digits, punctuation); Han, kana and Thai text may be cut anywhere.
func inWord(r rune) bool {
	return !unicode.IsSpace(r) && !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai)
}

// flatSpace turns line breaks and tabs into plain spaces, one for one so
// that rune offsets still hold: a paragraph is wrapped by the view, and
// RichText breaks lines wrongly around a newline inside wrapped text.
func flatSpace(text string) string {
	if !strings.ContainsAny(text, "\n\r\t\v\f") {
		return text
	}
	return strings.Map(func(r rune) rune {
		if r != ' ' && unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, text)
}
