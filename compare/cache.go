package compare

import (
	"context"
	"encoding/json"
	"fmt"
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
	key := CacheKey(versions)
	if data, err := cache.CachedComparison(ctx, storyID, key); err == nil {
		var cached Comparison
		if json.Unmarshal(data, &cached) == nil && cached.Engine == EngineVersion {
			return &cached, true, nil
		}
		// An entry that does not decode is recomputed and overwritten.
	}
	c, err = Compare(versions)
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
