package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/library"
)

// runShow serves "parallax show ARTICLE": the article's metadata, then
// each paragraph with its ordinal and kind.
func runShow(args []string) int {
	fs, db := newFlagSet("show")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: parallax show [--db PATH] ARTICLE-ID")
		fs.PrintDefaults()
	}
	rest, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	if len(rest) != 1 {
		fs.Usage()
		return 2
	}
	id, err := strconv.ParseInt(rest[0], 10, 64)
	if err != nil || id <= 0 {
		return fail(os.Stderr, "show", fmt.Errorf("%q is not an article id (a number; see \"parallax stories\")", rest[0]))
	}
	s, err := library.Open(*db)
	if err != nil {
		return fail(os.Stderr, "show", err)
	}
	defer s.Close()
	a, err := s.Article(context.Background(), id)
	if err != nil {
		return fail(os.Stderr, "show", err)
	}
	writeArticle(os.Stdout, a)
	return 0
}

// writeArticle prints a's metadata, one "field: value" a line, then its
// paragraphs as "ORDINAL KIND  text".
func writeArticle(w io.Writer, a *parallax.Article) {
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(w, "%-10s %s\n", name+":", oneLine(value))
		}
	}
	field("article", strconv.FormatInt(a.ID, 10))
	field("story", strconv.FormatInt(a.StoryID, 10))
	field("title", a.Title)
	for _, h := range a.Headlines {
		field("headline", h)
	}
	source := a.Source.Name
	if a.Source.Site != "" && a.Source.Site != a.Source.Name {
		source = strings.TrimSpace(source + " (" + a.Source.Site + ")")
	}
	field("source", source)
	field("byline", a.Byline)
	field("dateline", a.Dateline)
	field("published", formatPublished(a.Published, time.RFC3339))
	field("url", a.URL)
	field("path", a.Path)
	field("language", a.Language)
	field("imported", formatPublished(a.ImportedAt.Local(), time.RFC3339))
	field("hash", a.Hash)
	fmt.Fprintln(w)
	for _, p := range a.Paragraphs {
		fmt.Fprintf(w, "%3d %-8s  %s\n", p.Ordinal, p.Kind, oneLine(p.Text))
	}
}
