package ui

import (
	"fmt"
	"os"
	"sync"
)

// startupTraceEnv names the environment variable that makes the window
// report its start-up steps on standard error, one line each as it
// reaches them: "parallax startup: window started", "… stories listed"
// (the newest page), "… story shown", "… story list complete" (the whole
// library; before the story when the page held every story).
// bench/scale times the lines and reads the process's CPU time and
// memory as each arrives.
const startupTraceEnv = "PARALLAX_STARTUP_TRACE"

// startupTrace prints each start-up step once, when tracing is on.
type startupTrace struct {
	on bool
	// observe, when set, hears each step as it is reached, traced or not
	// (for tests).
	observe func(step string)
	mu      sync.Mutex
	seen    map[string]bool
}

func newStartupTrace() *startupTrace {
	return &startupTrace{on: os.Getenv(startupTraceEnv) != "", seen: map[string]bool{}}
}

// mark reports step the first time it is reached.
func (t *startupTrace) mark(step string) {
	if t == nil || (!t.on && t.observe == nil) {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.seen[step] {
		return
	}
	t.seen[step] = true
	if t.observe != nil {
		t.observe(step)
	}
	if t.on {
		fmt.Fprintf(os.Stderr, "parallax startup: %s\n", step)
	}
}
