package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax/compare"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/store"
)

// runCompare serves "parallax compare [--format F] [-o FILE] [--db PATH]
// FILE_OR_FOLDER_OR_ARTICLE_ID...": it aligns the versions and prints a
// report. Files and folders are read directly, without the library; a
// number that names no file is a library article id.
func runCompare(args []string) int {
	fs, db := newFlagSet("compare")
	format := fs.String("format", "text", "output format: text, json, html, pdf or md")
	outPath := fs.String("o", "", "write to FILE instead of standard output")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) == 0 {
		fmt.Fprintln(os.Stderr, "usage: parallax compare [--format text|json|html|pdf|md] [-o FILE] [--db PATH] FILE_OR_FOLDER_OR_ARTICLE_ID...")
		return 2
	}
	switch *format {
	case "text", "json", "html", "pdf", "md":
	default:
		return fail(os.Stderr, "compare", fmt.Errorf("unknown format %q (want text, json, html, pdf or md)", *format))
	}
	versions, err := loadVersions(context.Background(), pos, *db)
	if err != nil {
		return fail(os.Stderr, "compare", err)
	}
	c, err := compare.Compare(versions)
	if err != nil {
		return fail(os.Stderr, "compare", err)
	}
	var w io.Writer = os.Stdout
	var f *os.File
	if *outPath != "" {
		if f, err = os.Create(*outPath); err != nil {
			return fail(os.Stderr, "compare", err)
		}
		w = f
	}
	err = writeComparison(w, *format, c)
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fail(os.Stderr, "compare", err)
	}
	return 0
}

// writeComparison writes c in the given format.
func writeComparison(w io.Writer, format string, c *compare.Comparison) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(c)
	case "text":
		return writeCompareText(w, c)
	}
	// TODO(lead): wire the annotated reports: report.Write(w, format, c, decisions, notes).
	return fmt.Errorf("format %s is not wired yet; use text or json", format)
}

// loadVersions turns the arguments into versions: files and folders through
// ingest (id = file name without extension), numbers that name no file as
// library articles (id = article id).
func loadVersions(ctx context.Context, args []string, dbFlag string) ([]compare.Version, error) {
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
	var out []compare.Version
	var errs []error
	ingest.Walk(paths, os.Stdin, ingest.Options{}, func(r ingest.Result) {
		if r.Err != nil {
			errs = append(errs, r.Err)
			return
		}
		v := compare.FromArticle(*r.Article)
		base := filepath.Base(r.Path)
		v.ID = strings.TrimSuffix(base, filepath.Ext(base))
		out = append(out, v)
	})
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(ids) > 0 {
		path := store.ResolvePath(dbFlag)
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("no library at %s for article ids: %w", path, err)
		}
		s, err := store.Open(path)
		if err != nil {
			return nil, err
		}
		defer s.Close()
		for _, id := range ids {
			a, err := s.Article(ctx, id)
			if err != nil {
				return nil, fmt.Errorf("article %d: %w", id, err)
			}
			out = append(out, compare.FromArticle(*a))
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no versions to compare")
	}
	return out, nil
}
