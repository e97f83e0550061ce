package main

import (
	"errors"
	"os"
)

// runStories is not built yet.
func runStories(args []string) int {
	return fail(os.Stderr, "stories", errors.New("not built yet"))
}
