package library

import (
	"context"
	"testing"
	"time"

	parallax "github.com/parallax-news/parallax"
)

func storyArticle(title string, paras ...string) *parallax.Article {
	a := &parallax.Article{Title: title, Source: parallax.Source{Name: title + " outlet"},
		Published: time.Date(2031, 4, 2, 8, 0, 0, 0, time.UTC)}
	a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Ordinal: 1, Kind: parallax.KindHeadline, Text: title})
	for i, p := range paras {
		a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Ordinal: i + 2, Kind: parallax.KindBody, Text: p})
		if a.Text != "" {
			a.Text += "\n\n"
		}
		a.Text += p
	}
	return a
}

// importStory imports arts, in order, into a new story titled title and
// returns the story's id.
func importStory(t *testing.T, lib *Library, title string, arts ...*parallax.Article) int64 {
	t.Helper()
	im := lib.NewImporter(Target{NewTitle: title})
	for _, a := range arts {
		if out := im.Add(context.Background(), Input{Article: a}); out.Kind != Imported {
			t.Fatalf("import: %v", out.Err)
		}
	}
	return im.Target().StoryID
}

// The analyst's decision on a flag survives recomputation: adding a
// version recomputes the story, and the flag on the unchanged version
// keeps its decision; the versions keep their labels.
func TestDecisionsAndLabelsSurviveAnAddedVersion(t *testing.T) {
	lib := openTestLibrary(t)
	ctx := context.Background()
	id := importStory(t, lib, "Brackwater mill fire",
		storyArticle("Mill fire closes road", "A fire at the old paper mill in Brackwater closed the coast road on Friday, the fire service said.",
			"Fire chief Anneli Sørby said 35 firefighters fought the blaze for six hours."),
		storyArticle("Brackwater mill burns", "A fire at the old paper mill in Brackwater closed the coast road on Friday, the fire service said.",
			"Fire chief Anneli Sørby said 53 firefighters fought the blaze for six hours."),
		storyArticle("Mill blaze", "A fire at the disused paper mill in Brackwater closed the coast road on Friday, the fire service said.",
			"Fire chief Anneli Sørby said 35 firefighters fought the blaze for six hours."),
	)
	s, err := lib.OpenStory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	flag, ok := findFlag(s, "53")
	if !ok {
		t.Fatalf("no flag on 53: %+v", s.Comparison.Flags)
	}
	if err := lib.SetDecision(ctx, parallax.Decision{StoryID: id, Key: flag.Key, Status: parallax.StatusConfirmed, Note: "checked"}); err != nil {
		t.Fatal(err)
	}
	labels := s.Labels

	late := storyArticle("Mill fire update", "A fire at the old paper mill in Brackwater closed the coast road on Friday, the fire service said.",
		"Fire chief Anneli Sørby said 35 firefighters fought the blaze for six hours. The road reopened on Saturday.")
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
	after, ok := findFlag(again, "53")
	if !ok {
		t.Fatalf("no flag on 53 after adding a version: %+v", again.Comparison.Flags)
	}
	if after.Key != flag.Key || again.Status(after.Key) != parallax.StatusConfirmed || again.Decisions[after.Key].Note != "checked" {
		t.Errorf("decision lost: key %s (was %s), status %s", after.Key, flag.Key, again.Status(after.Key))
	}
	for v, l := range labels {
		if again.Labels[v] != l {
			t.Errorf("version %s: label %q before, %q after", v, l, again.Labels[v])
		}
	}
	if got := again.Labels[VersionID(late.ID)]; got != "D" {
		t.Errorf("the added version is labelled %q, want D", got)
	}
}

func findFlag(s *Story, found string) (parallax.Flag, bool) {
	for _, f := range s.Comparison.Flags {
		if f.Kind == parallax.FlagNumber && f.Found == found {
			return f, true
		}
	}
	return parallax.Flag{}, false
}

