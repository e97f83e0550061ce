package main

import (
	"errors"
	"os"
)

// runGUI is not built yet.
func runGUI(args []string) int {
	return fail(os.Stderr, "gui", errors.New("not built yet"))
}
