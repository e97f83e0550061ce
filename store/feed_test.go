package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	parallax "github.com/parallax-news/parallax"
)

func openFeedTest(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestFeedSubscriptions(t *testing.T) {
	s := openFeedTest(t)
	ctx := context.Background()
	id, err := s.AddFeed(ctx, "http://courier.example/feed.xml", "")
	if err != nil {
		t.Fatal(err)
	}
	if again, err := s.AddFeed(ctx, " http://courier.example/feed.xml ", "x"); !errors.Is(err, ErrFeedExists) || again != id {
		t.Errorf("second subscription: id %d err %v, want %d and ErrFeedExists", again, err, id)
	}
	if _, err := s.AddFeed(ctx, "  ", ""); err == nil {
		t.Error("empty URL accepted")
	}
	id2, _ := s.AddFeed(ctx, "http://gazette.example/rss", "Valley Gazette")
	if err := s.RenameFeed(ctx, id, "Harbour Courier"); err != nil {
		t.Fatal(err)
	}
	fs, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 || fs[0].Title != "Harbour Courier" || fs[1].ID != id2 {
		t.Fatalf("feeds %+v", fs)
	}
	st := fs[0]
	st.LastError, st.ErrorCount, st.LastChecked, st.ETag = "feed x: HTTP error 500", 2, time.Date(2031, 3, 1, 8, 0, 0, 0, time.UTC), `"e1"`
	if err := s.SaveFeedState(ctx, st); err != nil {
		t.Fatal(err)
	}
	got, err := s.Feed(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.LastError != st.LastError || got.ErrorCount != 2 || !got.LastChecked.Equal(st.LastChecked) || got.ETag != `"e1"` {
		t.Errorf("state %+v, want %+v", got, st)
	}
	if err := s.RemoveFeed(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Feed(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Errorf("removed feed: %v", err)
	}
	if err := s.RemoveFeed(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing twice: %v", err)
	}
}

// A stored item's page is remembered for later edits: validators, link and
// date, and only items inside the window are tracked.
func TestFeedItemPages(t *testing.T) {
	s := openFeedTest(t)
	ctx := context.Background()
	fid, err := s.AddFeed(ctx, "https://canal.example/feed", "")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Second)
	for _, it := range []parallax.FeedItem{
		{GUID: "new", Link: "https://canal.example/new", Published: now.Add(-time.Hour)},
		{GUID: "old", Link: "https://canal.example/old", Published: now.Add(-30 * 24 * time.Hour)},
	} {
		a := testArticle("Item "+it.GUID, "The lock keeper of Pellin spoke about item "+it.GUID+".")
		if err := s.AddArticle(ctx, a, ""); err != nil {
			t.Fatal(err)
		}
		if err := s.AddFeedItem(ctx, fid, it.GUID, a.ID, a.Hash); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveItemPage(ctx, fid, it, `"`+it.GUID+`"`, ""); err != nil {
			t.Fatal(err)
		}
	}
	if etag, _, err := s.ItemPage(ctx, fid, "new"); err != nil || etag != `"new"` {
		t.Errorf("ItemPage = %q, %v", etag, err)
	}
	items, err := s.TrackedItems(ctx, fid, now.Add(-72*time.Hour))
	if err != nil || len(items) != 1 || items[0].GUID != "new" || items[0].Link != "https://canal.example/new" || !items[0].Published.Equal(now.Add(-time.Hour)) {
		t.Errorf("tracked %+v, %v; want only the new item", items, err)
	}
}
