package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/library"
)

// runStories serves "parallax stories [--format text|json]", and hands
// "stories merge|split|move" to runStoriesEdit.
func runStories(args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "merge", "split", "move":
			return runStoriesEdit(args)
		}
	}
	fs, db := newFlagSet("stories")
	format := fs.String("format", "text", "output `format`: text or json")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	if len(rest) > 0 {
		return fail(os.Stderr, "stories", fmt.Errorf("unexpected argument %q (merge, split and move are the subcommands)", rest[0]))
	}
	if *format != "text" && *format != "json" {
		return fail(os.Stderr, "stories", fmt.Errorf("--format %q: want text or json", *format))
	}
	s, err := library.Open(*db)
	if err != nil {
		return fail(os.Stderr, "stories", err)
	}
	defer s.Close()
	stories, err := s.Stories(context.Background())
	if err != nil {
		return fail(os.Stderr, "stories", err)
	}
	if *format == "json" {
		err = writeStoriesJSON(os.Stdout, stories)
	} else {
		err = writeStoriesText(os.Stdout, stories)
	}
	if err != nil {
		return fail(os.Stderr, "stories", err)
	}
	return 0
}

// storyJSON is a story as "stories --format json" writes it.
type storyJSON struct {
	ID       int64         `json:"id"`
	Title    string        `json:"title"`
	Articles []articleJSON `json:"articles"`
}

// articleJSON is an article summary as "stories --format json" writes it;
// Published is RFC 3339, or empty when unknown.
type articleJSON struct {
	ID        int64  `json:"id"`
	Title     string `json:"title"`
	Source    string `json:"source"`
	Published string `json:"published"`
	PathOrURL string `json:"path_or_url"`
}

func writeStoriesJSON(w io.Writer, stories []parallax.Story) error {
	out := make([]storyJSON, 0, len(stories))
	for _, st := range stories {
		sj := storyJSON{ID: st.ID, Title: st.Title, Articles: []articleJSON{}}
		for _, a := range st.Articles {
			sj.Articles = append(sj.Articles, articleJSON{
				ID: a.ID, Title: a.Title, Source: a.Source, Published: formatPublished(a.Published, time.RFC3339), PathOrURL: a.PathOrURL,
			})
		}
		out = append(out, sj)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func writeStoriesText(w io.Writer, stories []parallax.Story) error {
	if len(stories) == 0 {
		_, err := fmt.Fprintln(w, "the library is empty: add articles with \"parallax import PATH...\"")
		return err
	}
	for i, st := range stories {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "story %d: %s (%d articles)\n", st.ID, oneLine(st.Title), len(st.Articles))
		for _, a := range st.Articles {
			fmt.Fprintf(w, "  %6d  %-10s  %-20s  %s\n", a.ID, formatPublished(a.Published, time.DateOnly), safeLine(orDash(a.Source)), oneLine(a.Title))
		}
	}
	return nil
}

// formatPublished writes t in layout, or "" when the date is unknown.
func formatPublished(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(layout)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
