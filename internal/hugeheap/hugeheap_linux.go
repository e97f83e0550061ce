package hugeheap

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"unsafe"
)

const madvHugepage = 14 // MADV_HUGEPAGE, Linux 2.6.38

// Reserve grows the heap by size bytes of fresh memory, advises huge
// pages on as much of it as is whole huge pages, and leaves it to a
// garbage collection it starts in the background to free for the heap's
// next allocations. It returns how many
// bytes were advised: 0 when the system has no transparent huge pages,
// has them turned off or gives them to all memory unasked, or when the
// advice was refused. Call it early: memory the heap already freed may
// be where the stretch lands, and is advised too late to fault in huge.
func Reserve(size int) (advised int) {
	_, _, advised, _ = reserve(size)
	return advised
}

// reserve is Reserve, also saying where the stretch it frees begins,
// where the advised part of it (whole huge pages) begins, and when the
// collection has freed it (done is closed).
func reserve(size int) (stretch, start uintptr, advised int, done <-chan struct{}) {
	freed := make(chan struct{})
	huge := pageSize()
	if huge <= 0 || size < 2*huge {
		close(freed)
		return 0, 0, 0, freed
	}
	b := uncleared(size)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	beg := (p + uintptr(huge) - 1) &^ (uintptr(huge) - 1)
	end := (p + uintptr(size)) &^ (uintptr(huge) - 1)
	if end > beg && syscall.Madvise(b[beg-p:end-p], madvHugepage) == nil {
		start, advised = beg, int(end-beg)
	}
	runtime.KeepAlive(b)
	// A collection of its own, not the one the allocation may have
	// started (which can have found b still in use): the caller goes on
	// meanwhile, on a heap of a few megabytes it takes a millisecond or two.
	go func() {
		runtime.GC()
		close(freed)
	}()
	return p, start, advised, freed
}

// uncleared allocates size bytes that the runtime does not clear. A
// make([]byte, size) is cleared whenever it lands, even partly, on pages
// the heap used before (after any collection that freed some): the whole
// stretch is then written page by page before it can be advised (5–10 ms
// with the pages resident; 180 ms and 16,000 faults in the one import
// of some 180 where it was seen). A strings.Builder grows
// without clearing; writing its first byte gives the buffer's address and
// touches one page. The bytes are never read.
func uncleared(size int) []byte {
	var sb strings.Builder
	sb.Grow(size)
	sb.WriteByte(0)
	return unsafe.Slice(unsafe.StringData(sb.String()), size)
}

// pageSize is the size of a transparent huge page, or 0 when asking for
// them is pointless: the system has none, gives none ("never"), or gives
// them to all memory without being asked ("always").
func pageSize() int {
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || !onRequest(string(mode)) {
		return 0
	}
	s, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size")
	if err != nil {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(s)))
	if err != nil || n <= 0 || n&(n-1) != 0 {
		return 0
	}
	return n
}

// onRequest says whether the system's mode for transparent huge pages, as
// /sys/kernel/mm/transparent_hugepage/enabled shows it ("always [madvise]
// never", the chosen one in brackets), gives them to memory that asks and
// only to it.
func onRequest(mode string) bool {
	return strings.Contains(mode, "[madvise]")
}
