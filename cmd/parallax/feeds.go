package main

import (
	"errors"
	"os"
)

// runFeeds is not built yet.
func runFeeds(args []string) int {
	return fail(os.Stderr, "feeds", errors.New("not built yet"))
}
