package library

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	parallax "github.com/parallax-news/parallax"
)

// ParagraphHash names a paragraph's text in a stored link: a link holds
// for as long as both its paragraphs keep their text.
func ParagraphHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:16])
}

// LinkUndo takes back one LinkParagraphs (see UndoLink).
type LinkUndo struct {
	link   parallax.ParagraphLink
	before *parallax.ParagraphLink // stored before for the same paragraphs; nil: none
}

// LinkParagraphs stores the analyst's word on paragraphs a and b of two
// versions of story s: they belong together (unlink false) or must not be
// paired (unlink true). It replaces any earlier word on the same two
// paragraphs, and the story's comparison is made again when it is next
// opened. The undo data restores what was stored before.
func (l *Library) LinkParagraphs(ctx context.Context, s *Story, a, b parallax.ParaRef, unlink bool) (LinkUndo, error) {
	pl, err := s.paragraphLink(a, b)
	if err != nil {
		return LinkUndo{}, err
	}
	pl.Unlink = unlink
	before, err := l.SetParagraphLink(ctx, pl)
	if err != nil {
		return LinkUndo{}, err
	}
	return LinkUndo{link: pl, before: before}, nil
}

// UndoLink restores what LinkParagraphs replaced: the earlier link, or
// none.
func (l *Library) UndoLink(ctx context.Context, u LinkUndo) error {
	if u.before != nil {
		_, err := l.SetParagraphLink(ctx, *u.before)
		return err
	}
	if _, err := l.DeleteParagraphLink(ctx, u.link); err != nil && !isNotFound(err) {
		return err
	}
	return nil
}

// paragraphLink names paragraphs a and b of the story's versions as a
// stored link does.
func (s *Story) paragraphLink(a, b parallax.ParaRef) (parallax.ParagraphLink, error) {
	if a.Version == b.Version {
		return parallax.ParagraphLink{}, errors.New("link paragraphs: both are of one version; pick one on each side")
	}
	artA, textA, err := s.paragraph(a)
	if err != nil {
		return parallax.ParagraphLink{}, err
	}
	artB, textB, err := s.paragraph(b)
	if err != nil {
		return parallax.ParagraphLink{}, err
	}
	return parallax.ParagraphLink{
		ArticleA: artA, HashA: ParagraphHash(textA), ParagraphA: a.Paragraph,
		ArticleB: artB, HashB: ParagraphHash(textB), ParagraphB: b.Paragraph,
	}, nil
}

// paragraph finds the article and text of paragraph ref.
func (s *Story) paragraph(ref parallax.ParaRef) (int64, string, error) {
	art := s.ByVersion[ref.Version]
	if art == nil {
		return 0, "", fmt.Errorf("link paragraphs: story %d has no version %s", s.Story.ID, ref.Version)
	}
	for _, p := range art.Paragraphs {
		if p.Ordinal == ref.Paragraph {
			return art.ID, p.Text, nil
		}
	}
	return 0, "", fmt.Errorf("link paragraphs: version %s has no paragraph %d", s.Labels[ref.Version], ref.Paragraph)
}

// resolveLinks turns stored links into the engine's: each paragraph found
// by its text in its article, where it is now (the ordinal it had chooses
// among repeats). A link whose article left the story or whose text is
// gone is passed over.
func resolveLinks(stored []parallax.ParagraphLink, arts []*parallax.Article) []parallax.ParaLink {
	byID := map[int64]*parallax.Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	var out []parallax.ParaLink
	for _, l := range stored {
		a, okA := findParagraph(byID[l.ArticleA], l.HashA, l.ParagraphA)
		b, okB := findParagraph(byID[l.ArticleB], l.HashB, l.ParagraphB)
		if okA && okB {
			out = append(out, parallax.ParaLink{A: a, B: b, Unlink: l.Unlink})
		}
	}
	return out
}

// findParagraph is the paragraph of art whose text has hash, the one
// nearest ordinal when several have it.
func findParagraph(art *parallax.Article, hash string, ordinal int) (parallax.ParaRef, bool) {
	if art == nil {
		return parallax.ParaRef{}, false
	}
	best, dist := 0, -1
	for _, p := range art.Paragraphs {
		if ParagraphHash(p.Text) != hash {
			continue
		}
		d := max(p.Ordinal-ordinal, ordinal-p.Ordinal)
		if dist < 0 || d < dist {
			best, dist = p.Ordinal, d
		}
	}
	return parallax.ParaRef{Version: VersionID(art.ID), Paragraph: best}, dist >= 0
}
