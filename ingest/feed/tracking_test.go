package feed

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Pages of stored items are asked for again with their validators, within
// the tracking window, even when the feed itself answers "not modified";
// an edited page becomes a revision.
func TestRefreshTracksEditedPages(t *testing.T) {
	var mu sync.Mutex
	body := "The lock keeper of Pellin reported high water on the canal on Monday."
	pageTag := `"v1"`
	var pageGets, conditional, notModified int
	published := time.Now().UTC().Add(-2 * time.Hour).Format(time.RFC1123Z)
	old := time.Now().UTC().Add(-30 * 24 * time.Hour).Format(time.RFC1123Z)
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"feed1"`)
		if r.Header.Get("If-None-Match") == `"feed1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Canal News</title>
<item><title>High water</title><link>%[1]s/p/water</link><guid>water</guid><pubDate>%[2]s</pubDate></item>
<item><title>Old news</title><link>%[1]s/p/old</link><guid>old</guid><pubDate>%[3]s</pubDate></item>
</channel></rss>`, srv.URL, published, old)
	})
	mux.HandleFunc("/p/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		pageGets++
		w.Header().Set("ETag", pageTag)
		if inm := r.Header.Get("If-None-Match"); inm != "" {
			conditional++
			if inm == pageTag {
				notModified++
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page("Page "+r.URL.Path, body+" "+r.URL.Path))
	})
	srv = httptest.NewServer(mux)
	defer srv.Close()
	lib := newMemLibrary()
	c := NewClient(Options{Timeout: 5 * time.Second})
	ctx := context.Background()
	sub := Subscription{ID: 1, URL: srv.URL + "/feed"}

	rep, err := c.Refresh(ctx, lib, sub)
	if err != nil || rep.New != 2 {
		t.Fatalf("first refresh: %+v %v", rep, err)
	}
	// The feed now answers 304; the tracked page is asked for with its
	// validator and is unchanged; the old item is not fetched.
	mu.Lock()
	pageGets = 0
	mu.Unlock()
	rep, err = c.Refresh(ctx, lib, lib.states[1])
	if err != nil || !rep.NotModified {
		t.Fatalf("second refresh: %+v %v", rep, err)
	}
	if pageGets != 1 || conditional != 1 || notModified != 1 || rep.Updated != 0 {
		t.Errorf("second refresh: %d page requests, %d conditional, %d not modified, report %+v; want one conditional request answered 304",
			pageGets, conditional, notModified, rep)
	}
	// The page is edited: a revision is kept, though the feed is unchanged.
	mu.Lock()
	body = "The lock keeper of Pellin reported record high water on the canal on Monday night."
	pageTag = `"v2"`
	mu.Unlock()
	rep, err = c.Refresh(ctx, lib, lib.states[1])
	if err != nil || rep.Updated != 1 {
		t.Fatalf("after the edit: %+v %v, want 1 updated", rep, err)
	}
	id := lib.ids["1/water"]
	if revs := lib.revisions[id]; len(revs) != 1 || !strings.Contains(revs[0].Text, "record high water") {
		t.Errorf("revisions %v", revs)
	}
}

// memLibrary remembers pages too (PageLibrary).
func (l *memLibrary) ItemPage(_ context.Context, feedID int64, guid string) (string, string, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	p := l.pages[fmt.Sprint(feedID, "/", guid)]
	return p.etag, p.lm, nil
}

func (l *memLibrary) SaveItemPage(_ context.Context, feedID int64, it Item, etag, lm string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.pages[fmt.Sprint(feedID, "/", it.GUID)] = memPage{it, etag, lm}
	return nil
}

func (l *memLibrary) TrackedItems(_ context.Context, feedID int64, since time.Time) ([]Item, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []Item
	for k, p := range l.pages {
		if strings.HasPrefix(k, fmt.Sprint(feedID, "/")) && !p.it.Published.Before(since) {
			out = append(out, p.it)
		}
	}
	return out, nil
}

type memPage struct {
	it       Item
	etag, lm string
}
