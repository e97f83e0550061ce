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

// FeedClient fetches feeds and their items' pages politely (timeouts,
// size and redirect limits, conditional requests); one is reused across
// refreshes.
type FeedClient = feed.Client

// FeedOptions tunes a FeedClient; the zero value uses the defaults.
type FeedOptions = feed.Options

// FeedReport says what one feed's refresh did: new, updated and unchanged
// items, the feed's own error (Err) and the items that could not be read.
type FeedReport = feed.Report

// Feed fetch defaults, for messages that name them.
const (
	// DefaultFeedTimeout bounds one request of a FeedClient made with
	// NewFeedClient.
	DefaultFeedTimeout = feed.DefaultTimeout
	// FeedRefreshBudget bounds one feed's refresh; items left over wait
	// for the next refresh.
	FeedRefreshBudget = feed.DefaultRefreshBudget
)

// The reasons a feed fails to refresh; a FeedReport's Err, and the
// LastError a Subscription keeps, wrap or name one of them.
var (
	ErrFeedBadURL        = feed.ErrBadURL
	ErrFeedHTTPStatus    = feed.ErrHTTPStatus
	ErrFeedTimeout       = feed.ErrTimeout
	ErrNotFeed           = feed.ErrNotFeed
	ErrFeedMalformed     = feed.ErrMalformed
	ErrFeedTooLarge      = feed.ErrTooLarge
	ErrFeedTooManyRedirs = feed.ErrTooManyRedirs
)

// NewFeedClient returns a feed client with the default timeouts and
// limits.
func NewFeedClient() *FeedClient { return feed.NewClient(feed.Options{}) }

// NewFeedClientWith returns a feed client tuned by opt.
func NewFeedClientWith(opt FeedOptions) *FeedClient { return feed.NewClient(opt) }

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

// RefreshFeeds refreshes feeds ids (nil: every feed) with client, one
// after the other. A feed that fails keeps its error in its report and
// the others go on; the returned error is for a library that cannot be
// read or written, and stops the refresh. before, when not nil, is called
// before each feed is read with its place (from 0) among n.
func (l *Library) RefreshFeeds(ctx context.Context, client *FeedClient, ids []int64, before func(i, n int, sub parallax.Subscription)) ([]FeedReport, error) {
	var subs []parallax.Subscription
	if ids == nil {
		all, err := l.Feeds(ctx)
		if err != nil {
			return nil, err
		}
		subs = all
	}
	for _, id := range ids {
		s, err := l.Feed(ctx, id)
		if err != nil {
			return nil, err
		}
		subs = append(subs, s)
	}
	reps := make([]FeedReport, 0, len(subs))
	for i, s := range subs {
		if before != nil {
			before(i, len(subs), s)
		}
		rep, err := l.RefreshFeed(ctx, client, s)
		if err != nil {
			return reps, err
		}
		reps = append(reps, rep)
	}
	return reps, nil
}

// OPMLImport says what importing an OPML subscription list did.
type OPMLImport struct {
	Added   []int64  // the feeds newly followed
	Known   int      // feeds of the list already followed
	Refused []string // addresses left out: not http or https
}

// ImportOPMLList follows every feed of an OPML subscription list read
// from r that is not followed yet. On a storage error it returns what it
// did so far with the error.
func (l *Library) ImportOPMLList(ctx context.Context, r io.Reader) (OPMLImport, error) {
	subs, refused, err := feed.ReadOPMLChecked(r)
	if err != nil {
		return OPMLImport{}, err
	}
	res := OPMLImport{Refused: refused}
	for _, s := range subs {
		id, err := l.AddFeed(ctx, s.URL, s.Title)
		switch {
		case errors.Is(err, ErrFeedExists):
			res.Known++
			continue
		case err != nil:
			return res, err
		}
		res.Added = append(res.Added, id)
	}
	return res, nil
}

// ImportOPML follows every feed of an OPML subscription list read from r
// and returns how many were new, how many already followed, and the
// addresses refused (not http or https).
func (l *Library) ImportOPML(ctx context.Context, r io.Reader) (added, known int, refused []string, err error) {
	res, err := l.ImportOPMLList(ctx, r)
	return len(res.Added), res.Known, res.Refused, err
}

// ExportOPML writes the followed feeds as an OPML subscription list.
func (l *Library) ExportOPML(ctx context.Context, w io.Writer) error {
	subs, err := l.Feeds(ctx)
	if err != nil {
		return err
	}
	return feed.WriteOPML(w, subs)
}
