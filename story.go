package parallax

import "time"

// Story groups the articles that are versions of one event. An article
// belongs to exactly one story.
type Story struct {
	ID        int64
	Title     string
	CreatedAt time.Time
	// Filled by listings; not stored as such. A story list (the window's
	// sidebar) fills Versions, Dated and Latest but leaves Articles nil.
	Articles  []ArticleSummary
	Versions  int  // how many articles it holds
	Dated     bool // some article has a publication date (Latest is one)
	OpenFlags int
	Latest    time.Time // the newest Published among its articles; the newest ImportedAt when none has one
}

// ArticleSummary is the light form of an article used in listings.
type ArticleSummary struct {
	ID        int64
	StoryID   int64
	Title     string
	Source    string
	Published time.Time
	PathOrURL string
	Read      bool
	Starred   bool
}
