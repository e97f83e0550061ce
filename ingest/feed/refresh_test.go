package feed

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	parallax "github.com/parallax-news/parallax"
)

// memLibrary is a Library in memory.
type memLibrary struct {
	mu        sync.Mutex
	states    map[int64]Subscription
	items     map[string]*parallax.Article // feedID/guid
	ids       map[string]int64
	revisions map[int64][]*parallax.Article
	pages     map[string]memPage
}

func newMemLibrary() *memLibrary {
	return &memLibrary{states: map[int64]Subscription{}, items: map[string]*parallax.Article{}, ids: map[string]int64{}, revisions: map[int64][]*parallax.Article{}, pages: map[string]memPage{}}
}

func (l *memLibrary) SaveFeedState(_ context.Context, s Subscription) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.states[s.ID] = s
	return nil
}

func (l *memLibrary) FeedItem(_ context.Context, feedID int64, guid string) (int64, string, bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	k := fmt.Sprint(feedID, "/", guid)
	a, ok := l.items[k]
	if !ok {
		return 0, "", false, nil
	}
	return l.ids[k], a.Hash, true, nil
}

func (l *memLibrary) AddFeedArticle(_ context.Context, feedID int64, guid string, a *parallax.Article) (int64, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	k := fmt.Sprint(feedID, "/", guid)
	l.items[k] = a
	l.ids[k] = int64(len(l.ids) + 1)
	return l.ids[k], nil
}

func (l *memLibrary) AddRevision(_ context.Context, id int64, a *parallax.Article, _ time.Time) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.revisions[id] = append(l.revisions[id], a)
	for k, v := range l.ids {
		if v == id {
			l.items[k] = a
		}
	}
	return nil
}

func page(title, body string) string {
	return fmt.Sprintf(`<!DOCTYPE html><html><head><title>%s</title></head><body><article><h1>%s</h1>
<p>%s</p><p>The harbour master of Aldmouth, Wim Carradine, said the timetable would return to normal within a week.</p>
<p>Passengers had waited on the quay at Velstad since early morning, some with bicycles and dogs.</p></article></body></html>`, title, title, body)
}

