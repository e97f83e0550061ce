package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/compare"
)

// seg is a compact form of a text segment for comparisons.
type seg struct {
	text  string
	color fyne.ThemeColorName
	bold  bool
	under bool
}

func segsOf(rs []widget.RichTextSegment) []seg {
	var out []seg
	for _, r := range rs {
		t := r.(*widget.TextSegment)
		out = append(out, seg{t.Text, t.Style.ColorName, t.Style.TextStyle.Bold, t.Style.TextStyle.Underline})
	}
	return out
}

func TestParagraphSegments(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		marks []mark
		dim   bool
		want  []seg
	}{
		{"plain", "The ferry sailed.", nil, false,
			[]seg{{"The ferry sailed.", "foreground", false, false}}},
		{"dimmed boilerplate", "(Reporting by A. Writer)", nil, true,
			[]seg{{"(Reporting by A. Writer)", colorDimmed, false, false}}},
		{"one deletion", "left at 7.15 a.m.", []mark{{8, 12, markDeleted}}, false,
			[]seg{{"left at ", "foreground", false, false}, {"7.15", colorDeleted, true, false}, {" a.m.", "foreground", false, false}}},
		{"flag inside an insertion keeps the diff colour and underlines",
			"injured 21 people", []mark{{0, 17, markInserted}, {8, 10, markFlag}}, false,
			[]seg{{"injured ", colorInserted, true, false}, {"21", colorInserted, true, true}, {" people", colorInserted, true, false}}},
		{"focused flag wins the colour", "Ilse Warnholt said", []mark{{0, 13, markFlag}, {0, 13, markFlagFocus}}, false,
			[]seg{{"Ilse Warnholt", colorFlagFocus, true, true}, {" said", "foreground", false, false}}},
		{"offsets count runes, not bytes", "il dit «Très bien» et part", []mark{{8, 17, markNote}}, false,
			[]seg{{"il dit ", "foreground", false, false}, {"«Très bien»", colorNote, false, true}, {" et part", "foreground", false, false}}},
		{"punctuation joins its word", "(at 20) now", []mark{{4, 6, markFlag}}, false,
			[]seg{{"(at ", "foreground", false, false}, {"20)", colorFlag, false, true}, {" now", "foreground", false, false}}},
		{"Chinese text", "渡轮在浓雾中搁浅", []mark{{4, 6, markDeleted}}, false,
			[]seg{{"渡轮在浓", "foreground", false, false}, {"雾中", colorDeleted, true, false}, {"搁浅", "foreground", false, false}}},
		{"marks out of range are clipped", "ab cd", []mark{{-5, 2, markInserted}, {3, 99, markDeleted}}, false,
			[]seg{{"ab", colorInserted, true, false}, {" ", "foreground", false, false}, {"cd", colorDeleted, true, false}}},
		{"a mark inside a word grows to the whole word", "at 20 percent", []mark{{4, 5, markFlag}}, false,
			[]seg{{"at ", "foreground", false, false}, {"20", colorFlag, false, true}, {" percent", "foreground", false, false}}},
		{"empty and reversed marks are ignored", "abc", []mark{{2, 2, markFlag}, {3, 1, markDeleted}}, false,
			[]seg{{"abc", "foreground", false, false}}},
		{"empty text", "", nil, false, []seg{{"", "foreground", false, false}}},
		{"a space between two deletions is deleted too", "cut the old pier", []mark{{0, 3, markDeleted}, {8, 11, markDeleted}}, false,
			[]seg{{"cut", colorDeleted, true, false}, {" the ", "foreground", false, false}, {"old", colorDeleted, true, false}, {" pier", "foreground", false, false}}},
		{"a bare space between two insertions joins them", "new pier opened", []mark{{0, 3, markInserted}, {4, 8, markInserted}}, false,
			[]seg{{"new", colorInserted, true, false}, {" ", colorInserted, true, false}, {"pier", colorInserted, true, false}, {" opened", "foreground", false, false}}},
		{"line breaks become spaces, offsets unchanged", "at 20\npercent", []mark{{6, 13, markDeleted}}, false,
			[]seg{{"at 20 ", "foreground", false, false}, {"percent", colorDeleted, true, false}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := segsOf(paragraphSegments(tc.text, tc.marks, tc.dim))
			if len(got) != len(tc.want) {
				t.Fatalf("got %d segments %+v, want %+v", len(got), got, tc.want)
			}
			var joined strings.Builder
			for i := range got {
				joined.WriteString(got[i].text)
				if got[i] != tc.want[i] {
					t.Errorf("segment %d = %+v, want %+v", i, got[i], tc.want[i])
				}
			}
			if joined.String() != flatSpace(tc.text) {
				t.Errorf("segments spell %q, want the paragraph %q", joined.String(), tc.text)
			}
		})
	}
}

