package parallax

import "time"

// Subscription is one followed feed and its fetch state.
type Subscription struct {
	ID           int64
	URL          string
	Title        string // from the feed, or set by the analyst
	SiteURL      string
	ETag         string
	LastModified string
	LastChecked  time.Time
	LastError    string // empty when the last refresh worked
	ErrorCount   int    // refreshes failed in a row
	Unread       int    // unread articles from this feed (filled by listings)
	CreatedAt    time.Time
}

// FeedItem is one entry of a fetched feed.
type FeedItem struct {
	GUID      string // the item's id, else its link, else a hash of its title
	Title     string
	Link      string
	Content   string // HTML or text the feed carries (content, else description)
	Author    string
	Published time.Time
}
