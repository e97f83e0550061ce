//go:build unix

// Package cputime reads the CPU time the process, or the calling thread,
// has used: on a loaded machine a benchmark's wall time says little, its
// CPU time more.
package cputime

import (
	"syscall"
	"time"
)

// Process is the user and system time the process has used (0 where it
// cannot be read).
func Process() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
