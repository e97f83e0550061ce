package ui

import (
	"context"
	"errors"
	"fmt"
	"sync"

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
	win    fyne.Window
	status *widget.Label // one-line status under the window; may be nil
	wg     sync.WaitGroup
	// handback serialises the hand-back callbacks. The app runs them on
	// the UI goroutine anyway; the test driver runs fyne.Do at once on the
	// calling goroutine, and this keeps two jobs' callbacks apart there.
	handback sync.Mutex
}

func newJobRunner(win fyne.Window, status *widget.Label) *jobRunner {
	return &jobRunner{win: win, status: status}
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
	r.setStatus(j.title + "…")
	r.wg.Add(1)
	go func() {
		progress := func(done, total int, what string) {
			if !j.modal {
				return
			}
			fyne.Do(func() {
				if total > 0 {
					bar.Max = float64(total)
					bar.SetValue(float64(done))
				}
				line.SetText(what)
			})
		}
		err := safely(func() error { return j.work(context.Background(), progress) })
		fyne.Do(func() {
			r.handback.Lock()
			defer r.wg.Done()
			defer r.handback.Unlock()
			if prog != nil {
				prog.Hide()
			}
			r.setStatus("")
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

// wait blocks until every job started so far has handed back its result.
// Tests use it; the app never blocks on jobs.
func (r *jobRunner) wait() { r.wg.Wait() }

func (r *jobRunner) setStatus(s string) {
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
	dialog.ShowError(fmt.Errorf("%s failed:\n%s", what, readable(err)), r.win)
}
