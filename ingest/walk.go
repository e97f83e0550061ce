package ingest

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	parallax "github.com/parallax-news/parallax"
)

// Result is the outcome of reading one input in Walk: an article, or the
// reason it was refused.
type Result struct {
	Path    string
	Article *parallax.Article
	Err     error
	// RawSum is the SHA-256 of the bytes read, which are the article's
	// Raw, when Options.Known was called with it; zero otherwise.
	RawSum RawSum
}

// RawSum is the SHA-256 of an input's bytes (see Options.Known).
type RawSum = [sha256.Size]byte

// Walk reads each path and calls fn once per input, in a stable order: the
// paths as given, and a folder's contents recursively in sorted order. "-"
// is stdin. Hidden files and folders (name starting with ".") inside a
// folder are skipped; links are followed, and a folder link leading back
// to a folder already read is reported as ErrSymlinkLoop. A missing or
// unreadable path gives a Result with Err; Walk never stops early.
//
// Files are read and parsed on Options.Workers goroutines at once, a few
// inputs ahead of fn; fn is still called on Walk's goroutine, one input at
// a time and in order, while Options.Known may be called from several
// goroutines at once.
func Walk(paths []string, stdin io.Reader, opt Options, fn func(Result)) {
	walk([][]string{paths}, stdin, opt, fn)
}

// WalkEach is Walk with each path walked on its own, as one Walk call per
// path would: a folder named twice (or named and also inside another
// folder named) is read again rather than refused as a loop. The inputs
// of all the paths are read in parallel all the same.
func WalkEach(paths []string, stdin io.Reader, opt Options, fn func(Result)) {
	apart := make([][]string, len(paths))
	for i, p := range paths {
		apart[i] = []string{p}
	}
	walk(apart, stdin, opt, fn)
}

// walk reads the groups of paths in order, each group with its own record
// of folders read. One goroutine lists the inputs (in order: a stat, a
// folder listing), workers read and parse them, and the results are
// handed to fn here, in the order listed.
func walk(groups [][]string, stdin io.Reader, opt Options, fn func(Result)) {
	workers := opt.workers()
	// Each listed input waits in order for its result; the capacity bounds
	// how many inputs (read bytes, parsed articles) are held at once.
	order := make(chan chan Result, 4*workers)
	jobs := make(chan input)
	stop := make(chan struct{}) // fn panicked or ended the goroutine: stop listing
	defer close(stop)
	go func() {
		defer close(order)
		defer close(jobs)
		l := lister{opt: opt, order: order, jobs: jobs, stop: stop}
		for _, paths := range groups {
			l.visited = map[string]bool{}
			for _, p := range paths {
				if p == "-" {
					l.readStdin(stdin)
				} else {
					l.visit(p, true)
				}
				if l.stopped {
					return
				}
			}
		}
	}()
	for range workers {
		go func() {
			r := inputReader{opt: opt}
			for in := range jobs {
				in.result <- r.read(in)
			}
		}()
	}
	for result := range order {
		fn(<-result)
	}
}

