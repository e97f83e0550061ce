package library

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare/group"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/ingest/feed"
	"github.com/parallax-news/parallax/store"
)

// Target says which story imported articles join.
type Target struct {
	// StoryID names an existing story; 0 for none.
	StoryID int64
	// NewTitle, with StoryID 0 and Auto false, starts a new story with this
	// title (the first article's title when empty) that every article of
	// the import then joins.
	NewTitle string
	// Auto lets automatic grouping place each article (a new story when
	// none fits).
	Auto bool
}

// ParseTarget reads a target as the CLI's --story takes it: empty for
// automatic grouping, a number for an existing story, any other text for
// a new story with that title.
func (l *Library) ParseTarget(ctx context.Context, arg string) (Target, error) {
	arg = strings.TrimSpace(arg)
	if arg == "" {
		return Target{Auto: true}, nil
	}
	if id, err := strconv.ParseInt(arg, 10, 64); err == nil {
		if _, err := l.Story(ctx, id); err != nil {
			return Target{}, err
		}
		return Target{StoryID: id}, nil
	}
	return Target{NewTitle: arg}, nil
}

// OutcomeKind is what became of one input.
type OutcomeKind int

// The outcomes of one input.
const (
	Imported OutcomeKind = iota
	Duplicate
	Refused
)

// Outcome is what became of one input of an import.
type Outcome struct {
	Path    string // as read ("" or "-" for standard input)
	Kind    OutcomeKind
	Article *parallax.Article // the stored article (Imported), else nil
	// ArticleID and StoryID are the stored article and its story: the new
	// one when imported, the one already there when a duplicate.
	ArticleID, StoryID int64
	Err                error // why it was refused, or the duplicate error
}

// Importer stores the inputs of one import, in order, into its target.
// After the first article of a new story, the others join that story. A
// library error (a locked or unwritable file) ends the import: the
// remaining inputs are refused with it rather than each waiting on it.
type Importer struct {
	lib     *Library
	target  Target
	stopped error
	// wd is the working directory, looked up once for the import
	// (os.Getwd checks it with two system calls every time).
	wd    string
	ahead *featuresAhead // with automatic grouping, from Batches
	// placedBeside and placedAgain count the batches AddBatches placed
	// beside the batch being stored, and those of them placed again after
	// its commit (for tests).
	placedBeside, placedAgain int
	// holdCommits makes each batch's commit wait until the next batch's
	// placing has begun (or none will), so that tests place beside the
	// store every time, however the threads are scheduled.
	holdCommits bool
	// storeFirst makes each batch's store end before the next batch is
	// placed, so that tests place after the commit every time.
	storeFirst bool
}

// NewImporter starts an import into t.
func (l *Library) NewImporter(t Target) *Importer {
	return &Importer{lib: l, target: t}
}

// Target is where the next article goes: after the first article of a
// new story, that story.
func (im *Importer) Target() Target { return im.target }

// Input is one input read for an import: its path, and the article read
// from it or why none was.
type Input = ingest.Result

// Add stores one input (or records why it was refused).
func (im *Importer) Add(ctx context.Context, r Input) Outcome {
	return im.AddBatch(ctx, []Input{r})[0]
}

// ImportBatch is how many inputs an import stores in one transaction and
// automatic grouping weighs together: a folder of versions or a feed's
// worth, without holding a huge import in memory.
const ImportBatch = 256

// Batches gathers inputs into slices of up to n, waiting for each to fill
// (or for the inputs to end) so that files read one by one still group
// together.
func Batches(in <-chan Input, n int) <-chan []Input {
	return eagerBatches(in, n, n) // a batch of n is handed on as it fills
}

// eagerBatchMin is the fewest inputs a batch is handed on with before it
// is full (see Importer.Batches): each batch is a transaction, whose
// commit has a cost of its own, so the store waits for a few inputs
// rather than taking them one by one.
const eagerBatchMin = 32

// Batches gathers the inputs of this import into the batches it stores.
// With automatic grouping each batch waits to fill (Batches), since
// versions grouped together must arrive together, and each article's
// grouping features are computed as it is read (featuresAhead), on a
// core the storing goroutine leaves idle, rather than when its batch is
// placed. Into a named or new story the batches only bound transactions,
// so one is handed on as soon as the store waits for it and it holds
// eagerBatchMin inputs: the store then starts while the first inputs are
// still being parsed, instead of idling until ImportBatch of them are.
func (im *Importer) Batches(in <-chan Input) <-chan []Input {
	if im.target.Auto {
		im.ahead = &featuresAhead{feats: map[*parallax.Article]*group.Features{}}
		return Batches(im.ahead.extractAhead(in), ImportBatch)
	}
	return eagerBatches(in, eagerBatchMin, ImportBatch)
}

