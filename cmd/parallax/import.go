package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/parallax-news/parallax/internal/hugeheap"
	"github.com/parallax-news/parallax/library"
)

// runImport serves "parallax import [--story ID|NEW-TITLE] [--max-size N] PATH...".
// Without --story each article joins the story automatic grouping picks
// for it (a new one when none fits).
func runImport(args []string) int {
	fs, db := newFlagSet("import")
	story := fs.String("story", "", "put the articles in story `ID`, or in a new story with this title; without it, group automatically")
	maxSize := fs.String("max-size", "20MB", "refuse files larger than this (bytes, or with KB, MB, GB)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: parallax import [--db PATH] [--story ID|NEW-TITLE] [--max-size SIZE] PATH|URL... (- reads standard input)")
		fs.PrintDefaults()
	}
	paths, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	if len(paths) == 0 {
		fs.Usage()
		return 2
	}
	limit, err := library.ParseSize(*maxSize)
	if err != nil {
		return fail(os.Stderr, "import", fmt.Errorf("--max-size: %w", err))
	}
	hugeheap.Reserve(heapReserve)
	lib, err := library.Open(*db)
	if err != nil {
		return fail(os.Stderr, "import", err)
	}
	defer lib.Close()
	ctx := context.Background()
	target, err := lib.ParseTarget(ctx, *story)
	if err != nil {
		return fail(os.Stderr, "import", err)
	}
	im := lib.NewImporter(target)
	refused := 0
	// Automatic grouping decides for a whole batch at once, so that
	// versions imported together find each other, and places each batch
	// while the one before is being stored (im.AddBatches); each batch is
	// stored in one transaction, which is most of an import's speed
	// (im.Batches). A batch's lines are written at once, after its
	// commit: one write, not one per file, and never a line for a file
	// not yet stored.
	out := bufio.NewWriter(os.Stdout)
	im.AddBatches(ctx, im.Batches(lib.ReadInputs(ctx, paths, os.Stdin, limit)), func(outs []library.Outcome) {
		for _, o := range outs {
			if !printOutcome(out, o) {
				refused++
			}
		}
		out.Flush()
	})
	if refused > 0 {
		return 1
	}
	return 0
}

// printOutcome prints one line on what became of an input, and reports
// whether it was stored (or already there).
func printOutcome(w io.Writer, out library.Outcome) bool {
	switch out.Kind {
	case library.Imported:
		fmt.Fprintf(w, "imported %s: article %d in story %d: %s\n", quotePath(out.Path), out.ArticleID, out.StoryID, oneLine(out.Article.Title))
	case library.Duplicate:
		fmt.Fprintf(w, "duplicate %s: already article %d in story %d; nothing stored\n", quotePath(out.Path), out.ArticleID, out.StoryID)
	default:
		msg := strings.TrimPrefix(out.Err.Error(), "ingest: "+out.Path+": ")
		msg = strings.ReplaceAll(msg, out.Path, quotePath(out.Path))
		fmt.Fprintf(w, "refused %s: %s\n", quotePath(out.Path), safeLine(msg))
		return false
	}
	return true
}

// oneLine squeezes s onto one line for terminal output.
func oneLine(s string) string {
	s = safeLine(strings.Join(strings.Fields(s), " "))
	if s == "" {
		return "(untitled)"
	}
	return s
}
