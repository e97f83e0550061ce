package store

import (
	"context"
	"testing"

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
