package main

import (
	"errors"
	"os"
)

// runStoriesEdit serves "stories merge|split|move". Not built yet.
func runStoriesEdit(args []string) int {
	return fail(os.Stderr, "stories", errors.New("merge, split and move are not built yet"))
}
