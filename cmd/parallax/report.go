package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	parallax "github.com/parallax-news/parallax"
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
// "-". A file is written whole or not at all: into a temporary file first,
// renamed over path when complete.
func writeReportTo(path, format string, doc report.Document, opt report.Options) error {
	if path == "" || path == "-" {
		return report.Write(os.Stdout, format, doc, opt)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".parallax-report-*")
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := report.Write(tmp, format, doc, opt); err != nil {
		tmp.Close()
		return err
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

// The store methods a report uses beyond the articles. They are reached
// through interfaces so that this command builds while the store grows
// them, and uses each as soon as it exists.
type (
	articlePtrLister interface {
		StoryArticles(ctx context.Context, storyID int64) ([]*parallax.Article, error)
	}
	articleLister interface {
		StoryArticles(ctx context.Context, storyID int64) ([]parallax.Article, error)
	}
	decisionLister interface {
		Decisions(ctx context.Context, storyID int64) (map[string]parallax.Decision, error)
	}
	noteLister interface {
		Notes(ctx context.Context, storyID int64) ([]parallax.Note, error)
	}
	comparisonCache interface {
		CachedComparison(ctx context.Context, storyID int64, key string) ([]byte, error)
		PutComparison(ctx context.Context, storyID int64, key string, data []byte, flagKeys []string) error
	}
)

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
	var articles []parallax.Article
	switch s := any(st).(type) {
	case articleLister:
		articles, err = s.StoryArticles(ctx, id)
	case articlePtrLister:
		var ptrs []*parallax.Article
		ptrs, err = s.StoryArticles(ctx, id)
		for _, a := range ptrs {
			articles = append(articles, *a)
		}
	default:
		err = errors.New("store: cannot list a story's articles")
	}
	if err != nil {
		return report.Document{}, err
	}
	if len(articles) == 0 {
		return report.Document{}, fmt.Errorf("story %d %q: no articles", id, story.Title)
	}
	doc := report.Document{
		Title:      story.Title,
		Generated:  time.Now(),
		AppVersion: parallaxVersion(),
		ArticleOf:  map[string]int64{},
		Meta:       map[string]report.VersionMeta{},
	}
	versions := make([]compare.Version, len(articles))
	for i, a := range articles {
		v := compare.FromArticle(a)
		versions[i] = v
		doc.ArticleOf[v.ID] = a.ID
		doc.Meta[v.ID] = report.VersionMeta{Source: a.Source.Name, URL: a.PathOrURL(), Published: a.Published, Byline: a.Byline}
	}
	if doc.Comparison, err = storyComparison(ctx, st, id, versions); err != nil {
		return report.Document{}, err
	}
	if s, ok := any(st).(decisionLister); ok {
		if doc.Decisions, err = s.Decisions(ctx, id); err != nil {
			return report.Document{}, err
		}
	}
	if s, ok := any(st).(noteLister); ok {
		if doc.Notes, err = s.Notes(ctx, id); err != nil {
			return report.Document{}, err
		}
	}
	return doc, nil
}

// storyComparison returns the cached comparison of the story's versions
// when its key still matches, else computes it and caches it.
func storyComparison(ctx context.Context, st *store.Store, storyID int64, versions []compare.Version) (*compare.Comparison, error) {
	cache, cached := any(st).(comparisonCache)
	key := compare.CacheKey(versions)
	if cached {
		data, err := cache.CachedComparison(ctx, storyID, key)
		if err == nil {
			var c compare.Comparison
			if json.Unmarshal(data, &c) == nil {
				return &c, nil
			}
			// A cache that does not decode is recomputed and overwritten below.
		} else if !errors.Is(err, store.ErrNotFound) {
			return nil, err
		}
	}
	c, err := compare.Compare(versions)
	if err != nil {
		return nil, err
	}
	if cached {
		data, err := json.Marshal(c)
		if err != nil {
			return nil, fmt.Errorf("comparison: %w", err)
		}
		keys := make([]string, len(c.Flags))
		for i, f := range c.Flags {
			keys[i] = f.Key
		}
		// The report does not need the cache; failing to fill it is not fatal.
		if err := cache.PutComparison(ctx, storyID, key, data, keys); err != nil {
			fmt.Fprintf(os.Stderr, "parallax report: caching the comparison: %v\n", err)
		}
	}
	return c, nil
}

// parallaxVersion is the version the binary was built as ("(devel)" for a
// local build).
func parallaxVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
