package library

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/ingest/feed"
)

// A feed item with a publication date keeps it: a date header line in the
// page's text ("date 2031-02-20 KESSMOOR:") does not replace it. Items the
// feed leaves undated still take the header's date.
func TestFeedDatePreferredToHeaderLine(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>page</title></head><body><article>
<h1>Kessmoor ferry timetable cut</h1>
<p>date 2031-02-20 KESSMOOR: The harbour office in Kessmoor cut the winter ferry timetable to four crossings a day on Monday, citing a shortage of crew.</p>
<p>Harbour master Idris Falkner said the full timetable would return in April once two new deckhands had finished their training.</p>
</article></body></html>`
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Wire</title>
<item><title>Ferry timetable cut</title><link>%[1]s/dated</link><guid>d1</guid><pubDate>Mon, 03 Mar 2031 09:00:00 +0000</pubDate></item>
<item><title>Ferry timetable cut (undated)</title><link>%[1]s/undated</link><guid>u1</guid></item>
</channel></rss>`, srv.URL)
	})
	mux.HandleFunc("/dated", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, page) })
	mux.HandleFunc("/undated", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, strings.Replace(page, "two new deckhands", "three new deckhands", 1))
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	l := openTestLibrary(t)
	ctx := context.Background()
	id := addFeed(t, l, srv.URL+"/feed", "")
	sub, _ := l.Feed(ctx, id)
	rep, err := l.RefreshFeed(ctx, feed.NewClient(feed.Options{Timeout: 2 * time.Second}), sub)
	if err != nil || rep.Err != nil {
		t.Fatalf("refresh: %+v, %v", rep, err)
	}
	want := map[string]time.Time{
		"d1": time.Date(2031, 3, 3, 9, 0, 0, 0, time.UTC),  // the feed's pubDate
		"u1": time.Date(2031, 2, 20, 0, 0, 0, 0, time.UTC), // nothing better than the header
	}
	stories, err := l.Stories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for guid, w := range want {
		articleID, _, found, err := l.FeedItem(ctx, id, guid)
		if err != nil || !found {
			t.Fatalf("item %s: found %v, %v", guid, found, err)
		}
		var got time.Time
		seen := false
		for _, st := range stories {
			for _, a := range st.Articles {
				if a.ID == articleID {
					got, seen = a.Published, true
				}
			}
		}
		if !seen {
			t.Fatalf("item %s: article %d in no story", guid, articleID)
		}
		if !got.Equal(w) {
			t.Errorf("item %s published %v, want %v", guid, got, w)
		}
	}
}
