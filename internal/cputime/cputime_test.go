package cputime

import (
	"runtime"
	"testing"
	"time"
)

func TestCPUTimeGrowsWithWork(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("thread CPU time is read on Linux only")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	p0, t0 := Process(), Thread()
	x := 0
	for start := time.Now(); time.Since(start) < 30*time.Millisecond; {
		x++
	}
	p, th := Process()-p0, Thread()-t0
	if th <= 0 || p < th {
		t.Fatalf("after 30 ms of work on this thread: process %v, thread %v (x %d)", p, th, x)
	}
}
