package compare

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	parallax "github.com/parallax-news/parallax"
)

// ErrNoVersions is returned by Compare when it is given nothing to compare.
var ErrNoVersions = errors.New("compare: no versions given")

// Bounds on what one comparison takes in. Work grows about linearly with
// the text, so these bound time and memory (about half a minute and a few
// gigabytes at the limit) rather than mark where the method breaks down.
const (
	MaxStoryBytes      = 64 << 20
	MaxStoryParagraphs = 500_000
)

// TooLargeError is returned by Compare for a story beyond MaxStoryBytes or
// MaxStoryParagraphs (all versions together).
type TooLargeError struct {
	Bytes, Paragraphs int
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("compare: the versions are too large to compare together (%d MB in %d paragraphs; the limit is %d MB or %d paragraphs): compare fewer versions, or a part of each",
		(e.Bytes+(1<<20)-1)>>20, e.Paragraphs, MaxStoryBytes>>20, MaxStoryParagraphs)
}

// Compare aligns the versions of one story, diffs every aligned paragraph
// pair word by word, guesses provenance and flags discrepancies. The result
// does not depend on the order of versions: they are sorted by ID first, and
// every later step follows that order. Version IDs must be unique and not
// empty.
func Compare(versions []Version) (*Comparison, error) {
	return CompareWith(versions, Options{})
}

// alignStory is Compare without the flags: versions, passages, pairs with
// their word diffs, and provenance, from the engine's alignment corrected
// by the analyst's links; and the versions as read for it, which the flag
// detectors read too.
func alignStory(versions []Version, overrides []ParaLink) (*Comparison, storyText, error) {
	if len(versions) == 0 {
		return nil, nil, ErrNoVersions
	}
	vs := slices.Clone(versions)
	slices.SortFunc(vs, func(a, b Version) int { return cmp.Compare(a.ID, b.ID) })
	for i, v := range vs {
		if strings.TrimSpace(v.ID) == "" {
			return nil, nil, fmt.Errorf("compare: version %d: empty id", i+1)
		}
		if i > 0 && vs[i-1].ID == v.ID {
			return nil, nil, fmt.Errorf("compare: version %q: id given twice", v.ID)
		}
	}
	st, err := analyzeStory(vs)
	if err != nil {
		return nil, nil, err
	}
	links := st.applyLinks(st.alignAll(), overrides)
	c := &Comparison{
		Engine:   EngineVersion,
		Versions: make([]VersionOut, len(vs)),
	}
	for i := range st.vers {
		c.Versions[i] = st.vers[i].out()
	}
	var kept []paraLink
	c.Passages, kept = st.buildPassages(links)
	c.Pairs = st.buildPairs(kept)
	c.Provenance = st.provenance(links)
	return c, st.text(), nil
}

// sortFlags orders flags most severe first, then by kind, version, place
// and key, so that the JSON is stable.
func sortFlags(fs []Flag) {
	slices.SortStableFunc(fs, func(a, b Flag) int {
		return cmp.Or(
			cmp.Compare(a.Severity.Rank(), b.Severity.Rank()),
			cmp.Compare(a.Kind, b.Kind),
			cmp.Compare(a.Version, b.Version),
			cmp.Compare(a.Paragraph, b.Paragraph),
			cmp.Compare(a.Start, b.Start),
			cmp.Compare(a.End, b.End),
			cmp.Compare(a.Key, b.Key),
		)
	})
}

// FromArticle makes the engine's view of a library article; its ID is the
// article id in decimal.
func FromArticle(a parallax.Article) Version {
	v := Version{
		ID:         strconv.FormatInt(a.ID, 10),
		Title:      a.Title,
		Source:     a.Source.Name,
		Headlines:  slices.Clone(a.Headlines),
		Paragraphs: slices.Clone(a.Paragraphs),
		Hash:       a.Hash,
	}
	if !a.Published.IsZero() {
		v.Published = a.Published.UTC().Format("2006-01-02T15:04:05Z07:00")
	}
	return v
}

// CacheKey identifies a comparison's inputs: the engine version and the
// sorted pairs of version id and content hash (a hash of the paragraphs when
// Hash is empty). It changes when a version is added, removed or edited, or
// when the engine changes.
func CacheKey(versions []Version) string {
	items := make([]string, len(versions))
	for i, v := range versions {
		h := v.Hash
		if h == "" {
			h = contentHash(v)
		}
		items[i] = v.ID + "=" + h
	}
	slices.Sort(items)
	sum := sha256.Sum256([]byte(strings.Join(items, "\n")))
	return EngineVersion + ":" + hex.EncodeToString(sum[:])
}

func contentHash(v Version) string {
	h := sha256.New()
	for _, p := range v.Paragraphs {
		fmt.Fprintf(h, "%s\x00%s\x00", p.Kind, p.Text)
	}
	return hex.EncodeToString(h.Sum(nil))
}
