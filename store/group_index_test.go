package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	parallax "github.com/parallax-news/parallax"
)

// indexCorpus is a small fictional wire: events told by several outlets
// in reworded versions, among unrelated single reports.
func indexCorpus(n int) []*parallax.Article {
	places := []string{"Varnhaven", "Dellmouth", "Oskarsfeld", "Brenholt", "Tamsk", "Ulverby", "Korrin", "Saldemar"}
	people := []string{"Milo Tarrant", "Hedda Lindqvar", "Goran Pellaway", "Tilde Ansgar", "Teodor Amsel", "Ivo Tamberg", "Runa Kestel", "Aksel Vinter"}
	things := []string{"bridge collapse", "harbour strike", "council vote", "museum fire", "rail merger", "flood warning", "school closure", "choir prize"}
	day := time.Date(2031, 5, 6, 9, 0, 0, 0, time.UTC)
	var out []*parallax.Article
	for i := 0; len(out) < n; i++ {
		place, person, thing := places[i%len(places)], people[(i/3)%len(people)], things[(i/2)%len(things)]
		for v := 0; v < 1+i%4 && len(out) < n; v++ {
			text := fmt.Sprintf("The %s in %s on day %d left %d people affected, said %s. Officials in %s met %s again on the %s; event number %d.",
				thing, place, i, 10+i, person, place, person, thing, i)
			if v%2 == 1 {
				text = fmt.Sprintf("%s said %d people were affected by the %s in %s. Event number %d, day %d. Officials in %s spoke about the %s.",
					person, 10+i, thing, place, i, i, place, thing)
			}
			text += fmt.Sprintf(" Outlet %d.", v)
			out = append(out, groupArticle(fmt.Sprintf("%s in %s (%d)", thing, place, i), text, day.Add(time.Duration(i)*6*time.Hour)))
		}
	}
	return out
}

// TestGroupIndexPersists checks that a library reopened (the index loaded
// from its snapshot plus the log) places articles exactly where one that
// was never closed does, and that the snapshot is used rather than rebuilt.
func TestGroupIndexPersists(t *testing.T) {
	ctx := context.Background()
	arts := indexCorpus(120)
	dir := t.TempDir()
	kept, err := Open(filepath.Join(dir, "kept.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer kept.Close()
	reopenedPath := filepath.Join(dir, "reopened.db")
	var reopened *Store
	for i, a := range arts {
		if i%25 == 0 { // close and reopen now and then
			if reopened != nil {
				if i%50 == 0 { // a snapshot as well as the log to replay
					reopened.grouping.mu.Lock()
					err := reopened.saveGroupIndex(ctx)
					reopened.grouping.mu.Unlock()
					if err != nil {
						t.Fatal(err)
					}
				}
				reopened.Close()
			}
			if reopened, err = Open(reopenedPath); err != nil {
				t.Fatal(err)
			}
		}
		a1, a2 := *a, *a
		if err := kept.AddArticleGrouped(ctx, &a1); err != nil {
			t.Fatal(err)
		}
		if err := reopened.AddArticleGrouped(ctx, &a2); err != nil {
			t.Fatal(err)
		}
		if a1.StoryID != a2.StoryID || a1.ID != a2.ID {
			t.Fatalf("article %d: reopened library put it in story %d, the other in %d", i, a2.StoryID, a1.StoryID)
		}
	}
	defer reopened.Close()
	if reopened.grouping.snapSeq == 0 {
		t.Fatal("the last reopening did not load a saved snapshot")
	}
	if got := reopened.grouping.ix.Len(); got != len(arts) {
		t.Fatalf("index holds %d articles, want %d", got, len(arts))
	}
	var stories int
	kept.db.QueryRow(`SELECT count(DISTINCT story_id) FROM article`).Scan(&stories)
	if stories <= 1 || stories >= len(arts) {
		t.Fatalf("%d stories for %d articles: grouping did nothing useful", stories, len(arts))
	}
}

// TestGroupIndexFollowsChanges checks that the index sees what another
// process (here another Store on the same file) does to the library:
// articles added without features, moved, deleted; and that a damaged
// snapshot is rebuilt, never trusted.
func TestGroupIndexFollowsChanges(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "library.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	arts := indexCorpus(30)
	for _, x := range arts[:20] {
		if err := a.AddArticleGrouped(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	target := func(s *Store, x *parallax.Article) int64 {
		t.Helper()
		copyOf := *x
		copyOf.Text += " Update."
		id, _, err := s.GroupTarget(ctx, &copyOf)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	// An article stored by the other process without features (--story).
	extra := *arts[25]
	if err := b.AddArticle(ctx, &extra, "Placed by hand"); err != nil {
		t.Fatal(err)
	}
	if got := target(a, &extra); got != extra.StoryID {
		t.Fatalf("article added elsewhere: target %d, want its story %d", got, extra.StoryID)
	}
	// Moved by the other process.
	dest, err := b.insertStoryForTest(ctx, "Moved here")
	if err != nil {
		t.Fatal(err)
	}
	if err := b.MoveArticle(ctx, extra.ID, dest); err != nil {
		t.Fatal(err)
	}
	if got, _ := func() (int64, error) { return target(a, &extra), nil }(); got != dest {
		t.Fatalf("after a move elsewhere: target %d, want %d", got, dest)
	}
	// Deleted by the other process: its story no longer attracts it.
	if err := b.DeleteArticle(ctx, extra.ID); err != nil {
		t.Fatal(err)
	}
	if got := target(a, &extra); got == dest {
		t.Fatalf("after a delete elsewhere: target is still story %d", dest)
	}
	if _, ok := a.grouping.ix.GroupOf(extra.ID); ok {
		t.Fatal("deleted article still indexed")
	}
	// A damaged snapshot is rebuilt from the articles' features.
	if err := a.saveGroupIndex(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.Exec(`UPDATE group_index_snapshot SET data = x'00010203', seq = seq + 1000`); err != nil {
		t.Fatal(err)
	}
	if got, want := target(a, arts[3]), arts[3].StoryID; got != want {
		t.Fatalf("after a damaged snapshot: target %d, want %d", got, want)
	}
	if n := a.grouping.ix.Len(); n != 20 {
		t.Fatalf("rebuilt index holds %d articles, want 20", n)
	}
}

func (s *Store) insertStoryForTest(ctx context.Context, title string) (int64, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	id, err := s.insertStory(ctx, tx, title)
	if err != nil {
		return 0, err
	}
	return id, tx.Commit()
}
