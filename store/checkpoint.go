package store

import (
	"context"
	"sync"
)

// checkpointEvery is how many stored articles make the background
// checkpointer run. An article appends about 16 pages to the write-ahead
// log, so this keeps the log (about 8 MB at most between two runs) far
// under the backstop at which SQLite checkpoints inside a commit (see
// autoCheckpointPages). It was 32 when that backstop was SQLite's 1,000
// pages: a run copies once a page that the articles since the last run
// wrote several times, so with runs four times rarer a 500-file import
// made about 150 fewer reads and writes of pages and 8 fsyncs instead of
// 14 (medians of 4 imports).
const checkpointEvery = 128

// checkpointer copies the write-ahead log back into the library file on a
// goroutine of its own, so that an import's commits never wait for it.
type checkpointer struct {
	kick chan struct{}
	done chan struct{}
	once sync.Once
	// stopped (set by Close's goroutine, read by it): kick is closed.
	stopped bool
}

// startCheckpointer starts s's checkpointer.
func (s *Store) startCheckpointer() {
	c := &checkpointer{kick: make(chan struct{}, 1), done: make(chan struct{})}
	s.ckpt = c
	go func() {
		defer close(c.done)
		for range c.kick {
			// PASSIVE never waits for readers or writers: what it cannot
			// copy now, the next run copies. An error (another process
			// holding the file) is left for SQLite's own checkpoint.
			s.db.ExecContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`)
		}
	}()
}

// articleStored counts one committed article and wakes the checkpointer
// every checkpointEvery of them.
func (s *Store) articleStored() {
	if s.ckpt == nil || s.sinceCheckpoint.Add(1)%checkpointEvery != 0 {
		return
	}
	select {
	case s.ckpt.kick <- struct{}{}:
	default: // a run is already due
	}
}

// checkpointSoon wakes the checkpointer when articles were stored since
// it last ran: Close does, so that the library's log is copied back while
// the indexer catches up, rather than after.
func (s *Store) checkpointSoon() {
	if s.ckpt == nil || s.ckpt.stopped || s.sinceCheckpoint.Load()%checkpointEvery == 0 {
		return
	}
	select {
	case s.ckpt.kick <- struct{}{}:
	default: // a run is already due
	}
}

// stopCheckpointer ends the checkpointer and waits for its last run.
func (s *Store) stopCheckpointer() {
	if s.ckpt == nil {
		return
	}
	s.ckpt.once.Do(func() {
		s.ckpt.stopped = true
		close(s.ckpt.kick)
	})
	<-s.ckpt.done
}
