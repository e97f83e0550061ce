//go:build !unix

// Package cputime reads the CPU time the process, or the calling thread,
// has used; on this system it cannot, and every figure is 0.
package cputime

import "time"

// Process is not measured here: 0.
func Process() time.Duration { return 0 }