func TestOpMarks(t *testing.T) {
	ops := []compare.Op{
		{Op: compare.OpEqual, AStart: 0, AEnd: 4, BStart: 0, BEnd: 4},
		{Op: compare.OpDelete, AStart: 4, AEnd: 9, BStart: 4, BEnd: 4},
		{Op: compare.OpInsert, AStart: 9, AEnd: 9, BStart: 4, BEnd: 8},
		{Op: compare.OpInsert, AStart: 9, AEnd: 9, BStart: 8, BEnd: 9, Trivial: true},
	}
	tests := []struct {
		name  string
		sideA bool
		want  []mark
	}{
		{"side A shows deletions", true, []mark{{4, 9, markDeleted}}},
		{"side B shows insertions, trivial ones quieter", false, []mark{{4, 8, markInserted}, {8, 9, markTrivial}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := opMarks(ops, tc.sideA)
			if len(got) != len(tc.want) {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("mark %d = %+v, want %+v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestNoteSpan(t *testing.T) {
	tests := []struct {
		name, text, selected string
		start, end           int
	}{
		{"whole paragraph when nothing is selected", "The ferry sailed.", "", 0, 0},
		{"ascii words", "The ferry sailed.", "ferry", 4, 9},
		{"runes before the quote", "Élan: “Saint Odile” ran aground", "Saint Odile", 7, 18},
		{"surrounding space is trimmed", "a b c", "  b ", 2, 3},
		{"text not in the paragraph", "a b c", "zeta", 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, e, q := noteSpan(tc.text, tc.selected)
			if s != tc.start || e != tc.end {
				t.Errorf("span = [%d,%d), want [%d,%d)", s, e, tc.start, tc.end)
			}
			if e > s && string([]rune(tc.text)[s:e]) != q {
				t.Errorf("quote %q is not the text at [%d,%d)", q, s, e)
			}
		})
	}
}

func TestSnippetSegments(t *testing.T) {
	tests := []struct {
		name       string
		snippet    string
		highlights [][2]int
		want       []string // texts, bold ones in brackets
	}{
		{"no highlight", "plain text", nil, []string{"plain text"}},
		{"two words", "the Saint Odile ran", [][2]int{{4, 9}, {10, 15}}, []string{"the ", "[Saint]", " ", "[Odile]", " ran"}},
		{"bad ranges are skipped", "abc", [][2]int{{2, 9}, {1, 0}}, []string{"abc"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range snippetSegments(tc.snippet, tc.highlights) {
				ts := s.(*widget.TextSegment)
				if ts.Style.TextStyle.Bold {
					got = append(got, "["+ts.Text+"]")
				} else {
					got = append(got, ts.Text)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestWrapMeasure(t *testing.T) {
	test.NewTempApp(t)
	m := newWrapMeasure()
	size := float32(14)
	word := m.width("harbour ", fyne.TextStyle{}, size)
	if word <= 0 {
		t.Fatalf("width of a word = %v", word)
	}
	plain := func(s string) []widget.RichTextSegment {
		return []widget.RichTextSegment{&widget.TextSegment{Text: s, Style: widget.RichTextStyle{Inline: true}}}
	}
	tests := []struct {
		name  string
		segs  []widget.RichTextSegment
		width float32
		want  string // the wrapped text, lines joined by "/"
	}{
		{"empty text is one line", plain(""), 100, ""},
		{"fits on one line", plain("harbour harbour "), word*2 + 1, "harbour harbour "},
		{"wraps at the space", plain("harbour harbour harbour "), word*2 + 1, "harbour harbour/harbour "},
		{"a word longer than the line breaks by character", plain("harbour"), m.width("harb", fyne.TextStyle{}, size) + 1, "harb/our"},
		{"a segment starting at the end of a line moves whole to the next", []widget.RichTextSegment{
			&widget.TextSegment{Text: "harbour harbour ", Style: widget.RichTextStyle{Inline: true}},
			&widget.TextSegment{Text: "20 percent", Style: widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}}},
		}, word*2 + 1, "harbour harbour/20 percent"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wrapped, lines := m.wrap(tc.segs, tc.width, size)
			var b strings.Builder
			for _, s := range wrapped {
				b.WriteString(s.(*widget.TextSegment).Text)
			}
			got := strings.ReplaceAll(b.String(), "\n", "/")
			if got != tc.want {
				t.Errorf("wrapped = %q, want %q", got, tc.want)
			}
			if want := strings.Count(tc.want, "/") + 1; lines != want {
				t.Errorf("lines = %d, want %d", lines, want)
			}
			if m.lines(tc.segs, tc.width, size) != lines {
				t.Error("lines disagrees with wrap")
			}
		})
	}
	if got := strings.Join(splitKeepingSpace("  a bc  d"), "|"); got != "  |a |bc  |d" {
		t.Errorf("splitKeepingSpace = %q", got)
	}
}
