package feed

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseFormats(t *testing.T) {
	cases := []struct {
		name, file, contentType string
		title                   string
		items                   int
		itemTitle, link, guid   string
		published               time.Time
		contentHas              string
	}{
		{"rss 2.0", "rss20.xml", "application/rss+xml", "Harbour Courier", 2, "Ferry service to Velstad resumes", "http://courier.example/ferry", "courier-1001", time.Date(2031, 3, 4, 8, 30, 0, 0, time.UTC), "sailed again"},
		{"rss 0.91", "rss091.xml", "text/xml", "Valley Gazette", 1, "Bridge at Kessmoor reopens", "http://gazette.example/bridge", "http://gazette.example/bridge", time.Time{}, "Kessmoor bridge"},
		{"rss 1.0", "rss10.rdf", "application/rdf+xml", "Provincial Ledger", 1, "Orvale council passes budget", "http://ledger.example/budget", "http://ledger.example/budget", time.Date(2031, 3, 5, 9, 0, 0, 0, time.UTC), "40 million"},
		{"atom", "atom.xml", "application/atom+xml", "Northern Wire", 1, "Storm Idra reaches Brannock coast", "http://wire.example/storm", "urn:uuid:wire-storm-1", time.Date(2031, 3, 6, 11, 0, 0, 0, time.UTC), "heavy rain"},
		{"json feed", "jsonfeed.json", "application/feed+json", "Lakeside Digest", 1, "New school opens in Marrow Bay", "http://digest.example/school", "digest-77", time.Date(2031, 3, 7, 7, 15, 0, 0, time.UTC), "new building"},
		{"latin-1, no declaration", "latin1-undeclared.xml", "", "Café Journal", 1, "Résumé of the week", "http://journal.example/1", "http://journal.example/1", time.Time{}, "Naïve"},
		{"latin-1 declared utf-8", "latin1-declared-utf8.xml", "text/xml; charset=utf-8", "Café Mislabelled", 1, "Crème brûlée", "http://journal.example/2", "http://journal.example/2", time.Time{}, "Dessert"},
		{"latin-1 declared", "latin1-declared.xml", "", "Café Declared", 1, "Garçon strike", "http://journal.example/3", "http://journal.example/3", time.Time{}, "Waiters"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse(readTestdata(t, tc.file), tc.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if f.Title != tc.title {
				t.Errorf("title %q, want %q", f.Title, tc.title)
			}
			if len(f.Items) != tc.items {
				t.Fatalf("%d items, want %d", len(f.Items), tc.items)
			}
			it := f.Items[0]
			if it.Title != tc.itemTitle || it.Link != tc.link || it.GUID != tc.guid {
				t.Errorf("item %+v, want title %q link %q guid %q", it, tc.itemTitle, tc.link, tc.guid)
			}
			if !it.Published.Equal(tc.published) {
				t.Errorf("published %v, want %v", it.Published, tc.published)
			}
			if !strings.Contains(it.Content, tc.contentHas) {
				t.Errorf("content %q lacks %q", it.Content, tc.contentHas)
			}
		})
	}
}

func TestParseGUIDFallback(t *testing.T) {
	f, err := Parse([]byte(`<rss version="2.0"><channel><title>T</title><item><title>Only a title</title></item></channel></rss>`), "")
	if err != nil {
		t.Fatal(err)
	}
	if g := f.Items[0].GUID; !strings.HasPrefix(g, "sha256:") {
		t.Errorf("GUID %q, want a content hash", g)
	}
}

func TestParseBadInput(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"broken xml", readTestdata(t, "broken.xml"), ErrMalformed},
		{"html page", readTestdata(t, "page.html"), ErrNotFeed},
		{"empty", nil, ErrMalformed},
		{"whitespace", []byte("  \n\t"), ErrMalformed},
		{"plain text", []byte("just some words, no feed here"), ErrNotFeed},
		{"binary", []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 13}, ErrNotFeed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.data, "")
			if !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
		})
	}
}

// TestEvalFeeds parses every real feed in $PARALLAX_DATA/feeds/.
func TestEvalFeeds(t *testing.T) {
	dir := os.Getenv("PARALLAX_DATA")
	if dir == "" {
		t.Skip("PARALLAX_DATA not set")
	}
	var files []string
	for _, pattern := range []string{"feeds/rss-parser/input/*", "feeds/miniflux/*.xml"} {
		m, _ := filepath.Glob(filepath.Join(dir, pattern))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skipf("no feeds under %s", dir)
	}
	ok, refused, items := 0, 0, 0
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		// An input that is a web page (rss-parser's "Document Moved" error
		// case) must be refused as not a feed; everything else must parse.
		base := filepath.Base(path)
		f, err := Parse(data, "")
		if looksHTML(data) {
			if !errors.Is(err, ErrNotFeed) {
				t.Errorf("%s: error %v, want %v", base, err, ErrNotFeed)
			}
			refused++
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", base, err)
			continue
		}
		ok++
		items += len(f.Items)
	}
	t.Logf("EVAL: feeds parsed %d/%d (%d error pages refused as not a feed), %d items", ok, len(files)-refused, refused, items)
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"rss20.xml", "atom.xml", "jsonfeed.json", "broken.xml", "latin1-undeclared.xml"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "")
	}
	f.Fuzz(func(t *testing.T, data []byte, ct string) {
		fd, err := Parse(data, ct)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrNotFeed) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
			return
		}
		for _, it := range fd.Items {
			if it.GUID == "" {
				t.Fatal("item without GUID")
			}
		}
	})
}

// FuzzReadOPML: any bytes are an opml: error or a list of feeds every one
// of which CheckURL accepts.
func FuzzReadOPML(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "subscriptions.opml")); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`<opml><body><outline xmlUrl="javascript:alert(1)"/><outline><outline xmlUrl="http://a.example/f"/></outline></body></opml>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		subs, err := ReadOPML(bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "opml: ") {
				t.Fatalf("error %v without the opml: prefix", err)
			}
			return
		}
		for _, s := range subs {
			if CheckURL(s.URL) != nil {
				t.Fatalf("refused URL %q kept", s.URL)
			}
		}
	})
}
