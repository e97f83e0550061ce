//go:build !linux

package hugeheap

// Reserve does nothing here: only Linux is asked for huge pages. It
// returns 0 and a closed channel.
func Reserve(size int) (advised int, done <-chan struct{}) {
	c := make(chan struct{})
	close(c)
	return 0, c
}
