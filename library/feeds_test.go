package library

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest/feed"
)

func openTestLibrary(t *testing.T) *Library {
	t.Helper()
	l, err := Open(filepath.Join(t.TempDir(), "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// addFeed follows the feed at url (titled title) in l and returns its id.
func addFeed(t *testing.T, l *Library, url, title string) int64 {
	t.Helper()
	id, err := l.AddFeed(context.Background(), url, title)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

type newsSite struct {
	mu    sync.Mutex
	pages map[string]string
	srv   *httptest.Server
}

func newNewsSite(t *testing.T) *newsSite {
	ns := &newsSite{pages: map[string]string{
		"/bridge-wire": `<h1>Kessmoor bridge closed after cracks found</h1>
<p>KESSMOOR — Engineers closed the Tamsin Bridge in Kessmoor on Monday after inspectors found cracks in two of its steel supports, the regional transport office said.</p>
<p>Transport director Orla Vennick said the bridge, which carries 18,000 vehicles a day over the Ardle river, would stay shut for at least three weeks.</p>
<p>"We will not take risks with a structure of this age," Vennick told reporters at the Kessmoor town hall.</p>
<p>Drivers are being sent through Marrowford, adding about 25 minutes to the journey.</p>`,
		"/bridge-rewrite": `<h1>Tamsin Bridge shut for weeks as cracks appear</h1>
<p>The Tamsin Bridge over the Ardle river in Kessmoor was closed on Monday when inspectors discovered cracks in its steel supports.</p>
<p>Orla Vennick, the transport director, said it could remain closed for three weeks or more, and that the detour through Marrowford would add 25 minutes.</p>
<p>Shop owners near the Kessmoor end of the bridge said they feared losing customers. "Half our trade comes across that bridge," said baker Ilse Dormand.</p>`,
		"/choir": `<h1>Lakeside choir wins national prize</h1>
<p>The Brenholt Lakeside Choir won first prize at the national choral festival in Oskarsfeld on Saturday, beating 40 other choirs.</p>
<p>Conductor Teodor Amsel said the singers had rehearsed three evenings a week since January.</p>
<p>The choir will perform the winning programme at the Brenholt cathedral next month.</p>`,
	}}
	mux := http.NewServeMux()
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Regional Wire</title>
<item><title>Kessmoor bridge closed</title><link>%[1]s/bridge-wire</link><guid>b1</guid><pubDate>Mon, 03 Mar 2031 09:00:00 +0000</pubDate></item>
<item><title>Tamsin Bridge shut</title><link>%[1]s/bridge-rewrite</link><guid>b2</guid><pubDate>Mon, 03 Mar 2031 15:00:00 +0000</pubDate></item>
<item><title>Choir wins prize</title><link>%[1]s/choir</link><guid>c1</guid><pubDate>Sun, 02 Mar 2031 10:00:00 +0000</pubDate></item>
</channel></rss>`, ns.srv.URL)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		ns.mu.Lock()
		body, ok := ns.pages[r.URL.Path]
		ns.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!DOCTYPE html><html><head><title>page</title></head><body><article>%s</article></body></html>", body)
	})
	ns.srv = httptest.NewServer(mux)
	t.Cleanup(ns.srv.Close)
	return ns
}

func TestFeedRefreshIntoLibrary(t *testing.T) {
	s := openTestLibrary(t)
	ctx := context.Background()
	site := newNewsSite(t)
	id := addFeed(t, s, site.srv.URL+"/feed", "")
	c := feed.NewClient(feed.Options{Timeout: 2 * time.Second})
	sub, _ := s.Feed(ctx, id)
	rep, err := s.RefreshFeed(ctx, c, sub)
	if err != nil || rep.Err != nil || rep.New != 3 {
		t.Fatalf("refresh: %+v, %v", rep, err)
	}

	stories, err := s.Stories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byTitle := map[string]int64{}
	for _, st := range stories {
		for _, a := range st.Articles {
			byTitle[a.Title] = st.ID
		}
	}
	if len(stories) != 2 {
		t.Errorf("%d stories, want 2 (the bridge, the choir): %v", len(stories), byTitle)
	}
	sub, _ = s.Feed(ctx, id)
	if sub.Title != "Regional Wire" || sub.Unread != 3 || sub.LastError != "" {
		t.Errorf("feed after refresh %+v", sub)
	}

	t.Run("a changed page becomes a revision", func(t *testing.T) {
		site.mu.Lock()
		site.pages["/choir"] = strings.Replace(site.pages["/choir"], "beating 40 other choirs", "beating 42 other choirs", 1)
		site.mu.Unlock()
		rep, err := s.RefreshFeed(ctx, c, sub)
		if err != nil || rep.Updated != 1 || rep.Unchanged != 2 {
			t.Fatalf("second refresh %+v %v", rep, err)
		}
		articleID, _, found, err := s.FeedItem(ctx, id, "c1")
		if err != nil || !found {
			t.Fatal(err)
		}
		revs, err := s.Revisions(ctx, articleID)
		if err != nil {
			t.Fatal(err)
		}
		if len(revs) != 2 || !strings.Contains(revs[0].Text, "40 other") || !strings.Contains(revs[1].Text, "42 other") || revs[1].SeenAt.Before(revs[0].SeenAt) {
			t.Errorf("revisions %+v", revs)
		}
		rep, _ = s.RefreshFeed(ctx, c, sub)
		if rep.Updated != 0 || rep.Unchanged != 3 {
			t.Errorf("third refresh %+v, want all unchanged", rep)
		}
	})
	t.Run("a failing feed keeps its error and its articles", func(t *testing.T) {
		bad, _ := s.AddFeed(ctx, site.srv.URL+"/gone", "")
		sub, _ := s.Feed(ctx, bad)
		rep, err := s.RefreshFeed(ctx, c, sub)
		if err != nil || rep.Err == nil {
			t.Fatalf("refresh of a 404 feed: %+v %v", rep, err)
		}
		sub, _ = s.Feed(ctx, bad)
		if !strings.Contains(sub.LastError, "404") || !strings.Contains(sub.LastError, "/gone") || sub.ErrorCount != 1 {
			t.Errorf("state %+v", sub)
		}
		if n, _ := s.CountArticles(ctx); n != 3 {
			t.Errorf("%d articles, want 3", n)
		}
	})
	t.Run("removing the feed keeps its articles", func(t *testing.T) {
		if err := s.RemoveFeed(ctx, id); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.CountArticles(ctx); n != 3 {
			t.Errorf("%d articles after unsubscribing, want 3", n)
		}
	})
}

func TestFeedArticles(t *testing.T) {
	s := openTestLibrary(t)
	ctx := context.Background()
	site := newNewsSite(t)
	id := addFeed(t, s, site.srv.URL+"/feed", "")
	other := addFeed(t, s, site.srv.URL+"/elsewhere", "")
	sub, _ := s.Feed(ctx, id)
	c := feed.NewClient(feed.Options{Timeout: 2 * time.Second})
	if rep, err := s.RefreshFeed(ctx, c, sub); err != nil || rep.New != 3 {
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

// Only http and https feeds can be followed, whatever the caller.
func TestAddFeedRefusesSchemes(t *testing.T) {
	s := openTestLibrary(t)
	for _, u := range []string{"javascript:alert(1)", "file:///etc/passwd", "gopher://old.example/1"} {
		if _, err := s.AddFeed(context.Background(), u, ""); !errors.Is(err, feed.ErrBadURL) {
			t.Errorf("AddFeed(%q) = %v, want feed.ErrBadURL", u, err)
		}
	}
	feeds, _ := s.Feeds(context.Background())
	if len(feeds) != 0 {
		t.Errorf("%d feeds stored", len(feeds))
	}
}

func TestRefreshFeedsGoesOnPastAFailingFeed(t *testing.T) {
	l := openTestLibrary(t)
	ctx := context.Background()
	site := newNewsSite(t)
	gone := addFeed(t, l, site.srv.URL+"/gone", "Gone")
	good := addFeed(t, l, site.srv.URL+"/feed", "")
	var seen []string
	reps, err := l.RefreshFeeds(ctx, NewFeedClientWith(FeedOptions{Timeout: 2 * time.Second}), nil, func(i, n int, s parallax.Subscription) {
		seen = append(seen, fmt.Sprintf("%d/%d %d", i, n, s.ID))
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{fmt.Sprintf("0/2 %d", gone), fmt.Sprintf("1/2 %d", good)}; strings.Join(seen, ",") != strings.Join(want, ",") {
		t.Errorf("progress %v, want %v", seen, want)
	}
	if len(reps) != 2 || !errors.Is(reps[0].Err, ErrFeedHTTPStatus) || reps[1].Err != nil || reps[1].New != 3 {
		t.Fatalf("reports %+v", reps)
	}

	t.Run("only the asked feeds", func(t *testing.T) {
		reps, err := l.RefreshFeeds(ctx, NewFeedClient(), []int64{gone}, nil)
		if err != nil || len(reps) != 1 || reps[0].Feed.ID != gone {
			t.Fatalf("reports %+v, %v", reps, err)
		}
		if s, _ := l.Feed(ctx, gone); s.ErrorCount != 2 {
			t.Errorf("error count %d, want 2", s.ErrorCount)
		}
	})
	t.Run("an unknown feed", func(t *testing.T) {
		if _, err := l.RefreshFeeds(ctx, NewFeedClient(), []int64{9999}, nil); !errors.Is(err, ErrNotFound) {
			t.Errorf("err %v, want ErrNotFound", err)
		}
	})
}

func TestImportOPMLList(t *testing.T) {
	l := openTestLibrary(t)
	ctx := context.Background()
	known := addFeed(t, l, "https://known.example/rss", "")
	opml := `<?xml version="1.0"?><opml version="2.0"><body>
<outline text="News"><outline text="Known" xmlUrl="https://known.example/rss"/>
<outline text="New one" xmlUrl="https://new.example/atom"/></outline>
<outline text="Bad" xmlUrl="file:///etc/passwd"/></body></opml>`
	res, err := l.ImportOPMLList(ctx, strings.NewReader(opml))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Added) != 1 || res.Added[0] == known || res.Known != 1 || len(res.Refused) != 1 {
		t.Fatalf("import %+v", res)
	}
	s, err := l.Feed(ctx, res.Added[0])
	if err != nil || s.URL != "https://new.example/atom" || s.Title != "New one" {
		t.Errorf("added feed %+v, %v", s, err)
	}
	if _, err := l.ImportOPMLList(ctx, strings.NewReader("not opml")); err == nil {
		t.Error("a text that is not OPML was accepted")
	}
}

// TestAllFeedArticles: the items of every feed, newest first, an article
// two feeds carry listed once.
func TestAllFeedArticles(t *testing.T) {
	l := openTestLibrary(t)
	ctx := context.Background()
	site := newNewsSite(t)
	for _, u := range []string{site.srv.URL + "/feed", site.srv.URL + "/feed?mirror"} {
		addFeed(t, l, u, "")
	}
	reps, err := l.RefreshFeeds(ctx, NewFeedClientWith(FeedOptions{Timeout: 2 * time.Second}), nil, nil)
	if err != nil || len(reps) != 2 {
		t.Fatalf("refresh: %+v %v", reps, err)
	}
	subs, _ := l.Feeds(ctx)
	for _, s := range subs {
		if s.Unread != 3 {
			t.Fatalf("feed %s: %d unread, want the 3 items in each", s.URL, s.Unread)
		}
	}
	got, err := l.AllFeedArticles(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, a := range got {
		titles = append(titles, a.Title)
	}
	want := []string{"Tamsin Bridge shut for weeks as cracks appear", "Kessmoor bridge closed after cracks found", "Lakeside choir wins national prize"}
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Errorf("titles %q, want %q", titles, want)
	}
	if got, _ := l.AllFeedArticles(ctx, 1); len(got) != 1 || got[0].Title != want[0] {
		t.Errorf("limited to 1: %+v", got)
	}
}
