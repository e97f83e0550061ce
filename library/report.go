package library

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

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/report"
)

// FindStory reads a story argument: its id, else its exact title.
func (l *Library) FindStory(ctx context.Context, arg string) (int64, error) {
	if id, err := strconv.ParseInt(arg, 10, 64); err == nil {
		return id, nil
	}
	return l.StoryByTitle(ctx, arg)
}

// Document is the report of an open story: its comparison, decisions and
// notes, with each version's metadata and label.
func (s *Story) Document(generated time.Time) report.Document {
	doc := report.Document{
		Title:      s.Story.Title,
		Generated:  generated,
		Comparison: s.Comparison,
		Decisions:  s.Decisions,
		Notes:      s.Notes,
		Labels:     s.Labels,
		ArticleOf:  map[string]int64{},
		Meta:       map[string]report.VersionMeta{},
	}
	for id, a := range s.ByVersion {
		doc.ArticleOf[id] = a.ID
		doc.Meta[id] = versionMeta(a)
	}
	return doc
}

func versionMeta(a *parallax.Article) report.VersionMeta {
	return report.VersionMeta{Source: a.Source.Name, URL: a.PathOrURL(), Published: a.Published, Byline: a.Byline}
}

// StoryDocument loads a story (by id or exact title) and everything its
// report shows.
func (l *Library) StoryDocument(ctx context.Context, storyArg string) (report.Document, error) {
	id, err := l.FindStory(ctx, storyArg)
	if err != nil {
		return report.Document{}, err
	}
	s, err := l.OpenStory(ctx, id)
	if err != nil {
		return report.Document{}, err
	}
	if len(s.Articles) == 0 {
		return report.Document{}, fmt.Errorf("story %d %q: no articles", id, s.Story.Title)
	}
	return s.Document(time.Now()), nil
}

// Loose is a comparison of versions named on a command line: files and
// folders read directly, and library articles by id.
type Loose struct {
	Versions []compare.Version
	// Labels follow the order the versions were named in.
	Labels    parallax.Labels
	meta      map[string]report.VersionMeta
	articleOf map[string]int64 // library articles only
}

func (lv *Loose) add(v compare.Version, a *parallax.Article) {
	lv.Versions = append(lv.Versions, v)
	lv.meta[v.ID] = versionMeta(a)
}

// LoadLoose turns arguments into versions: files and folders through
// ingest (id = file name without extension), numbers that name no file as
// articles of the library at dbPath (id = article id), which must exist.
// A file in a folder that cannot be read as an article (data, images, a
// bad file) is passed over and handed to skip; a file named outright must
// be read.
func LoadLoose(ctx context.Context, args []string, stdin io.Reader, dbPath string, skip func(path string, err error)) (*Loose, error) {
	out := &Loose{meta: map[string]report.VersionMeta{}, articleOf: map[string]int64{}}
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
	ingest.Walk(paths, stdin, ingest.Options{}, func(r ingest.Result) {
		// A folder of versions may hold other files (notes, metadata) or a
		// bad one: those are passed over and named, but a file named
		// outright must be read.
		if r.Err != nil && !named[filepath.Clean(r.Path)] {
			skip(r.Path, r.Err)
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
		return nil, errors.Join(errs...)
	}
	if len(ids) > 0 {
		if err := out.addArticles(ctx, dbPath, ids); err != nil {
			return nil, err
		}
	}
	if len(out.Versions) == 0 {
		return nil, errors.New("no versions to compare")
	}
	names := make([]string, len(out.Versions))
	for i, v := range out.Versions {
		names[i] = v.ID
	}
	out.Labels = parallax.NewLabels(names)
	return out, nil
}

// addArticles adds library articles by id from the library at dbPath.
func (lv *Loose) addArticles(ctx context.Context, dbPath string, ids []int64) error {
	path := ResolvePath(dbPath)
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("no library at %s for article ids: %w", path, err)
	}
	lib, err := Open(path)
	if err != nil {
		return err
	}
	defer lib.Close()
	for _, id := range ids {
		a, err := lib.Article(ctx, id)
		if err != nil {
			return fmt.Errorf("article %d: %w", id, err)
		}
		v := compare.FromArticle(*a)
		lv.add(v, a)
		lv.articleOf[v.ID] = a.ID
	}
	return nil
}

// Compare aligns the loose versions.
func (lv *Loose) Compare() (*parallax.Comparison, error) {
	return compare.Compare(lv.Versions)
}

// Document is the report of the loose versions' comparison c, titled after
// the first version with a title.
func (lv *Loose) Document(c *parallax.Comparison, generated time.Time) report.Document {
	return report.Document{
		Title:      looseTitle(c),
		Generated:  generated,
		Comparison: c,
		Labels:     lv.Labels,
		ArticleOf:  lv.articleOf,
		Meta:       lv.meta,
	}
}

// looseTitle names a comparison of loose files: the first version's title
// (versions are in ID order), else how many versions it holds.
func looseTitle(c *parallax.Comparison) string {
	for _, v := range c.Versions {
		if t := strings.TrimSpace(v.Title); t != "" {
			return t
		}
	}
	return fmt.Sprintf("Comparison of %d versions", len(c.Versions))
}

// The report formats, as WriteReport takes them.
const (
	FormatHTML     = report.FormatHTML
	FormatPDF      = report.FormatPDF
	FormatMarkdown = report.FormatMarkdown
	FormatJSON     = report.FormatJSON
)

type (
	// ReportOptions says what a report includes besides the versions.
	ReportOptions = report.Options
	// Document is everything a report presents.
	Document = report.Document
)

// ReportFormats lists the formats WriteReport accepts.
func ReportFormats() []string { return report.Formats() }

// DefaultReportOptions includes everything.
func DefaultReportOptions() ReportOptions { return report.DefaultOptions() }

// WriteReport renders doc in format to w.
func WriteReport(w io.Writer, format string, doc Document, opt ReportOptions) error {
	return report.Write(w, format, doc, opt)
}
