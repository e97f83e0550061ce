package compare

import (
	"testing"

	parallax "github.com/parallax-news/parallax"
)

// keyVersions is a small fictional story: version 2 writes 53 firefighters
// where the other two write 35.
func keyVersions() []Version {
	para := func(i int, kind parallax.ParagraphKind, text string) parallax.Paragraph {
		return parallax.Paragraph{Ordinal: i, Kind: kind, Text: text}
	}
	return []Version{
		{ID: "1", Title: "Mill fire closes Brackwater road", Source: "Fen Wire", Hash: "h1", Paragraphs: []parallax.Paragraph{
			para(1, parallax.KindHeadline, "Mill fire closes Brackwater road"),
			para(2, parallax.KindBody, "A fire at the old paper mill in Brackwater closed the coast road on Friday, the fire service said."),
			para(3, parallax.KindBody, "Fire chief Anneli Sørby said 35 firefighters fought the blaze for six hours and nobody was hurt."),
		}},
		{ID: "2", Title: "Brackwater mill burns", Source: "Coast Courier", Hash: "h2", Paragraphs: []parallax.Paragraph{
			para(1, parallax.KindHeadline, "Brackwater mill burns"),
			para(2, parallax.KindBody, "A fire at the old paper mill in Brackwater closed the coast road on Friday, the fire service said."),
			para(3, parallax.KindBody, "Fire chief Anneli Sørby said 53 firefighters fought the blaze for six hours and nobody was hurt."),
		}},
		{ID: "3", Title: "Brackwater mill fire", Source: "Harbour Times", Hash: "h3", Paragraphs: []parallax.Paragraph{
			para(1, parallax.KindHeadline, "Brackwater mill fire"),
			para(2, parallax.KindBody, "A fire at the old paper mill in Brackwater closed the coast road on Friday, the fire service said."),
			para(3, parallax.KindBody, "Fire chief Anneli Sørby said 35 firefighters fought the blaze for six hours and nobody was hurt."),
		}},
	}
}

// numberFlag returns the flag on version 2's 53.
func numberFlag(t *testing.T, vs []Version) Flag {
	t.Helper()
	c, err := Compare(vs)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range c.Flags {
		if f.Kind == FlagNumber && f.Version == "2" && f.Found == "53" && f.Expected == "35" {
			return f
		}
	}
	t.Fatalf("no number flag on version 2's 53: %+v", c.Flags)
	return Flag{}
}

// A flag's key is what decisions are stored under: it must stay the same
// when the story is recomputed with its versions unchanged (in any order,
// or with a version added), and change when the flagged version's text
// changes, even where the flag does not point, since the analyst judged
// that text.
func TestFlagKeyFollowsTheVersionText(t *testing.T) {
	base := numberFlag(t, keyVersions()).Key

	reordered := keyVersions()
	reordered[0], reordered[2] = reordered[2], reordered[0]
	if got := numberFlag(t, reordered).Key; got != base {
		t.Errorf("key changed when the versions were given in another order: %s, was %s", got, base)
	}

	added := append(keyVersions(), Version{ID: "4", Title: "Mill fire", Source: "Valley Post", Hash: "h4",
		Paragraphs: []parallax.Paragraph{
			{Ordinal: 1, Kind: parallax.KindHeadline, Text: "Mill fire"},
			{Ordinal: 2, Kind: parallax.KindBody, Text: "Fire chief Anneli Sørby said 35 firefighters fought the blaze at the Brackwater paper mill."},
		}})
	if got := numberFlag(t, added).Key; got != base {
		t.Errorf("key changed when a version was added: %s, was %s", got, base)
	}

	edited := keyVersions()
	edited[1].Hash = "h2-edited"
	edited[1].Paragraphs[1].Text = "A fire at the old paper mill in Brackwater shut the coast road on Friday, the fire service said."
	if got := numberFlag(t, edited).Key; got == base {
		t.Error("key unchanged after the flagged version's text changed: a decision on the old text would carry over")
	}

	otherEdited := keyVersions()
	otherEdited[2].Hash = "h3-edited"
	otherEdited[2].Paragraphs[1].Text = "A fire at the old paper mill in Brackwater shut the coast road on Friday, the fire service said."
	if got := numberFlag(t, otherEdited).Key; got != base {
		t.Errorf("key changed when another version's text changed: %s, was %s", got, base)
	}
}
