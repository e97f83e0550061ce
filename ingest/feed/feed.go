// Package feed follows news feeds: it fetches RSS 0.9x/1.0/2.0, Atom and
// JSON Feed documents politely (conditional requests, timeouts, a size
// limit, a redirect limit, an honest User-Agent), turns their items into
// articles by fetching the page behind each link (falling back to the
// feed's own content) and reads and writes OPML subscription lists.
// It knows nothing of SQL: Refresh stores through the Library interface.
package feed

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	parallax "github.com/parallax-news/parallax"
)

// UserAgent is sent with every request.
const UserAgent = "Parallax/0.1 (+news analysis desktop app)"

// Defaults for Options.
const (
	DefaultTimeout      = 20 * time.Second
	DefaultMaxBytes     = 10 << 20
	DefaultMaxRedirects = 5
	DefaultWorkers      = 4
	// DefaultRefreshBudget: a feed of thousands of items whose pages never
	// answer would otherwise take hours (items × Timeout / Workers).
	DefaultRefreshBudget = 3 * time.Minute
	// DefaultTrackWindow: news pages are corrected in the first days.
	DefaultTrackWindow = 72 * time.Hour
)

// The reasons a fetch fails; errors wrap one of them (errors.Is).
var (
	ErrTooLarge      = errors.New("response over the size limit")
	ErrNotFeed       = errors.New("not a feed (RSS, Atom or JSON Feed)")
	ErrMalformed     = errors.New("malformed feed")
	ErrHTTPStatus    = errors.New("HTTP error")
	ErrTooManyRedirs = errors.New("too many redirects")
	ErrTimeout       = errors.New("timed out")
	ErrBadURL        = errors.New("not an http(s) URL")
)

// CheckURL refuses a feed URL that is not an absolute http or https URL
// (javascript:, file:, gopher:, data: and the like are never followed).
func CheckURL(raw string) error {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return fmt.Errorf("%q: %w", raw, ErrBadURL)
	}
	if s := strings.ToLower(u.Scheme); (s != "http" && s != "https") || u.Host == "" {
		return fmt.Errorf("%q: %w", raw, ErrBadURL)
	}
	return nil
}

// Options tunes a Client. The zero value uses the defaults.
type Options struct {
	Timeout      time.Duration // whole request, body included
	MaxBytes     int64         // largest body read
	MaxRedirects int
	Workers      int // item pages fetched at once
	// RefreshBudget bounds one feed's refresh as a whole; items not
	// fetched by then are skipped (and counted) until the next refresh.
	RefreshBudget time.Duration
	// TrackWindow is how long after publication the page of a stored item
	// is fetched again to look for edits.
	TrackWindow time.Duration
	HTTPClient  *http.Client // transport to use; its CheckRedirect and Timeout are replaced
}

// Subscription is one followed feed and its fetch state; the type lives
// in the root package so that storage need not import this one.
type Subscription = parallax.Subscription

// Item is one entry of a fetched feed; the type lives in the root package
// so that storage need not import this one.
type Item = parallax.FeedItem

// Fetched is the result of fetching a feed.
type Fetched struct {
	NotModified  bool // 304: nothing else is set but the validators
	Title        string
	SiteURL      string
	ETag         string
	LastModified string
	Items        []Item
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.Workers <= 0 {
		o.Workers = DefaultWorkers
	}
	if o.RefreshBudget <= 0 {
		o.RefreshBudget = DefaultRefreshBudget
	}
	if o.TrackWindow <= 0 {
		o.TrackWindow = DefaultTrackWindow
	}
	return o
}
