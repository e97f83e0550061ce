package main

import (
	"errors"
	"os"
)

// runSearch is not built yet.
func runSearch(args []string) int {
	return fail(os.Stderr, "search", errors.New("not built yet"))
}
