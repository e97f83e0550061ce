package compare

import (
	"context"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// Cache keeps computed comparisons per story; the library implements it.
// CachedComparison returns an error (any) when it has nothing for key.
type Cache interface {
	CachedComparison(ctx context.Context, storyID int64, key string) ([]byte, error)
	PutComparison(ctx context.Context, storyID int64, key string, data []byte, flagKeys []string) error
}

// CompareCached returns the story's comparison from cache when it was made
// for the same versions by the same engine, else computes and stores it.
// hit reports a cache hit. A failure to store the result is returned with
// the comparison, which is still good to use.
func CompareCached(ctx context.Context, cache Cache, storyID int64, versions []Version) (c *Comparison, hit bool, err error) {
	return CompareCachedWith(ctx, cache, storyID, versions, Options{})
}

// CompareCachedWith is CompareCached for a comparison made with opt (see
// CompareWith); the cache entry is keyed by CacheKeyWith.
func CompareCachedWith(ctx context.Context, cache Cache, storyID int64, versions []Version, opt Options) (c *Comparison, hit bool, err error) {
	key := CacheKeyWith(versions, opt)
	if data, err := cache.CachedComparison(ctx, storyID, key); err == nil {
		var cached Comparison
		if json.Unmarshal(data, &cached) == nil && cached.Engine == EngineVersion &&
			sameVersions(&cached, versions) && checkComparison(&cached) == nil {
			return &cached, true, nil
		}
		// An entry that does not decode, or is not of these versions, or
		// is damaged, is recomputed and overwritten.
	}
	c, err = CompareWith(versions, opt)
	if err != nil {
		return nil, false, err
	}
	data, err := json.Marshal(c)
	if err != nil {
		return c, false, fmt.Errorf("compare: caching story %d: %w", storyID, err)
	}
	keys := make([]string, len(c.Flags))
	for i, f := range c.Flags {
		keys[i] = f.Key
	}
	if err := cache.PutComparison(ctx, storyID, key, data, keys); err != nil {
		return c, false, fmt.Errorf("compare: caching story %d: %w", storyID, err)
	}
	return c, false, nil
}

// checkComparison reports what makes a comparison unusable: a pair or flag naming a
// paragraph it does not have, or a range outside its paragraph. A cached
// comparison that fails it was damaged and is recomputed.
func checkComparison(c *Comparison) error {
	runes := map[ParaRef]int{}
	for _, v := range c.Versions {
		for _, p := range v.Paragraphs {
			runes[ParaRef{Version: v.ID, Paragraph: p.Index}] = utf8.RuneCountInString(p.Text)
		}
	}
	for _, p := range c.Pairs {
		na, okA := runes[p.A]
		nb, okB := runes[p.B]
		if !okA || !okB {
			return fmt.Errorf("pair %v–%v names a missing paragraph", p.A, p.B)
		}
		for _, op := range p.Ops {
			if op.AStart < 0 || op.AStart > op.AEnd || op.AEnd > na || op.BStart < 0 || op.BStart > op.BEnd || op.BEnd > nb {
				return fmt.Errorf("pair %v–%v: op %d–%d/%d–%d outside the paragraphs", p.A, p.B, op.AStart, op.AEnd, op.BStart, op.BEnd)
			}
		}
	}
	for _, f := range c.Flags {
		if f.Paragraph == 0 && f.Start == 0 && f.End == 0 {
			continue // about a whole version
		}
		n, ok := runes[ParaRef{Version: f.Version, Paragraph: f.Paragraph}]
		if !ok || f.Start < 0 || f.Start > f.End || f.End > n {
			return fmt.Errorf("flag %s outside its paragraph", f.Key)
		}
	}
	return nil
}

// sameVersions reports whether a comparison is of exactly these versions.
func sameVersions(c *Comparison, versions []Version) bool {
	if len(c.Versions) != len(versions) {
		return false
	}
	ids := map[string]bool{}
	for _, v := range versions {
		ids[v.ID] = true
	}
	for _, v := range c.Versions {
		if !ids[v.ID] {
			return false
		}
	}
	return true
}
