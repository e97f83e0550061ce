// Package group sorts articles into stories automatically: each new article
// joins the story whose articles tell the same event, or starts a new one.
//
// Two articles are compared by text similarity (TF-IDF cosine over content
// words), by the named entities they share (capitalised words, weighted by
// how rare they are and how often each article names them) and by how far
// apart they were published. Candidates
// come from MinHash/LSH buckets over word shingles and from posting lists of
// rare words and entities, so no operation compares all pairs. Group sorts
// a batch jointly; Place puts arrivals into a library it reaches only
// through the small Library interface (posting lists, frequencies, stored
// features), so placing an article reads a bounded number of articles
// whatever the library's size. The package is pure Go: no SQL, no GUI.
package group

import "time"

// Doc is one article as the grouper sees it.
type Doc struct {
	ID        int64
	Title     string
	Text      string
	Published time.Time // zero when unknown
	// Group, when non-zero, places the doc in that group as decided (by the
	// analyst or by an earlier run); automatic grouping never moves it.
	Group int64
	// Features, when set, is used instead of extracting Title and Text again
	// (for example features persisted by the store).
	Features *Features
}

// Options tunes grouping. The zero value uses the defaults.
type Options struct {
	// Threshold is the least similarity (0..1) at which a doc joins a group;
	// 0 means DefaultThreshold (DefaultBatchThreshold for Group).
	Threshold float64
	// Window is how far apart in time two articles of one event can be
	// published; 0 means DefaultWindow. Beyond it they never group.
	Window time.Duration
}

// Defaults for Options.
const (
	DefaultThreshold = 0.27
	// DefaultBatchThreshold is Group's: the least average similarity at
	// which two groups of a batch merge. It can be lower than an Index's
	// because Group also asks a newcomer to be nearly as close as a group's
	// members are among themselves (see cohesionShare). Calibrated on real
	// cross-outlet rewrites, where outlets telling one event share far less
	// than copies do.
	DefaultBatchThreshold = 0.13
	DefaultWindow         = 14 * 24 * time.Hour
)

func (o Options) withDefaults() Options {
	if o.Threshold <= 0 {
		o.Threshold = DefaultThreshold
	}
	if o.Window <= 0 {
		o.Window = DefaultWindow
	}
	return o
}
