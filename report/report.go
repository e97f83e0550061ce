// Package report turns a story's comparison, the analyst's flag decisions
// and notes into a document that stands on its own: a self-contained HTML
// page, a PDF, GitHub-flavoured Markdown or JSON. Every format presents the
// same data, built once from a Document; none recomputes the alignment.
package report

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"time"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare"
)

// Document is everything a report presents.
type Document struct {
	Title      string
	Generated  time.Time
	AppVersion string // the Parallax version making the report; BuildVersion() when empty
	Comparison *compare.Comparison
	Decisions  map[string]parallax.Decision // by flag key
	Notes      []parallax.Note
	// Labels names each version ("A", "B", …) as the window does; when nil,
	// versions are labelled in the comparison's order.
	Labels    parallax.Labels
	ArticleOf map[string]int64       // version id -> library article id (0 / absent for files)
	Meta      map[string]VersionMeta // version id -> source, date, byline, word count
}

// VersionMeta is what the library knows about a version beyond its text.
// Zero fields are left out of the report; a zero Words is counted from the
// version's body paragraphs.
type VersionMeta struct {
	Source    string    // outlet name
	URL       string    // where it came from: URL or file path
	Published time.Time // zero when unknown
	Byline    string
	Words     int
}

// Options says what a report includes besides the versions.
type Options struct {
	Flags    bool `json:"flags"`    // the flag summary and the flag marks in passages
	Passages bool `json:"passages"` // the aligned passages with word-level changes
	Notes    bool `json:"notes"`    // the analyst's notes
}

// DefaultOptions includes everything.
func DefaultOptions() Options {
	return Options{Flags: true, Passages: true, Notes: true}
}

// The formats Write accepts.
const (
	FormatHTML     = "html"
	FormatPDF      = "pdf"
	FormatMarkdown = "md"
	FormatJSON     = "json"
)

// Formats lists the formats Write accepts, as passed to it.
func Formats() []string {
	return []string{FormatHTML, FormatPDF, FormatMarkdown, FormatJSON}
}

// Write renders doc in format (html, pdf, md or json; "markdown" is taken
// for md) to w.
func Write(w io.Writer, format string, doc Document, opt Options) error {
	format = strings.ToLower(strings.TrimSpace(format))
	if format == "markdown" {
		format = FormatMarkdown
	}
	var render func(io.Writer, *model) error
	switch format {
	case FormatHTML:
		render = writeHTML
	case FormatPDF:
		render = writePDF
	case FormatMarkdown:
		render = writeMarkdown
	case FormatJSON:
		render = writeJSON
	default:
		return fmt.Errorf("report: format %q: unknown (want one of %s)", format, strings.Join(Formats(), ", "))
	}
	m, err := build(doc, opt)
	if err != nil {
		return err
	}
	if err := render(w, m); err != nil {
		return fmt.Errorf("report: writing %s: %w", format, err)
	}
	return nil
}

// BuildVersion is the version of the running binary as Go recorded it at
// build time ("(devel)" for a local build).
func BuildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
