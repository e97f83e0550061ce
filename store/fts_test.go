package store

import (
	"context"
	"strings"
	"testing"
	"unsafe"

	parallax "github.com/parallax-news/parallax"
)

// The text kept in memory for indexing an article this Store added is the
// text read back from the library for one another process queued.
func TestSearchDocFromMemoryMatchesLibrary(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a := testArticle("港口罢工结束", "码头工人周四复工。", "Talks went on for nine days.")
	a.Headlines = []string{"Dockers back at work", "Strike over"}
	a.Paragraphs = append(a.Paragraphs,
		parallax.Paragraph{Ordinal: 4, Kind: parallax.KindSubhead, Text: "Talks"},
		parallax.Paragraph{Ordinal: 5, Kind: parallax.KindTrailer, Text: "burs-oho/mtp"})
	mustAdd(t, s, a, "")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	read, err := readSearchDocs(ctx, tx, []int64{a.ID})
	if err != nil {
		t.Fatal(err)
	}
	mem := newSearchDoc(a)
	if read[a.ID] != mem {
		t.Errorf("read back %+v\nin memory %+v", read[a.ID], mem)
	}
}

func TestSpaceIdeographs(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"ascii unchanged", "Dockers back at work", "Dockers back at work"},
		{"accents and dashes unchanged", "Zoë — café “quoted”", "Zoë — café “quoted”"},
		{"han spaced", "北京市", " 北  京  市 "},
		{"mixed", "in 北京 today", "in  北  京  today"},
		{"kana spaced", "カナ", " カ  ナ "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := spaceIdeographs(tc.in); got != tc.want {
				t.Errorf("spaceIdeographs(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// An article's search body is its body paragraphs and subheads joined by
// blank lines, cut from its text without a copy where the text holds them
// in one run.
func TestBodyFromParagraphs(t *testing.T) {
	p := func(kind parallax.ParagraphKind, text string) parallax.Paragraph {
		return parallax.Paragraph{Kind: kind, Text: text}
	}
	join := func(ps []parallax.Paragraph, sep string, keep func(parallax.Paragraph) bool) string {
		var parts []string
		for _, q := range ps {
			if keep(q) {
				parts = append(parts, q.Text)
			}
		}
		return strings.Join(parts, sep)
	}
	all := func(parallax.Paragraph) bool { return true }
	body := func(q parallax.Paragraph) bool {
		return q.Kind == parallax.KindBody || q.Kind == parallax.KindSubhead
	}
	H, D, B, S, T := parallax.KindHeadline, parallax.KindDateline, parallax.KindBody, parallax.KindSubhead, parallax.KindTrailer
	tests := []struct {
		name   string
		ps     []parallax.Paragraph
		text   string // "" for the paragraphs joined by blank lines
		want   string // "" for the body paragraphs joined by blank lines
		inText bool   // the result is a part of the text, not a copy
	}{
		{name: "headline, body, trailer", ps: []parallax.Paragraph{p(H, "Strike ends"), p(D, "KESTRELTON"), p(B, "Dockers went back."), p(S, "Talks"), p(B, "“We are close,” he said."), p(T, "burs-oho/mtp")}, inText: true},
		{name: "body only", ps: []parallax.Paragraph{p(B, "One."), p(B, "Two — é 北京.")}, inText: true},
		{name: "trailer between bodies", ps: []parallax.Paragraph{p(B, "One."), p(T, "(Reporting by Ana)"), p(B, "Two.")}},
		{name: "text not the paragraphs joined", ps: []parallax.Paragraph{p(B, "One."), p(B, "Two.")}, text: "One.\nTwo.", want: "One.\n\nTwo."},
		{name: "text longer than the paragraphs", ps: []parallax.Paragraph{p(B, "One."), p(B, "Two.")}, text: "One.\n\nTwo.\n\nThree."},
		{name: "one body paragraph (itself, no copy either)", ps: []parallax.Paragraph{p(H, "Title"), p(B, "Only.")}},
		{name: "no body paragraph", ps: []parallax.Paragraph{p(H, "Title"), p(T, "end")}},
		{name: "no paragraphs", text: "Loose text.", want: "Loose text.", inText: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := tc.text
			if text == "" {
				text = join(tc.ps, "\n\n", all)
			}
			want := tc.want
			if want == "" {
				want = join(tc.ps, "\n\n", body)
			}
			got := bodyFromParagraphs(tc.ps, text)
			if got != want {
				t.Fatalf("body %q, want %q", got, want)
			}
			start := uintptr(unsafe.Pointer(unsafe.StringData(text)))
			at := uintptr(unsafe.Pointer(unsafe.StringData(got)))
			inText := got != "" && at >= start && at+uintptr(len(got)) <= start+uintptr(len(text))
			if inText != tc.inText {
				t.Errorf("body is a part of the text: %v, want %v", inText, tc.inText)
			}
		})
	}
}

// The indexer takes a kept document for a queue entry without asking the
// library only once the entry is known to be the one storing it wrote,
// committed; before that, or for another entry of the same id, it asks.
func TestDocCacheTakesWrittenEntriesOnly(t *testing.T) {
	var c searchDocCache
	doc := searchDoc{title: "Quay reopens", body: "Berth 4 reopens."}
	c.put(7, "h7", doc)
	if found, others := c.takeWritten(map[int64]int64{7: 40}); len(found) != 0 || len(others) != 1 {
		t.Fatalf("before the commit: found %v, others %v; want the library asked", found, others)
	}
	c.written(7, "other hash", 40) // not this document's article
	if found, _ := c.takeWritten(map[int64]int64{7: 40}); len(found) != 0 {
		t.Fatalf("entry recorded for another hash: found %v", found)
	}
	c.written(7, "h7", 40)
	if found, others := c.takeWritten(map[int64]int64{7: 41}); len(found) != 0 || len(others) != 1 {
		t.Fatalf("a later entry of the same id: found %v, others %v; want the library asked", found, others)
	}
	found, others := c.takeWritten(map[int64]int64{7: 40})
	if found[7] != doc || len(others) != 0 {
		t.Fatalf("its own entry: found %v, others %v", found, others)
	}
	if found, _ := c.takeWritten(map[int64]int64{7: 40}); len(found) != 0 {
		t.Errorf("taken twice: %v", found)
	}
}

func TestQueueEntry(t *testing.T) {
	tests := []struct {
		before, after int64
		n             int
		want          int64
	}{
		{0, 3, 3, 1},
		{41, 105, 64, 42},
		{41, 106, 64, 0}, // another entry among them: not known
		{41, 41, 0, 0},
	}
	for _, tc := range tests {
		if got := queueEntry(tc.before, tc.after, tc.n); got != tc.want {
			t.Errorf("queueEntry(%d, %d, %d) = %d, want %d", tc.before, tc.after, tc.n, got, tc.want)
		}
	}
}