// eagerBatches gathers inputs into slices of up to most, handing one on
// before it is full when the receiver is waiting and it holds at least
// least inputs (or the inputs have ended).
func eagerBatches(in <-chan Input, least, most int) <-chan []Input {
	out := make(chan []Input)
	go func() {
		defer close(out)
		var b []Input
		for {
			var ready chan<- []Input // nil (never chosen) until b may go
			if len(b) >= least {
				ready = out
			}
			select {
			case r, ok := <-in:
				if !ok {
					if len(b) > 0 {
						out <- b
					}
					return
				}
				b = append(b, r)
				if len(b) == most {
					out <- b
					b = nil
				}
			case ready <- b:
				b = nil
			}
		}
	}()
	return out
}

// AddBatch stores inputs read together in one transaction (each whole or
// not at all; an outcome says "imported" only once the batch is
// committed) and returns their outcomes in order. With automatic grouping
// the batch is placed jointly with the library (see group.Place), so that
// versions imported together find each other.
func (im *Importer) AddBatch(ctx context.Context, rs []Input) []Outcome {
	b := im.prepare(rs)
	if len(b.arts) > 0 {
		opt, err := im.place(ctx, b)
		if err == nil {
			err = im.write(ctx, b, opt)
		}
		im.settle(b, err)
	}
	return im.outcomes(b)
}

// AddBatches stores each batch of batches as AddBatch does, in order, and
// hands each batch's outcomes to each once it is committed. With
// automatic grouping a batch is placed while the one before it is being
// stored, against the library with that batch added as if stored
// (group.Pending), so that placing and storing, each about half of an
// import's time, share the cores instead of taking turns. The placement
// is the one placing after the commit would make (the stories the batch
// before starts are named once it has stored them); when that batch was
// not stored whole (a duplicate within it, a failure), the next is placed
// again after the commit.
func (im *Importer) AddBatches(ctx context.Context, batches <-chan []Input, each func([]Outcome)) {
	if !im.target.Auto {
		for rs := range batches {
			each(im.AddBatch(ctx, rs))
		}
		return
	}
	writingOut := im.lib.startWritingOut(ctx)
	var prev *storing
	for rs := range batches {
		b := im.prepare(rs)
		var opt store.AddOptions
		var pd *group.Pending
		var err error
		if len(b.arts) > 0 {
			if prev != nil {
				opt, pd, err = im.placeBeside(ctx, b, prev)
			} else {
				opt, err = im.place(ctx, b)
			}
		}
		if prev != nil {
			prev.gate.release()
			im.finish(prev, each)
			if pd != nil && err == nil && im.stopped == nil {
				opt, err = im.named(ctx, b, opt, pd, prev)
			}
			prev = nil
		}
		switch {
		case len(b.arts) == 0 || im.stopped != nil:
			each(im.outcomes(b))
		case err != nil:
			im.settle(b, err)
			each(im.outcomes(b))
		default:
			if writingOut != nil {
				<-writingOut // the library's writer is free again
				writingOut = nil
			}
			prev = im.startWrite(ctx, b, opt)
		}
	}
	if prev != nil {
		prev.gate.release()
		im.finish(prev, each)
	}
	if writingOut != nil {
		<-writingOut
	}
}

// batch is one batch of an import on its way to the library.
type batch struct {
	rs      []Input
	arts    []*parallax.Article // the articles of rs to store
	at      []int               // index in rs of each of arts
	rawSums [][]byte            // the SHA-256 of each of arts' Raw, when read with it
	errs    []error             // for each of rs, why it was refused
}

// prepare takes the articles of rs to store (none once the import has
// stopped).
func (im *Importer) prepare(rs []Input) *batch {
	b := &batch{rs: rs, errs: make([]error, len(rs))}
	for i, r := range rs {
		if r.Err == nil && r.Article != nil && im.stopped == nil {
			a := r.Article
			if r.Path != "" {
				a.Path = articlePath(r.Path, im.workDir)
			}
			a.StoryID = im.target.StoryID
			b.arts = append(b.arts, a)
			b.at = append(b.at, i)
			var sum []byte
			if r.RawSum != (ingest.RawSum{}) {
				sum = rs[i].RawSum[:]
			}
			b.rawSums = append(b.rawSums, sum)
		}
	}
	return b
}

