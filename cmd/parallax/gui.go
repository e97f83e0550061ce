package main

import (
	"context"
	"fmt"
	"os"

	"fyne.io/fyne/v2/app"

	"github.com/parallax-news/parallax/store"
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
	st, err := store.OpenDefault(*db)
	if err != nil {
		fmt.Fprintf(os.Stderr, "parallax: %v\n", err)
		ui.RunError(a, store.ResolvePath(*db), err)
		return 1
	}
	defer st.Close()
	ui.LoadDemo = func(st *store.Store) error {
		_, err := loadDemo(context.Background(), st)
		return err
	}
	ui.Run(a, st)
	return 0
}
