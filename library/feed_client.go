package library

import "github.com/parallax-news/parallax/ingest/feed"

// FeedClient fetches feeds and the pages behind their items; RefreshFeed
// stores what it brings. It is safe for concurrent use.
type FeedClient = feed.Client

// FeedReport says what one feed refresh did (new, updated and unchanged
// items, items left for the next refresh, the feed's error if it failed).
type FeedReport = feed.Report

// NewFeedClient makes a feed client with the default timeout, size limit,
// redirect limit and refresh budget.
func NewFeedClient() *FeedClient { return feed.NewClient(feed.Options{}) }

// Limits of a refresh by a client from NewFeedClient.
const (
	// FeedTimeout bounds one request, its body included.
	FeedTimeout = feed.DefaultTimeout
	// FeedRefreshBudget bounds one feed's refresh as a whole; the items
	// not fetched by then wait for the next refresh (FeedReport.Skipped).
	FeedRefreshBudget = feed.DefaultRefreshBudget
)

// The reasons a feed fetch fails; the errors of RefreshFeed, AddFeed and
// ImportOPML wrap one of them (errors.Is).
var (
	ErrFeedBadURL       = feed.ErrBadURL
	ErrFeedTooLarge     = feed.ErrTooLarge
	ErrFeedNotFeed      = feed.ErrNotFeed
	ErrFeedMalformed    = feed.ErrMalformed
	ErrFeedHTTPStatus   = feed.ErrHTTPStatus
	ErrFeedTooManyRedir = feed.ErrTooManyRedirs
	ErrFeedTimeout      = feed.ErrTimeout
)
