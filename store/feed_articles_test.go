package store

import (
	"context"
	"testing"
	"time"

	"github.com/parallax-news/parallax/ingest/feed"
)

func TestFeedArticles(t *testing.T) {
	s := openFeedTest(t)
	ctx := context.Background()
	site := newNewsSite(t)
	id, err := s.AddFeed(ctx, site.srv.URL+"/feed", "")
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.AddFeed(ctx, site.srv.URL+"/elsewhere", "")
	if err != nil {
		t.Fatal(err)
	}
	sub, _ := s.Feed(ctx, id)
	c := feed.NewClient(feed.Options{Timeout: 2 * time.Second})
	if rep, err := c.Refresh(ctx, s, sub); err != nil || rep.New != 3 {
		t.Fatalf("refresh: %+v %v", rep, err)
	}
	all, err := s.FeedArticles(ctx, id, 0)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		feed  int64
		limit int
		want  []string // titles, newest first
	}{
		{"all, newest first", id, 0, []string{"Tamsin Bridge shut for weeks as cracks appear", "Kessmoor bridge closed after cracks found", "Lakeside choir wins national prize"}},
		{"limited", id, 2, []string{"Tamsin Bridge shut for weeks as cracks appear", "Kessmoor bridge closed after cracks found"}},
		{"a feed with no items", other, 0, nil},
		{"an unknown feed", 999, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.FeedArticles(ctx, tc.feed, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			var titles []string
			for _, a := range got {
				titles = append(titles, a.Title)
				if a.StoryID == 0 || a.PathOrURL == "" || a.Read {
					t.Errorf("article %+v: want a story, a URL and unread", a)
				}
			}
			if len(titles) != len(tc.want) {
				t.Fatalf("titles %q, want %q", titles, tc.want)
			}
			for i := range titles {
				if titles[i] != tc.want[i] {
					t.Errorf("titles %q, want %q", titles, tc.want)
					break
				}
			}
		})
	}
	t.Run("read state and deleted articles", func(t *testing.T) {
		if err := s.SetRead(ctx, all[0].ID, true); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteArticle(ctx, all[2].ID); err != nil {
			t.Fatal(err)
		}
		got, err := s.FeedArticles(ctx, id, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || !got[0].Read || got[1].Read {
			t.Errorf("after reading one and deleting one: %+v", got)
		}
		if f, _ := s.Feed(ctx, id); f.Unread != 1 {
			t.Errorf("unread = %d, want 1", f.Unread)
		}
	})
}
