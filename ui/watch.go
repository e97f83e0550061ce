package ui

import (
	"fmt"
	"os"
	"sync"
	"time"
)

// watchInterval is how often the library's files are looked at.
const watchInterval = time.Second

// libraryWatch notices when the library changes outside the window: an
// import or a "stories merge" from a terminal, another window. SQLite
// writes every commit to the write-ahead log (and checkpoints into the
// database file), so a commit by anyone changes the size or modification
// time of one of the two files; looking at them costs two stat calls and
// no database connection. The window writes too (cached comparisons, read
// marks): when the files changed, the library's listing version says
// whether the story list did, so that those writes do not list a library
// of 100,000 articles again (and the background flag count, which caches
// one comparison after another, does not turn into one listing each).
type libraryWatch struct {
	files []string
	last  string // the files' signature at the last look
	// version reads the library's listing version; nil: every change of
	// the files counts.
	version     func() (int64, error)
	lastVersion int64

	mu     sync.Mutex    // guards last and stopCh
	stopCh chan struct{} // closed to stop the timer; nil when not running
}

func newLibraryWatch(path string, version func() (int64, error)) *libraryWatch {
	w := &libraryWatch{files: []string{path, path + "-wal"}, version: version}
	w.last = w.signature()
	if version != nil {
		w.lastVersion, _ = version()
	}
	return w
}

// signature is the files' sizes and modification times.
func (w *libraryWatch) signature() string {
	s := ""
	for _, f := range w.files {
		if fi, err := os.Stat(f); err == nil {
			s += fmt.Sprintf("%d@%d;", fi.Size(), fi.ModTime().UnixNano())
		} else {
			s += "-;"
		}
	}
	return s
}

// changed reports whether the library changed since the last call.
func (w *libraryWatch) changed() bool {
	sig := w.signature()
	w.mu.Lock()
	defer w.mu.Unlock()
	if sig == w.last {
		return false
	}
	w.last = sig
	if w.version == nil {
		return true
	}
	v, err := w.version()
	if err != nil {
		return true // cannot tell: list again
	}
	if v == w.lastVersion {
		return false
	}
	w.lastVersion = v
	return true
}

// start calls onChange (from the timer's goroutine) after each change.
func (w *libraryWatch) start(onChange func()) {
	w.stopTimer()
	stop := make(chan struct{})
	w.mu.Lock()
	w.stopCh = stop
	w.mu.Unlock()
	go func() {
		t := time.NewTicker(watchInterval)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				if w.changed() {
					onChange()
				}
			}
		}
	}()
}

// stop ends the timer; the watch may be started again.
func (w *libraryWatch) stop() { w.stopTimer() }

func (w *libraryWatch) stopTimer() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.stopCh != nil {
		close(w.stopCh)
		w.stopCh = nil
	}
}

// onLibraryChanged reloads what the window shows from the library.
func (mw *mainWindow) onLibraryChanged() {
	mw.loadStories(0, true)
	mw.feeds.refreshCounts()
}
