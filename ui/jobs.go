package ui

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// progressFunc reports how far a job has come: done of total steps, with a
// short line saying what it is doing. total <= 0 means unknown.
type progressFunc func(done, total int, what string)

// job is one piece of work run off the UI goroutine.
type job struct {
	title string // shown on the progress dialog and in error messages
	// modal shows a progress dialog while the job runs; quick jobs (loading
	// a story, a search) leave it off and only show the status line.
	modal bool
	// quiet leaves the status line alone: background work the analyst did
	// not ask for should not cover what the window is telling them.
	quiet bool
	// ctx, when set, is handed to work; cancelling it asks work to stop.
	ctx context.Context
	// work runs on its own goroutine: it must not touch widgets.
	work func(ctx context.Context, progress progressFunc) error
	// done runs on the UI goroutine after work, with its error (nil on
	// success); when done is nil, an error is shown in a dialog.
	done func(err error)
}

// jobRunner runs jobs off the UI goroutine, shows their progress, reports
// their errors, and hands results back through fyne.Do. It is the only place
// that starts goroutines that end on the UI.
type jobRunner struct {
	win     fyne.Window
	status  *widget.Label // one-line status under the window; may be nil
	dialogs *dialogKeys   // shows errors with Escape and Enter; may be nil
	// queue, when set, replaces fyne.Do: hand-backs wait there until wait
	// runs them on the caller's goroutine. Tests use it because the test
	// driver's fyne.Do runs at once on the job's goroutine, which would
	// race with the test's own goroutine playing the UI goroutine.
	queue   chan func()
	pending sync.Mutex // guards count
	count   int
	// idle is the status line between jobs: the last notice, if any.
	idle string
	// observe, when set, hears every status line shown (tests).
	observe func(string)
}

// queueHandBacks makes new job runners queue their hand-backs for wait
// (set by the tests).
var queueHandBacks bool

func newJobRunner(win fyne.Window, status *widget.Label) *jobRunner {
	r := &jobRunner{win: win, status: status}
	if queueHandBacks {
		r.queue = make(chan func(), 4096)
	}
	return r
}

// handBack runs fn on the UI goroutine.
func (r *jobRunner) handBack(fn func()) {
	if r.queue != nil {
		r.queue <- fn
		return
	}
	fyne.Do(fn)
}

// begin and end count work whose result is still to be handed back.
func (r *jobRunner) begin() {
	r.pending.Lock()
	r.count++
	r.pending.Unlock()
}

func (r *jobRunner) end() {
	r.pending.Lock()
	r.count--
	r.pending.Unlock()
}

func (r *jobRunner) busy() bool {
	r.pending.Lock()
	defer r.pending.Unlock()
	return r.count > 0
}

// run starts j and returns at once.
func (r *jobRunner) run(j job) {
	var prog *dialog.CustomDialog
	var bar *widget.ProgressBar
	var line *widget.Label
	if j.modal {
		bar = widget.NewProgressBar()
		line = widget.NewLabel("Starting…")
		line.Truncation = fyne.TextTruncateEllipsis
		prog = dialog.NewCustomWithoutButtons(j.title, widget.NewForm(
			widget.NewFormItem("", bar), widget.NewFormItem("", line)), r.win)
		prog.Resize(fyne.NewSize(420, 140))
		prog.Show()
	}
	if !j.quiet {
		r.setStatus(j.title + "…")
	}
	ctx := j.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	r.begin()
	go func() {
		progress := func(done, total int, what string) {
			if !j.modal {
				return
			}
			r.handBack(func() {
				if total > 0 {
					bar.Max = float64(total)
					bar.SetValue(float64(done))
				}
				line.SetText(what)
			})
		}
		err := safely(func() error { return j.work(ctx, progress) })
		r.handBack(func() {
			defer r.end()
			if prog != nil {
				prog.Hide()
			}
			if !j.quiet {
				r.setStatus(r.idle)
			}
			if j.done != nil {
				j.done(err)
				return
			}
			if err != nil {
				r.showError(j.title, err)
			}
		})
	}()
}

// safely runs work, turning a panic into an error so that a bug in one job
// ends in a message, not a crash.
func safely(work func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("unexpected failure: %v", p)
		}
	}()
	return work()
}

// wait runs the queued hand-backs on the caller's goroutine until no job
// is left, including jobs the hand-backs start. Tests use it; the app never
// blocks on jobs.
func (r *jobRunner) wait() {
	for r.busy() {
		if r.queue == nil {
			time.Sleep(time.Millisecond)
			continue
		}
		select {
		case fn := <-r.queue:
			fn()
		case <-time.After(10 * time.Millisecond):
		}
	}
	for len(r.queue) > 0 {
		(<-r.queue)()
	}
}

// notice puts s in the status line until the next notice: jobs show
// their own line while they run, then s again.
func (r *jobRunner) notice(s string) {
	r.idle = s
	r.setStatus(s)
}

func (r *jobRunner) setStatus(s string) {
	if r.observe != nil {
		r.observe(s)
	}
	if r.status != nil {
		r.status.SetText(s)
	}
}

// showError puts err in a dialog a person can read: what was being done,
// then why it failed.
func (r *jobRunner) showError(what string, err error) {
	if err == nil || errors.Is(err, context.Canceled) {
		return
	}
	err = fmt.Errorf("%s failed:\n%s", what, readable(err))
	if r.dialogs != nil {
		r.dialogs.showError(err)
		return
	}
	dialog.ShowError(err, r.win)
}
