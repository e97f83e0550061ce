//go:build !linux

package store

import "time"

// benchCPU is not measured here: the benchmarks report 0 CPU time.
func benchCPU() (process, thread time.Duration) { return 0, 0 }
