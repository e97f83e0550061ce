package main

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2/app"

	"github.com/parallax-news/parallax/library"
	"github.com/parallax-news/parallax/ui"
)

// appID is the application id, as in FyneApp.toml.
const appID = "news.parallax.app"

// runGUI opens the main window on the library named by --db, else
// $PARALLAX_DB, else the user data directory.
func runGUI(args []string) int {
	fs, db := newFlagSet("gui")
	if _, err := parseFlags(fs, args); err != nil {
		return 2
	}
	a := app.NewWithID(appID)
	// A library not closed cleanly is checked after the window is shown,
	// its writes held until then; commands check it at open.
	lib, err := library.Open(*db, library.DeferCheck())
	if err != nil {
		fmt.Fprintf(os.Stderr, "parallax: %v\n", err)
		ui.RunError(a, library.ResolvePath(*db), err)
		return 1
	}
	defer lib.Close()
	ui.Run(a, lib)
	return 0
}
