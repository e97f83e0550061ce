package ui

import (
	"fmt"
	"strings"
	"testing"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare"
)

// twoVersions builds a comparison of versions "a" and "b" with n and m body
// paragraphs and the given aligned pairs (a paragraph, b paragraph).
func twoVersions(n, m int, pairs [][2]int) *compare.Comparison {
	c := &compare.Comparison{}
	for _, v := range []struct {
		id string
		n  int
	}{{"a", n}, {"b", m}} {
		vo := compare.VersionOut{ID: v.id}
		for i := 1; i <= v.n; i++ {
			vo.Paragraphs = append(vo.Paragraphs, compare.ParagraphOut{Index: i, Kind: parallax.KindBody, Text: fmt.Sprintf("%s%d", v.id, i)})
		}
		c.Versions = append(c.Versions, vo)
	}
	for _, p := range pairs {
		c.Pairs = append(c.Pairs, compare.Pair{
			A: compare.ParaRef{Version: "a", Paragraph: p[0]}, B: compare.ParaRef{Version: "b", Paragraph: p[1]}, Score: 0.9,
			Ops: []compare.Op{{Op: compare.OpEqual, AStart: 0, AEnd: 2, BStart: 0, BEnd: 2}},
		})
		c.Passages = append(c.Passages, compare.Passage{Members: []compare.Member{
			{Version: "a", Paragraphs: []int{p[0]}}, {Version: "b", Paragraphs: []int{p[1]}}}})
	}
	return c
}

// rowsString renders rows as "a1|b1" lines, "-" for an empty cell and the
// where hint in parentheses.
func rowsString(rows []compareRow) string {
	var lines []string
	side := func(c compareCell) string {
		if c.empty() {
			return "-"
		}
		s := c.text
		if c.where != "" {
			s += "(" + c.where + ")"
		}
		return s
	}
	for _, r := range rows {
		lines = append(lines, side(r.a)+"|"+side(r.b))
	}
	return strings.Join(lines, " ")
}

func TestBuildRows(t *testing.T) {
	tests := []struct {
		name  string
		n, m  int
		pairs [][2]int
		want  string
	}{
		{"identical order", 3, 3, [][2]int{{1, 1}, {2, 2}, {3, 3}}, "a1|b1 a2|b2 a3|b3"},
		{"paragraph only in A faces an empty cell", 3, 2, [][2]int{{1, 1}, {3, 2}}, "a1|b1 a2|- a3|b2"},
		{"paragraph only in B sits after its predecessor", 2, 3, [][2]int{{1, 1}, {2, 3}}, "a1|b1 -|b2 a2|b3"},
		{"trailing paragraphs only in B", 1, 3, [][2]int{{1, 1}}, "a1|b1 -|b2 -|b3"},
		{"a moved paragraph says where it sits", 3, 3, [][2]int{{1, 3}, {2, 1}, {3, 2}},
			"a1|b3(¶3 in B, moved) a2|b1 a3|b2"},
		{"one A paragraph split in two B paragraphs", 2, 3, [][2]int{{1, 1}, {1, 2}, {2, 3}},
			"a1|b1 a1(¶1 in A, continued)|b2 a2|b3"},
		{"nothing aligned", 2, 1, nil, "a1|- a2|- -|b1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := twoVersions(tc.n, tc.m, tc.pairs)
			rows := buildRows(c, "a", "b", "A", "B")
			if got := rowsString(rows); got != tc.want {
				t.Errorf("rows = %s\nwant   %s", got, tc.want)
			}
			// Every paragraph of both versions is shown.
			for _, v := range c.Versions {
				for _, p := range v.Paragraphs {
					if rowOf(rows, compare.ParaRef{Version: v.ID, Paragraph: p.Index}) < 0 {
						t.Errorf("%s ¶%d is in no row", v.ID, p.Index)
					}
				}
			}
		})
	}
}