// outcomes says what became of each input of b.
func (im *Importer) outcomes(b *batch) []Outcome {
	im.ahead.forget(b.rs)
	outs := make([]Outcome, len(b.rs))
	for i, r := range b.rs {
		out := Outcome{Path: r.Path}
		err := r.Err
		switch {
		case err != nil:
		case r.Article == nil:
			err = errors.New("nothing read")
		case b.errs[i] != nil:
			err = b.errs[i]
		case im.stopped != nil && r.Article.ID == 0:
			err = fmt.Errorf("not imported: %w", im.stopped)
		}
		if dup, ok := asDuplicate(err); ok {
			out.Kind, out.Err, out.ArticleID, out.StoryID = Duplicate, err, dup.ID, dup.StoryID
		} else if err != nil {
			out.Kind, out.Err = Refused, err
		} else {
			out.Kind, out.Article, out.ArticleID, out.StoryID = Imported, r.Article, r.Article.ID, r.Article.StoryID
		}
		outs[i] = out
	}
	return outs
}

// place decides where b's articles go.
func (im *Importer) place(ctx context.Context, b *batch) (store.AddOptions, error) {
	switch {
	case im.target.StoryID != 0:
		return store.AddOptions{}, nil
	case im.target.Auto:
		return im.lib.placement(ctx, b.arts, im.ahead)
	default:
		return store.AddOptions{NewStory: cmp.Or(strings.TrimSpace(im.target.NewTitle), b.arts[0].Title)}, nil
	}
}

// write stores b's articles in one transaction, setting b.errs for those
// refused; its error is a failure of the library (nothing stored).
func (im *Importer) write(ctx context.Context, b *batch, opt store.AddOptions) error {
	opt.RawHashes = b.rawSums
	stored, err := im.lib.AddArticles(ctx, b.arts, opt)
	if err != nil {
		return err
	}
	for k, i := range b.at {
		b.errs[i] = stored[k]
	}
	return nil
}

// settle records how storing b ended: a library error refuses the batch
// and stops the import; into a new story, the first article stored makes
// it the target of the rest.
func (im *Importer) settle(b *batch, err error) {
	if err != nil {
		for k, i := range b.at {
			if k == 0 {
				b.errs[i] = err
			} else {
				b.errs[i] = fmt.Errorf("not imported: %w", err)
			}
		}
		im.stopped = err
		return
	}
	if !im.target.Auto && im.target.StoryID == 0 {
		for k, a := range b.arts {
			if b.errs[b.at[k]] == nil {
				im.target.StoryID = a.StoryID
				break
			}
		}
	}
}

// storing is a batch being stored on a goroutine of its own.
type storing struct {
	b    *batch
	opt  store.AddOptions // its placement
	gate *commitGate
	done chan struct{}
	err  error // once done
}

// commitGate is held while a batch commits (store.AddOptions.CommitGate),
// and read-held while the next batch is placed beside it: that placement
// then either sees the library before the batch, with the batch added
// (group.Pending), or, starting after the commit, the library with it.
type commitGate struct {
	mu        sync.RWMutex
	committed bool
	hold      chan struct{} // with Importer.holdCommits: Lock waits for it to close
}

func (g *commitGate) Lock() {
	if g.hold != nil {
		<-g.hold
	}
	g.mu.Lock()
}

// release lets a held commit go ahead (see Importer.holdCommits).
func (g *commitGate) release() {
	if g.hold != nil {
		select {
		case <-g.hold:
		default:
			close(g.hold)
		}
	}
}

func (g *commitGate) Unlock() {
	g.committed = true
	g.mu.Unlock()
}

// startWrite stores b, placed as opt says, on a goroutine of its own.
func (im *Importer) startWrite(ctx context.Context, b *batch, opt store.AddOptions) *storing {
	st := &storing{b: b, opt: opt, gate: &commitGate{}, done: make(chan struct{})}
	if im.holdCommits {
		st.gate.hold = make(chan struct{})
	}
	opt.CommitGate = st.gate
	// The store fills in features missing from its copy; st's are read
	// while it stores (group.Pending).
	opt.Features = slices.Clone(opt.Features)
	go func() {
		defer close(st.done)
		st.err = im.write(ctx, b, opt)
	}()
	if im.storeFirst {
		<-st.done
	}
	return st
}

// finish waits for st's batch to be stored and hands on its outcomes.
func (im *Importer) finish(st *storing, each func([]Outcome)) {
	<-st.done
	im.settle(st.b, st.err)
	each(im.outcomes(st.b))
}

// placeBeside places b while prev is being stored: against the library
// with prev added (pd, not nil) when prev has not committed yet, else,
// once prev's store has ended (a commit that failed may be tried again),
// against the library.
func (im *Importer) placeBeside(ctx context.Context, b *batch, prev *storing) (store.AddOptions, *group.Pending, error) {
	prev.gate.mu.RLock()
	if prev.gate.committed {
		prev.gate.mu.RUnlock()
		<-prev.done
		opt, err := im.place(ctx, b)
		return opt, nil, err
	}
	defer prev.gate.mu.RUnlock()
	prev.gate.release() // it commits once this placing is done
	p := group.Placement{Targets: prev.opt.Targets, Features: prev.opt.Features, Filings: prev.opt.Filings}
	pd := group.NewPending(im.lib.Grouping(), p)
	opt, err := im.lib.placeAgainst(ctx, pd, b.arts, im.ahead)
	return opt, pd, err
}