// workers is how many inputs Walk reads at once.
func (o Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// input is one file (or standard input, already read) for a worker to
// read and parse; its Result goes to result.
type input struct {
	path   string
	size   int64  // as Stat saw it
	data   []byte // standard input's bytes; nil for a file
	result chan Result
}

// lister lists the inputs of a walk in order.
type lister struct {
	opt     Options
	order   chan<- chan Result
	jobs    chan<- input
	stop    <-chan struct{}
	stopped bool
	visited map[string]bool // real paths of folders already read
}

// queue puts an input in line: a worker reads it, and its result comes
// after those queued before.
func (l *lister) queue(in input) {
	in.result = make(chan Result, 1)
	select {
	case l.order <- in.result:
	case <-l.stop:
		l.stopped = true
		return
	}
	l.jobs <- in // the workers outlive the lister: this does not block for long
}

// done puts in line an input whose result is known without reading it.
func (l *lister) done(r Result) {
	result := make(chan Result, 1)
	result <- r
	select {
	case l.order <- result:
	case <-l.stop:
		l.stopped = true
	}
}

func (l *lister) readStdin(r io.Reader) {
	if r == nil {
		l.done(Result{Path: "-", Err: fmt.Errorf("ingest: -: %w: no standard input", ErrEmpty)})
		return
	}
	max := l.opt.maxBytes()
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		l.done(Result{Path: "-", Err: fmt.Errorf("ingest: -: read standard input: %w", err)})
		return
	}
	if int64(len(data)) > max {
		l.done(Result{Path: "-", Err: fmt.Errorf("ingest: -: %w: more than %d bytes", ErrTooLarge, max)})
		return
	}
	if data == nil {
		data = []byte{} // read, and empty: not a file to open
	}
	l.queue(input{path: "-", data: data})
}

// visit lists one path; top is true for a path the caller named (read
// even when hidden).
func (l *lister) visit(path string, top bool) {
	if l.stopped {
		return
	}
	info, err := os.Stat(path)
	if err != nil {
		var reason error = err
		if errors.Is(err, os.ErrNotExist) {
			if _, lerr := os.Lstat(path); lerr == nil {
				reason = fmt.Errorf("broken link: %w", err)
			}
		}
		if isLoopErr(err) {
			reason = fmt.Errorf("%w: %w", ErrSymlinkLoop, err)
		}
		l.done(Result{Path: path, Err: fmt.Errorf("ingest: %s: %w", path, reason)})
		return
	}
	if info.IsDir() {
		l.readDir(path)
		return
	}
	if !info.Mode().IsRegular() {
		l.done(Result{Path: path, Err: fmt.Errorf("ingest: %s: %w: not a regular file", path, ErrUnsupported)})
		return
	}
	l.queue(input{path: path, size: info.Size()})
}

func (l *lister) readDir(path string) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		l.done(Result{Path: path, Err: fmt.Errorf("ingest: %s: %w", path, err)})
		return
	}
	if abs, err := filepath.Abs(real); err == nil {
		real = abs
	}
	if l.visited[real] {
		l.done(Result{Path: path, Err: fmt.Errorf("ingest: %s: %w: leads to %s, a folder already read", path, ErrSymlinkLoop, real)})
		return
	}
	l.visited[real] = true
	entries, err := os.ReadDir(path)
	if err != nil {
		l.done(Result{Path: path, Err: fmt.Errorf("ingest: %s: %w", path, err)})
		return
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		names = append(names, e.Name())
	}
	sort.Strings(names)
	for _, n := range names {
		l.visit(filepath.Join(path, n), false)
	}
}

// inputReader reads and parses inputs for one worker of a walk.
type inputReader struct {
	opt Options
	// spare is the buffer of the last file read that became no article
	// (already in the library, binary, empty): the next file is read into
	// it rather than into fresh memory.
	spare []byte
}

// read reads and parses one listed input.
func (r *inputReader) read(in input) Result {
	if in.data != nil {
		return r.opt.parseRead(in.path, in.data)
	}
	res, buf := r.opt.readFile(in.path, in.size, r.spare)
	switch {
	case buf == nil: // nothing read: the spare is still spare
	case res.Article == nil && cap(buf) <= maxOneRead:
		r.spare = buf[:0]
	default:
		r.spare = nil // the article keeps it, or it is too large to hold on to
	}
	return res
}