func TestBuildRowsSwappedPairMirrorsDiff(t *testing.T) {
	c := twoVersions(1, 1, nil)
	c.Pairs = []compare.Pair{{
		A: compare.ParaRef{Version: "a", Paragraph: 1}, B: compare.ParaRef{Version: "b", Paragraph: 1},
		Ops: []compare.Op{{Op: compare.OpDelete, AStart: 0, AEnd: 1, BStart: 0, BEnd: 0}, {Op: compare.OpEqual, AStart: 1, AEnd: 2, BStart: 0, BEnd: 1}},
	}}
	ab := buildRows(c, "a", "b", "A", "B")
	ba := buildRows(c, "b", "a", "B", "A")
	if len(ab) != 1 || len(ba) != 1 {
		t.Fatalf("rows %d and %d, want 1 each", len(ab), len(ba))
	}
	if len(ab[0].a.marks) != 1 || ab[0].a.marks[0].kind != markDeleted {
		t.Errorf("a vs b: A marks %+v, want one deletion", ab[0].a.marks)
	}
	if len(ba[0].b.marks) != 1 || ba[0].b.marks[0].kind != markInserted {
		t.Errorf("b vs a: the same words in A (now right) are %+v, want one insertion", ba[0].b.marks)
	}
}

func TestGroupFlags(t *testing.T) {
	flags := []compare.Flag{
		{Key: "1", Kind: compare.FlagQuote, Severity: compare.SeverityLow, Version: "b", Paragraph: 3},
		{Key: "2", Kind: compare.FlagNumber, Severity: compare.SeverityMedium, Version: "a", Paragraph: 2},
		{Key: "3", Kind: compare.FlagQuote, Severity: compare.SeverityHigh, Version: "c", Paragraph: 1},
		{Key: "4", Kind: compare.FlagNumber, Severity: compare.SeverityLow, Version: "a", Paragraph: 1},
		{Key: "5", Kind: compare.FlagName, Severity: compare.SeverityLow, Version: "a", Paragraph: 1},
	}
	tests := []struct {
		name string
		keep func(compare.Flag) bool
		want string
	}{
		{"group with the most severe flag first, severity inside",
			func(compare.Flag) bool { return true }, "Quotes (2) 3 1 Numbers (2) 2 4 Names (1) 5"},
		{"filtered", func(f compare.Flag) bool { return f.Kind == compare.FlagNumber }, "Numbers (2) 2 4"},
		{"nothing passes", func(compare.Flag) bool { return false }, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, it := range groupFlags(flags, tc.keep) {
				if it.flag == nil {
					got = append(got, it.heading)
				} else {
					got = append(got, it.flag.Key)
				}
			}
			if s := strings.Join(got, " "); s != tc.want {
				t.Errorf("got %q, want %q", s, tc.want)
			}
		})
	}
}

func TestHeatGrid(t *testing.T) {
	c := twoVersions(2, 1, [][2]int{{1, 1}})
	c.Versions = append(c.Versions, compare.VersionOut{ID: "c"})
	c.Pairs[0].Score = 0.6
	// A second passage only version a carries.
	c.Passages = append(c.Passages, compare.Passage{Members: []compare.Member{{Version: "a", Paragraphs: []int{2}}}, Missing: []string{"b", "c"}})
	c.Flags = []compare.Flag{{Version: "a", Paragraph: 2}, {Version: "b", Paragraph: 1}, {Version: "b", Paragraph: 1}}
	g := heatGrid(c, []string{"a", "b", "c"})
	tests := []struct {
		name       string
		row, col   int
		present    bool
		similarity float64
		flags      int
	}{
		{"shared passage, version a", 0, 0, true, 0.6, 0},
		{"shared passage, version b with two flags", 0, 1, true, 0.6, 2},
		{"version c carries nothing", 0, 2, false, 0, 0},
		{"passage only in a: present, alone", 1, 0, true, 0, 1},
		{"passage only in a: b absent", 1, 1, false, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := g[tc.row][tc.col]
			if h.present != tc.present || h.similarity != tc.similarity || h.flags != tc.flags {
				t.Errorf("cell = %+v, want present %v similarity %v flags %d", h, tc.present, tc.similarity, tc.flags)
			}
		})
	}
}
