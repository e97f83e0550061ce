package main

import (
	"context"
	"fmt"
	"time"

	"github.com/parallax-news/parallax/internal/cputime"
	"github.com/parallax-news/parallax/library"
	"github.com/parallax-news/parallax/store"
)

// measureOpenStory opens stories of the library at db as the window does
// (library.OpenStory: the versions, their comparison, decisions and
// notes), the newest ones, each first when its comparison is computed and
// cached and then again from the cache, and prints the median wall and
// CPU time of each.
func measureOpenStory(label, db string) error {
	st, err := store.Open(db)
	if err != nil {
		return err
	}
	lib := library.New(st)
	defer lib.Close()
	ctx := context.Background()
	stories, err := lib.Stories(ctx)
	if err != nil {
		return err
	}
	var first, cached, firstCPU, cachedCPU []time.Duration
	for _, s := range stories[:min(7, len(stories))] {
		for round := range 2 {
			start, cpu := time.Now(), cputime.Process()
			d, err := lib.OpenStory(ctx, s.ID)
			if err != nil {
				return fmt.Errorf("opening story %d: %w", s.ID, err)
			}
			wall, used := time.Since(start), cputime.Process()-cpu
			if round == 0 && !d.FromCache {
				first, firstCPU = append(first, wall), append(firstCPU, used)
			} else if round == 1 && d.FromCache {
				cached, cachedCPU = append(cached, wall), append(cachedCPU, used)
			}
		}
	}
	if len(first) > 0 {
		rowCPU(label, "open a story, compared", median(first), median(firstCPU))
	}
	if len(cached) > 0 {
		rowCPU(label, "open a story, from the cache", median(cached), median(cachedCPU))
	}
	return nil
}

// rowCPU prints a figure's wall time and the CPU time it used.
func rowCPU(label, what string, wall, cpu time.Duration) {
	record(what, wall)
	record(what+" (CPU)", cpu)
	fmt.Printf("%-8s %-34s %10s %10s\n", label, what, wall.Round(100*time.Microsecond), "cpu "+cpu.Round(100*time.Microsecond).String())
}
