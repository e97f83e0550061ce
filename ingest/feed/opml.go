package feed

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// opmlDoc is the part of OPML 1.0/2.0 subscription lists Parallax uses.
type opmlDoc struct {
	XMLName xml.Name    `xml:"opml"`
	Version string      `xml:"version,attr"`
	Title   string      `xml:"head>title"`
	Created string      `xml:"head>dateCreated,omitempty"`
	Body    []opmlEntry `xml:"body>outline"`
}

type opmlEntry struct {
	Text     string      `xml:"text,attr"`
	Title    string      `xml:"title,attr,omitempty"`
	Type     string      `xml:"type,attr,omitempty"`
	XMLURL   string      `xml:"xmlUrl,attr,omitempty"`
	HTMLURL  string      `xml:"htmlUrl,attr,omitempty"`
	Children []opmlEntry `xml:"outline"`
}

// ReadOPML reads the feeds of an OPML file, flattening folders. Outlines
// without an xmlUrl are folders or notes and are skipped, and so are feeds
// CheckURL refuses.
func ReadOPML(r io.Reader) ([]Subscription, error) {
	subs, _, err := ReadOPMLChecked(r)
	return subs, err
}

// ReadOPMLChecked is ReadOPML that also returns the feed URLs it left out
// because CheckURL refuses them.
func ReadOPMLChecked(r io.Reader) (subs []Subscription, refused []string, err error) {
	var doc opmlDoc
	dec := xml.NewDecoder(io.LimitReader(r, DefaultMaxBytes))
	dec.CharsetReader = charsetReader
	if err := dec.Decode(&doc); err != nil {
		return nil, nil, fmt.Errorf("opml: %w", err)
	}
	seen := map[string]bool{}
	var walk func([]opmlEntry)
	walk = func(es []opmlEntry) {
		for _, e := range es {
			if u := strings.TrimSpace(e.XMLURL); u != "" && !seen[u] {
				seen[u] = true
				if CheckURL(u) != nil {
					refused = append(refused, u)
					walk(e.Children)
					continue
				}
				title := e.Title
				if title == "" {
					title = e.Text
				}
				subs = append(subs, Subscription{URL: u, Title: strings.TrimSpace(title), SiteURL: e.HTMLURL})
			}
			walk(e.Children)
		}
	}
	walk(doc.Body)
	return subs, refused, nil
}

// WriteOPML writes subs as an OPML 2.0 subscription list.
func WriteOPML(w io.Writer, subs []Subscription) error {
	doc := opmlDoc{Version: "2.0", Title: "Parallax subscriptions", Created: time.Now().UTC().Format(time.RFC1123Z)}
	for _, s := range subs {
		title := s.Title
		if title == "" {
			title = s.URL
		}
		doc.Body = append(doc.Body, opmlEntry{Text: title, Title: title, Type: "rss", XMLURL: s.URL, HTMLURL: s.SiteURL})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("opml: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("opml: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}
