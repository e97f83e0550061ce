package ui

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	parallax "github.com/parallax-news/parallax"
)

// witness is a version that carries a flag's expected reading, with
// where it does (paragraph 0 when it only shares the passage).
type witness struct {
	version    string
	paragraph  int
	start, end int // rune range of the expected words in that paragraph
}

// witnesses lists the versions to face flag f with, best first: those
// writing the expected words inside the flag's passage, then those writing
// them elsewhere, then the passage's other members, then every other
// version. A flag opens on the first; the analyst can step through the
// rest.
func witnesses(d *storyData, f parallax.Flag) []witness {
	if d == nil || d.cmp == nil {
		return nil
	}
	inPassage := map[string]int{} // version -> its paragraph in the flag's passage
	if f.Passage >= 0 && f.Passage < len(d.cmp.Passages) {
		for _, m := range d.cmp.Passages[f.Passage].Members {
			if _, seen := inPassage[m.Version]; !seen && len(m.Paragraphs) > 0 {
				inPassage[m.Version] = m.Paragraphs[0]
			}
		}
	}
	var near, far, members, rest []witness
	for _, id := range d.versionIDs() {
		if id == f.Version {
			continue
		}
		v := d.cmp.Version(id)
		if v == nil {
			continue
		}
		found := witness{version: id}
		if exp := strings.TrimSpace(f.Expected); exp != "" {
			// The passage's paragraph first, then the others in order.
			paras := slices.Clone(v.Paragraphs)
			if p, ok := inPassage[id]; ok {
				slices.SortStableFunc(paras, func(a, b parallax.ParagraphOut) int {
					return boolRank(a.Index != p) - boolRank(b.Index != p)
				})
			}
			for _, p := range paras {
				if s, e, ok := findFold(p.Text, exp); ok {
					found = witness{version: id, paragraph: p.Index, start: s, end: e}
					break
				}
			}
		}
		p, member := inPassage[id]
		switch {
		case found.paragraph != 0 && member && found.paragraph == p:
			near = append(near, found)
		case found.paragraph != 0:
			far = append(far, found)
		case member:
			members = append(members, witness{version: id, paragraph: p})
		default:
			rest = append(rest, witness{version: id})
		}
	}
	return slices.Concat(near, far, members, rest)
}

// carries reports whether the witness writes the expected words.
func (w witness) carries() bool { return w.paragraph != 0 && w.end > w.start }

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// findFold finds word in text ignoring case, as a rune range.
func findFold(text, word string) (start, end int, ok bool) {
	lt, lw := strings.ToLower(text), strings.ToLower(word)
	if len(lt) != len(text) || len(lw) != len(word) {
		// Case folding changed byte lengths: search as written.
		lt, lw = text, word
	}
	i := strings.Index(lt, lw)
	if i < 0 {
		return 0, 0, false
	}
	start = utf8.RuneCountInString(text[:i])
	return start, start + utf8.RuneCountInString(text[i:i+len(lw)]), true
}

// changeRows lists the rows that hold a change: a paragraph without
// counterpart, a word change (not only trivial ones), a flag or a note.
func (v *compareView) changeRows() []int {
	var out []int
	for i, r := range v.rows {
		if v.rowChange(r) != changeNone {
			out = append(out, i)
		}
	}
	return out
}

// changeKind is what a row of the change map shows.
type changeKind int

const (
	changeNone changeKind = iota
	changeWords
	changeOneSide
	changeFlag
)

// rowChange says what kind of change row r holds, flags first.
func (v *compareView) rowChange(r compareRow) changeKind {
	d := v.story
	if d != nil && d.cmp != nil {
		for _, f := range d.cmp.Flags {
			if (f.Version == r.a.ref.Version && f.Paragraph == r.a.ref.Paragraph && !r.a.empty()) ||
				(f.Version == r.b.ref.Version && f.Paragraph == r.b.ref.Paragraph && !r.b.empty()) {
				return changeFlag
			}
		}
	}
	if r.a.empty() || r.b.empty() {
		return changeOneSide
	}
	for _, m := range slices.Concat(r.a.marks, r.b.marks) {
		if m.kind == markDeleted || m.kind == markInserted {
			return changeWords
		}
	}
	return changeNone
}

// stepChange selects the next (dir 1) or previous (-1) row with a change.
func (v *compareView) stepChange(dir int) {
	rows := v.changeRows()
	if len(rows) == 0 {
		v.info.SetText("No change between these two versions.")
		return
	}
	cur := v.selected
	next := -1
	if dir > 0 {
		for _, r := range rows {
			if r > cur {
				next = r
				break
			}
		}
		if next < 0 {
			next = rows[0] // wrap around
		}
	} else {
		for i := len(rows) - 1; i >= 0; i-- {
			if rows[i] < cur || cur < 0 {
				next = rows[i]
				break
			}
		}
		if next < 0 {
			next = rows[len(rows)-1]
		}
	}
	v.showRow(next)
	v.jobs.setStatus(changePosition(rows, next))
}

// changePosition is "change 3 of 12".
func changePosition(rows []int, row int) string {
	i := slices.Index(rows, row)
	return fmt.Sprintf("Change %d of %d", i+1, len(rows))
}
