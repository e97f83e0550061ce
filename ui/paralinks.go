package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/library"
)

// linkIcon and unlinkIcon are chain links, whole and broken (Material
// Icons' "link" and "link_off"); the theme has neither.
var (
	linkIcon   = theme.NewThemedResource(fyne.NewStaticResource("link.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M3.9 12c0-1.71 1.39-3.1 3.1-3.1h4V7H7c-2.76 0-5 2.24-5 5s2.24 5 5 5h4v-1.9H7c-1.71 0-3.1-1.39-3.1-3.1zM8 13h8v-2H8v2zm9-6h-4v1.9h4c1.71 0 3.1 1.39 3.1 3.1s-1.39 3.1-3.1 3.1h-4V17h4c2.76 0 5-2.24 5-5s-2.24-5-5-5z"/></svg>`)))
	unlinkIcon = theme.NewThemedResource(fyne.NewStaticResource("link_off.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M17 7h-4v1.9h4c1.71 0 3.1 1.39 3.1 3.1 0 1.43-.98 2.63-2.31 2.98l1.46 1.46C20.88 15.61 22 13.95 22 12c0-2.76-2.24-5-5-5zm-1 4h-2.19l2 2H16zM2 4.27l3.11 3.11C3.29 8.12 2 9.91 2 12c0 2.76 2.24 5 5 5h4v-1.9H7c-1.71 0-3.1-1.39-3.1-3.1 0-1.59 1.21-2.9 2.76-3.07L8.73 11H8v2h2.73L13 15.27V17h1.73l4.01 4L20 19.74 3.27 3 2 4.27z"/></svg>`)))
)

// paragraphLinker stores the analyst's paragraph links (the library does).
type paragraphLinker interface {
	LinkParagraphs(ctx context.Context, s *library.Story, a, b parallax.ParaRef, unlink bool) (library.LinkUndo, error)
	UndoLink(ctx context.Context, u library.LinkUndo) error
}

// pickRow picks the paragraphs of row i for linking: each side the row
// has; a side it lacks keeps the paragraph picked before. So a paragraph
// the engine left alone is linked by selecting its row, then the row of
// the paragraph it belongs with.
func (v *compareView) pickRow(i int) {
	if i < 0 || i >= len(v.rows) {
		return
	}
	r := v.rows[i]
	if !r.a.empty() {
		v.picked[0] = r.a.ref
	}
	if !r.b.empty() {
		v.picked[1] = r.b.ref
	}
	v.showLinkAction()
}

// clearPicks forgets the picked paragraphs (another pair, another story).
func (v *compareView) clearPicks() {
	v.picked = [2]parallax.ParaRef{}
	v.showLinkAction()
}

// picks returns the two picked paragraphs, ok when both sides have one.
func (v *compareView) picks() (a, b parallax.ParaRef, ok bool) {
	a, b = v.picked[0], v.picked[1]
	return a, b, a.Paragraph > 0 && b.Paragraph > 0 && a.Version == v.va && b.Version == v.vb
}

// paired reports whether paragraphs a (of va) and b (of vb) share a row as
// a pair, and whether the analyst linked them.
func (v *compareView) paired(a, b parallax.ParaRef) (paired, manual bool) {
	if v.story == nil || v.story.cmp == nil {
		return false, false
	}
	for _, p := range v.story.cmp.PairsBetween(a.Version, b.Version) {
		if p.A == a && p.B == b {
			return true, p.Manual
		}
	}
	return false, false
}

// showLinkAction sets the link button for the picked paragraphs, framed
// in the rows: Link when they are apart, Unlink when they are a pair; the
// status line names them.
func (v *compareView) showLinkAction() {
	if v.link == nil {
		return
	}
	a, b, ok := v.picks()
	if !ok {
		v.link.SetText("Link")
		v.link.SetIcon(linkIcon)
		v.link.Disable()
		return
	}
	la, lb := v.sideLetter(0), v.sideLetter(1)
	if p, _ := v.paired(a, b); p {
		v.link.SetText("Unlink")
		v.link.SetIcon(unlinkIcon)
		v.jobs.setStatus(fmt.Sprintf("%s ¶%d and %s ¶%d are paired: Unlink (Ctrl+L) takes them apart.", la, a.Paragraph, lb, b.Paragraph))
	} else {
		v.link.SetText("Link")
		v.link.SetIcon(linkIcon)
		v.jobs.setStatus(fmt.Sprintf("Picked %s ¶%d and %s ¶%d: Link (Ctrl+L) pairs them.", la, a.Paragraph, lb, b.Paragraph))
	}
	v.link.Enable()
}

// onLink links the picked paragraphs, or unlinks them when they are a
// pair. The word is stored, the story compared again with it, and the
// step can be undone.
func (v *compareView) onLink() {
	d := v.story
	a, b, ok := v.picks()
	if d == nil || !ok {
		v.dialogs.info("Link paragraphs", "Select the row of a paragraph of "+v.sideLetter(0)+
			", then the row of the paragraph of "+v.sideLetter(1)+" it belongs with; then Link (Ctrl+L).\nSelecting a paired row and pressing Unlink takes the pair apart.")
		return
	}
	paired, _ := v.paired(a, b)
	what := fmt.Sprintf("link %s ¶%d and %s ¶%d", d.letters[a.Version], a.Paragraph, d.letters[b.Version], b.Paragraph)
	if paired {
		what = "un" + what
	}
	var undo library.LinkUndo
	v.jobs.run(job{
		title: "Saving the link",
		work: func(ctx context.Context, _ progressFunc) error {
			var err error
			undo, err = v.linker.LinkParagraphs(ctx, d.library(), a, b, paired)
			return err
		},
		done: func(err error) {
			if err != nil {
				v.jobs.showError("Saving the link", err)
				return
			}
			v.undo.push(what, func() { v.undoLink(undo, a) })
			v.jobs.notice(sentenceCase(what) + ": done. Edit ▸ Undo takes it back.")
			v.events.linksChanged(a)
		},
	})
}

// undoLink restores the links as they were before a step, and shows
// paragraph ref again.
func (v *compareView) undoLink(u library.LinkUndo, ref parallax.ParaRef) {
	v.jobs.run(job{
		title: "Undoing the link",
		work: func(ctx context.Context, _ progressFunc) error {
			return v.linker.UndoLink(ctx, u)
		},
		done: func(err error) {
			if err != nil {
				v.jobs.showError("Undoing the link", err)
				return
			}
			v.events.linksChanged(ref)
		},
	})
}

// sideLetter names side 0 (A) or 1 (B) of the shown pair by its version's
// letter.
func (v *compareView) sideLetter(side int) string {
	id := v.va
	if side == 1 {
		id = v.vb
	}
	if v.story == nil || v.story.letters[id] == "" {
		return [2]string{"the left version", "the right version"}[side]
	}
	return v.story.letters[id]
}

// linkNote says, for a cell's header, that the analyst linked its
// paragraph with the other side's, or kept it apart from one there.
func (v *compareView) linkNote(c compareCell) string {
	if c.manual {
		return "linked by hand"
	}
	if v.story == nil {
		return ""
	}
	otherVersion := v.vb
	if c.ref.Version == v.vb {
		otherVersion = v.va
	}
	for _, l := range v.story.links {
		switch {
		case !l.Unlink:
		case l.A == c.ref && l.B.Version == otherVersion:
			return fmt.Sprintf("unlinked from ¶%d", l.B.Paragraph)
		case l.B == c.ref && l.A.Version == otherVersion:
			return fmt.Sprintf("unlinked from ¶%d", l.A.Paragraph)
		}
	}
	return ""
}
