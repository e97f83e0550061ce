//go:build !linux

package hugeheap

// Reserve does nothing here: only Linux is asked for huge pages. It
// returns 0.
func Reserve(size int) (advised int) { return 0 }
