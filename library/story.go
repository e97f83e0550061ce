package library

import (
	"context"
	"fmt"
	"log"
	"strconv"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare"
)

// Story is everything shown about one story: its articles, each version's
// label, their comparison, and the analyst's decisions and notes.
type Story struct {
	Story    parallax.Story
	Articles []*parallax.Article // in the order they joined the story
	// ByVersion maps a comparison version id to its article.
	ByVersion map[string]*parallax.Article
	Labels    parallax.Labels
	// Comparison is nil when the story has no article.
	Comparison *parallax.Comparison
	Decisions  map[string]parallax.Decision // by flag key
	Notes      []parallax.Note
	// Links are the analyst's links and unlinks of paragraphs that the
	// comparison was made with, where the paragraphs are now.
	Links     []parallax.ParaLink
	FromCache bool // the comparison came from the library's cache
}

// versionsOf makes the engine's versions of a story's articles and their
// labels: in the order the articles joined the library, so that a version
// added later takes the next label and never renames the others.
func versionsOf(arts []*parallax.Article) ([]compare.Version, parallax.Labels) {
	versions := make([]compare.Version, len(arts))
	ids := make([]string, len(arts))
	for i, a := range arts {
		versions[i] = compare.FromArticle(*a)
		ids[i] = versions[i].ID
	}
	return versions, parallax.NewLabels(ids)
}

// VersionID is the comparison's id of a library article.
func VersionID(articleID int64) string { return strconv.FormatInt(articleID, 10) }

// OpenStory reads story id with its comparison (from the cache when it is
// current, else computed and cached), decisions and notes.
func (l *Library) OpenStory(ctx context.Context, id int64) (*Story, error) {
	st, err := l.Story(ctx, id)
	if err != nil {
		return nil, err
	}
	arts, err := l.StoryArticles(ctx, id)
	if err != nil {
		return nil, err
	}
	d := &Story{Story: *st, Articles: arts, ByVersion: map[string]*parallax.Article{}}
	versions, labels := versionsOf(arts)
	d.Labels = labels
	for i, v := range versions {
		d.ByVersion[v.ID] = arts[i]
	}
	if d.Links, err = l.storyLinks(ctx, id, arts); err != nil {
		return nil, err
	}
	if len(versions) > 0 {
		if d.Comparison, d.FromCache, err = l.comparison(ctx, id, versions, d.Links); err != nil {
			return nil, err
		}
	}
	if d.Decisions, err = l.Decisions(ctx, id); err != nil {
		return nil, err
	}
	if d.Notes, err = l.Notes(ctx, id); err != nil {
		return nil, err
	}
	return d, nil
}

// storyLinks reads the analyst's links between the story's articles, as
// the engine takes them.
func (l *Library) storyLinks(ctx context.Context, id int64, arts []*parallax.Article) ([]parallax.ParaLink, error) {
	stored, err := l.ParagraphLinks(ctx, id)
	if err != nil {
		return nil, err
	}
	return resolveLinks(stored, arts), nil
}

// comparison returns a story's comparison, made with the analyst's links,
// from the cache or computes and caches it. A failure to write the cache
// is logged, not returned: the comparison is still good to show.
func (l *Library) comparison(ctx context.Context, storyID int64, versions []compare.Version, links []parallax.ParaLink) (*parallax.Comparison, bool, error) {
	c, hit, err := compare.CompareCachedWith(ctx, l.Store, storyID, versions, compare.Options{Links: links})
	if c == nil {
		return nil, false, fmt.Errorf("compare story %d: %w", storyID, err)
	}
	if err != nil {
		log.Printf("parallax: %v", err)
	}
	return c, hit, nil
}

// Status is the analyst's judgement of flag key (open when undecided).
func (s *Story) Status(key string) parallax.FlagStatus {
	if dec, ok := s.Decisions[key]; ok && dec.Status != "" {
		return dec.Status
	}
	return parallax.StatusOpen
}

// OpenFlags counts the flags without a confirm or dismiss.
func (s *Story) OpenFlags() int {
	if s.Comparison == nil {
		return 0
	}
	n := 0
	for _, f := range s.Comparison.Flags {
		if s.Status(f.Key) == parallax.StatusOpen {
			n++
		}
	}
	return n
}

// DateFlagged reports whether a date flag falls on version's date header
// or dateline: the date shown for that version may be misread, and is
// shown with that warning. The analyst's decision does not change it, so
// a version's label stays the same while the story is open.
func (s *Story) DateFlagged(version string) bool {
	if s.Comparison == nil {
		return false
	}
	for _, f := range s.Comparison.Flags {
		if f.Kind != parallax.FlagDate || f.Version != version {
			continue
		}
		if p := s.Comparison.Paragraph(parallax.ParaRef{Version: version, Paragraph: f.Paragraph}); p != nil && p.Kind == parallax.KindDateline {
			return true
		}
	}
	return false
}

// VersionIDs returns the comparison's version ids in the order the
// articles joined the story.
func (s *Story) VersionIDs() []string {
	out := make([]string, len(s.Articles))
	for i, a := range s.Articles {
		out[i] = VersionID(a.ID)
	}
	return out
}

// CountOpenFlags compares story id unless its current comparison is
// cached, and counts the flags the analyst has not decided. computed is
// false when the cache was current: the listing's count is then right.
func (l *Library) CountOpenFlags(ctx context.Context, id int64) (n int, computed bool, err error) {
	if err := ctx.Err(); err != nil {
		return 0, false, err
	}
	arts, err := l.StoryArticles(ctx, id)
	if err != nil || len(arts) == 0 {
		return 0, false, err
	}
	versions, _ := versionsOf(arts)
	links, err := l.storyLinks(ctx, id, arts)
	if err != nil {
		return 0, false, err
	}
	if _, err := l.CachedComparison(ctx, id, compare.CacheKeyWith(versions, compare.Options{Links: links})); err == nil {
		return 0, false, nil
	} else if !isNotFound(err) {
		return 0, false, err
	}
	s := &Story{}
	if s.Comparison, _, err = l.comparison(ctx, id, versions, links); err != nil {
		return 0, false, err
	}
	if s.Decisions, err = l.Decisions(ctx, id); err != nil {
		return 0, false, err
	}
	return s.OpenFlags(), true, nil
}
