package main

import (
	"errors"
	"os"
)

// runDemo is not built yet.
func runDemo(args []string) int {
	return fail(os.Stderr, "demo", errors.New("not built yet"))
}
