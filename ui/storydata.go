package ui

import (
	"context"
	"slices"
	"time"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/library"
)

// storyData is everything the views show about one story: its articles,
// their comparison, and the analyst's decisions and notes, as the library
// opened it.
type storyData struct {
	story     parallax.Story
	articles  []*parallax.Article          // in the order they joined the story
	byVersion map[string]*parallax.Article // compare version id -> article
	letters   parallax.Labels              // compare version id -> "A", "B", …
	cmp       *parallax.Comparison         // nil when the story has no article
	decisions map[string]parallax.Decision
	notes     []parallax.Note
	links     []parallax.ParaLink // the analyst's paragraph links the comparison was made with
	fromCache bool
}

// loadStory opens story id through the library. It never touches widgets.
func loadStory(ctx context.Context, lib *library.Library, id int64) (*storyData, error) {
	s, err := lib.OpenStory(ctx, id)
	if err != nil {
		return nil, err
	}
	return &storyData{
		story:     s.Story,
		articles:  s.Articles,
		byVersion: s.ByVersion,
		letters:   s.Labels,
		cmp:       s.Comparison,
		decisions: s.Decisions,
		notes:     s.Notes,
		links:     s.Links,
		fromCache: s.FromCache,
	}, nil
}

// versionIDs returns the compare version ids in library order.
func (d *storyData) versionIDs() []string {
	return d.library().VersionIDs()
}

// label is how a version is named in pickers and headers: its name and,
// when known, its publication date ("B · Daily Courier · 3 Mar 2031"),
// marked when a flag doubts that date ("… · 4 Sep 2031 ⚑ date flagged").
func (d *storyData) label(version string) string {
	a := d.byVersion[version]
	if a == nil {
		return version
	}
	l := d.name(version)
	if !a.Published.IsZero() {
		l += " · " + a.Published.Format("2 Jan 2006")
		if d.library().DateFlagged(version) {
			l += " " + dateFlaggedMark
		}
	}
	return l
}

// latestDateFlagged reports whether the story's date, its newest
// version's publication date as the sidebar shows it, is one a flag says
// may be misread.
func (d *storyData) latestDateFlagged() bool {
	var latest time.Time
	for _, a := range d.articles {
		if a.Published.After(latest) {
			latest = a.Published
		}
	}
	if latest.IsZero() {
		return false
	}
	s := d.library()
	for _, a := range d.articles {
		if a.Published.Equal(latest) && s.DateFlagged(articleVersion(a.ID)) {
			return true
		}
	}
	return false
}

// dateFlaggedMark follows a version's date when a flag says its header
// date may be misread.
const dateFlaggedMark = "⚑ date flagged"

// name is a version's label and source, as reports name it too: "B ·
// Daily Courier".
func (d *storyData) name(version string) string {
	a := d.byVersion[version]
	if a == nil {
		return version
	}
	return d.letters[version] + " · " + oneLine(parallax.SourceName(a.Source.Name, a.PathOrURL(), a.Title, version))
}

// status is the analyst's judgement of flag key (open when undecided).
func (d *storyData) status(key string) parallax.FlagStatus {
	return d.library().Status(key)
}

// openFlags counts the flags without a confirm or dismiss.
func (d *storyData) openFlags() int {
	return d.library().OpenFlags()
}

// library is the story as the library's use cases take it, with the
// decisions and notes the views have changed since it was opened.
func (d *storyData) library() *library.Story {
	s := library.Story{
		Story: d.story, Articles: d.articles, ByVersion: d.byVersion, Labels: d.letters,
		Comparison: d.cmp, Decisions: d.decisions, Notes: d.notes, Links: d.links, FromCache: d.fromCache,
	}
	return &s
}

// mostDifferentPair picks the two versions that share the least verbatim
// text, the natural first pair to compare; ok is false with fewer than two
// versions.
func (d *storyData) mostDifferentPair() (a, b string, ok bool) {
	ids := d.versionIDs()
	if len(ids) < 2 {
		return "", "", false
	}
	a, b = ids[0], ids[1]
	if d.cmp == nil {
		return a, b, true
	}
	best := 2.0
	for _, p := range d.cmp.Provenance {
		if d.byVersion[p.A] == nil || d.byVersion[p.B] == nil || p.A == p.B {
			continue
		}
		if p.VerbatimShare < best {
			best = p.VerbatimShare
			a, b = p.A, p.B
		}
	}
	// Keep library order within the pair so A is the older import.
	if slices.Index(ids, a) > slices.Index(ids, b) {
		a, b = b, a
	}
	return a, b, true
}
