package main

import (
	"errors"
	"os"
)

// runImport is not built yet.
func runImport(args []string) int {
	return fail(os.Stderr, "import", errors.New("not built yet"))
}
