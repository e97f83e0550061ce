package main

import (
	"errors"
	"os"
)

// runCompare is not built yet.
func runCompare(args []string) int {
	return fail(os.Stderr, "compare", errors.New("not built yet"))
}