// Undo puts a merged story back as it was: its articles in a story of
// its own again, with its title.
func TestUndoMerge(t *testing.T) {
	lib := openTestLibrary(t)
	ctx := context.Background()
	into := importStory(t, lib, "Mill fire", storyArticle("Mill fire", "A fire at the old paper mill in Brackwater closed the coast road."))
	from := importStory(t, lib, "Choir prize", storyArticle("Choir prize", "The Brenholt choir won the national prize."))
	e, err := lib.MergeStories(ctx, into, from)
	if err != nil {
		t.Fatal(err)
	}
	if arts, _ := lib.StoryArticles(ctx, into); len(arts) != 2 {
		t.Fatalf("%d articles after the merge, want 2", len(arts))
	}
	back, err := lib.Undo(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	stories, err := lib.Stories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]int{}
	for _, st := range stories {
		titles[st.Title] = len(st.Articles)
	}
	if len(stories) != 2 || titles["Mill fire"] != 1 || titles["Choir prize"] != 1 {
		t.Errorf("after undo: %v, want the two stories with one article each", titles)
	}
	if st, err := lib.Story(ctx, back); err != nil || st.Title != "Choir prize" {
		t.Errorf("undo returned story %d (%v, %v), want the choir story made again", back, st, err)
	}
}

// Undoing a merge takes the decisions the merge carried over back to the
// story made again, and leaves the other story's own decisions alone.
func TestUndoMergeTakesDecisionsBack(t *testing.T) {
	lib := openTestLibrary(t)
	ctx := context.Background()
	into := importStory(t, lib, "Mill fire", storyArticle("Mill fire", "A fire at the old paper mill in Brackwater closed the coast road."))
	from := importStory(t, lib, "Choir prize", storyArticle("Choir prize", "The Brenholt choir won the national prize."))
	decide := func(story int64, key string) {
		if err := lib.SetDecision(ctx, parallax.Decision{StoryID: story, Key: key, Status: parallax.StatusDismissed, Note: key}); err != nil {
			t.Fatal(err)
		}
	}
	decide(into, "mill-key")
	decide(from, "choir-key-1")
	decide(from, "choir-key-2")
	e, err := lib.MergeStories(ctx, into, from)
	if err != nil {
		t.Fatal(err)
	}
	if ds, _ := lib.Decisions(ctx, into); len(ds) != 3 {
		t.Fatalf("%d decisions in the merged story, want 3", len(ds))
	}
	back, err := lib.Undo(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	keys := func(story int64) map[string]bool {
		ds, err := lib.Decisions(ctx, story)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for k, d := range ds {
			if d.Status != parallax.StatusDismissed || d.Note != k {
				t.Errorf("decision %s came back as %s %q", k, d.Status, d.Note)
			}
			out[k] = true
		}
		return out
	}
	if got := keys(back); len(got) != 2 || !got["choir-key-1"] || !got["choir-key-2"] {
		t.Errorf("restored story %d has decisions %v, want the two choir ones", back, got)
	}
	if got := keys(into); len(got) != 1 || !got["mill-key"] {
		t.Errorf("story %d kept decisions %v, want only its own", into, got)
	}
}

// Undo puts a split-off version back in its story, and the story made by
// the split goes away.
func TestUndoSplit(t *testing.T) {
	lib := openTestLibrary(t)
	ctx := context.Background()
	im := lib.NewImporter(Target{NewTitle: "Mill fire"})
	var ids []int64
	for _, a := range []*parallax.Article{
		storyArticle("Mill fire", "A fire at the old paper mill in Brackwater closed the coast road."),
		storyArticle("Mill blaze", "The old Brackwater paper mill burned on Friday."),
	} {
		out := im.Add(ctx, Input{Article: a})
		if out.Kind != Imported {
			t.Fatalf("import: %v", out.Err)
		}
		ids = append(ids, out.ArticleID)
	}
	story := im.Target().StoryID
	newID, e, err := lib.SplitStory(ctx, story, ids[1:], "")
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := lib.Article(ctx, ids[1]); a.StoryID != newID || newID == story {
		t.Fatalf("after the split the version is in story %d, want the new story %d", a.StoryID, newID)
	}
	back, err := lib.Undo(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	if back != story {
		t.Errorf("undo shows story %d, want %d", back, story)
	}
	if a, _ := lib.Article(ctx, ids[1]); a.StoryID != story {
		t.Errorf("after undo the version is in story %d, want %d", a.StoryID, story)
	}
	if _, err := lib.Story(ctx, newID); !isNotFound(err) {
		t.Errorf("the split's story is still there: %v", err)
	}
}
