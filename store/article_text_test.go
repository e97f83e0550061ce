package store

import (
	"context"
	"testing"

	parallax "github.com/parallax-news/parallax"
)

func TestTextFromParagraphs(t *testing.T) {
	ps := func(texts ...string) []parallax.Paragraph {
		var out []parallax.Paragraph
		for i, s := range texts {
			out = append(out, parallax.Paragraph{Ordinal: i + 1, Kind: parallax.KindBody, Text: s})
		}
		return out
	}
	unnumbered := ps("Ferry fares rise.", "The council agreed.")
	for i := range unnumbered {
		unnumbered[i].Ordinal = 0
	}
	reversed := ps("First.", "Second.")
	reversed[0].Ordinal, reversed[1].Ordinal = 2, 1
	for _, tc := range []struct {
		name string
		text string
		ps   []parallax.Paragraph
		want bool
	}{
		{"joined", "Ferry fares rise.\n\nThe council agreed.", ps("Ferry fares rise.", "The council agreed."), true},
		{"one paragraph", "Ferry fares rise.", ps("Ferry fares rise."), true},
		{"not numbered", "Ferry fares rise.\n\nThe council agreed.", unnumbered, true},
		{"non-ASCII", "Prix du ferry « en hausse »\n\n渡轮票价上涨", ps("Prix du ferry « en hausse »", "渡轮票价上涨"), true},
		{"one blank line", "Ferry fares rise.\nThe council agreed.", ps("Ferry fares rise.", "The council agreed."), false},
		{"trailing newline", "Ferry fares rise.\n\nThe council agreed.\n", ps("Ferry fares rise.", "The council agreed."), false},
		{"text longer", "Ferry fares rise.\n\nThe council agreed.\n\nMore.", ps("Ferry fares rise.", "The council agreed."), false},
		{"text shorter", "Ferry fares rise.", ps("Ferry fares rise.", "The council agreed."), false},
		{"other words", "Ferry fares fall.\n\nThe council agreed.", ps("Ferry fares rise.", "The council agreed."), false},
		{"stored in another order", "First.\n\nSecond.", reversed, false},
		{"empty text", "", ps(""), false},
		{"no paragraphs", "Ferry fares rise.", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := textFromParagraphs(tc.text, tc.ps); got != tc.want {
				t.Errorf("textFromParagraphs(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

// TestArticleTextStoredOnce checks that an article whose text is its
// paragraphs joined is stored without a second copy and read back whole by
// every reader of the text, and that any other text is stored as given.
func TestArticleTextStoredOnce(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	joined := testArticle("Ferry fares rise", "The council agreed on Tuesday.", "Fares go up by « 5% » 渡轮.")
	other := testArticle("Harbour closed", "Storm warning for the coast.")
	other.Text = "Harbour closed. Storm warning for the coast." // not the paragraphs joined
	mustAdd(t, s, joined, "")
	mustAdd(t, s, other, "")

	for _, tc := range []struct {
		a          *parallax.Article
		storedText string
		from       bool
	}{
		{joined, "", true},
		{other, other.Text, false},
	} {
		var stored string
		var from bool
		if err := s.db.QueryRow(`SELECT text, text_from_paragraphs FROM article WHERE id = ?`, tc.a.ID).Scan(&stored, &from); err != nil {
			t.Fatal(err)
		}
		if stored != tc.storedText || from != tc.from {
			t.Errorf("%q stored text %q (from paragraphs %v), want %q (%v)", tc.a.Title, stored, from, tc.storedText, tc.from)
		}
		got, err := s.Article(ctx, tc.a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != tc.a.Text {
			t.Errorf("Article(%q).Text = %q, want %q", tc.a.Title, got.Text, tc.a.Text)
		}
		arts, err := s.StoryArticles(ctx, tc.a.StoryID)
		if err != nil {
			t.Fatal(err)
		}
		if len(arts) != 1 || arts[0].Text != tc.a.Text {
			t.Errorf("StoryArticles of %q: %+v", tc.a.Title, arts)
		}
		revs, err := s.Revisions(ctx, tc.a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(revs) == 0 || revs[0].Text != tc.a.Text {
			t.Errorf("first revision of %q: %+v", tc.a.Title, revs)
		}
	}
	// The content hash is of the whole text, so the same text is still a
	// duplicate.
	again := testArticle("Ferry fares rise", "The council agreed on Tuesday.", "Fares go up by « 5% » 渡轮.")
	if err := s.AddArticle(ctx, again, ""); err == nil {
		t.Error("the same text again was stored")
	}
}
