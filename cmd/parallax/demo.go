package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/parallax-news/parallax/assets"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/store"
)

// runDemo loads the demo library: one story per folder of assets/demo.
func runDemo(args []string) int {
	fs, dbPath := newFlagSet("demo")
	ifEmpty := fs.Bool("if-empty", false, "load only when the library has no articles")
	if _, err := parseFlags(fs, args); err != nil {
		return 2
	}
	st, err := store.OpenDefault(*dbPath)
	if err != nil {
		return fail(os.Stderr, "demo", err)
	}
	defer st.Close()
	ctx := context.Background()
	if *ifEmpty {
		n, err := st.CountArticles(ctx)
		if err != nil {
			return fail(os.Stderr, "demo", err)
		}
		if n > 0 {
			return 0
		}
	}
	n, err := loadDemo(ctx, st)
	if err != nil {
		return fail(os.Stderr, "demo", err)
	}
	fmt.Printf("demo library: %d articles loaded into %s\n", n, st.Path())
	return 0
}

// loadDemo imports every demo story, each folder as one story titled after
// the folder. Articles already present are skipped as duplicates, so loading
// twice changes nothing.
func loadDemo(ctx context.Context, st *store.Store) (int, error) {
	stories, err := fs.ReadDir(assets.Demo, "demo")
	if err != nil {
		return 0, fmt.Errorf("reading the demo library: %w", err)
	}
	loaded := 0
	for _, d := range stories {
		if !d.IsDir() {
			continue
		}
		dir := path.Join("demo", d.Name())
		files, err := fs.ReadDir(assets.Demo, dir)
		if err != nil {
			return loaded, fmt.Errorf("reading the demo library: %w", err)
		}
		names := make([]string, 0, len(files))
		for _, f := range files {
			names = append(names, f.Name())
		}
		sort.Strings(names)
		var storyID int64
		for _, name := range names {
			data, err := fs.ReadFile(assets.Demo, path.Join(dir, name))
			if err != nil {
				return loaded, fmt.Errorf("demo %s: %w", name, err)
			}
			a, err := ingest.Parse(name, data, ingest.Options{})
			if err != nil {
				return loaded, fmt.Errorf("demo %s/%s: %w", d.Name(), name, err)
			}
			a.StoryID = storyID
			err = st.AddArticle(ctx, a, storyTitleFromFolder(d.Name()))
			var dup *store.DuplicateError
			switch {
			case errors.As(err, &dup):
				storyID = dup.StoryID
			case err != nil:
				return loaded, fmt.Errorf("demo %s/%s: %w", d.Name(), name, err)
			default:
				storyID = a.StoryID
				loaded++
			}
		}
	}
	return loaded, nil
}

// storyTitleFromFolder turns "harlow-bridge-collapse" into
// "Harlow bridge collapse".
func storyTitleFromFolder(name string) string {
	t := strings.ReplaceAll(name, "-", " ")
	if t == "" {
		return t
	}
	return strings.ToUpper(t[:1]) + t[1:]
}
