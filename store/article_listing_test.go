package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	parallax "github.com/parallax-news/parallax"
)

// The listing dates a transaction of articles leaves on their stories are
// the ones worked out again from every article of each story, as
// migration 016 worked them out, and the listing version moves by one per
// article (and one per story made), as migration 013's triggers moved it.
func TestStoredArticlesListTheirStories(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	zone := time.FixedZone("UTC+8", 8*3600)
	dates := []time.Time{
		{}, // no publication date
		time.Date(2025, 11, 6, 9, 30, 0, 0, time.UTC),
		time.Date(2025, 11, 6, 17, 29, 59, 123456789, zone), // earlier than the one before, in its zone
		time.Date(2026, 1, 2, 3, 4, 5, 600000000, time.UTC),
		time.Date(1999, 12, 31, 23, 59, 59, 0, zone),
	}
	n := 0
	article := func() *parallax.Article {
		n++
		a := testArticle(fmt.Sprintf("Quay notice %d", n), fmt.Sprintf("Berth %d reopens after repairs to the quay.", n))
		a.Published = dates[n%len(dates)]
		return a
	}
	version := func() int64 {
		v, err := s.ListingVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	check := func(step string, before int64, changes int) {
		t.Helper()
		if got := version() - before; got != int64(changes) {
			t.Errorf("%s: listing version moved by %d, want %d", step, got, changes)
		}
		rows, err := s.db.QueryContext(ctx, `SELECT id, latest_published, latest_imported, listed_at,
			(SELECT max(`+listingNanos("a.published")+`) FROM article a WHERE a.story_id = story.id),
			(SELECT max(`+listingNanos("a.imported_at")+`) FROM article a WHERE a.story_id = story.id)
			FROM story`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var pub, imp, listed, wantPub, wantImp *int64
			if err := rows.Scan(&id, &pub, &imp, &listed, &wantPub, &wantImp); err != nil {
				t.Fatal(err)
			}
			wantListed := wantPub
			if wantListed == nil {
				wantListed = wantImp
			}
			if str(pub) != str(wantPub) || str(imp) != str(wantImp) || (wantListed != nil && str(listed) != str(wantListed)) {
				t.Errorf("%s: story %d: published %s imported %s listed %s, want %s %s %s",
					step, id, str(pub), str(imp), str(listed), str(wantPub), str(wantImp), str(wantListed))
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	v := version()
	mustAdd(t, s, article(), "Quay")
	check("one article, new story", v, 1+1)

	quay, err := s.Stories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	v = version()
	var batch []*parallax.Article
	for range 7 {
		a := article()
		a.StoryID = quay[0].ID
		batch = append(batch, a)
	}
	if err := addBatch(ctx, s, AddOptions{}, batch...); err != nil {
		t.Fatal(err)
	}
	check("a batch into an old story", v, len(batch))

	v = version()
	batch = batch[:0]
	for range 5 {
		batch = append(batch, article())
	}
	batch = append(batch, batch[0]) // a duplicate: refused, not listed
	errs, err := s.AddArticles(ctx, batch, AddOptions{NewStory: "Berths"})
	if err != nil || errs[len(errs)-1] == nil {
		t.Fatalf("batch with a duplicate: %v, %v", err, errs)
	}
	check("a batch into a new story, one refused", v, len(batch)-1+1)

	v = version()
	batch = batch[:0]
	for range 6 {
		batch = append(batch, article()) // each its own new story
	}
	if err := addBatch(ctx, s, AddOptions{}, batch...); err != nil {
		t.Fatal(err)
	}
	check("a batch of new stories", v, 2*len(batch))
}

func str(p *int64) string {
	if p == nil {
		return "NULL"
	}
	return fmt.Sprint(*p)
}
