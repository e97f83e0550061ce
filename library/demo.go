package library

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/parallax-news/parallax/assets"
	"github.com/parallax-news/parallax/ingest"
)

// LoadDemo imports every demo story, each folder of assets/demo as one
// story titled after the folder. Articles already present are skipped as
// duplicates, so loading twice changes nothing. It returns how many
// articles it stored.
func (l *Library) LoadDemo(ctx context.Context) (int, error) {
	stories, err := fs.ReadDir(assets.Demo, "demo")
	if err != nil {
		return 0, fmt.Errorf("reading the demo library: %w", err)
	}
	loaded := 0
	for _, d := range stories {
		if !d.IsDir() {
			continue
		}
		n, err := l.loadDemoStory(ctx, d.Name())
		loaded += n
		if err != nil {
			return loaded, err
		}
	}
	return loaded, nil
}

// loadDemoStory imports the files of one demo folder into one story. A
// story already loaded is joined again rather than started twice.
func (l *Library) loadDemoStory(ctx context.Context, folder string) (int, error) {
	dir := path.Join("demo", folder)
	files, err := fs.ReadDir(assets.Demo, dir)
	if err != nil {
		return 0, fmt.Errorf("reading the demo library: %w", err)
	}
	names := make([]string, 0, len(files))
	for _, f := range files {
		names = append(names, f.Name())
	}
	sort.Strings(names)
	im := l.NewImporter(Target{NewTitle: storyTitleFromFolder(folder)})
	loaded := 0
	for _, name := range names {
		data, err := fs.ReadFile(assets.Demo, path.Join(dir, name))
		if err != nil {
			return loaded, fmt.Errorf("demo %s: %w", name, err)
		}
		a, err := ingest.Parse(name, data, ingest.Options{})
		if err != nil {
			return loaded, fmt.Errorf("demo %s/%s: %w", folder, name, err)
		}
		out := im.Add(ctx, ingest.Result{Article: a})
		switch out.Kind {
		case Duplicate:
			im.target = Target{StoryID: out.StoryID}
		case Refused:
			return loaded, fmt.Errorf("demo %s/%s: %w", folder, name, out.Err)
		default:
			loaded++
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
