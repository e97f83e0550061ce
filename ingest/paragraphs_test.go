package ingest

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	parallax "github.com/parallax-news/parallax"
)

// typed renders paragraphs as "kind:text" lines for compact comparison.
func typed(ps []parallax.Paragraph) string {
	var sb strings.Builder
	for _, p := range ps {
		sb.WriteString(string(p.Kind) + ":" + p.Text + "\n")
	}
	return sb.String()
}

func TestSplitParagraphs(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "headlines stacked with blank lines",
			in:   "Mill closes after ninety years\n\nWorkers told of closure on Friday\n\nThe Harrow paper mill will close in March, its owners said on Friday, putting 300 jobs at risk.\n",
			want: "headline:Mill closes after ninety years\nheadline:Workers told of closure on Friday\nbody:The Harrow paper mill will close in March, its owners said on Friday, putting 300 jobs at risk.\n"},
		{name: "no headline when the text opens with a sentence",
			in:   "The Harrow paper mill will close in March.\n\nIts owners said so on Friday.\n",
			want: "body:The Harrow paper mill will close in March.\nbody:Its owners said so on Friday.\n"},
		{name: "hard-wrapped paragraph is joined",
			in:   "Mill to close\n\nThe Harrow paper mill will close\nin March, its owners said\non Friday.\n",
			want: "headline:Mill to close\nbody:The Harrow paper mill will close in March, its owners said on Friday.\n"},
		{name: "single line breaks split when there are no blank lines",
			in:   "Mill to close\nThe mill will close in March.\nIts owners said so on Friday.\n",
			want: "headline:Mill to close\nbody:The mill will close in March.\nbody:Its owners said so on Friday.\n"},
		{name: "agency dateline with long dash",
			in:   "Mill to close\n\nHARROW (Valley Press) — The mill will close in March.\n",
			want: "headline:Mill to close\ndateline:HARROW (Valley Press) —\nbody:The mill will close in March.\n"},
		{name: "dateline with date and agency",
			in:   "NEW HARROW, Nov 6 (Valley Press) - The mill will close in March.\n\nIts owners said so.\n",
			want: "dateline:NEW HARROW, Nov 6 (Valley Press) -\nbody:The mill will close in March.\nbody:Its owners said so.\n"},
		{name: "agency credit without a place",
			in:   "(Valley Press) - The mill will close in March.\n",
			want: "dateline:(Valley Press) -\nbody:The mill will close in March.\n"},
		{name: "dateline only in the first body paragraph",
			in:   "The mill will close.\n\nHARROW: this is not a dateline here.\n",
			want: "body:The mill will close.\nbody:HARROW: this is not a dateline here.\n"},
		{name: "kicker is not a dateline",
			in:   "UPDATE: The mill will close in March, its owners said.\n",
			want: "body:UPDATE: The mill will close in March, its owners said.\n"},
		{name: "hyphenated capitals are not a dateline",
			in:   "US - Vantor trade talks resumed on Monday after a pause of two weeks.\n",
			want: "body:US - Vantor trade talks resumed on Monday after a pause of two weeks.\n"},
		{name: "date header with text on the same line",
			in:   "date 2025-11-06 HARROW: The mill will close in March.\n",
			want: "dateline:date 2025-11-06 HARROW:\nbody:The mill will close in March.\n"},
		{name: "published header",
			in:   "Mill to close\n\nPublished: 6 November 2025\n\nThe mill will close in March.\n",
			want: "headline:Mill to close\ndateline:Published: 6 November 2025\nbody:The mill will close in March.\n"},
		{name: "subheads: decorated, title case and capitals",
			in:   "The mill will close.\n\n- Jobs at risk -\n\nThree hundred people work there.\n\nWhat the Union Says\n\nThe union wants talks.\n\nBACKGROUND\n\nThe mill opened in 1935.\n",
			want: "body:The mill will close.\nsubhead:Jobs at risk\nbody:Three hundred people work there.\nsubhead:What the Union Says\nbody:The union wants talks.\nsubhead:BACKGROUND\nbody:The mill opened in 1935.\n"},
		{name: "short sentences are not subheads",
			in:   "The mill will close.\n\nNobody was surprised.\n\n\"Not Again\" Said Workers\n\nThe union wants talks.\n",
			want: "body:The mill will close.\nbody:Nobody was surprised.\nbody:\"Not Again\" Said Workers\nbody:The union wants talks.\n"},
		{name: "trailers of every kind",
			in:   "The mill will close.\n\n(Writing by Ina Roe; editing by Al Vos)\n\njm/sst\n\nK.Varga--VP\n\nFOREIGN DESK\n\n© 2025 Valley Press\n\nCopyright 2025 Valley Press. All rights reserved.\n",
			want: "body:The mill will close.\ntrailer:(Writing by Ina Roe; editing by Al Vos)\ntrailer:jm/sst\ntrailer:K.Varga--VP\ntrailer:FOREIGN DESK\ntrailer:© 2025 Valley Press\ntrailer:Copyright 2025 Valley Press. All rights reserved.\n"},
		{name: "trailer lines inside the last block are split out",
			in:   "The mill will close.\n\nThe union wants talks.\nburs-ab/cd\n",
			want: "body:The mill will close.\nbody:The union wants talks.\ntrailer:burs-ab/cd\n"},
		{name: "read-more line closing the text",
			in:   "The mill will close.\n\nRead more: Harrow's other mills\n",
			want: "body:The mill will close.\ntrailer:Read more: Harrow's other mills\n"},
		{name: "byline under the headline",
			in:   "Mill to close\n\nBy Ina Roe\n\nThe mill will close in March.\n",
			want: "headline:Mill to close\ntrailer:By Ina Roe\nbody:The mill will close in March.\n"},
		{name: "only short lines: one headline, the rest body",
			in:   "Mill to close\nJobs lost\nUnion angry\n",
			want: "headline:Mill to close\nbody:Jobs lost\nbody:Union angry\n"},
		{name: "one paragraph",
			in:   "The mill will close in March, its owners said.",
			want: "body:The mill will close in March, its owners said.\n"},
		{name: "curly and straight quotes kept",
			in:   "“Yes,” she said. \"No,\" he said. ‘Maybe.’\n",
			want: "body:“Yes,” she said. \"No,\" he said. ‘Maybe.’\n"},
		{name: "stray rules dropped",
			in:   "The mill will close.\n\n***\n\nThe union wants talks.\n",
			want: "body:The mill will close.\nbody:The union wants talks.\n"},
		{name: "empty", in: " \n\n ", want: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := SplitParagraphs(tc.in)
			if typed(got) != tc.want {
				t.Errorf("got\n%s\nwant\n%s", typed(got), tc.want)
			}
			for i, p := range got {
				if p.Ordinal != i+1 {
					t.Errorf("paragraph %d has ordinal %d", i, p.Ordinal)
				}
			}
		})
	}
}

