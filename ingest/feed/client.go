package feed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest"
)

const (
	acceptFeed = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"
	acceptPage = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
)

// Fetch fetches and parses a feed, sending sub's validators so an
// unchanged feed costs a 304. Errors name the feed and the reason.
func (c *Client) Fetch(ctx context.Context, sub Subscription) (*Fetched, error) {
	r, err := c.get(ctx, sub.URL, sub.ETag, sub.LastModified, acceptFeed)
	if err != nil {
		return nil, fmt.Errorf("feed %s: %w", sub.URL, err)
	}
	if r.status == 304 {
		return &Fetched{NotModified: true, ETag: firstNonEmpty(r.etag, sub.ETag), LastModified: firstNonEmpty(r.lastModified, sub.LastModified)}, nil
	}
	f, err := Parse(r.body, r.contentType)
	if err != nil {
		return nil, fmt.Errorf("feed %s: %w", sub.URL, err)
	}
	f.ETag, f.LastModified = r.etag, r.lastModified
	return f, nil
}

// FetchPage fetches one web page and extracts its article.
func (c *Client) FetchPage(ctx context.Context, pageURL string) (*parallax.Article, error) {
	a, _, err := c.fetchPage(ctx, pageURL, "", "")
	return a, err
}

// fetchPage fetches a page, conditionally when given validators: on a 304
// the article is nil and the response says so.
func (c *Client) fetchPage(ctx context.Context, pageURL, etag, lastModified string) (*parallax.Article, *response, error) {
	r, err := c.get(ctx, pageURL, etag, lastModified, acceptPage)
	if err != nil {
		return nil, nil, fmt.Errorf("page %s: %w", pageURL, err)
	}
	if r.status == http.StatusNotModified {
		return nil, r, nil
	}
	a, err := ingest.ParseHTML(r.url, r.body, r.contentType, ingest.Options{MaxBytes: c.opt.MaxBytes})
	if err != nil {
		return nil, nil, fmt.Errorf("page %s: %w", pageURL, err)
	}
	if a.URL == "" {
		a.URL = r.url
	}
	a.Raw = r.body
	return a, r, nil
}

// itemArticle turns a feed item into an article: the page behind its link
// when it can be fetched and read, else the content the feed carries. r is
// the page's response (nil when the article came from the feed's content).
// The error says why neither worked; pageErr, when not nil, why the page
// did not.
func (c *Client) itemArticle(ctx context.Context, feedTitle string, it Item) (a *parallax.Article, r *response, pageErr, err error) {
	if it.Link != "" {
		a, r, pageErr = c.fetchPage(ctx, it.Link, "", "")
	}
	if a == nil {
		r = nil
		if strings.TrimSpace(it.Content) == "" {
			if pageErr == nil {
				pageErr = errors.New("no link")
			}
			return nil, nil, pageErr, fmt.Errorf("item %q: no page (%v) and no content in the feed", itemName(it), pageErr)
		}
		a, err = ingest.ParseHTML(it.Link, []byte(wrapContent(it)), "text/html; charset=utf-8", ingest.Options{MaxBytes: c.opt.MaxBytes})
		if err != nil {
			return nil, nil, pageErr, fmt.Errorf("item %q: %w", itemName(it), err)
		}
	}
	c.fillFromItem(a, feedTitle, it)
	return a, r, pageErr, nil
}

// fillFromItem completes a page's article with what the feed says of it.
func (c *Client) fillFromItem(a *parallax.Article, feedTitle string, it Item) {
	if it.Title != "" && (a.Title == "" || a.Title == a.URL) {
		a.Title = it.Title
	}
	// The feed's date is the publisher's own record of when the item came
	// out; a date read from the page (often a header line in its text, or
	// a reprint's) only stands in when the feed gives none.
	if !it.Published.IsZero() {
		a.Published = it.Published
	}
	if a.Byline == "" {
		a.Byline = it.Author
	}
	if a.URL == "" {
		a.URL = it.Link
	}
	// A page that does not name its outlet is named after its host by the
	// importer; the feed's own title says more.
	if feedTitle != "" && (a.Source.Name == "" || a.Source.Name == a.Source.Site) {
		a.Source.Name = feedTitle
	}
}

// wrapContent makes an HTML page of a feed item's own content, with its
// title as the headline.
func wrapContent(it Item) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
	b.WriteString(htmlEscape(it.Title))
	b.WriteString("</title></head><body><article><h1>")
	b.WriteString(htmlEscape(it.Title))
	b.WriteString("</h1>\n")
	c := it.Content
	if !strings.Contains(c, "<") {
		for _, p := range strings.Split(c, "\n\n") {
			b.WriteString("<p>" + htmlEscape(p) + "</p>\n")
		}
	} else {
		b.WriteString(c)
	}
	b.WriteString("</article></body></html>")
	return b.String()
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

func itemName(it Item) string {
	if it.Title != "" {
		return it.Title
	}
	return it.GUID
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
