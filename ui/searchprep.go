package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/parallax-news/parallax/internal/count"
	"github.com/parallax-news/parallax/library"
)

// progressEvery is how often, at most, the status line shows how far
// building the search index has come.
const progressEvery = 200 * time.Millisecond

// prepareSearch brings the library's search index up to date in the
// background once the first story is shown. A library whose index file
// must be built again (copied without it, damaged, older than the
// library) is built while the analyst reads, with its progress in the
// status line, instead of under the first search, which would show
// nothing but "Searching…" for as long. Closing the window stops the
// build (the old index stays; the next start builds it). A read-only
// library is left alone: what it would build is a temporary index,
// thrown away at every close, so the first search builds it if one is
// made at all.
func (mw *mainWindow) prepareSearch() {
	if mw.stopSearchPrep != nil || mw.lib.ReadOnly() {
		return // once per window; see above for read-only
	}
	ctx, cancel := context.WithCancel(context.Background())
	mw.stopSearchPrep = cancel
	// The store names the index file, which the status line has no room
	// for (the library's file is in the window's title bar and About).
	index := "search index " + library.SearchIndexPath(mw.lib.Path()) + " "
	mw.lib.SetNotice(func(msg string) {
		msg = sentenceCase(strings.Replace(msg, index, "search index ", 1))
		mw.jobs.handBack(func() { mw.jobs.notice(msg) })
	})
	var mu sync.Mutex
	var shown time.Time
	mw.lib.SetIndexProgress(func(done, total int) {
		mu.Lock()
		due := done == 0 || done == total || time.Since(shown) >= progressEvery
		if due {
			shown = time.Now()
		}
		mu.Unlock()
		if !due {
			return
		}
		line := fmt.Sprintf("Building the search index: %s of %s articles…", count.Grouped(done), count.Grouped(total))
		mw.jobs.handBack(func() { mw.jobs.notice(line) })
	})
	mw.jobs.run(job{
		title: "Preparing search",
		quiet: true,
		ctx:   ctx,
		work: func(ctx context.Context, _ progressFunc) error {
			return mw.lib.PrepareSearch(ctx)
		},
		done: func(err error) {
			if err != nil && !errors.Is(err, context.Canceled) {
				mw.jobs.notice("The search index could not be brought up to date: " + readable(err))
			}
		},
	})
}

// stopPreparingSearch stops a build of the search index and sends the
// library's notices back to standard error, before the window closes.
func (mw *mainWindow) stopPreparingSearch() {
	if mw.stopSearchPrep != nil {
		mw.stopSearchPrep()
	}
	mw.lib.SetNotice(nil)
	mw.lib.SetIndexProgress(nil)
}
