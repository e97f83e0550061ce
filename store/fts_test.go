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
