package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/parallax-news/parallax/internal/hugeheap"
	"github.com/parallax-news/parallax/library"
)

// runReport writes a story's annotated report:
//
//	parallax report STORY [--format html|pdf|md|json] [-o FILE] [--db PATH]
//
// STORY is a story id or its exact title. Without --format the format
// follows the extension of -o (html when there is none); without -o, or
// with -o -, the report goes to standard output, except a PDF.
func runReport(args []string) int {
	fs, db := newFlagSet("report")
	format := fs.String("format", "", "html, pdf, md or json (default: from the -o extension, else html)")
	out := fs.String("o", "", "file to write (default or -: standard output; not for pdf)")
	noFlags := fs.Bool("no-flags", false, "leave out the flags")
	noPassages := fs.Bool("no-passages", false, "leave out the aligned passages")
	noNotes := fs.Bool("no-notes", false, "leave out the analyst's notes")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) != 1 {
		fmt.Fprintln(os.Stderr, "usage: parallax report STORY [--format html|pdf|md|json] [-o FILE] [--db PATH]")
		return 2
	}
	hugeheap.Reserve(heapReserve)
	f, err := reportFormat(*format, *out)
	if err != nil {
		return fail(os.Stderr, "report", err)
	}
	if f == library.FormatPDF && (*out == "" || *out == "-") {
		return fail(os.Stderr, "report", errors.New("a PDF needs a file: give -o FILE.pdf"))
	}
	opt := library.ReportOptions{Flags: !*noFlags, Passages: !*noPassages, Notes: !*noNotes}

	ctx := context.Background()
	st, err := library.Open(*db)
	if err != nil {
		return fail(os.Stderr, "report", err)
	}
	defer st.Close()
	doc, err := st.StoryDocument(ctx, pos[0])
	if err != nil {
		return fail(os.Stderr, "report", err)
	}
	if err := writeReportTo(*out, f, doc, opt); err != nil {
		return fail(os.Stderr, "report", err)
	}
	return 0
}

// reportFormat picks the format from --format, else from the extension of
// the output file.
func reportFormat(format, out string) (string, error) {
	if format == "" {
		switch ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(out), ".")); ext {
		case "htm":
			format = library.FormatHTML
		case "markdown":
			format = library.FormatMarkdown
		case "":
			format = library.FormatHTML
		default:
			format = ext
		}
	}
	format = strings.ToLower(format)
	if format == "markdown" {
		format = library.FormatMarkdown
	}
	for _, f := range library.ReportFormats() {
		if f == format {
			return f, nil
		}
	}
	return "", fmt.Errorf("format %q: unknown (want one of %s)", format, strings.Join(library.ReportFormats(), ", "))
}

// writeReportTo writes the report to path, or to standard output for "" and
// "-". A file is written whole or not at all (see writeFileAtomic).
func writeReportTo(path, format string, doc library.Document, opt library.ReportOptions) error {
	if path == "" || path == "-" {
		return library.WriteReport(os.Stdout, format, doc, opt)
	}
	return writeFileAtomic(path, func(w io.Writer) error { return library.WriteReport(w, format, doc, opt) })
}
