package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/library"
)

// prefFeedInterval is the preference holding the minutes between
// automatic feed refreshes; 0 turns them off.
const prefFeedInterval = "feeds.interval"

// defaultFeedInterval is the automatic refresh interval, in minutes.
const defaultFeedInterval = 30

// feedIntervalUnit is one minute of the interval preference; tests
// shorten it.
var feedIntervalUnit = time.Minute

// feedIntervals are the choices offered for the automatic refresh.
var feedIntervals = []struct {
	label   string
	minutes int
}{
	{"Off", 0},
	{"10 minutes", 10},
	{"30 minutes", 30},
	{"1 hour", 60},
	{"3 hours", 180},
	{"12 hours", 720},
}

func intervalLabel(minutes int) string {
	for _, c := range feedIntervals {
		if c.minutes == minutes {
			return c.label
		}
	}
	return fmt.Sprintf("%d minutes", minutes)
}

func (v *feedsView) intervalMinutes() int {
	return v.prefs.IntWithFallback(prefFeedInterval, defaultFeedInterval)
}

// onIntervalChanged stores the chosen interval and restarts the timer.
func (v *feedsView) onIntervalChanged(label string) {
	for _, c := range feedIntervals {
		if c.label == label {
			v.prefs.SetInt(prefFeedInterval, c.minutes)
			v.startAutoRefresh()
			if c.minutes == 0 {
				v.page.setNotice("Feeds are refreshed only when you ask.")
			} else {
				v.page.setNotice("Feeds are refreshed every " + label + ".")
			}
			return
		}
	}
}

// startAutoRefresh (re)starts refreshing every feed at the preferred
// interval; ui.Run starts it and the window's closing stops it.
func (v *feedsView) startAutoRefresh() {
	v.stopAutoRefresh()
	m := v.intervalMinutes()
	if m <= 0 {
		return
	}
	ticker := time.NewTicker(time.Duration(m) * feedIntervalUnit)
	stop := make(chan struct{})
	v.tickMu.Lock()
	v.stopTick = stop
	v.tickMu.Unlock()
	go func() {
		defer ticker.Stop()
		for {
			select {
			case <-stop:
				return
			case <-ticker.C:
				v.jobs.handBack(v.onTick)
			}
		}
	}()
}

// refreshIfDue refreshes every feed quietly when one of subs was last
// read longer than the interval ago (or never), so that opening the app
// brings the news of the time it was closed.
func (v *feedsView) refreshIfDue(subs []parallax.Subscription) {
	m := v.intervalMinutes()
	if m <= 0 {
		return
	}
	every := time.Duration(m) * feedIntervalUnit
	for _, s := range subs {
		if time.Since(s.LastChecked) >= every {
			v.refresh(nil, true)
			return
		}
	}
}

// stopAutoRefresh stops the interval refresh, if it runs.
func (v *feedsView) stopAutoRefresh() {
	v.tickMu.Lock()
	defer v.tickMu.Unlock()
	if v.stopTick != nil {
		close(v.stopTick)
		v.stopTick = nil
	}
}

// onTick refreshes every feed quietly, unless a refresh still runs or the
// timer was stopped after this tick was queued.
func (v *feedsView) onTick() {
	v.tickMu.Lock()
	stopped := v.stopTick == nil
	v.tickMu.Unlock()
	if v.refreshing || stopped {
		return
	}
	v.refresh(nil, true)
}

// refresh reads feeds ids (nil: all) off the UI goroutine, one after the
// other: a failing feed keeps its error and the others go on. The sidebar
// shows which feed is being read and how far the refresh has come; an
// automatic refresh shows only its notice at the end.
func (v *feedsView) refresh(ids []int64, auto bool) {
	if v.refreshing {
		if !auto {
			v.setNotice("A refresh is already running.")
		}
		return
	}
	v.refreshing = true
	v.page.setRefreshing(true)
	var reps []library.FeedReport
	var after []parallax.Subscription
	title := "Refreshing the feeds"
	if len(ids) == 1 {
		title = "Refreshing the feed"
	}
	v.jobs.run(job{
		title: title,
		quiet: auto,
		work: func(ctx context.Context, _ progressFunc) error {
			var err error
			reps, err = v.lib.RefreshFeeds(ctx, v.client, ids, func(i, n int, s parallax.Subscription) {
				v.jobs.handBack(func() { v.side.setProgress(i, n, s) })
			})
			if err != nil {
				return err // the library could not be read or written: stop
			}
			after, err = v.lib.Feeds(ctx)
			return err
		},
		done: func(err error) {
			v.refreshing = false
			v.page.setRefreshing(false)
			v.side.setProgress(0, 0, parallax.Subscription{})
			if err != nil {
				v.jobs.showError(title, err)
				return
			}
			if len(reps) == 0 {
				if !auto {
					v.setNotice("No feeds yet: type a feed's address in the sidebar's Feeds tab (Ctrl+Shift+F) and press Enter.")
				}
				return
			}
			for _, r := range reps {
				v.fresh[r.Feed.ID] = r.New
			}
			v.setNotice(refreshSummary(reps, v.timeout))
			v.setFeeds(after)
			if newArticles(reps) > 0 && v.events.storiesChanged != nil {
				v.events.storiesChanged()
			}
		},
	})
}

func newArticles(reps []library.FeedReport) int {
	n := 0
	for _, r := range reps {
		n += r.New
	}
	return n
}

// refreshSummary says what a refresh found: "3 new articles from 2
// feeds · 1 updated · 1 feed failed (Valley Gazette: 404 Not Found)".
func refreshSummary(reps []library.FeedReport, timeout time.Duration) string {
	var newFeeds, updated, skipped int
	var failed []string
	for _, r := range reps {
		if r.New > 0 {
			newFeeds++
		}
		updated += r.Updated
		skipped += len(r.ItemErrors)
		if r.Err != nil {
			failed = append(failed, feedName(r.Feed)+": "+feedErrorWords(r.Err.Error(), timeout))
		}
	}
	var parts []string
	switch n := newArticles(reps); {
	case n == 0:
		parts = append(parts, "No new articles")
	default:
		parts = append(parts, fmt.Sprintf("%s from %s", plural(n, "new article"), plural(newFeeds, "feed")))
	}
	if updated > 0 {
		parts = append(parts, fmt.Sprintf("%d updated", updated))
	}
	if skipped > 0 {
		parts = append(parts, plural(skipped, "item")+" skipped")
	}
	switch len(failed) {
	case 0:
	case 1:
		parts = append(parts, "1 feed failed ("+failed[0]+")")
	default:
		parts = append(parts, fmt.Sprintf("%d feeds failed", len(failed)))
	}
	return strings.Join(parts, " · ")
}
