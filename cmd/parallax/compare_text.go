package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	parallax "github.com/parallax-news/parallax"
)

// writeCompareText writes a comparison as a plain-text report: the
// versions with their labels, each passage with its versions and the word diff against the
// passage's first version (marked [-removed-]{+added+}), provenance, then
// flags grouped by kind, most severe first.
func writeCompareText(w io.Writer, c *parallax.Comparison, labels parallax.Labels) error {
	bw := bufio.NewWriter(w)
	ids := make([]string, len(c.Versions))
	for i, v := range c.Versions {
		ids[i] = v.ID
	}
	fmt.Fprintf(bw, "Comparison of %d versions: %s\n", len(ids), strings.Join(ids, ", "))
	for _, v := range c.Versions {
		title := v.Title
		if v.Source != "" {
			title += " (" + v.Source + ")"
		}
		fmt.Fprintf(bw, "  %-3s %-12s %s\n", labels.Of(v.ID), v.ID, title)
	}
	for i, p := range c.Passages {
		fmt.Fprintf(bw, "\n== Passage %d", i+1)
		if len(p.Missing) > 0 {
			fmt.Fprintf(bw, " (missing in %s)", strings.Join(p.Missing, ", "))
		}
		fmt.Fprintln(bw)
		writePassageText(bw, c, p)
	}
	if len(c.Provenance) > 0 {
		fmt.Fprintln(bw, "\n== Provenance")
		for _, pr := range c.Provenance {
			fmt.Fprintf(bw, "  %s / %s: %.0f%% verbatim, %s", pr.A, pr.B, 100*pr.VerbatimShare, directionText(pr))
			if pr.Reason != "" {
				fmt.Fprintf(bw, " (%s)", pr.Reason)
			}
			fmt.Fprintln(bw)
		}
	}
	writeFlagsText(bw, c, labels)
	return bw.Flush()
}

func directionText(p parallax.Provenance) string {
	switch p.Direction {
	case "a<-b":
		return p.A + " copies " + p.B
	case "a->b":
		return p.B + " copies " + p.A
	}
	return p.Direction
}

// writePassageText prints the passage's first version in full and every
// other version as a diff against it where they are aligned directly.
func writePassageText(w io.Writer, c *parallax.Comparison, p parallax.Passage) {
	if len(p.Members) == 0 {
		return
	}
	first := p.Members[0]
	for _, n := range first.Paragraphs {
		writeParagraphText(w, c, parallax.ParaRef{Version: first.Version, Paragraph: n})
	}
	for _, m := range p.Members[1:] {
		pairs := c.PairsBetween(first.Version, m.Version)
		for _, n := range m.Paragraphs {
			var shown bool
			for _, pr := range pairs {
				if pr.B.Paragraph != n {
					continue
				}
				a, b := c.Paragraph(pr.A), c.Paragraph(pr.B)
				if a == nil || b == nil {
					continue
				}
				fmt.Fprintf(w, "  %s ¶%d vs %s ¶%d (score %.2f):\n    %s\n", m.Version, n, first.Version, pr.A.Paragraph, pr.Score, diffText(a.Text, b.Text, pr.Ops))
				shown = true
			}
			if !shown {
				writeParagraphText(w, c, parallax.ParaRef{Version: m.Version, Paragraph: n})
			}
		}
	}
}

func writeParagraphText(w io.Writer, c *parallax.Comparison, ref parallax.ParaRef) {
	para := c.Paragraph(ref)
	if para == nil {
		return
	}
	kind := ""
	if para.Kind != parallax.KindBody {
		kind = " [" + string(para.Kind) + "]"
	}
	fmt.Fprintf(w, "  %s ¶%d%s:\n    %s\n", ref.Version, ref.Paragraph, kind, para.Text)
}

// diffText renders ops as A's text with deletions in [-…-] and B's
// insertions in {+…+}; trivial changes are marked the same way, with a ~
// inside the brackets.
func diffText(aText, bText string, ops []parallax.Op) string {
	a, b := []rune(aText), []rune(bText)
	var sb strings.Builder
	prevA, prevB := -1, -1
	var prevOp parallax.OpKind
	for _, o := range ops {
		// A space where either text had one between the two ops, except
		// between a deletion and the insertion that replaces it.
		replacement := prevOp == parallax.OpDelete && o.Op == parallax.OpInsert
		if prevA >= 0 && !replacement && (o.AStart > prevA || o.BStart > prevB) {
			sb.WriteByte(' ')
		}
		mark := ""
		if o.Trivial {
			mark = "~"
		}
		switch o.Op {
		case parallax.OpEqual:
			sb.WriteString(string(a[clamp(o.AStart, len(a)):clamp(o.AEnd, len(a))]))
		case parallax.OpDelete:
			sb.WriteString("[-" + mark + string(a[clamp(o.AStart, len(a)):clamp(o.AEnd, len(a))]) + "-]")
		case parallax.OpInsert:
			sb.WriteString("{+" + mark + string(b[clamp(o.BStart, len(b)):clamp(o.BEnd, len(b))]) + "+}")
		}
		prevA, prevB, prevOp = o.AEnd, o.BEnd, o.Op
	}
	return sb.String()
}

func clamp(i, n int) int {
	return max(0, min(i, n))
}

// writeFlagsText lists flags grouped by kind, each group most severe first
// (the comparison keeps flags sorted by severity).
func writeFlagsText(w io.Writer, c *parallax.Comparison, labels parallax.Labels) {
	if len(c.Flags) == 0 {
		return
	}
	fmt.Fprintf(w, "\n== Flags (%d)\n", len(c.Flags))
	var kinds []parallax.FlagKind
	byKind := map[parallax.FlagKind][]parallax.Flag{}
	for _, f := range c.Flags {
		if _, ok := byKind[f.Kind]; !ok {
			kinds = append(kinds, f.Kind)
		}
		byKind[f.Kind] = append(byKind[f.Kind], f)
	}
	for _, k := range kinds {
		fmt.Fprintf(w, "  %s:\n", k)
		for _, f := range byKind[k] {
			fmt.Fprintf(w, "    [%s] %s (%s) ¶%d: %s", f.Severity, labels.Of(f.Version), f.Version, f.Paragraph, labels.Message(f.Message))
			if f.Found != "" || f.Expected != "" {
				fmt.Fprintf(w, " (found %q, expected %q)", f.Found, f.Expected)
			}
			fmt.Fprintln(w)
		}
	}
}
