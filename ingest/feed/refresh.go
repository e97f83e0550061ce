package feed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
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

// PageLibrary is a Library that also remembers each item's page (its link,
// publication time and HTTP validators), so that a refresh can look for
// edits with conditional requests, and even when the feed is unchanged.
type PageLibrary interface {
	Library
	// ItemPage returns the validators last seen on an item's page.
	ItemPage(ctx context.Context, feedID int64, guid string) (etag, lastModified string, err error)
	// SaveItemPage remembers an item's page and its validators.
	SaveItemPage(ctx context.Context, feedID int64, it Item, etag, lastModified string) error
	// TrackedItems returns the stored items of a feed published at or after since.
	TrackedItems(ctx context.Context, feedID int64, since time.Time) ([]Item, error)
}

// Report says what one refresh did. Err is the feed's error, if the feed
// itself failed; ItemErrors are items that could not be read.
type Report struct {
	Feed        Subscription
	NotModified bool
	New         int
	Updated     int
	// Unchanged counts stored items whose page was the same, or that are
	// past the tracking window and were not fetched again.
	Unchanged int
	// Skipped counts items left for the next refresh because this one ran
	// out of its time budget.
	Skipped    int
	ItemErrors []error
	Err        error
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
		pl, ok := lib.(PageLibrary)
		if !ok {
			return rep, lib.SaveFeedState(ctx, sub)
		}
		// The feed is the same, but the pages it links may have been
		// edited: those still tracked are asked for again.
		items, err := pl.TrackedItems(ctx, sub.ID, now.Add(-c.opt.TrackWindow))
		if err != nil {
			return rep, err
		}
		return c.refreshItems(ctx, lib, sub, items, rep, now)
	}
	if f.Title != "" && sub.Title == "" {
		sub.Title = f.Title
	}
	if f.SiteURL != "" {
		sub.SiteURL = f.SiteURL
	}

	return c.refreshItems(ctx, lib, sub, f.Items, rep, now)
}

// refreshItems fetches the pages of new items, and of stored items still
// in the tracking window, a few at a time within the refresh budget, and
// stores each as it arrives: a refresh cut short keeps what it got.
func (c *Client) refreshItems(ctx context.Context, lib Library, sub Subscription, items []Item, rep Report, now time.Time) (Report, error) {
	type job struct {
		it       Item
		id       int64 // stored article, 0 for a new item
		hash     string
		found    bool
		etag, lm string // the page's validators, for a stored item
	}
	pl, remembers := lib.(PageLibrary)
	var jobs []job
	for _, it := range items {
		id, hash, found, err := lib.FeedItem(ctx, sub.ID, it.GUID)
		if err != nil {
			return rep, err
		}
		if found && !c.tracked(it, now) {
			rep.Unchanged++
			continue
		}
		j := job{it: it, id: id, hash: hash, found: found}
		if found && remembers {
			if j.etag, j.lm, err = pl.ItemPage(ctx, sub.ID, it.GUID); err != nil {
				return rep, err
			}
		}
		jobs = append(jobs, j)
	}

	budget, cancel := context.WithTimeout(ctx, c.opt.RefreshBudget)
	defer cancel()
	type fetched struct {
		job
		a           *parallax.Article
		notModified bool
		page        *response // validators of the page as fetched
		err         error
	}
	results := make(chan fetched)
	go func() {
		var wg sync.WaitGroup
		sem := make(chan struct{}, c.opt.Workers)
	launch:
		for _, j := range jobs {
			select {
			case sem <- struct{}{}:
			case <-budget.Done():
				break launch
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				if j.found {
					// Only the page can show an edit: the feed's own
					// content is no text to compare it with.
					a, r, err := c.fetchPage(budget, j.it.Link, j.etag, j.lm)
					if err == nil && r.status != http.StatusNotModified {
						c.fillFromItem(a, sub.Title, j.it)
					}
					if budget.Err() != nil && err != nil {
						err = budget.Err()
					}
					results <- fetched{job: j, a: a, notModified: err == nil && r.status == http.StatusNotModified, page: r, err: err}
					return
				}
				a, r, pageErr, err := c.itemArticle(budget, sub.Title, j.it)
				if budget.Err() != nil && (pageErr != nil || err != nil) {
					a, err = nil, budget.Err() // cut short: not the feed's content instead
				}
				results <- fetched{job: j, a: a, page: r, err: err}
			}()
		}
		wg.Wait()
		close(results)
	}()

	done := 0
	var libErr error
	for r := range results {
		done++
		if libErr != nil {
			continue // drain the workers
		}
		if remembers && r.err == nil && r.page != nil {
			if err := pl.SaveItemPage(ctx, sub.ID, r.it, r.page.etag, r.page.lastModified); err != nil {
				libErr = err
				continue
			}
		}
		switch {
		case r.err != nil && budget.Err() != nil && ctx.Err() == nil && errors.Is(r.err, context.DeadlineExceeded):
			rep.Skipped++
		case r.err != nil:
			rep.ItemErrors = append(rep.ItemErrors, fmt.Errorf("feed %s: %w", sub.URL, r.err))
		case r.notModified:
			rep.Unchanged++
		case !r.found:
			if _, err := lib.AddFeedArticle(ctx, sub.ID, r.it.GUID, r.a); err != nil {
				rep.ItemErrors = append(rep.ItemErrors, fmt.Errorf("feed %s: item %q: %w", sub.URL, itemName(r.it), err))
				continue
			}
			rep.New++
		case r.hash != r.a.Hash:
			if err := lib.AddRevision(ctx, r.id, r.a, now); err != nil {
				libErr = err
				continue
			}
			rep.Updated++
		default:
			rep.Unchanged++
		}
	}
	if libErr != nil {
		return rep, libErr
	}
	rep.Skipped += len(jobs) - done
	rep.Feed = sub
	return rep, lib.SaveFeedState(ctx, sub)
}

// tracked reports whether a stored item's page is still fetched again to
// look for edits: within the tracking window after publication. An undated
// item is not tracked.
func (c *Client) tracked(it Item, now time.Time) bool {
	return !it.Published.IsZero() && now.Sub(it.Published) < c.opt.TrackWindow
}