// named is b's placement beside prev (pd), now that prev is stored: the
// stories prev started named by the ids the library gave them. When prev
// was not stored whole, b is placed again, against the library.
func (im *Importer) named(ctx context.Context, b *batch, opt store.AddOptions, pd *group.Pending, prev *storing) (store.AddOptions, error) {
	whole := prev.err == nil
	for _, i := range prev.b.at {
		if prev.b.errs[i] != nil {
			whole = false
		}
	}
	im.placedBeside++
	if !whole {
		im.placedAgain++
		return im.lib.placementOf(ctx, b.arts, opt.Features)
	}
	for i, t := range opt.Targets {
		if t < group.PendingBase {
			continue
		}
		k, ok := pd.First(t)
		if !ok {
			return store.AddOptions{}, fmt.Errorf("import: placed in story %d, which no article started", t)
		}
		opt.Targets[i] = prev.b.arts[k].StoryID
	}
	return opt, nil
}

// workDir is the working directory, "" when it cannot be told.
func (im *Importer) workDir() string {
	if im.wd == "" {
		im.wd, _ = os.Getwd()
	}
	return im.wd
}

// articlePath is the path kept with an article: absolute (as filepath.Abs
// makes it, from the working directory wd gives), so it still names the
// file when the library is used from another folder; empty for standard
// input and pasted text.
func articlePath(p string, wd func() string) string {
	if p == "-" || IsURL(p) {
		return ""
	}
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	if dir := wd(); dir != "" {
		return filepath.Join(dir, p)
	}
	return p
}

// ReadInputs reads and parses the inputs (files, folders, "-" for stdin,
// http(s) URLs) on goroutines of their own (files on one per CPU), handing
// them on in order, while the caller stores the ones before: an import
// then takes about the longer of reading and storing rather than their
// sum. The channel closes after the last input.
// Inputs larger than maxBytes are refused (0: ingest.DefaultMaxBytes); a
// file already imported is reported as a duplicate before it is parsed.
func (l *Library) ReadInputs(ctx context.Context, paths []string, stdin io.Reader, maxBytes int64) <-chan Input {
	lookup := l.NewRawLookup()
	known := func(sum ingest.RawSum) error {
		// A library error here is left for the import to report.
		if err := lookup.Known(ctx, sum); errors.Is(err, ErrDuplicate) {
			return err
		}
		return nil
	}
	opt := ingest.Options{MaxBytes: maxBytes, Known: known}
	// A few inputs of lead are enough to keep the store busy; more would
	// only hold parsed articles in memory.
	out := make(chan ingest.Result, 16)
	go func() {
		defer close(out)
		defer lookup.Close()
		send := func(r ingest.Result) { out <- r }
		for len(paths) > 0 {
			if IsURL(paths[0]) {
				a, err := FetchPage(ctx, paths[0])
				send(ingest.Result{Path: paths[0], Article: a, Err: err})
				paths = paths[1:]
				continue
			}
			// The files and folders up to the next URL are read together,
			// each path walked apart as named: a folder named twice is
			// imported twice (its files then duplicates), not refused as a loop.
			n := 1
			for n < len(paths) && !IsURL(paths[n]) {
				n++
			}
			ingest.WalkEach(paths[:n], stdin, opt, send)
			paths = paths[n:]
		}
	}()
	return out
}

// ParsePasted reads pasted text as an article, which comes from no file.
func ParsePasted(text string) (*parallax.Article, error) {
	a, err := ingest.Parse("pasted.txt", []byte(text), ingest.Options{})
	if a != nil {
		a.Path = ""
	}
	return a, err
}

// ParseSize reads a size such as 20MB, 512KB or 1048576 (the CLI's
// --max-size).
func ParseSize(s string) (int64, error) { return ingest.ParseSize(s) }

// IsURL reports whether an import argument is a web address to fetch.
func IsURL(arg string) bool {
	return strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://")
}

// pageTimeout bounds the fetch of one web page.
const pageTimeout = 30 * time.Second

// FetchPage fetches one web page (politely: Parallax's User-Agent, a
// timeout, a size and redirect limit) and extracts its article.
func FetchPage(ctx context.Context, url string) (*parallax.Article, error) {
	ctx, cancel := context.WithTimeout(ctx, pageTimeout)
	defer cancel()
	return feed.NewClient(feed.Options{Timeout: pageTimeout}).FetchPage(ctx, url)
}
