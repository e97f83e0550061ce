// Command parallax is the Parallax desktop app. With no arguments it opens
// the window; with a subcommand (import, compare, report, …) it serves
// scripts and tests. Run "parallax help" for the list.
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/parallax-news/parallax/internal/clocale"
	"github.com/parallax-news/parallax/internal/hugeheap"
)

func main() {
	clocale.Restore()
	// No command, or only flags ("parallax --db lib.db"): the window.
	if len(os.Args) < 2 || strings.HasPrefix(os.Args[1], "-") {
		hugeheap.Reserve(heapReserve)
		os.Exit(runGUI(os.Args[1:]))
	}
	cmd, ok := commands[os.Args[1]]
	if !ok {
		fmt.Fprintf(os.Stderr, "parallax: unknown command %q; run \"parallax help\"\n", os.Args[1])
		os.Exit(2)
	}
	os.Exit(cmd.run(os.Args[2:]))
}

// heapReserve is how much of the heap the window, an import, a
// comparison and a report ask for in huge pages as they start (see
// internal/hugeheap): more than the window on a 100,000-article library or
// a grouped import holds at its peak (about 26 MB). The short commands do
// without: the collection that frees the stretch costs them more than the
// few hundred pages they touch.
const heapReserve = 64 << 20
