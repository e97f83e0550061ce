package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax/compare"
	"github.com/parallax-news/parallax/report"
	"github.com/parallax-news/parallax/store"
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
	f, err := reportFormat(*format, *out)
	if err != nil {
		return fail(os.Stderr, "report", err)
	}
	if f == report.FormatPDF && (*out == "" || *out == "-") {
		return fail(os.Stderr, "report", errors.New("a PDF needs a file: give -o FILE.pdf"))
	}
	opt := report.Options{Flags: !*noFlags, Passages: !*noPassages, Notes: !*noNotes}

	ctx := context.Background()
	st, err := store.OpenDefault(*db)
	if err != nil {
		return fail(os.Stderr, "report", err)
	}
	defer st.Close()
	doc, err := storyDocument(ctx, st, pos[0])
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
			format = report.FormatHTML
		case "markdown":
			format = report.FormatMarkdown
		case "":
			format = report.FormatHTML
		default:
			format = ext
		}
	}
	format = strings.ToLower(format)
	if format == "markdown" {
		format = report.FormatMarkdown
	}
	for _, f := range report.Formats() {
		if f == format {
			return f, nil
		}
	}
	return "", fmt.Errorf("format %q: unknown (want one of %s)", format, strings.Join(report.Formats(), ", "))
}

// writeReportTo writes the report to path, or to standard output for "" and
// "-". A file is written whole or not at all (see writeFileAtomic).
func writeReportTo(path, format string, doc report.Document, opt report.Options) error {
	if path == "" || path == "-" {
		return report.Write(os.Stdout, format, doc, opt)
	}
	return writeFileAtomic(path, func(w io.Writer) error { return report.Write(w, format, doc, opt) })
}

// storyDocument loads a story (by id or exact title) from the library and
// everything its report shows: the comparison (cached or computed), the
// decisions and the notes.
func storyDocument(ctx context.Context, st *store.Store, storyArg string) (report.Document, error) {
	id, err := strconv.ParseInt(storyArg, 10, 64)
	if err != nil {
		if id, err = st.StoryByTitle(ctx, storyArg); err != nil {
			return report.Document{}, err
		}
	}
	story, err := st.Story(ctx, id)
	if err != nil {
		return report.Document{}, err
	}
	articles, err := st.StoryArticles(ctx, id)
	if err != nil {
		return report.Document{}, err
	}
	if len(articles) == 0 {
		return report.Document{}, fmt.Errorf("story %d %q: no articles", id, story.Title)
	}
	doc := report.Document{
		Title:     story.Title,
		Generated: time.Now(),
		ArticleOf: map[string]int64{},
		Meta:      map[string]report.VersionMeta{},
	}
	versions := make([]compare.Version, len(articles))
	for i, a := range articles {
		v := compare.FromArticle(*a)
		versions[i] = v
		doc.ArticleOf[v.ID] = a.ID
		doc.Meta[v.ID] = report.VersionMeta{Source: a.Source.Name, URL: a.PathOrURL(), Published: a.Published, Byline: a.Byline}
	}
	doc.Comparison, _, err = compare.CompareCached(ctx, st, id, versions)
	if doc.Comparison == nil {
		return report.Document{}, err
	}
	if err != nil {
		// The report does not need the cache; failing to fill it is not fatal.
		fmt.Fprintf(os.Stderr, "parallax report: %v\n", err)
	}
	if doc.Decisions, err = st.Decisions(ctx, id); err != nil {
		return report.Document{}, err
	}
	if doc.Notes, err = st.Notes(ctx, id); err != nil {
		return report.Document{}, err
	}
	return doc, nil
}
