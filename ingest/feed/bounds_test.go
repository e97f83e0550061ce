package feed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// A refresh is bounded as a whole: items whose pages never answer are
// skipped (and counted) once the budget is spent, and items that did
// arrive are stored as they arrive, not when all are done.
func TestRefreshBounded(t *testing.T) {
	const fast, slow = 3, 40
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Slow Courier</title>`)
	for i := range fast + slow {
		kind := "slow"
		if i < fast {
			kind = "fast"
		}
		fmt.Fprintf(&b, `<item><title>Item %d</title><link>{{srv}}/%s/%d</link><guid>g%d</guid></item>`, i, kind, i, i)
	}
	b.WriteString(`</channel></rss>`)
	unblock := make(chan struct{})
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, strings.ReplaceAll(b.String(), "{{srv}}", srv.URL))
	})
	mux.HandleFunc("/fast/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page("Fast page "+r.URL.Path, "The lock keeper of Pellin reported high water on the canal on Monday."+r.URL.Path))
	})
	var slowAsked atomic.Int32
	mux.HandleFunc("/slow/", func(w http.ResponseWriter, r *http.Request) {
		slowAsked.Add(1)
		select { // never answers within the test
		case <-r.Context().Done():
		case <-unblock:
		}
	})
	srv = httptest.NewServer(mux)
	defer srv.Close()
	defer close(unblock)

	lib := newMemLibrary()
	c := NewClient(Options{Timeout: 5 * time.Second, RefreshBudget: 700 * time.Millisecond})
	start := time.Now()
	rep, err := c.Refresh(context.Background(), lib, Subscription{ID: 1, URL: srv.URL + "/feed"})
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if took > 4500*time.Millisecond { // ignoring the budget waits for the 5 s timeout
		t.Errorf("refresh took %v with a budget of 700ms", took)
	}
	if rep.New != fast {
		t.Errorf("stored %d new items, want the %d that answered", rep.New, fast)
	}
	if rep.Skipped != slow {
		t.Errorf("skipped %d, want %d (report %+v)", rep.Skipped, slow, rep)
	}
	if len(rep.ItemErrors) != 0 {
		t.Errorf("skipped items reported as errors: %v", rep.ItemErrors)
	}
}

// Only http and https feeds are followed.
func TestCheckURL(t *testing.T) {
	for _, u := range []string{"javascript:alert(1)", "file:///etc/passwd", "gopher://old.example/1", "data:text/xml,<rss/>", "ftp://x.example/f", "http://", "courier.example/feed", ""} {
		if err := CheckURL(u); !errors.Is(err, ErrBadURL) {
			t.Errorf("CheckURL(%q) = %v, want ErrBadURL", u, err)
		}
	}
	for _, u := range []string{"http://courier.example/feed.xml", "https://wire.example/atom.xml", "HTTPS://WIRE.example/a"} {
		if err := CheckURL(u); err != nil {
			t.Errorf("CheckURL(%q) = %v", u, err)
		}
	}
}

// OPML entries with other schemes are left out and named.
func TestReadOPMLRefusesSchemes(t *testing.T) {
	in := `<?xml version="1.0"?><opml version="2.0"><body>
<outline text="Good" xmlUrl="https://courier.example/feed.xml"/>
<outline text="Script" xmlUrl="javascript:alert(1)"/>
<outline text="Local" xmlUrl="file:///etc/passwd"/>
<outline text="Old" xmlUrl="gopher://old.example/1"/>
</body></opml>`
	subs, refused, err := ReadOPMLChecked(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 1 || subs[0].URL != "https://courier.example/feed.xml" {
		t.Errorf("subscriptions %+v, want only the https one", subs)
	}
	if len(refused) != 3 {
		t.Errorf("refused %v, want 3", refused)
	}
	plain, _ := ReadOPML(strings.NewReader(in))
	if len(plain) != 1 {
		t.Errorf("ReadOPML kept %d entries, want 1", len(plain))
	}
}