func TestTextMetadata(t *testing.T) {
	tests := []struct {
		name                     string
		in                       string
		title, dateline, pub, by string
	}{
		{name: "date header sets Published and Dateline", in: "date 2025-11-06 HARROW:\n\nThe mill will close.", dateline: "HARROW", pub: "2025-11-06", title: "The mill will close."},
		{name: "date and clock time", in: "Mill to close\n\nPublished: 8 November 2032 08:00\n\nHARROW: The mill will close.", title: "Mill to close", pub: "2032-11-08", dateline: "HARROW"},
		{name: "date, time with zone and place", in: "Mill to close\n\nNov. 6, 2025, 4:15 p.m. EST - HARROW:\n\nThe mill will close.", title: "Mill to close", pub: "2025-11-06", dateline: "HARROW"},
		{name: "a time alone is not a place", in: "Mill to close\n\nPublished: 6 November 2025 08:00 the mill said it would close.", title: "Mill to close"},
		{name: "day-first numeric date", in: "Mill to close\n\nPosted 06/11/2025\n\nThe mill will close.", title: "Mill to close", pub: "2025-11-06"},
		{name: "dateline place", in: "Mill to close\n\nNEW HARROW (Valley Press) — The mill will close.", title: "Mill to close", dateline: "NEW HARROW"},
		{name: "byline", in: "Mill to close\n\nBy Ina Roe and Al Vos\n\nThe mill will close.", title: "Mill to close", by: "Ina Roe and Al Vos"},
		{name: "fallback title from the body", in: "The Harrow paper mill, which opened in 1935 and employs three hundred people, will close in March.",
			title: "The Harrow paper mill, which opened in 1935 and employs three hundred…"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Parse("in.txt", []byte(tc.in), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tc.title || a.Dateline != tc.dateline || dateOf(a.Published) != tc.pub || a.Byline != tc.by {
				t.Errorf("got title=%q dateline=%q pub=%q by=%q", a.Title, a.Dateline, dateOf(a.Published), a.Byline)
			}
		})
	}
}

// An article read holds its text once: each paragraph's text is the part
// of the article's text it was joined into, not a copy of it.
func TestParagraphsPointIntoText(t *testing.T) {
	a, err := Parse("a.txt", textArticle5K(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Paragraphs) < 2 {
		t.Fatalf("%d paragraphs", len(a.Paragraphs))
	}
	start := uintptr(unsafe.Pointer(unsafe.StringData(a.Text)))
	end := start + uintptr(len(a.Text))
	var texts []string
	for _, p := range a.Paragraphs {
		texts = append(texts, p.Text)
		at := uintptr(unsafe.Pointer(unsafe.StringData(p.Text)))
		if at < start || at+uintptr(len(p.Text)) > end {
			t.Errorf("paragraph %d (%q) is a copy, not a part of the text", p.Ordinal, p.Text)
		}
	}
	if joined := strings.Join(texts, "\n\n"); joined != a.Text {
		t.Errorf("paragraphs joined:\n%q\ntext:\n%q", joined, a.Text)
	}
}

// An article read holds its input twice (Raw, and Text, which its
// paragraphs are parts of), not three times: the decoded input, of which
// the title, byline, dateline and headlines were found as parts, is let
// go once they are copied out of it. An import holds a few hundred
// articles read ahead of the store, and memory held is memory first
// touched, a page fault a page.
func TestParsedArticleHoldsItsInputTwice(t *testing.T) {
	data := textArticle5K()
	const n = 64
	arts := make([]*parallax.Article, n)
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := ms.HeapAlloc
	for i := range arts {
		a, err := Parse("a.txt", bytes.Clone(data), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if a.Title == "" {
			t.Fatal("no title: the test needs one")
		}
		arts[i] = a
	}
	runtime.GC()
	runtime.ReadMemStats(&ms)
	per := float64(int64(ms.HeapAlloc)-int64(before)) / n
	if per > 3*float64(len(data)) {
		t.Errorf("each article read holds %.0f bytes for an input of %d (%.1f×); want at most 3× (Raw, Text, and what describes them)", per, len(data), per/float64(len(data)))
	}
	runtime.KeepAlive(arts)
}
