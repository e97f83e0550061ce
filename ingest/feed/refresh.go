package feed

import (
	"context"
	"fmt"
	"sync"
	"time"

	parallax "github.com/parallax-news/parallax"
)

// Library is where Refresh keeps what it finds; the store implements it.
type Library interface {
	// SaveFeedState records a subscription's validators, title and error state.
	SaveFeedState(ctx context.Context, sub Subscription) error
	// FeedItem returns the article an item was stored as, with its content
	// hash; found is false for an item never seen.
	FeedItem(ctx context.Context, feedID int64, guid string) (articleID int64, hash string, found bool, err error)
	// AddFeedArticle stores a new item's article (grouping it into a story)
	// and remembers the item.
	AddFeedArticle(ctx context.Context, feedID int64, guid string, a *parallax.Article) (articleID int64, err error)
	// AddRevision keeps a changed text of a known article, seen at seen.
	AddRevision(ctx context.Context, articleID int64, a *parallax.Article, seen time.Time) error
}

// Report says what one refresh did. Err is the feed's error, if the feed
// itself failed; ItemErrors are items skipped.
type Report struct {
	Feed        Subscription
	NotModified bool
	New         int
	Updated     int
	Unchanged   int
	ItemErrors  []error
	Err         error
}

// Refresh fetches one feed and stores its new and changed items. The
// feed's error state is saved in the library either way; the returned error
// is only for a library that cannot be written.
func (c *Client) Refresh(ctx context.Context, lib Library, sub Subscription) (Report, error) {
	rep := Report{Feed: sub}
	now := time.Now().UTC()
	sub.LastChecked = now
	f, err := c.Fetch(ctx, sub)
	if err != nil {
		sub.LastError = err.Error()
		sub.ErrorCount++
		rep.Err, rep.Feed = err, sub
		return rep, lib.SaveFeedState(ctx, sub)
	}
	sub.LastError, sub.ErrorCount = "", 0
	sub.ETag, sub.LastModified = f.ETag, f.LastModified
	if f.NotModified {
		rep.NotModified, rep.Feed = true, sub
		return rep, lib.SaveFeedState(ctx, sub)
	}
	if f.Title != "" && sub.Title == "" {
		sub.Title = f.Title
	}
	if f.SiteURL != "" {
		sub.SiteURL = f.SiteURL
	}

	// Pages are fetched a few at a time; the library is written in feed order.
	type fetched struct {
		a   *parallax.Article
		err error
	}
	results := make([]fetched, len(f.Items))
	var wg sync.WaitGroup
	sem := make(chan struct{}, c.opt.Workers)
	for i, it := range f.Items {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			a, _, err := c.ItemArticle(ctx, sub.Title, it)
			results[i] = fetched{a, err}
		}()
	}
	wg.Wait()

	for i, it := range f.Items {
		r := results[i]
		if r.err != nil {
			rep.ItemErrors = append(rep.ItemErrors, fmt.Errorf("feed %s: %w", sub.URL, r.err))
			continue
		}
		id, hash, found, err := lib.FeedItem(ctx, sub.ID, it.GUID)
		if err != nil {
			return rep, err
		}
		switch {
		case !found:
			if _, err := lib.AddFeedArticle(ctx, sub.ID, it.GUID, r.a); err != nil {
				rep.ItemErrors = append(rep.ItemErrors, fmt.Errorf("feed %s: item %q: %w", sub.URL, itemName(it), err))
				continue
			}
			rep.New++
		case hash != r.a.Hash:
			if err := lib.AddRevision(ctx, id, r.a, now); err != nil {
				return rep, err
			}
			rep.Updated++
		default:
			rep.Unchanged++
		}
	}
	rep.Feed = sub
	return rep, lib.SaveFeedState(ctx, sub)
}
