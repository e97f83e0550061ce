package ui

import (
	"fmt"
	"strings"
	"time"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/library"
)

// feedName is the feed's title, else its address.
func feedName(s parallax.Subscription) string {
	if t := strings.TrimSpace(s.Title); t != "" {
		return t
	}
	return s.URL
}

// feedErrorWords says in a few words why a feed failed, from the error
// text the library keeps: "404 Not Found", "timed out after 20s", "not a
// feed: HTML page". timeout is the client's (0: not said).
func feedErrorWords(msg string, timeout time.Duration) string {
	msg = strings.TrimSpace(msg)
	// Errors name the feed first ("feed URL: reason"); the row shows the URL.
	if rest, ok := strings.CutPrefix(msg, "feed "); ok {
		if i := strings.Index(rest, ": "); i >= 0 && !strings.Contains(rest[:i], " ") {
			msg = rest[i+2:]
		}
	}
	has := func(s string) bool { return strings.Contains(msg, s) }
	switch {
	case msg == "":
		return ""
	case has(library.ErrFeedHTTPStatus.Error()):
		_, status, _ := strings.Cut(msg, library.ErrFeedHTTPStatus.Error())
		if status = strings.TrimSpace(status); status != "" {
			return status
		}
		return "HTTP error"
	case has(library.ErrFeedTimeout.Error()):
		if timeout > 0 {
			return "timed out after " + timeout.String()
		}
		return "timed out"
	case has(library.ErrNotFeed.Error()):
		if has("web page") {
			return "not a feed: HTML page"
		}
		return "not a feed"
	case has(library.ErrFeedMalformed.Error()):
		return "broken feed (malformed XML or JSON)"
	case has(library.ErrFeedTooLarge.Error()):
		return "too large (over the size limit)"
	case has(library.ErrFeedTooManyRedirs.Error()):
		return "too many redirects"
	case has(library.ErrFeedBadURL.Error()):
		return "not an http(s) address"
	case has("connection refused"):
		return "connection refused"
	case has("no such host"):
		return "server not found"
	case has("certificate"):
		return "bad TLS certificate"
	}
	return msg
}

// feedStatus is the row's last line: "refreshed 14:02" or "never
// refreshed", then the error in words, with how many times in a row.
func feedStatus(s parallax.Subscription, timeout time.Duration, now time.Time) string {
	when := "never refreshed"
	if !s.LastChecked.IsZero() {
		t := s.LastChecked.Local()
		n := now.Local()
		switch {
		case t.Year() == n.Year() && t.YearDay() == n.YearDay():
			when = "refreshed " + t.Format("15:04")
		case t.Year() == n.Year():
			when = "refreshed " + t.Format("2 Jan 15:04")
		default:
			when = "refreshed " + t.Format("2 Jan 2006")
		}
	}
	if s.LastError == "" {
		if s.LastChecked.IsZero() {
			return when
		}
		return when + " · OK"
	}
	e := feedErrorWords(s.LastError, timeout)
	if s.ErrorCount > 1 {
		e += fmt.Sprintf(" (%d times in a row)", s.ErrorCount)
	}
	return when + " · " + e
}

// feedDetail is the chosen feed's full state above its items: its
// address, its site, when it was refreshed, and the whole error message
// when that failed.
func feedDetail(s parallax.Subscription, timeout time.Duration, now time.Time) string {
	var b strings.Builder
	b.WriteString(s.URL)
	if s.SiteURL != "" && s.SiteURL != s.URL {
		b.WriteString(" · site " + s.SiteURL)
	}
	if s.LastError != "" {
		b.WriteString("\nLast refresh failed: " + feedErrorWords(s.LastError, timeout) + "\n" + s.LastError)
		return b.String()
	}
	b.WriteString(" · " + feedStatus(s, timeout, now))
	return b.String()
}
