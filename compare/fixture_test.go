package compare

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	parallax "github.com/parallax-news/parallax"
)

// A fixture story is a folder of versions, one .txt file each. Paragraphs
// are separated by blank lines; each starts with its gold labels in braces,
// then an optional kind ("headline:", "dateline:", "subhead:", "trailer:"):
//
//	{2 3} Fire chief Maren Solberg said ...
//
// Labels name units of content; two paragraphs of different versions are a
// gold link when they share a label. "{}" marks content found in no other
// version.
type fixtureStory struct {
	name     string
	versions []Version
	labels   map[ParaRef][]string
}

var fixtureHead = regexp.MustCompile(`^\{([^}]*)\}\s*(?:(headline|dateline|subhead|trailer):\s*)?`)

func loadFixtureStory(t testing.TB, dir string) fixtureStory {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("fixture %s: no versions (%v)", dir, err)
	}
	fs := fixtureStory{name: filepath.Base(dir), labels: map[ParaRef][]string{}}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		id := strings.TrimSuffix(filepath.Base(f), ".txt")
		v := Version{ID: id, Title: id}
		for _, block := range strings.Split(strings.TrimSpace(string(data)), "\n\n") {
			block = strings.TrimSpace(block)
			m := fixtureHead.FindStringSubmatch(block)
			if m == nil {
				t.Fatalf("%s: paragraph without labels: %.40q", f, block)
			}
			kind := parallax.KindBody
			if m[2] != "" {
				kind = parallax.ParagraphKind(m[2])
			}
			p := parallax.Paragraph{Ordinal: len(v.Paragraphs) + 1, Kind: kind, Text: block[len(m[0]):]}
			v.Paragraphs = append(v.Paragraphs, p)
			fs.labels[ParaRef{Version: id, Paragraph: p.Ordinal}] = strings.Fields(m[1])
		}
		fs.versions = append(fs.versions, v)
	}
	return fs
}

func loadFixtureStories(t testing.TB) []fixtureStory {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join("testdata", "align", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var out []fixtureStory
	for _, d := range dirs {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			out = append(out, loadFixtureStory(t, d))
		}
	}
	return out
}

// linkKey names a paragraph link without regard to its direction.
type linkKey struct{ a, b ParaRef }

func newLinkKey(a, b ParaRef) linkKey {
	if b.Version < a.Version {
		a, b = b, a
	}
	return linkKey{a, b}
}

// goldLinks lists every pair of paragraphs of different versions that share
// a label.
func (fs fixtureStory) goldLinks() map[linkKey]bool {
	out := map[linkKey]bool{}
	refs := make([]ParaRef, 0, len(fs.labels))
	for r := range fs.labels {
		refs = append(refs, r)
	}
	for i, a := range refs {
		for _, b := range refs[i+1:] {
			if a.Version == b.Version {
				continue
			}
			for _, l := range fs.labels[a] {
				if slices.Contains(fs.labels[b], l) {
					out[newLinkKey(a, b)] = true
					break
				}
			}
		}
	}
	return out
}
