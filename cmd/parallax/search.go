package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/parallax-news/parallax/library"
)

// runSearch serves "parallax search [--limit N] QUERY": one line per hit,
// best first: article id, title and snippet, separated by tabs, with the
// matched words in [brackets].
func runSearch(args []string) int {
	fs, db := newFlagSet("search")
	limit := fs.Int("limit", library.DefaultSearchLimit, "show at most `N` hits")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: parallax search [--db PATH] [--limit N] QUERY
  words must all appear; "quoted words" together; word* as a prefix; -word excluded; a OR b`)
		fs.PrintDefaults()
	}
	rest, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	if len(rest) == 0 {
		fs.Usage()
		return 2
	}
	s, err := library.Open(*db)
	if err != nil {
		return fail(os.Stderr, "search", err)
	}
	defer s.Close()
	hits, err := s.Search(context.Background(), strings.Join(rest, " "), *limit)
	if err != nil {
		return fail(os.Stderr, "search", err)
	}
	if len(hits) == 0 {
		fmt.Fprintln(os.Stderr, "parallax search: no article matches")
		return 0
	}
	for _, h := range hits {
		fmt.Printf("%d\t%s\t%s\n", h.ArticleID, oneLine(h.Title), safeLine(markHighlights(h.Snippet, h.Highlights)))
	}
	return 0
}

// markHighlights wraps each highlighted range of snippet in brackets.
func markHighlights(snippet string, marks [][2]int) string {
	var b strings.Builder
	at := 0
	for _, m := range marks {
		b.WriteString(snippet[at:m[0]])
		b.WriteString("[" + snippet[m[0]:m[1]] + "]")
		at = m[1]
	}
	b.WriteString(snippet[at:])
	return b.String()
}
