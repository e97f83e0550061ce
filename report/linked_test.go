package report

import (
	"strings"
	"testing"
)

// TestLinkedByHandSaid: a pair the analyst linked by hand is said so in
// every format's caption of the paragraph it diffs, and only that one.
func TestLinkedByHandSaid(t *testing.T) {
	for _, format := range []string{FormatHTML, FormatMarkdown, FormatJSON} {
		t.Run(format, func(t *testing.T) {
			plain := render(t, format, fixtureDocument(t), DefaultOptions())
			if strings.Contains(plain, "linked by hand") || strings.Contains(plain, "linked_by_hand") {
				t.Fatal("a report without manual pairs says linked by hand")
			}
			doc := fixtureDocument(t)
			doc.Comparison.Pairs[0].Manual = true
			got := render(t, format, doc, DefaultOptions())
			want := ", linked by hand"
			if format == FormatJSON {
				want = `"linked_by_hand": true`
			}
			if n := strings.Count(got, want); n != 1 {
				t.Errorf("%q appears %d times, want once", want, n)
			}
		})
	}
}
