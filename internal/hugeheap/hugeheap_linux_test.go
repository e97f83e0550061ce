package hugeheap

import (
	"bufio"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// TestReserveAdvisesTheHeap requires that the stretch Reserve hands back
// to the heap is marked for huge pages ("hg" among its mapping's flags in
// /proc/self/smaps), all but its ends, and that the heap's next big
// allocation is served from it. Reserve is for a fresh heap, so the
// checks run in a process of their own.
func TestReserveAdvisesTheHeap(t *testing.T) {
	huge := pageSize()
	if huge == 0 {
		t.Skip("this system's transparent huge pages are not given on request (mode not madvise)")
	}
	if !inFreshProcess(t) {
		return
	}
	size := 32 * huge
	stretch, start, n, done := reserve(size)
	<-done
	if n < size-2*huge {
		t.Fatalf("advised %d bytes of %d", n, size)
	}
	for _, m := range mappings(t) {
		if m.end <= start || m.start >= start+uintptr(n) {
			continue
		}
		if !m.flags["hg"] {
			t.Errorf("mapping %x-%x, within the advised %x-%x, is not marked for huge pages: %v",
				m.start, m.end, start, start+uintptr(n), m.flags)
		}
	}

	// The heap's next big allocation comes from the freed stretch (the
	// lowest free pages), and clearing it touches memory: with huge pages,
	// a fault per 2 MB rather than per 4 KB, when the kernel has free huge
	// pages to give (it may not, so that is only reported).
	var before, after syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	b := make([]byte, 8*huge)
	syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	// (It may begin a few pages early, on pages freed just below it.)
	if p+uintptr(huge) < stretch || p+uintptr(len(b)) > stretch+uintptr(size) {
		t.Errorf("an allocation of %d bytes after Reserve is at %x, outside the freed stretch %x-%x", len(b), p, stretch, stretch+uintptr(size))
	}
	t.Logf("%d bytes allocated in the advised stretch: %d page faults (%d pages of 4 KB)",
		len(b), after.Minflt-before.Minflt, len(b)/4096)
}

// inFreshProcess runs the calling test alone in a new process (a fresh
// heap) and reports whether this is that process.
func inFreshProcess(t *testing.T) bool {
	t.Helper()
	if os.Getenv("HUGEHEAP_FRESH") != "" {
		return true
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), "HUGEHEAP_FRESH=1")
	out, err := cmd.CombinedOutput()
	t.Logf("in a fresh process:\n%s", out)
	if err != nil {
		t.Fatalf("in a fresh process: %v", err)
	}
	return false
}

var reused []byte

// Reserve's stretch (uncleared) is not cleared when it lands on memory
// the heap used and freed: clearing would touch every page, 4 KB at a
// time, before the advice.
func TestStretchOnFreedMemoryIsNotCleared(t *testing.T) {
	if !inFreshProcess(t) {
		return
	}
	const page, size = 4096, 64 << 20
	reused = make([]byte, size+4<<20)
	for i := range reused {
		reused[i] = 0xAA
	}
	old := uintptr(unsafe.Pointer(unsafe.SliceData(reused)))
	reused = nil
	runtime.GC() // frees it: the heap's lowest free run that is big enough
	b := uncleared(size)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	if p < old || p+size > old+size+4<<20 {
		t.Skipf("the stretch %x is not on the freed %x (the heap placed it elsewhere)", p, old)
	}
	// Pages the runtime gave back to the system read 0 either way; a
	// cleared stretch has no 0xAA left on any.
	left := 0
	for off := page; off < size; off += 256 * page {
		if b[off] == 0xAA {
			left++
		}
	}
	if left == 0 {
		t.Fatalf("the stretch on freed memory was cleared: none of %d pages sampled kept the old bytes", size/(256*page))
	}
	t.Logf("%d of %d pages sampled kept the old bytes (not cleared)", left, size/(256*page))
}

func TestReserveRefusesTooLittle(t *testing.T) {
	if got := Reserve(4096); got != 0 {
		t.Fatalf("Reserve(4096) advised %d bytes, want 0", got)
	}
}

func TestOnRequest(t *testing.T) {
	for mode, want := range map[string]bool{
		"always [madvise] never\n": true,
		"[always] madvise never\n": false, // the heap has them unasked
		"always madvise [never]\n": false,
		"":                         false,
	} {
		if got := onRequest(mode); got != want {
			t.Errorf("onRequest(%q) = %v, want %v", mode, got, want)
		}
	}
}

type mapping struct {
	start, end uintptr
	flags      map[string]bool
}

// mappings reads the process's mappings and their flags.
func mappings(t *testing.T) []mapping {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	var out []mapping
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && len(out) > 0 {
			for _, fl := range strings.Fields(flags) {
				out[len(out)-1].flags[fl] = true
			}
			continue
		}
		addr, _, ok := strings.Cut(line, " ")
		lo, hi, ok2 := strings.Cut(addr, "-")
		if !ok || !ok2 {
			continue
		}
		s, err1 := strconv.ParseUint(lo, 16, 64)
		e, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 != nil || err2 != nil {
			continue
		}
		out = append(out, mapping{uintptr(s), uintptr(e), map[string]bool{}})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