func TestRefresh(t *testing.T) {
	var mu sync.Mutex
	ferryText := "The ferry to Velstad sailed again on Tuesday after three weeks of repairs to its engine."
	feedXML := `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Courier</title><link>%[1]s/</link>
<item><title>Ferry service to Velstad resumes</title><link>%[1]s/ferry</link><guid>ferry-1</guid><pubDate>Tue, 04 Mar 2031 08:30:00 +0000</pubDate></item>
<item><title>Market hall closes early</title><link>%[1]s/gone</link><guid>market-1</guid><description>The market hall in Aldmouth closed at noon because of the storm warning issued for the coast.</description></item>
<item><title>No page, no content</title><link>%[1]s/gone2</link><guid>empty-1</guid></item>
</channel></rss>`
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintf(w, feedXML, srv.URL) })
	mux.HandleFunc("/ferry", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page("Ferry service to Velstad resumes", ferryText))
	})
	mux.HandleFunc("/missing-feed", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/failing-feed", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", 500) })
	srv = httptest.NewServer(mux)
	defer srv.Close()

	lib := newMemLibrary()
	c := NewClient(Options{Timeout: 2 * time.Second})
	ctx := context.Background()
	subs := []Subscription{{ID: 1, URL: srv.URL + "/missing-feed"}, {ID: 2, URL: srv.URL + "/feed"}, {ID: 3, URL: srv.URL + "/failing-feed"}}
	reports := map[int64]Report{}
	for _, s := range subs {
		rep, err := c.Refresh(ctx, lib, s)
		if err != nil {
			t.Fatal(err)
		}
		reports[s.ID] = rep
	}

	t.Run("failing feeds keep their error, others go on", func(t *testing.T) {
		for id, code := range map[int64]string{1: "404", 3: "500"} {
			st := lib.states[id]
			if !strings.Contains(st.LastError, code) || !strings.Contains(st.LastError, subs[id-1].URL) || st.ErrorCount != 1 {
				t.Errorf("feed %d state %+v, want error naming %s and the feed", id, st, code)
			}
		}
		if st := lib.states[2]; st.LastError != "" || st.Title != "Harbour Courier" || st.LastChecked.IsZero() {
			t.Errorf("good feed state %+v", st)
		}
	})
	t.Run("items become articles", func(t *testing.T) {
		rep := reports[2]
		if rep.New != 2 || len(rep.ItemErrors) != 1 {
			t.Fatalf("report %+v, want 2 new and 1 item error", rep)
		}
		if !strings.Contains(rep.ItemErrors[0].Error(), "No page, no content") {
			t.Errorf("item error %v should name the item", rep.ItemErrors[0])
		}
		ferry := lib.items["2/ferry-1"]
		if ferry == nil || !strings.Contains(ferry.Text, "three weeks of repairs") || ferry.Source.Name == "" {
			t.Fatalf("ferry article from the page: %+v", ferry)
		}
		if !ferry.Published.Equal(time.Date(2031, 3, 4, 8, 30, 0, 0, time.UTC)) && ferry.Published.IsZero() {
			t.Errorf("published %v", ferry.Published)
		}
		market := lib.items["2/market-1"]
		if market == nil || !strings.Contains(market.Text, "storm warning") {
			t.Fatalf("market article from the feed's own content: %+v", market)
		}
	})
	t.Run("unchanged items are not stored again", func(t *testing.T) {
		rep, err := c.Refresh(ctx, lib, lib.states[2])
		if err != nil {
			t.Fatal(err)
		}
		if rep.New != 0 || rep.Updated != 0 || rep.Unchanged != 2 {
			t.Errorf("report %+v, want 2 unchanged", rep)
		}
	})
	t.Run("a changed page is kept as a revision", func(t *testing.T) {
		mu.Lock()
		ferryText = "The ferry to Velstad sailed again on Tuesday after four weeks of repairs to its engine and hull."
		mu.Unlock()
		rep, err := c.Refresh(ctx, lib, lib.states[2])
		if err != nil {
			t.Fatal(err)
		}
		if rep.Updated != 1 || rep.Unchanged != 1 {
			t.Errorf("report %+v, want 1 updated and 1 unchanged", rep)
		}
		id := lib.ids["2/ferry-1"]
		if revs := lib.revisions[id]; len(revs) != 1 || !strings.Contains(revs[0].Text, "four weeks") {
			t.Errorf("revisions %v", revs)
		}
	})
}

func TestOPMLRoundTrip(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "subscriptions.opml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	subs, err := ReadOPML(f)
	if err != nil {
		t.Fatal(err)
	}
	want := []Subscription{
		{URL: "http://courier.example/feed.xml", Title: "Harbour Courier", SiteURL: "http://courier.example/"},
		{URL: "http://gazette.example/rss", Title: "Valley Gazette"},
		{URL: "http://wire.example/atom.xml", Title: "Northern Wire"},
	}
	if fmt.Sprint(subs) != fmt.Sprint(want) {
		t.Fatalf("read %+v\nwant %+v", subs, want)
	}
	var buf bytes.Buffer
	if err := WriteOPML(&buf, subs); err != nil {
		t.Fatal(err)
	}
	again, err := ReadOPML(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(again) != fmt.Sprint(subs) {
		t.Errorf("round trip changed the list:\n%+v\n%+v", again, subs)
	}
}

func TestReadOPMLBad(t *testing.T) {
	for name, in := range map[string]string{"empty": "", "not xml": "hello", "truncated": "<opml><body><outline xmlUrl="} {
		if _, err := ReadOPML(strings.NewReader(in)); err == nil || !strings.HasPrefix(err.Error(), "opml: ") {
			t.Errorf("%s: error %v, want an opml: error", name, err)
		}
	}
}
