package ui

import (
	"fmt"
	"os"
	"sync"
)

// startupTraceEnv names the environment variable that makes the window
// report its start-up steps on standard error, one line each as it
// reaches them: "parallax startup: window started", "… stories listed",
// "… story shown". bench/scale times the lines and reads the process's
// CPU time and memory as each arrives.
const startupTraceEnv = "PARALLAX_STARTUP_TRACE"

// startupTrace prints each start-up step once, when tracing is on.
type startupTrace struct {
	on   bool
	mu   sync.Mutex
	seen map[string]bool
}

func newStartupTrace() *startupTrace {
	return &startupTrace{on: os.Getenv(startupTraceEnv) != "", seen: map[string]bool{}}
}

// mark reports step the first time it is reached.
func (t *startupTrace) mark(step string) {
	if t == nil || !t.on {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.seen[step] {
		return
	}
	t.seen[step] = true
	fmt.Fprintf(os.Stderr, "parallax startup: %s\n", step)
}
