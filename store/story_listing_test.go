package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	parallax "github.com/parallax-news/parallax"
)

// listingFixture fills s with stories whose newest dates come in several
// zones and precisions, some without publication dates, one without
// articles; it returns the articles by name.
func listingFixture(t *testing.T, s *Store) map[string]*parallax.Article {
	t.Helper()
	ctx := context.Background()
	zone := func(name string, hours, minutes int) *time.Location {
		return time.FixedZone(name, hours*3600+minutes*60)
	}
	kathmandu, pacific := zone("NPT", 5, 45), zone("PST", -8, 0)
	base := time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC)
	imported := time.Date(2025, 11, 20, 8, 0, 0, 0, time.UTC)
	type version struct {
		name      string
		story     string // joins the story of this earlier version; "" makes a new one
		published time.Time
		imported  time.Time
	}
	versions := []version{
		{"ferry", "", base.In(kathmandu), imported},
		{"ferry2", "ferry", base.Add(90 * time.Minute).In(pacific), imported.Add(time.Second)},
		// The same instant as ferry2 in another zone: the tie goes to the
		// newer story.
		{"light", "", base.Add(90 * time.Minute), imported.Add(2 * time.Second)},
		// Nanoseconds apart.
		{"quay", "", base.Add(time.Hour + 500*time.Millisecond), imported},
		{"quay2", "quay", base.Add(time.Hour + 500*time.Millisecond + time.Nanosecond), imported},
		{"bridge", "", base.Add(time.Hour + 123456789*time.Nanosecond).In(pacific), imported},
		// No publication dates: listed by the newest import date, which
		// is later than every publication date above.
		{"storm", "", time.Time{}, imported.Add(3 * time.Second)},
		{"storm2", "storm", time.Time{}, imported.Add(3*time.Second + time.Millisecond)},
		// One dated version outranks a later import.
		{"gale", "", time.Time{}, imported.Add(10 * time.Second)},
		{"gale2", "gale", base.Add(-24 * time.Hour), imported},
		// Before 1970.
		{"archive", "", time.Date(1969, 7, 20, 20, 17, 40, 250000000, zone("EDT", -4, 0)), imported},
	}
	arts := map[string]*parallax.Article{}
	for _, v := range versions {
		a := testArticle("Story "+v.name, "The "+v.name+" version of the story.")
		a.Published, a.ImportedAt = v.published, v.imported
		if v.story != "" {
			a.StoryID = arts[v.story].StoryID
		}
		mustAdd(t, s, a, "Story "+v.name)
		arts[v.name] = a
	}
	if _, err := s.CreateStory(ctx, "An empty story"); err != nil {
		t.Fatal(err)
	}
	return arts
}

// checkListingOrder checks that Stories lists newest first by Latest,
// ties newer story first, and that StoryList, whole and every page of it,
// lists the same.
func checkListingOrder(t *testing.T, s *Store, step string) []parallax.Story {
	t.Helper()
	ctx := context.Background()
	all, err := s.Stories(ctx)
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		if c := a.Latest.Compare(b.Latest); c < 0 || (c == 0 && a.ID < b.ID) {
			t.Errorf("%s: story %d (%q, latest %v) listed before story %d (%q, latest %v)",
				step, a.ID, a.Title, a.Latest, b.ID, b.Title, b.Latest)
		}
	}
	// The story list, whole and in pages, is Stories without the
	// articles' summaries.
	var want []string
	for _, st := range all {
		if st.Versions != len(st.Articles) {
			t.Errorf("%s: story %d: Versions %d, %d articles", step, st.ID, st.Versions, len(st.Articles))
		}
		want = append(want, listed(st))
	}
	for n := 0; n <= len(all)+1; n++ {
		page, err := s.StoryList(ctx, n)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		var got []string
		for _, st := range page {
			if st.Articles != nil {
				t.Errorf("%s: StoryList(%d): story %d has article summaries", step, n, st.ID)
			}
			got = append(got, listed(st))
		}
		w := want
		if n > 0 {
			w = want[:min(n, len(want))]
		}
		if !slices.Equal(got, w) {
			t.Errorf("%s: StoryList(%d) =\n%s\nwant the start of Stories:\n%s", step, n, strings.Join(got, "\n"), strings.Join(w, "\n"))
		}
	}
	return all
}

// listed is what a story list shows of a story.
func listed(st parallax.Story) string {
	return fmt.Sprintf("%d %q %d versions dated %v latest %s created %s",
		st.ID, st.Title, st.Versions, st.Dated, st.Latest.Format(time.RFC3339Nano), st.CreatedAt.Format(time.RFC3339Nano))
}

