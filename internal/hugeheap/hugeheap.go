// Package hugeheap asks the system to back the first stretch of the Go
// heap with transparent huge pages.
//
// On the virtual machines Parallax is measured on, every 4 KB page the
// process touches for the first time costs 15–20 µs in the kernel and the
// hypervisor, and an import or the window's start touches thousands of
// fresh heap pages: a grouped import of 500 articles about 7,000, the
// window on a 100,000-article library about 15,000. Linux's default
// ("madvise") gives huge pages only to memory that asks for them, and
// the Go runtime (1.26 here) does not ask for its heap, so each of those
// pages is a fault of its own. Reserve grows the heap by a stretch
// of fresh, untouched memory, advises huge pages on it and hands it back
// to the heap, whose next allocations then fault in 2 MB at a time.
package hugeheap
