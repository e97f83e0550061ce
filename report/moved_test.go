package report

import (
	"strings"
	"testing"

	"github.com/parallax-news/parallax/compare"
)

// TestMovedWords lays out a version whose words "at dawn," stand in
// another place than in the reference, and "new" replaces "old": the
// moved words are marked moved (not inserted) where this version has
// them and not shown deleted where the reference had them, while the
// real change keeps its deletion and insertion marks.
func TestMovedWords(t *testing.T) {
	a := "ferry left at dawn, from the old pier"
	b := "at dawn, ferry left from the new pier"
	c := buildComparison(t, []fixtureVersion{
		{id: "a", title: "Ferry", paras: []compare.ParagraphOut{body(1, a)}},
		{id: "b", title: "Ferry", paras: []compare.ParagraphOut{body(1, b)}},
	}, []compare.Passage{{Members: []compare.Member{member("a", 1), member("b", 1)}}})
	c.Pairs[0].Ops = []compare.Op{
		{Op: compare.OpInsert, AStart: 0, AEnd: 0, BStart: 0, BEnd: 9, Moved: true},
		{Op: compare.OpEqual, AStart: 0, AEnd: 11, BStart: 9, BEnd: 20},
		{Op: compare.OpDelete, AStart: 11, AEnd: 20, BStart: 20, BEnd: 20, Moved: true},
		{Op: compare.OpEqual, AStart: 20, AEnd: 29, BStart: 20, BEnd: 29},
		{Op: compare.OpDelete, AStart: 29, AEnd: 32, BStart: 29, BEnd: 29},
		{Op: compare.OpInsert, AStart: 32, AEnd: 32, BStart: 29, BEnd: 32},
		{Op: compare.OpEqual, AStart: 32, AEnd: 37, BStart: 32, BEnd: 37},
	}
	doc := Document{Title: "Ferry", Generated: fixtureGenerated, AppVersion: "test", Comparison: c}

	m := decode(t, doc, DefaultOptions())
	var moved []string
	for _, s := range m.Passages[0].Members[1].Paragraphs[0].Segments {
		if s.Moved {
			moved = append(moved, string(s.Op)+":"+s.Text)
		}
	}
	if strings.Join(moved, "|") != "insert:at dawn, |delete:at dawn, " {
		t.Errorf("moved segments %q, want the insertion and the deletion of \"at dawn, \"", moved)
	}

	html := render(t, "html", doc, DefaultOptions())
	for _, want := range []string{
		`<ins class="moved"><span class="sr">[moved: </span>at dawn,`,
		`<span class="sr">[deleted: </span>old<span class="sr">]</span></del>`,
		`<span class="sr">[inserted: </span>new<span class="sr">]</span></ins>`,
		`ins.moved {`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("html lacks %q", want)
		}
	}
	if strings.Contains(html, `[deleted: </span>at dawn`) || strings.Contains(html, `[inserted: </span>at dawn`) {
		t.Error("html marks the moved words as a deletion or insertion")
	}

	md := render(t, "markdown", doc, DefaultOptions())
	for _, want := range []string{"_at dawn,_ ferry left from the ~~old~~ **new** pier", "_moved text_"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}
