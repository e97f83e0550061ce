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

func testClient() *Client {
	return NewClient(Options{Timeout: 2 * time.Second, MaxBytes: 1 << 20})
}

func TestFetchConditional(t *testing.T) {
	body := readTestdata(t, "rss20.xml")
	var full, notModified atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ua := r.Header.Get("User-Agent"); ua != UserAgent {
			t.Errorf("User-Agent %q", ua)
		}
		if r.Header.Get("If-None-Match") == `"v1"` && r.Header.Get("If-Modified-Since") == "Tue, 04 Mar 2031 10:00:00 GMT" {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		full.Add(1)
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Tue, 04 Mar 2031 10:00:00 GMT")
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(body)
	}))
	defer srv.Close()
	c := testClient()
	ctx := context.Background()
	f, err := c.Fetch(ctx, Subscription{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if f.NotModified || len(f.Items) != 2 || f.ETag != `"v1"` {
		t.Fatalf("first fetch: %+v", f)
	}
	f2, err := c.Fetch(ctx, Subscription{URL: srv.URL, ETag: f.ETag, LastModified: f.LastModified})
	if err != nil {
		t.Fatal(err)
	}
	if !f2.NotModified || f2.ETag != `"v1"` {
		t.Errorf("second fetch: %+v, want not modified with the validators kept", f2)
	}
	if full.Load() != 1 || notModified.Load() != 1 {
		t.Errorf("%d full responses and %d 304s, want 1 and 1", full.Load(), notModified.Load())
	}
}

func TestFetchErrors(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/missing", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/broken-server", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop2", http.StatusFound) })
	mux.HandleFunc("/loop2", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
	})
	var huge atomic.Int64
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		// 50 MB streamed in 64 KB chunks, no Content-Length: the client
		// must stop reading at its limit.
		w.Header().Set("Content-Type", "application/rss+xml")
		chunk := []byte(strings.Repeat("<!-- padding -->", 4096))
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>`))
		for sent := 0; sent < 50<<20; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
			huge.Add(int64(len(chunk)))
		}
	})
	mux.HandleFunc("/announced-huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(50<<20))
		w.Write([]byte("<rss>"))
	})
	mux.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(readTestdata(t, "page.html"))
	})
	mux.HandleFunc("/broken-xml", func(w http.ResponseWriter, r *http.Request) { w.Write(readTestdata(t, "broken.xml")) })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	cases := []struct {
		path   string
		want   error
		reason string
	}{
		{"/missing", ErrHTTPStatus, "404"},
		{"/broken-server", ErrHTTPStatus, "500"},
		{"/loop", ErrTooManyRedirs, "redirects"},
		{"/slow", ErrTimeout, "timed out"},
		{"/huge", ErrTooLarge, "limit"},
		{"/announced-huge", ErrTooLarge, "limit"},
		{"/html", ErrNotFeed, "web page"},
		{"/broken-xml", ErrMalformed, "malformed"},
	}
	c := NewClient(Options{Timeout: 300 * time.Millisecond, MaxBytes: 1 << 20})
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			url := srv.URL + tc.path
			start := time.Now()
			_, err := c.Fetch(context.Background(), Subscription{URL: url})
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			msg := err.Error()
			if !strings.Contains(msg, url) || !strings.Contains(msg, tc.reason) {
				t.Errorf("error %q should name the feed %s and say %q", msg, url, tc.reason)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
	if n := huge.Load(); n > 8<<20 {
		t.Errorf("server sent %d bytes of the 50 MB body before the client gave up", n)
	}
}

func TestFetchBadURL(t *testing.T) {
	for _, u := range []string{"", "ftp://example.invalid/feed", "not a url", "file:///etc/passwd"} {
		_, err := testClient().Fetch(context.Background(), Subscription{URL: u})
		if !errors.Is(err, ErrBadURL) {
			t.Errorf("%q: error %v, want %v", u, err, ErrBadURL)
		}
	}
}
