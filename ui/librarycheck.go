package ui

import (
	"context"
	"errors"
	"time"

	"github.com/parallax-news/parallax/library"
)

// A library not closed cleanly is checked (SQLite's quick check) before
// anything is written into it. The window opens it with the check
// deferred (library.DeferCheck), so that the check does not come before
// the first frame: the window reads at once, the library holds every
// write until the check has passed, and the check runs once the first
// story is shown (or sooner, at the first write). A library found damaged
// is then served as one found damaged at open: the window says so and
// greys out what would write.

// finishCheck runs the library's deferred check and waits for it; tests
// replace it to hold the check.
var finishCheck = func(ctx context.Context, lib *library.Library) error {
	return lib.FinishCheck(ctx)
}

// checkNoticeAfter is how long the check runs before the status line says
// so: a small library's check ends before anyone could read the line.
var checkNoticeAfter = 300 * time.Millisecond

// Status lines of the check.
const (
	checkingNotice = "Checking the library after an unclean close…"
	// damagedNotice is the status line of a library found damaged, at
	// open or by the deferred check.
	damagedNotice   = "This library is damaged, so nothing is written into it: you can read, compare and search it, but marks, decisions, notes and imports cannot be saved."
	uncheckedNotice = "The library could not be checked after an unclean close, so nothing is written into it: "
)

// checkLibrary runs the library's deferred check, if any, saying so in the
// status line while it takes noticeable time; then runs next when the
// library passed, or serves it read-only with a notice when it did not.
func (mw *mainWindow) checkLibrary(next func()) {
	if !mw.lib.CheckPending() {
		// No check was deferred, or a write ran it already: its result
		// is at hand.
		mw.checked(mw.lib.FinishCheck(context.Background()), next)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	mw.stopCheck = cancel
	mw.jobs.run(job{
		title: "Checking the library",
		quiet: true,
		ctx:   ctx,
		work: func(ctx context.Context, _ progressFunc) error {
			result := make(chan error, 1)
			go func() { result <- finishCheck(ctx, mw.lib) }()
			select {
			case err := <-result:
				return err
			case <-time.After(checkNoticeAfter):
			}
			mw.jobs.handBack(func() { mw.jobs.notice(checkingNotice) })
			return <-result
		},
		done: func(err error) { mw.checked(err, next) },
	})
}

// checked acts on the end of the library's check (err: FinishCheck's).
func (mw *mainWindow) checked(err error, next func()) {
	switch {
	case err == nil:
		if mw.jobs.idle == checkingNotice {
			mw.jobs.notice("")
		}
		next()
	case errors.Is(err, context.Canceled):
	case errors.Is(err, library.ErrDamaged):
		mw.serveReadOnly(damagedNotice)
	default:
		mw.serveReadOnly(uncheckedNotice + readable(err))
	}
}

// serveReadOnly tells the analyst, once, that nothing can be saved in the
// library and why (notice), and stops the window from trying: showing an
// article no longer marks it read, and its marks are greyed out.
func (mw *mainWindow) serveReadOnly(notice string) {
	mw.reader.setReadOnly()
	mw.jobs.notice(notice)
}
