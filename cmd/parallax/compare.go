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
	"strconv"
	"strings"
	"time"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/report"
	"github.com/parallax-news/parallax/store"
)

// compareFormats are the formats "parallax compare" writes: its own plain
// text and JSON, and the report formats.
var compareFormats = []string{"text", "json", report.FormatHTML, report.FormatPDF, report.FormatMarkdown}

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
	f := strings.ToLower(*format)
	if f == "markdown" {
		f = report.FormatMarkdown
	}
	if !validCompareFormat(f) {
		return fail(os.Stderr, "compare", fmt.Errorf("unknown format %q (want %s)", *format, strings.Join(compareFormats, ", ")))
	}
	toStdout := *outPath == "" || *outPath == "-"
	if f == report.FormatPDF && toStdout {
		return fail(os.Stderr, "compare", errors.New("a PDF needs a file: give -o FILE.pdf"))
	}
	in, err := loadVersions(context.Background(), pos, *db, os.Stderr)
	if err != nil {
		return fail(os.Stderr, "compare", err)
	}
	c, err := compare.Compare(in.versions)
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
func writeComparison(w io.Writer, format string, c *compare.Comparison, in loadedVersions) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(c)
	case "text":
		return writeCompareText(w, c)
	}
	doc := report.Document{
		Title:      comparisonTitle(c),
		Generated:  time.Now(),
		Comparison: c,
		ArticleOf:  in.articleOf,
		Meta:       in.meta,
	}
	return report.Write(w, format, doc, report.DefaultOptions())
}

// comparisonTitle names a comparison of loose files: the first version's
// title (versions are in ID order), else how many versions it holds.
func comparisonTitle(c *compare.Comparison) string {
	for _, v := range c.Versions {
		if t := strings.TrimSpace(v.Title); t != "" {
			return t
		}
	}
	return fmt.Sprintf("Comparison of %d versions", len(c.Versions))
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

// loadedVersions is what the arguments of "compare" name: the versions,
// what is known of each beyond its text, and the library article behind
// each version that came from the library.
type loadedVersions struct {
	versions  []compare.Version
	meta      map[string]report.VersionMeta // by version id
	articleOf map[string]int64              // by version id; files are absent
}

func (l *loadedVersions) add(v compare.Version, a *parallax.Article) {
	l.versions = append(l.versions, v)
	l.meta[v.ID] = report.VersionMeta{Source: a.Source.Name, URL: a.PathOrURL(), Published: a.Published, Byline: a.Byline}
}

// shortReason is err without the "ingest: PATH: " its message starts with.
func shortReason(path string, err error) string {
	return strings.TrimPrefix(err.Error(), "ingest: "+path+": ")
}

// loadVersions turns the arguments into versions: files and folders through
// ingest (id = file name without extension), numbers that name no file as
// library articles (id = article id). Files in a folder that are not
// articles by their kind (data, images) are skipped with a note to warn.
func loadVersions(ctx context.Context, args []string, dbFlag string, warn io.Writer) (loadedVersions, error) {
	out := loadedVersions{meta: map[string]report.VersionMeta{}, articleOf: map[string]int64{}}
	var paths []string
	var ids []int64
	for _, a := range args {
		if _, err := os.Stat(a); err != nil {
			if id, perr := strconv.ParseInt(a, 10, 64); perr == nil && id > 0 {
				ids = append(ids, id)
				continue
			}
		}
		paths = append(paths, a)
	}
	named := map[string]bool{}
	for _, p := range paths {
		named[filepath.Clean(p)] = true
	}
	var errs []error
	ingest.Walk(paths, os.Stdin, ingest.Options{}, func(r ingest.Result) {
		// A folder of versions may hold other files (notes, metadata) or a
		// bad one: those are passed over and named, but a file named
		// outright must be read.
		if r.Err != nil && !named[filepath.Clean(r.Path)] {
			fmt.Fprintf(warn, "parallax compare: skipping %s: %s\n", quotePath(r.Path), safeLine(shortReason(r.Path, r.Err)))
			return
		}
		if r.Err != nil {
			errs = append(errs, r.Err)
			return
		}
		v := compare.FromArticle(*r.Article)
		base := filepath.Base(r.Path)
		v.ID = strings.TrimSuffix(base, filepath.Ext(base))
		out.add(v, r.Article)
	})
	if len(errs) > 0 {
		return loadedVersions{}, errors.Join(errs...)
	}
	if len(ids) > 0 {
		path := store.ResolvePath(dbFlag)
		if _, err := os.Stat(path); err != nil {
			return loadedVersions{}, fmt.Errorf("no library at %s for article ids: %w", path, err)
		}
		s, err := store.Open(path)
		if err != nil {
			return loadedVersions{}, err
		}
		defer s.Close()
		for _, id := range ids {
			a, err := s.Article(ctx, id)
			if err != nil {
				return loadedVersions{}, fmt.Errorf("article %d: %w", id, err)
			}
			v := compare.FromArticle(*a)
			out.add(v, a)
			out.articleOf[v.ID] = a.ID
		}
	}
	if len(out.versions) == 0 {
		return loadedVersions{}, errors.New("no versions to compare")
	}
	return out, nil
}
