package library

import (
	"context"
	"testing"

	parallax "github.com/parallax-news/parallax"
)

// pairedIn reports whether paragraphs a and b are a pair of s's
// comparison, and whether the analyst made it.
func pairedIn(s *Story, a, b parallax.ParaRef) (paired, manual bool) {
	for _, p := range s.Comparison.PairsBetween(a.Version, b.Version) {
		if p.A == a && p.B == b {
			return true, p.Manual
		}
	}
	return false, false
}

// A link the analyst makes holds when the story is compared again (here a
// version is added and the library reopened), and so does an unlink; each
// step can be undone.
func TestParagraphLinksSurviveRecomputation(t *testing.T) {
	lib := openTestLibrary(t)
	ctx := context.Background()
	id := importStory(t, lib, "Varnes dam",
		storyArticle("Varnes dam to be raised",
			"The Varnes dam will be raised by four metres to protect the valley from spring floods.",
			"Anglers are unhappy."),
		storyArticle("Dam works approved",
			"The Varnes dam will be raised by four metres to protect the valley from the spring floods.",
			"Fishing clubs voiced their displeasure on Monday."),
	)
	s, err := lib.OpenStory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	ids := s.VersionIDs()
	anglers := parallax.ParaRef{Version: ids[0], Paragraph: 3}
	clubs := parallax.ParaRef{Version: ids[1], Paragraph: 3}
	damA, damB := parallax.ParaRef{Version: ids[0], Paragraph: 2}, parallax.ParaRef{Version: ids[1], Paragraph: 2}
	if p, _ := pairedIn(s, anglers, clubs); p {
		t.Fatal("the fixture should leave the anglers and the clubs apart")
	}
	if p, _ := pairedIn(s, damA, damB); !p {
		t.Fatal("the engine should pair the dam paragraphs")
	}

	undoLink, err := lib.LinkParagraphs(ctx, s, clubs, anglers, false) // from B's side
	if err != nil {
		t.Fatal(err)
	}
	undoUnlink, err := lib.LinkParagraphs(ctx, s, damA, damB, true)
	if err != nil {
		t.Fatal(err)
	}
	// A late version with a paragraph more moves nothing of A and B, but
	// makes the comparison anew.
	late := storyArticle("Varnes dam: work starts in May",
		"Work starts in May.",
		"The Varnes dam will be raised by four metres to protect the valley from spring floods.")
	if out := lib.NewImporter(Target{StoryID: id}).Add(ctx, Input{Article: late}); out.Kind != Imported {
		t.Fatalf("import: %v", out.Err)
	}
	again, err := lib.OpenStory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if again.FromCache {
		t.Error("the comparison came from the cache after a version was added")
	}
	if p, m := pairedIn(again, anglers, clubs); !p || !m {
		t.Errorf("after recomputation, the link: paired %v, manual %v", p, m)
	}
	if p, _ := pairedIn(again, damA, damB); p {
		t.Error("after recomputation, the unlinked pair is paired again")
	}
	if len(again.Links) != 2 {
		t.Errorf("story links = %+v, want 2", again.Links)
	}
	// Reopened: from the cache, made with the links.
	cached, err := lib.OpenStory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := pairedIn(cached, anglers, clubs); !cached.FromCache || !p {
		t.Errorf("reopened: from cache %v, linked %v", cached.FromCache, p)
	}
	if n, computed, err := lib.CountOpenFlags(ctx, id); err != nil || computed {
		t.Errorf("counting flags recomputed the linked story (%d, %v)", n, err)
	}

	if err := lib.UndoLink(ctx, undoUnlink); err != nil {
		t.Fatal(err)
	}
	if err := lib.UndoLink(ctx, undoLink); err != nil {
		t.Fatal(err)
	}
	undone, err := lib.OpenStory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := pairedIn(undone, anglers, clubs); p {
		t.Error("the undone link still pairs")
	}
	if p, m := pairedIn(undone, damA, damB); !p || m {
		t.Errorf("the undone unlink: paired %v, manual %v", p, m)
	}

	if _, err := lib.LinkParagraphs(ctx, s, damA, parallax.ParaRef{Version: ids[0], Paragraph: 3}, false); err == nil {
		t.Error("linked two paragraphs of one version")
	}
	if _, err := lib.LinkParagraphs(ctx, s, damA, parallax.ParaRef{Version: ids[1], Paragraph: 9}, false); err == nil {
		t.Error("linked a paragraph that does not exist")
	}
}

// A stored link finds its paragraphs by their text where they are now.
func TestResolveLinksFollowsText(t *testing.T) {
	a := &parallax.Article{ID: 1, Paragraphs: []parallax.Paragraph{
		{Ordinal: 1, Text: "Moved down"}, {Ordinal: 2, Text: "Same"}, {Ordinal: 3, Text: "Same"}}}
	b := &parallax.Article{ID: 2, Paragraphs: []parallax.Paragraph{{Ordinal: 1, Text: "Other"}}}
	stored := []parallax.ParagraphLink{
		{ArticleA: 1, HashA: ParagraphHash("Same"), ParagraphA: 3, ArticleB: 2, HashB: ParagraphHash("Other"), ParagraphB: 4},
		{ArticleA: 1, HashA: ParagraphHash("Gone"), ParagraphA: 1, ArticleB: 2, HashB: ParagraphHash("Other"), ParagraphB: 1},
		{ArticleA: 1, HashA: ParagraphHash("Same"), ParagraphA: 2, ArticleB: 7, HashB: ParagraphHash("Other"), ParagraphB: 1},
	}
	got := resolveLinks(stored, []*parallax.Article{a, b})
	want := parallax.ParaLink{A: parallax.ParaRef{Version: "1", Paragraph: 3}, B: parallax.ParaRef{Version: "2", Paragraph: 1}}
	if len(got) != 1 || got[0] != want {
		t.Errorf("resolved = %+v, want [%+v]", got, want)
	}
}
