package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/hugeheap"
	"github.com/parallax-news/parallax/library"
)

// compareFormats are the formats "parallax compare" writes: its own plain
// text and JSON, and the report formats.
var compareFormats = []string{"text", "json", library.FormatHTML, library.FormatPDF, library.FormatMarkdown}

// runCompare serves "parallax compare [--format F] [-o FILE] [--db PATH]
// FILE_OR_FOLDER_OR_ARTICLE_ID...": it aligns the versions and prints a
// report. Files and folders are read directly, without the library; a
// number that names no file is a library article id.
func runCompare(args []string) int {
	fs, db := newFlagSet("compare")
	format := fs.String("format", "text", "output format: "+strings.Join(compareFormats, ", "))
	outPath := fs.String("o", "", "write to FILE (whole or not at all) instead of standard output")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) == 0 {
		fmt.Fprintln(os.Stderr, "usage: parallax compare [--format "+strings.Join(compareFormats, "|")+"] [-o FILE] [--db PATH] FILE_OR_FOLDER_OR_ARTICLE_ID...")
		return 2
	}
	hugeheap.Reserve(heapReserve)
	f := strings.ToLower(*format)
	if f == "markdown" {
		f = library.FormatMarkdown
	}
	if !validCompareFormat(f) {
		return fail(os.Stderr, "compare", fmt.Errorf("unknown format %q (want %s)", *format, strings.Join(compareFormats, ", ")))
	}
	toStdout := *outPath == "" || *outPath == "-"
	if f == library.FormatPDF && toStdout {
		return fail(os.Stderr, "compare", errors.New("a PDF needs a file: give -o FILE.pdf"))
	}
	in, err := library.LoadLoose(context.Background(), pos, os.Stdin, *db, skipWarning(os.Stderr))
	if err != nil {
		return fail(os.Stderr, "compare", err)
	}
	c, err := in.Compare()
	if err != nil {
		return fail(os.Stderr, "compare", err)
	}
	write := func(w io.Writer) error { return writeComparison(w, f, c, in) }
	if toStdout {
		err = write(os.Stdout)
	} else {
		err = writeFileAtomic(*outPath, write)
	}
	if err != nil {
		return fail(os.Stderr, "compare", err)
	}
	return 0
}

func validCompareFormat(f string) bool {
	for _, g := range compareFormats {
		if f == g {
			return true
		}
	}
	return false
}

// writeComparison writes c in the given format; the report formats also
// show what in knows of each version (source, date, byline).
func writeComparison(w io.Writer, format string, c *parallax.Comparison, in *library.Loose) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(c)
	case "text":
		return writeCompareText(w, c, in.Labels)
	}
	return library.WriteReport(w, format, in.Document(c, time.Now()), library.DefaultReportOptions())
}

// writeFileAtomic writes a file whole or not at all: into a temporary file
// in the same folder, renamed over path once complete, so that a failed
// write never leaves a truncated file or clobbers an earlier one.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".parallax-compare-*")
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	bw := bufio.NewWriter(tmp)
	if err := write(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// skipWarning names on w each file of a folder that compare passes over.
func skipWarning(w io.Writer) func(path string, err error) {
	return func(path string, err error) {
		reason := strings.TrimPrefix(err.Error(), "ingest: "+path+": ")
		fmt.Fprintf(w, "parallax compare: skipping %s: %s\n", quotePath(path), safeLine(reason))
	}
}
