// Command parallax is the Parallax desktop app. With no arguments it opens
// the window; with a subcommand (import, compare, report, …) it serves
// scripts and tests. Run "parallax help" for the list.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		os.Exit(runGUI(nil))
	}
	cmd, ok := commands[os.Args[1]]
	if !ok {
		fmt.Fprintf(os.Stderr, "parallax: unknown command %q; run \"parallax help\"\n", os.Args[1])
		os.Exit(2)
	}
	os.Exit(cmd.run(os.Args[2:]))
}
