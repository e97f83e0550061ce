package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/store"
)

// runImport serves "parallax import [--story ID|NEW-TITLE] [--max-size N] PATH...".
// Without --story each article joins the story automatic grouping picks
// for it (a new one when none fits).
func runImport(args []string) int {
	fs, db := newFlagSet("import")
	story := fs.String("story", "", "put the articles in story `ID`, or in a new story with this title; without it, group automatically")
	maxSize := fs.String("max-size", "20MB", "refuse files larger than this (bytes, or with KB, MB, GB)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: parallax import [--db PATH] [--story ID|NEW-TITLE] [--max-size SIZE] PATH|URL... (- reads standard input)")
		fs.PrintDefaults()
	}
	paths, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	if len(paths) == 0 {
		fs.Usage()
		return 2
	}
	limit, err := ingest.ParseSize(*maxSize)
	if err != nil {
		return fail(os.Stderr, "import", fmt.Errorf("--max-size: %w", err))
	}
	s, err := store.OpenDefault(*db)
	if err != nil {
		return fail(os.Stderr, "import", err)
	}
	defer s.Close()
	imp := importer{store: s, out: os.Stdout}
	if err := imp.placeIn(context.Background(), *story); err != nil {
		return fail(os.Stderr, "import", err)
	}
	ctx := context.Background()
	known := func(data []byte) error {
		// A file already imported is reported before it is parsed; a
		// library error here is left for the store to report.
		if err := s.KnownRaw(ctx, data); errors.Is(err, store.ErrDuplicate) {
			return err
		}
		return nil
	}
	// Automatic grouping decides for a whole batch at once, so that
	// versions imported together find each other; each batch is also
	// stored in one transaction, which is most of an import's speed.
	for batch := range batches(readInputs(paths, ingest.Options{MaxBytes: limit, Known: known}), importBatch) {
		imp.addBatch(batch)
	}
	if imp.refused > 0 {
		return 1
	}
	return 0
}

// readInputs reads and parses the inputs (files, folders, standard input,
// URLs) on a goroutine of its own, in order, while the caller stores the
// ones before: an import then takes about the longer of reading and
// storing rather than their sum. The channel closes after the last input.
func readInputs(paths []string, opt ingest.Options) <-chan ingest.Result {
	// A few inputs of lead are enough to keep the store busy; more would
	// only hold parsed articles in memory.
	out := make(chan ingest.Result, 16)
	go func() {
		defer close(out)
		send := func(r ingest.Result) { out <- r }
		for _, p := range paths {
			if isURL(p) {
				a, err := fetchArticle(context.Background(), p)
				send(ingest.Result{Path: p, Article: a, Err: err})
				continue
			}
			ingest.Walk([]string{p}, os.Stdin, opt, send)
		}
	}()
	return out
}

// importBatch is how many inputs automatic grouping weighs together: a
// folder of versions or a feed's worth, without holding a huge import in
// memory.
const importBatch = 256

// batches gathers inputs into slices of up to n, waiting for each to fill
// (or for the inputs to end) so that files read one by one still group
// together.
func batches(in <-chan ingest.Result, n int) <-chan []ingest.Result {
	out := make(chan []ingest.Result)
	go func() {
		defer close(out)
		var b []ingest.Result
		for r := range in {
			b = append(b, r)
			if len(b) == n {
				out <- b
				b = nil
			}
		}
		if len(b) > 0 {
			out <- b
		}
	}()
	return out
}

// addBatch stores a batch of inputs in one transaction (each file whole
// or not at all; a line says "imported" only once the batch is
// committed), placed by --story or by grouping them jointly with the
// library (see store.GroupBatch). Lines are printed in input order.
func (imp *importer) addBatch(rs []ingest.Result) {
	var arts []*parallax.Article
	var at []int // index in rs of each of arts
	for i, r := range rs {
		if r.Err == nil && imp.stopped == nil {
			a := r.Article
			a.Path = articlePath(r.Path)
			a.StoryID = imp.storyID
			arts = append(arts, a)
			at = append(at, i)
		}
	}
	errs := make([]error, len(rs))
	if len(arts) > 0 {
		opt := store.AddOptions{NewStory: imp.newStory}
		if imp.storyID == 0 && imp.newStory == "" {
			opt.Grouped = true
			targets, feats, err := imp.store.GroupBatchFeatures(context.Background(), arts)
			if err == nil {
				opt.Targets, opt.Features = targets, feats
			} // else each article is placed on its own by the index
		}
		stored, err := imp.store.AddArticles(context.Background(), arts, opt)
		for k, i := range at {
			switch {
			case err != nil && k == 0:
				errs[i] = err
			case err != nil:
				errs[i] = fmt.Errorf("not imported: %w", err)
			default:
				errs[i] = stored[k]
			}
		}
		if err != nil {
			imp.stopped = err
		} else if imp.newStory != "" && imp.storyID == 0 {
			for k := range arts {
				if stored[k] == nil {
					imp.storyID = arts[k].StoryID
					break
				}
			}
		}
	}
	for i, r := range rs {
		err := r.Err
		if err == nil && imp.stopped != nil && errs[i] == nil && r.Article.ID == 0 {
			err = fmt.Errorf("not imported: %w", imp.stopped)
		}
		if err == nil {
			err = errs[i]
		}
		var dup *store.DuplicateError
		switch {
		case errors.As(err, &dup):
			fmt.Fprintf(imp.out, "duplicate %s: already article %d in story %d; nothing stored\n", quotePath(r.Path), dup.ID, dup.StoryID)
		case err != nil:
			imp.refuse(r.Path, err)
		default:
			a := r.Article
			fmt.Fprintf(imp.out, "imported %s: article %d in story %d: %s\n", quotePath(r.Path), a.ID, a.StoryID, oneLine(a.Title))
		}
	}
}

// importer stores what ingest.Walk reads and prints one line per input.
type importer struct {
	store *store.Store
	out   io.Writer
	// storyID is where articles go: the --story id, or the story the first
	// article made for --story NEW-TITLE. 0 with newStory empty means
	// automatic grouping.
	storyID  int64
	newStory string
	refused  int
	// stopped is the library error that ended the import; the remaining
	// inputs are refused with it rather than each waiting on a locked file.
	stopped error
}

// placeIn reads --story: a number names an existing story, any other text
// is the title of a new story that this call's articles go into.
func (imp *importer) placeIn(ctx context.Context, arg string) error {
	arg = strings.TrimSpace(arg)
	if arg == "" {
		return nil
	}
	if id, err := strconv.ParseInt(arg, 10, 64); err == nil {
		if _, err := imp.store.Story(ctx, id); err != nil {
			return err
		}
		imp.storyID = id
		return nil
	}
	imp.newStory = arg
	return nil
}

func (imp *importer) refuse(path string, err error) {
	imp.refused++
	msg := strings.TrimPrefix(err.Error(), "ingest: "+path+": ")
	msg = strings.ReplaceAll(msg, path, quotePath(path))
	fmt.Fprintf(imp.out, "refused %s: %s\n", quotePath(path), safeLine(msg))
}

// articlePath is the path kept with an article: absolute, so it still
// names the file when the library is used from another folder; empty for
// standard input.
func articlePath(p string) string {
	if p == "-" || isURL(p) {
		return "" // a fetched page keeps its address as its URL
	}
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}

// oneLine squeezes s onto one line for terminal output.
func oneLine(s string) string {
	s = safeLine(strings.Join(strings.Fields(s), " "))
	if s == "" {
		return "(untitled)"
	}
	return s
}

// isURL reports whether an import argument is a web address to fetch.
func isURL(arg string) bool {
	return strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://")
}
