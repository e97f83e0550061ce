package ui

import (
	"context"

	parallax "github.com/parallax-news/parallax"
)

// maxCountedStories caps how many of the newest stories the background
// pass compares, so a large library does not keep a core busy for long.
var maxCountedStories = 50

// openFlagCounter compares a story, caching the comparison, and counts its
// open flags (the library does); computed is false when the cached count
// was still good.
type openFlagCounter interface {
	CountOpenFlags(ctx context.Context, id int64) (n int, computed bool, err error)
}

// counterEvents is what the flag counter asks of the window.
type counterEvents struct {
	// selected is the story shown, which opening it has counted already.
	selected func() int64
	// counted gives story id's newly computed open-flag count.
	counted func(id int64, n int)
}

// flagCounter fills in the sidebar's open-flag counts of stories never
// compared (or changed since), in the background after the library is
// listed: one story at a time, newest first, each comparison cached. It
// counts through the library and tells the window through its events; it
// knows nothing else of the window.
type flagCounter struct {
	jobs   *jobRunner
	lib    openFlagCounter
	events counterEvents
	cancel context.CancelFunc // stops the pass under way; nil when none
	// computed counts the comparisons the passes made (for tests).
	computed int
}

func newFlagCounter(jobs *jobRunner, lib openFlagCounter, events counterEvents) *flagCounter {
	return &flagCounter{jobs: jobs, lib: lib, events: events}
}

// start stops any pass under way and begins a new one over the newest
// stories of the listing. It runs on the UI goroutine.
func (c *flagCounter) start(stories []parallax.Story) {
	c.stop()
	ids := make([]int64, 0, min(len(stories), maxCountedStories))
	for _, s := range stories[:min(len(stories), maxCountedStories)] {
		if s.Versions > 0 {
			ids = append(ids, s.ID)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	c.cancel = cancel
	c.next(ctx, ids)
}

// stop cancels the pass under way, if any; the story being compared is
// finished and cached, the rest are left.
func (c *flagCounter) stop() {
	if c.cancel != nil {
		c.cancel()
		c.cancel = nil
	}
}

// next compares the first story of ids that needs it, shows its count,
// and goes on with the rest.
func (c *flagCounter) next(ctx context.Context, ids []int64) {
	// The selected story is compared by opening it, which shows its count.
	shown := c.events.selected()
	for len(ids) > 0 && ids[0] == shown {
		ids = ids[1:]
	}
	if len(ids) == 0 || ctx.Err() != nil {
		return
	}
	id, rest := ids[0], ids[1:]
	var n int
	var computed bool
	c.jobs.run(job{
		title: "Counting open flags",
		quiet: true,
		ctx:   ctx,
		work: func(ctx context.Context, _ progressFunc) error {
			var err error
			n, computed, err = c.lib.CountOpenFlags(ctx, id)
			return err
		},
		done: func(err error) {
			if ctx.Err() != nil {
				return
			}
			// A story that fails to compare says why when it is opened;
			// the pass goes on with the others.
			if err == nil && computed {
				c.computed++
				c.events.counted(id, n)
			}
			c.next(ctx, rest)
		},
	})
}