// readFile reads and parses the file at path, whose size was size. It
// reads into spare when that fits the file, and returns the buffer it
// read into (nil when it read nothing), which the article, if any, keeps
// as Raw.
func (o Options) readFile(path string, size int64, spare []byte) (Result, []byte) {
	refuse := func(err error) Result { return Result{Path: path, Err: err} }
	// A saved feed is often named .xml, which checkName refuses as data:
	// its content decides which refusal is given.
	nameErr := checkName(path)
	if nameErr != nil && strings.ToLower(filepath.Ext(path)) != ".xml" {
		return refuse(nameErr), nil
	}
	limit := o.maxBytes()
	if size > limit {
		return refuse(fmt.Errorf("ingest: %s: %w: %d bytes, limit %d", path, ErrTooLarge, size, limit)), nil
	}
	f, err := openInput(path)
	if err != nil {
		return refuse(fmt.Errorf("ingest: %s: %w", path, err)), nil
	}
	defer f.Close()
	// The first bytes decide whether this is a feed or binary, before the
	// rest (up to a possibly raised limit) is read into memory. A file of
	// ordinary size is read into one buffer of its size (and a byte more,
	// to see it end), which becomes the article's Raw: a spare buffer
	// serves only when it is not much larger.
	headLen := min(sniffLen, limit+1)
	whole := min(size, limit) + 1
	var buf []byte
	switch {
	case whole > maxOneRead:
		buf = make([]byte, 0, headLen)
	case int64(cap(spare)) >= whole && int64(cap(spare)) <= 2*whole:
		buf = spare[:0]
	default:
		buf = make([]byte, 0, whole)
	}
	data, err := readUpTo(f, buf, headLen, whole)
	if err != nil {
		return refuse(fmt.Errorf("ingest: %s: read: %w", path, err)), data
	}
	if looksLikeFeed(data) {
		return refuse(fmt.Errorf("ingest: %s: %w: %s", path, ErrUnsupported, feedRefusal)), data
	}
	if nameErr != nil {
		return refuse(nameErr), data
	}
	if kind := sniffBinary(data); kind != "" {
		return refuse(fmt.Errorf("ingest: %s: %w: %s", path, ErrBinary, kind)), data
	}
	// The file may have grown since Stat: never read past the limit.
	if int64(len(data)) == sniffLen {
		if data, err = readUpTo(f, data, limit+1, whole); err != nil {
			return refuse(fmt.Errorf("ingest: %s: read: %w", path, err)), data
		}
	}
	o.sniffed = true // the start of data is head: sniffing it again would tell the same
	return o.parseRead(path, data), data
}

// maxOneRead is the largest file read into one buffer from the start; a
// larger one is sniffed from a small buffer first, so that a huge binary
// file costs no more than its first bytes.
const maxOneRead = 1 << 20

// readUpTo appends what r holds to buf until buf holds n bytes or r ends.
// When buf is full it grows to at least want bytes (the size the file is
// expected to have), so that a file read whole is copied at most once.
func readUpTo(r io.Reader, buf []byte, n, want int64) ([]byte, error) {
	for int64(len(buf)) < n {
		if len(buf) == cap(buf) {
			grown := make([]byte, len(buf), min(n, max(want, 2*int64(cap(buf)), 512)))
			copy(grown, buf)
			buf = grown
		}
		m, err := r.Read(buf[len(buf):min(int64(cap(buf)), n)])
		buf = buf[:len(buf)+m]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// parseRead hands data to Parse unless the caller's Known check refuses it
// first (an input already imported costs a hash, not a parse). A refused
// input's buffer is read into again.
func (o Options) parseRead(path string, data []byte) Result {
	var sum RawSum
	if o.Known != nil {
		sum = sha256.Sum256(data)
		if err := o.Known(sum); err != nil {
			return Result{Path: path, Err: err}
		}
	}
	o.ownsData = true // read for this parse alone: no copy for Raw, so sum is Raw's
	a, err := Parse(path, data, o)
	return Result{Path: path, Article: a, Err: err, RawSum: sum}
}

// sniffLen is how much of a file is read to recognise feeds and binary
// files before the rest is.
const sniffLen = 8192

// isLoopErr reports whether err is the system's "too many levels of
// symbolic links".
func isLoopErr(err error) bool {
	return err != nil && strings.Contains(err.Error(), "too many levels of symbolic links")
}
