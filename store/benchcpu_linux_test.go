package store

import (
	"syscall"
	"time"
)

// benchCPU is the user and system time the process and the calling
// thread have used. A benchmark that locks its goroutine to its thread
// (runtime.LockOSThread) gets, in thread, the time of the work done on
// it alone: the store's part of an import, cgo calls included, without
// the parsing and checkpointing that run beside it.
func benchCPU() (process, thread time.Duration) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		process = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	const rusageThread = 1 // RUSAGE_THREAD, which package syscall does not name
	if syscall.Getrusage(rusageThread, &ru) == nil {
		thread = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return process, thread
}
