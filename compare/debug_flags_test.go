package compare

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDebugStory(t *testing.T) {
	story := os.Getenv("DEBUG_STORY")
	if story == "" {
		t.Skip()
	}
	vs := evalStoryVersions(t, filepath.Join("../../../shared/data/stories", story), []string{"fox", "nyt", "hpo"})
	c, _ := Compare(vs)
	d := newFlagDoc(c)
	for _, v := range d.vers {
		for _, p := range v.paras {
			for _, m := range p.names {
				if os.Getenv("DEBUG_NAMES") != "" {
					t.Logf("name %s/%d %q folds=%v title=%q app=%q ent=%d", v.id, p.ref.Paragraph, m.Text, m.Folds, m.Title, m.Appositive, d.ents.entity(m))
				}
			}
		}
	}
	for _, f := range c.Flags {
		t.Logf("FLAG %s %s %s p%d: %q vs %q | %s", f.Kind, f.Severity, f.Version, f.Paragraph, f.Found, f.Expected, f.Message)
	}
}
