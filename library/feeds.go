package library

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest/feed"
)

// feedLibrary is the library as a feed refresh stores into it: new items
// are grouped into stories like any other import.
type feedLibrary struct{ lib *Library }

func (f feedLibrary) SaveFeedState(ctx context.Context, sub parallax.Subscription) error {
	return f.lib.SaveFeedState(ctx, sub)
}

func (f feedLibrary) FeedItem(ctx context.Context, feedID int64, guid string) (int64, string, bool, error) {
	return f.lib.FeedItem(ctx, feedID, guid)
}

// AddFeedArticle stores a new item's article in the story automatic
// grouping picks and remembers the item. An item whose text is already in
// the library is linked to that article.
func (f feedLibrary) AddFeedArticle(ctx context.Context, feedID int64, guid string, a *parallax.Article) (int64, error) {
	err := f.lib.AddArticleGrouped(ctx, a)
	if dup, ok := asDuplicate(err); ok {
		a.ID = dup.ID
	} else if err != nil {
		return 0, err
	}
	if err := f.lib.AddFeedItem(ctx, feedID, guid, a.ID, a.Hash); err != nil {
		return 0, err
	}
	return a.ID, nil
}

func (f feedLibrary) AddRevision(ctx context.Context, articleID int64, a *parallax.Article, seen time.Time) error {
	return f.lib.AddRevision(ctx, articleID, a, seen)
}

// ItemPage, SaveItemPage and TrackedItems let a refresh look for edits
// of stored items' pages (feed.PageLibrary).
func (f feedLibrary) ItemPage(ctx context.Context, feedID int64, guid string) (etag, lastModified string, err error) {
	return f.lib.ItemPage(ctx, feedID, guid)
}

func (f feedLibrary) SaveItemPage(ctx context.Context, feedID int64, it parallax.FeedItem, etag, lastModified string) error {
	return f.lib.SaveItemPage(ctx, feedID, it, etag, lastModified)
}

func (f feedLibrary) TrackedItems(ctx context.Context, feedID int64, since time.Time) ([]parallax.FeedItem, error) {
	return f.lib.TrackedItems(ctx, feedID, since)
}

var _ feed.PageLibrary = feedLibrary{}

// AddFeed follows the feed at url (titled title, or after the feed when
// empty). Only http(s) URLs can be followed.
func (l *Library) AddFeed(ctx context.Context, url, title string) (int64, error) {
	if err := feed.CheckURL(strings.TrimSpace(url)); err != nil {
		return 0, fmt.Errorf("add feed: %w", err)
	}
	return l.Store.AddFeed(ctx, url, title)
}

// RefreshFeed fetches one feed with client and stores its new and changed
// items, grouped into stories (see feed.Client.Refresh).
func (l *Library) RefreshFeed(ctx context.Context, client *feed.Client, sub parallax.Subscription) (feed.Report, error) {
	return client.Refresh(ctx, feedLibrary{l}, sub)
}

// ImportOPML follows every feed of an OPML subscription list read from r
// and returns how many were new, how many already followed, and the
// addresses refused (not http or https).
func (l *Library) ImportOPML(ctx context.Context, r io.Reader) (added, known int, refused []string, err error) {
	subs, refused, err := feed.ReadOPMLChecked(r)
	if err != nil {
		return 0, 0, nil, err
	}
	for _, s := range subs {
		_, err := l.AddFeed(ctx, s.URL, s.Title)
		switch {
		case errors.Is(err, ErrFeedExists):
			known++
			continue
		case err != nil:
			return added, known, refused, err
		}
		added++
	}
	return added, known, refused, nil
}

// ExportOPML writes the followed feeds as an OPML subscription list.
func (l *Library) ExportOPML(ctx context.Context, w io.Writer) error {
	subs, err := l.Feeds(ctx)
	if err != nil {
		return err
	}
	return feed.WriteOPML(w, subs)
}
