package compare

import (
	"context"
	"errors"
	"testing"

	parallax "github.com/parallax-news/parallax"
)

// memCache is a Cache in memory that counts writes.
type memCache struct {
	data   map[string][]byte
	keys   []string
	writes int
	fail   error
}

func (m *memCache) CachedComparison(_ context.Context, _ int64, key string) ([]byte, error) {
	d, ok := m.data[key]
	if !ok {
		return nil, errors.New("not cached")
	}
	return d, nil
}

func (m *memCache) PutComparison(_ context.Context, _ int64, key string, data []byte, flagKeys []string) error {
	if m.fail != nil {
		return m.fail
	}
	m.writes++
	m.data = map[string][]byte{key: data}
	m.keys = flagKeys
	return nil
}

func cacheTestVersions(figure string) []Version {
	mk := func(id, body string) Version {
		return Version{ID: id, Hash: id + body, Paragraphs: []parallax.Paragraph{
			{Ordinal: 1, Kind: parallax.KindHeadline, Text: "Harbour crane toppled in storm"},
			{Ordinal: 2, Kind: parallax.KindBody, Text: body},
		}}
	}
	return []Version{
		mk("a", "A harbour crane in Velstad toppled during a storm on Monday, injuring 3 workers."),
		mk("b", "A harbour crane in Velstad toppled during a storm on Monday, injuring "+figure+" workers."),
		mk("c", "A harbour crane in Velstad toppled in a storm on Monday, injuring 3 workers, officials said."),
	}
}

func TestCompareCached(t *testing.T) {
	ctx := context.Background()
	cache := &memCache{}
	first, hit, err := CompareCached(ctx, cache, 1, cacheTestVersions("5"))
	if err != nil || hit || cache.writes != 1 {
		t.Fatalf("first call: hit=%v writes=%d err=%v", hit, cache.writes, err)
	}
	if len(cache.keys) != len(first.Flags) {
		t.Fatalf("stored %d flag keys for %d flags", len(cache.keys), len(first.Flags))
	}
	again, hit, err := CompareCached(ctx, cache, 1, cacheTestVersions("5"))
	if err != nil || !hit || cache.writes != 1 {
		t.Fatalf("second call: hit=%v writes=%d err=%v", hit, cache.writes, err)
	}
	if len(again.Passages) != len(first.Passages) || len(again.Flags) != len(first.Flags) {
		t.Fatal("cached comparison differs from the computed one")
	}
	// Another text means another key: recomputed.
	if _, hit, _ := CompareCached(ctx, cache, 1, cacheTestVersions("7")); hit || cache.writes != 2 {
		t.Fatalf("changed versions: hit=%v writes=%d", hit, cache.writes)
	}
	// A cache that cannot store still yields the comparison, with the error.
	broken := &memCache{fail: errors.New("disk full")}
	c, _, err := CompareCached(ctx, broken, 1, cacheTestVersions("5"))
	if c == nil || err == nil {
		t.Fatalf("failing cache: c=%v err=%v", c, err)
	}
}
