package cputime

import (
	"syscall"
	"time"
)

// Thread is the user and system time the calling thread has used. A
// goroutine locked to its thread (runtime.LockOSThread) gets the time of
// the work done on it alone, cgo calls included.
func Thread() time.Duration {
	const rusageThread = 1 // RUSAGE_THREAD, which package syscall does not name
	var ru syscall.Rusage
	if syscall.Getrusage(rusageThread, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
