package compare

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	parallax "github.com/parallax-news/parallax"
)

// fuzzVersion makes a version of text, one paragraph a line.
func fuzzVersion(id, text string) Version {
	v := Version{ID: id, Title: id, Hash: id}
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" || !utf8.ValidString(line) {
			continue
		}
		v.Paragraphs = append(v.Paragraphs, parallax.Paragraph{Ordinal: len(v.Paragraphs) + 1, Kind: parallax.KindBody, Text: line})
	}
	return v
}

// FuzzCompareVersions runs every detector (names, titles, numbers, dates,
// quotes, claims, omissions) over two versions: whatever the text, every
// diff op and every flag lies inside its paragraph, counted in runes.
func FuzzCompareVersions(f *testing.F) {
	f.Add("Mayor Ilse Varn said 14 people died on Monday, 3 May 2031.\n“We will rebuild,” she said.",
		"Deputy mayor Ilse Varn said fourteen people died on Tuesday, 4 May 2031.\n“We shall rebuild,” Varn said.")
	f.Add("Dr. Tom O'Neil, 45, CEO of Varno Ltd., said $3.5bn (€3bn) was lost.", "Tom O’Neil, 54, chief executive, said $35 million was lost")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, a, b string) {
		va, vb := fuzzVersion("a", a), fuzzVersion("b", b)
		if len(va.Paragraphs) == 0 || len(vb.Paragraphs) == 0 || len(a)+len(b) > 1<<14 {
			return
		}
		c, err := Compare([]Version{va, vb})
		if err != nil {
			return // refused with a message (e.g. too large), not a panic
		}
		// Every op and flag inside its paragraph, in runes: the same rule that
		// makes a damaged cached comparison be recomputed.
		if err := checkComparison(c); err != nil {
			t.Fatal(err)
		}
	})
}

// fuzzCache hands back whatever bytes it was given as a cached comparison.
type fuzzCache struct{ data []byte }

func (c *fuzzCache) CachedComparison(context.Context, int64, string) ([]byte, error) {
	if c.data == nil {
		return nil, errors.New("nothing cached")
	}
	return c.data, nil
}

func (c *fuzzCache) PutComparison(_ context.Context, _ int64, _ string, data []byte, _ []string) error {
	return nil
}

// FuzzCachedComparison feeds damaged stored comparisons to CompareCached:
// what does not decode as this engine's comparison is recomputed, never
// trusted, and never a panic.
func FuzzCachedComparison(f *testing.F) {
	versions := []Version{
		fuzzVersion("a", "The ferry to Velstad sailed on Tuesday.\nPassengers waited since dawn."),
		fuzzVersion("b", "The ferry to Velstad sailed on Wednesday.\nPassengers waited since dawn."),
	}
	fresh, err := Compare(versions)
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(`{"engine":"` + EngineVersion + `","versions":[]}`))
	f.Add([]byte(`{"engine":"old"}`))
	f.Add([]byte(`not json`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, hit, err := CompareCached(context.Background(), &fuzzCache{data}, 1, versions)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Versions) != len(versions) {
			t.Fatalf("comparison of %d versions for %d given (hit %v)", len(c.Versions), len(versions), hit)
		}
		if err := checkComparison(c); err != nil {
			t.Fatalf("cached comparison trusted though %v", err)
		}
		if !hit && len(c.Flags) != len(fresh.Flags) {
			t.Fatalf("recomputed comparison differs from a fresh one")
		}
	})
}
