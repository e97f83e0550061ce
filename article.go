// Package parallax holds the domain types every layer shares: articles,
// their typed paragraphs, sources and stories. It imports only the standard
// library so that ingest, store, compare, report and ui can all depend on it
// without depending on each other.
package parallax

import "time"

// ParagraphKind says what role a paragraph plays in an article. Only body
// paragraphs carry the story; the others are kept, typed, so that views can
// dim them and detectors can skip them.
type ParagraphKind string

// The paragraph kinds, as stored and as written in JSON.
const (
	KindHeadline ParagraphKind = "headline"
	KindDateline ParagraphKind = "dateline"
	KindBody     ParagraphKind = "body"
	KindSubhead  ParagraphKind = "subhead"
	KindTrailer  ParagraphKind = "trailer"
)

// Valid reports whether k is one of the known kinds.
func (k ParagraphKind) Valid() bool {
	switch k {
	case KindHeadline, KindDateline, KindBody, KindSubhead, KindTrailer:
		return true
	}
	return false
}

// Paragraph is one typed paragraph of an article. Ordinal counts from 1 over
// all of the article's paragraphs, whatever their kind.
type Paragraph struct {
	Ordinal int
	Kind    ParagraphKind
	Text    string
}

// Source is the outlet an article came from.
type Source struct {
	ID   int64
	Name string // outlet name, e.g. "Daily Courier"
	Site string // host name, e.g. "courier.example"
}

// Article is one version of a story as imported: metadata, the original
// bytes, the extracted text and its typed paragraphs.
type Article struct {
	ID         int64
	StoryID    int64
	Source     Source
	Title      string
	Headlines  []string // alternative headlines stacked above the text, Title excluded
	Byline     string
	Dateline   string // e.g. "LONDON"
	Published  time.Time
	URL        string
	Path       string // file the article was imported from, if any
	Language   string
	Raw        []byte // the bytes as imported, before decoding
	Text       string // the extracted text, UTF-8
	Hash       string // content hash of Text; makes re-imports idempotent
	Paragraphs []Paragraph
	// Warnings says what import repaired in the input (bytes that did not
	// decode, control characters removed); not stored.
	Warnings []string

	Read       bool
	Starred    bool
	ImportedAt time.Time
}

// BodyText joins the body paragraphs with blank lines.
func (a *Article) BodyText() string {
	var out []byte
	for _, p := range a.Paragraphs {
		if p.Kind != KindBody {
			continue
		}
		if len(out) > 0 {
			out = append(out, '\n', '\n')
		}
		out = append(out, p.Text...)
	}
	return string(out)
}

// PathOrURL is where the article came from: its URL if it has one, else the
// file it was imported from.
func (a *Article) PathOrURL() string {
	if a.URL != "" {
		return a.URL
	}
	return a.Path
}
