package parallax

import "time"

// FlagStatus is the analyst's judgement of a flag.
type FlagStatus string

// The flag statuses. A flag with no stored decision is open.
const (
	StatusOpen      FlagStatus = "open"
	StatusConfirmed FlagStatus = "confirmed"
	StatusDismissed FlagStatus = "dismissed"
)

// Decision is the analyst's judgement of one flag, keyed by the flag's
// stable Key (see compare.Flag) so it survives recomputation.
type Decision struct {
	StoryID   int64
	Key       string
	Status    FlagStatus
	Note      string
	UpdatedAt time.Time
}

// Note is the analyst's note on a paragraph of an article, or on the
// character range [Start,End) (runes) of it when End > Start.
type Note struct {
	ID        int64
	StoryID   int64
	ArticleID int64
	Paragraph int // ordinal, from 1
	Start     int
	End       int
	Quote     string // the text the note was attached to, kept for display
	Text      string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ParagraphLink is the analyst's link of two paragraphs of two articles
// that the engine did not pair (or, with Unlink, a pair it must not
// make), as the library keeps it. It names each paragraph by its article
// and a hash of its text, not by its place, so it holds when the story is
// compared again (a version added, the engine changed) for as long as
// both texts stay. ParagraphA and ParagraphB are the ordinals when it was
// made: they choose among paragraphs of one article with the same text.
type ParagraphLink struct {
	ArticleA, ArticleB     int64
	HashA, HashB           string
	ParagraphA, ParagraphB int
	Unlink                 bool
	CreatedAt              time.Time
}
