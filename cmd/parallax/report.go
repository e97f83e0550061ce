package main

import (
	"errors"
	"os"
)

// runReport is not built yet.
func runReport(args []string) int {
	return fail(os.Stderr, "report", errors.New("not built yet"))
}
