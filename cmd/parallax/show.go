package main

import (
	"errors"
	"os"
)

// runShow is not built yet.
func runShow(args []string) int {
	return fail(os.Stderr, "show", errors.New("not built yet"))
}
