package main

import (
	"go/build"
	"strings"
	"testing"
)

// The CLI reaches storage, ingest, comparison and reports only through
// the library's use cases, so it cannot rebuild a workflow of its own.
func TestCommandsReachTheWorkOnlyThroughLibrary(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	const module = "github.com/parallax-news/parallax/"
	for _, imp := range pkg.Imports {
		rest, ok := strings.CutPrefix(imp, module)
		if !ok {
			continue
		}
		switch first, _, _ := strings.Cut(rest, "/"); first {
		case "ingest", "store", "compare", "report":
			t.Errorf("cmd/parallax imports %s; reach it through library", imp)
		}
	}
}
