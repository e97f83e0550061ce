package main

import (
	"context"
	"fmt"
	"os"

	"github.com/parallax-news/parallax/library"
)

// runDemo loads the demo library: one story per folder of assets/demo.
func runDemo(args []string) int {
	fs, dbPath := newFlagSet("demo")
	ifEmpty := fs.Bool("if-empty", false, "load only when the library has no articles")
	if _, err := parseFlags(fs, args); err != nil {
		return 2
	}
	lib, err := library.Open(*dbPath)
	if err != nil {
		return fail(os.Stderr, "demo", err)
	}
	defer lib.Close()
	ctx := context.Background()
	if *ifEmpty {
		n, err := lib.CountArticles(ctx)
		if err != nil {
			return fail(os.Stderr, "demo", err)
		}
		if n > 0 {
			return 0
		}
	}
	n, err := lib.LoadDemo(ctx)
	if err != nil {
		return fail(os.Stderr, "demo", err)
	}
	fmt.Printf("demo library: %d articles loaded into %s\n", n, lib.Path())
	return 0
}
