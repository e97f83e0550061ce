package ui

import (
	"context"
	"fmt"
	"log"
	"slices"
	"strconv"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare"
)

// storyData is everything the views show about one story: its articles,
// their comparison, and the analyst's decisions and notes.
type storyData struct {
	story     parallax.Story
	articles  []*parallax.Article          // in library order
	byVersion map[string]*parallax.Article // compare version id -> article
	letters   map[string]string            // compare version id -> "A", "B", …
	cmp       *compare.Comparison          // nil when the story has no article
	decisions map[string]parallax.Decision
	notes     []parallax.Note
	fromCache bool
}

// loadStory reads story id and its comparison: from the cache when the
// cached key matches the articles, else computed and cached. It never
// touches widgets.
func loadStory(ctx context.Context, lib *library, id int64) (*storyData, error) {
	st, err := lib.st.Story(ctx, id)
	if err != nil {
		return nil, err
	}
	arts, err := lib.st.StoryArticles(ctx, id)
	if err != nil {
		return nil, err
	}
	d := &storyData{
		story:     *st,
		articles:  arts,
		byVersion: map[string]*parallax.Article{},
		letters:   map[string]string{},
	}
	versions := make([]compare.Version, 0, len(arts))
	for i, a := range arts {
		v := compare.FromArticle(*a)
		versions = append(versions, v)
		d.byVersion[v.ID] = a
		d.letters[v.ID] = versionLetter(i)
	}
	if len(versions) > 0 {
		d.cmp, d.fromCache, err = comparisonFor(ctx, lib, id, versions)
		if err != nil {
			return nil, err
		}
	}
	if d.decisions, err = lib.st.Decisions(ctx, id); err != nil {
		return nil, err
	}
	if d.notes, err = lib.st.Notes(ctx, id); err != nil {
		return nil, err
	}
	return d, nil
}

// comparisonFor returns the story's comparison from the library's cache or
// computes and caches it (compare.CompareCached). A failure to write the
// cache is not fatal: the comparison is still shown.
func comparisonFor(ctx context.Context, lib *library, storyID int64, versions []compare.Version) (*compare.Comparison, bool, error) {
	c, hit, err := compare.CompareCached(ctx, lib.st, storyID, versions)
	if c == nil {
		return nil, false, fmt.Errorf("compare story %d: %w", storyID, err)
	}
	if err != nil {
		log.Printf("parallax: %v", err)
	}
	return c, hit, nil
}

// versionLetter names the i-th version (from 0): A…Z, then AA, AB, ….
func versionLetter(i int) string {
	if i < 26 {
		return string(rune('A' + i))
	}
	return versionLetter(i/26-1) + versionLetter(i%26)
}

// versionIDs returns the compare version ids in library order.
func (d *storyData) versionIDs() []string {
	out := make([]string, len(d.articles))
	for i, a := range d.articles {
		out[i] = strconv.FormatInt(a.ID, 10)
	}
	return out
}

// label is how a version is named in pickers and headers: "B · Daily
// Courier".
func (d *storyData) label(version string) string {
	a := d.byVersion[version]
	if a == nil {
		return version
	}
	name := a.Source.Name
	if name == "" {
		name = a.Title
	}
	if name == "" {
		name = a.PathOrURL()
	}
	l := d.letters[version] + " · " + oneLine(name)
	if !a.Published.IsZero() {
		l += " · " + a.Published.Format("2 Jan 2006")
	}
	return l
}

// status is the analyst's judgement of flag key (open when undecided).
func (d *storyData) status(key string) parallax.FlagStatus {
	if dec, ok := d.decisions[key]; ok && dec.Status != "" {
		return dec.Status
	}
	return parallax.StatusOpen
}

// openFlags counts the flags without a confirm or dismiss.
func (d *storyData) openFlags() int {
	if d.cmp == nil {
		return 0
	}
	n := 0
	for _, f := range d.cmp.Flags {
		if d.status(f.Key) == parallax.StatusOpen {
			n++
		}
	}
	return n
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
