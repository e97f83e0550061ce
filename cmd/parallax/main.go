// Command parallax is the Parallax desktop app. With no arguments it opens
// the window; with a subcommand (import, compare, report, …) it serves
// scripts and tests. Run "parallax help" for the list.
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/parallax-news/parallax/internal/clocale"
)

func main() {
	clocale.Restore()
	// No command, or only flags ("parallax --db lib.db"): the window.
	if len(os.Args) < 2 || strings.HasPrefix(os.Args[1], "-") {
		os.Exit(runGUI(os.Args[1:]))
	}
	cmd, ok := commands[os.Args[1]]
	if !ok {
		fmt.Fprintf(os.Stderr, "parallax: unknown command %q; run \"parallax help\"\n", os.Args[1])
		os.Exit(2)
	}
	os.Exit(cmd.run(os.Args[2:]))
}