func ids(stories []parallax.Story) []int64 {
	out := make([]int64, len(stories))
	for i, s := range stories {
		out[i] = s.ID
	}
	return out
}

// TestStoryListingOrder: the stored order (migration 016's triggers) stays
// that of the stories' dates through every edit, and a page of the newest
// stories is the start of the whole list.
func TestStoryListingOrder(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	arts := listingFixture(t, s)
	all := checkListingOrder(t, s, "imported")
	if all[len(all)-1].Title != "Story archive" {
		t.Errorf("last story %q, want the 1969 one", all[len(all)-1].Title)
	}
	// The empty story was made now, after every date above.
	if all[0].Title != "An empty story" {
		t.Errorf("first story %q, want the empty story made last", all[0].Title)
	}
	steps := []struct {
		name string
		edit func() error
	}{
		{"move the newest version out", func() error {
			return s.MoveArticle(ctx, arts["storm2"].ID, arts["archive"].StoryID)
		}},
		{"move it back", func() error { return s.MoveArticle(ctx, arts["storm2"].ID, arts["storm"].StoryID) }},
		{"merge", func() error { return s.MergeStories(ctx, arts["quay"].StoryID, arts["bridge"].StoryID) }},
		{"delete the newest version", func() error { return s.DeleteArticle(ctx, arts["quay2"].ID) }},
		{"delete the only dated version", func() error { return s.DeleteArticle(ctx, arts["gale2"].ID) }},
		{"split", func() error {
			_, err := s.SplitStory(ctx, arts["ferry"].StoryID, []int64{arts["ferry2"].ID}, "Ferry, later")
			return err
		}},
		{"rename", func() error { return s.RenameStory(ctx, arts["light"].StoryID, "Varn light") }},
		{"a batch, grouped", func() error {
			late := testArticle("Gale warning lifted", "The gale warning for Varn was lifted.")
			late.Published = time.Date(2025, 12, 24, 18, 0, 0, 0, time.FixedZone("", -5*3600))
			return addBatch(ctx, s, AddOptions{Grouped: true},
				testArticle("Quay repairs begin", "Repairs to the quay began on Tuesday."),
				late,
				testArticle("Museum roof repaired", "The museum in Tamsk has a new roof."))
		}},
		{"a batch into one new story", func() error {
			a := testArticle("Pier closed", "The pier closed for the winter.")
			a.Published = time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC)
			return addBatch(ctx, s, AddOptions{NewStory: "Pier"},
				testArticle("Pier shut", "The pier shut for the winter season."), a)
		}},
		{"import into an old story", func() error {
			a := testArticle("Story archive, again", "A later version of the archive story.")
			a.StoryID, a.Published = arts["archive"].StoryID, time.Date(2100, 1, 2, 3, 4, 5, 6, time.UTC) // after the empty story, made now
			return s.AddArticle(ctx, a, "")
		}},
	}
	for _, st := range steps {
		if err := st.edit(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		checkListingOrder(t, s, st.name)
	}
	if all := checkListingOrder(t, s, "end"); all[0].Title != "Story archive" {
		t.Errorf("first story %q, want the archive story with its 2100 version", all[0].Title)
	}
}

// addBatch stores arts with AddArticles, failing on any article's error.
func addBatch(ctx context.Context, s *Store, opt AddOptions, arts ...*parallax.Article) error {
	errs, err := s.AddArticles(ctx, arts, opt)
	if err != nil {
		return err
	}
	return errors.Join(errs...)
}

// TestStoryListingOrderMigrates: a library made before migration 016 gets
// its stories' order worked out from their articles.
func TestStoryListingOrderMigrates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	listingFixture(t, s)
	want := checkListingOrder(t, s, "before")
	// Undo migration 016, as a library of schema 15 is, and 022, which
	// dropped one of 016's triggers (a library of schema 15 gets both).
	for _, q := range []string{
		`DROP TRIGGER story_listing_made`,
		`DROP TRIGGER story_listing_article_removed`,
		`DROP TRIGGER story_listing_article_changed`,
		`DROP INDEX story_listing`,
		`ALTER TABLE story DROP COLUMN listed_at`,
		`ALTER TABLE story DROP COLUMN latest_imported`,
		`ALTER TABLE story DROP COLUMN latest_published`,
		`DELETE FROM schema_migrations WHERE version IN (16, 22)`,
	} {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	s.Close()
	if s, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got := checkListingOrder(t, s, "migrated")
	if !slices.Equal(ids(got), ids(want)) {
		t.Errorf("migrated order %v, want %v", ids(got), ids(want))
	}
}
