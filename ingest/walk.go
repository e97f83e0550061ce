package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
}

// Walk reads each path and calls fn once per input, in a stable order: the
// paths as given, and a folder's contents recursively in sorted order. "-"
// is stdin. Hidden files and folders (name starting with ".") inside a
// folder are skipped; links are followed, and a folder link leading back
// to a folder already read is reported as ErrSymlinkLoop. A missing or
// unreadable path gives a Result with Err; Walk never stops early.
func Walk(paths []string, stdin io.Reader, opt Options, fn func(Result)) {
	w := walker{opt: opt, fn: fn, visited: map[string]bool{}}
	for _, p := range paths {
		if p == "-" {
			w.readStdin(stdin)
			continue
		}
		w.visit(p, true)
	}
}

type walker struct {
	opt     Options
	fn      func(Result)
	visited map[string]bool // real paths of folders already read
}

func (w *walker) readStdin(r io.Reader) {
	if r == nil {
		w.fn(Result{Path: "-", Err: fmt.Errorf("ingest: -: %w: no standard input", ErrEmpty)})
		return
	}
	max := w.opt.maxBytes()
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		w.fn(Result{Path: "-", Err: fmt.Errorf("ingest: -: read standard input: %w", err)})
		return
	}
	if int64(len(data)) > max {
		w.fn(Result{Path: "-", Err: fmt.Errorf("ingest: -: %w: more than %d bytes", ErrTooLarge, max)})
		return
	}
	w.parse("-", data)
}

// visit reads one path; top is true for a path the caller named (read even
// when hidden).
func (w *walker) visit(path string, top bool) {
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
		w.fn(Result{Path: path, Err: fmt.Errorf("ingest: %s: %w", path, reason)})
		return
	}
	if info.IsDir() {
		w.readDir(path)
		return
	}
	if !info.Mode().IsRegular() {
		w.fn(Result{Path: path, Err: fmt.Errorf("ingest: %s: %w: not a regular file", path, ErrUnsupported)})
		return
	}
	w.readFile(path, info.Size())
}

func (w *walker) readDir(path string) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		w.fn(Result{Path: path, Err: fmt.Errorf("ingest: %s: %w", path, err)})
		return
	}
	if abs, err := filepath.Abs(real); err == nil {
		real = abs
	}
	if w.visited[real] {
		w.fn(Result{Path: path, Err: fmt.Errorf("ingest: %s: %w: leads to %s, a folder already read", path, ErrSymlinkLoop, real)})
		return
	}
	w.visited[real] = true
	entries, err := os.ReadDir(path)
	if err != nil {
		w.fn(Result{Path: path, Err: fmt.Errorf("ingest: %s: %w", path, err)})
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
		w.visit(filepath.Join(path, n), false)
	}
}

func (w *walker) readFile(path string, size int64) {
	// A saved feed is often named .xml, which checkName refuses as data:
	// its content decides which refusal is given.
	nameErr := checkName(path)
	if nameErr != nil && strings.ToLower(filepath.Ext(path)) != ".xml" {
		w.fn(Result{Path: path, Err: nameErr})
		return
	}
	if max := w.opt.maxBytes(); size > max {
		w.fn(Result{Path: path, Err: fmt.Errorf("ingest: %s: %w: %d bytes, limit %d", path, ErrTooLarge, size, max)})
		return
	}
	f, err := os.Open(path)
	if err != nil {
		w.fn(Result{Path: path, Err: fmt.Errorf("ingest: %s: %w", path, err)})
		return
	}
	defer f.Close()
	// The first bytes decide whether this is a feed or binary, before the
	// rest (up to a possibly raised limit) is read into memory.
	head := make([]byte, min(sniffLen, w.opt.maxBytes()+1))
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		w.fn(Result{Path: path, Err: fmt.Errorf("ingest: %s: read: %w", path, err)})
		return
	}
	head = head[:n]
	if looksLikeFeed(head) {
		w.fn(Result{Path: path, Err: fmt.Errorf("ingest: %s: %w: %s", path, ErrUnsupported, feedRefusal)})
		return
	}
	if nameErr != nil {
		w.fn(Result{Path: path, Err: nameErr})
		return
	}
	if kind := sniffBinary(head); kind != "" {
		w.fn(Result{Path: path, Err: fmt.Errorf("ingest: %s: %w: %s", path, ErrBinary, kind)})
		return
	}
	// The file may have grown since Stat: never read past the limit.
	data := head
	if int64(n) == int64(len(head)) && n == sniffLen {
		buf := bytes.NewBuffer(make([]byte, 0, min(size+1, w.opt.maxBytes()+1)))
		buf.Write(head)
		if _, err := io.Copy(buf, io.LimitReader(f, w.opt.maxBytes()+1-int64(n))); err != nil {
			w.fn(Result{Path: path, Err: fmt.Errorf("ingest: %s: read: %w", path, err)})
			return
		}
		data = buf.Bytes()
	}
	w.parse(path, data)
}

// parse hands data to Parse unless the caller's Known check refuses it
// first (an input already imported costs a hash, not a parse).
func (w *walker) parse(path string, data []byte) {
	if w.opt.Known != nil {
		if err := w.opt.Known(data); err != nil {
			w.fn(Result{Path: path, Err: err})
			return
		}
	}
	opt := w.opt
	opt.ownsData = true // read for this parse alone: no copy for Raw
	a, err := Parse(path, data, opt)
	w.fn(Result{Path: path, Article: a, Err: err})
}

// sniffLen is how much of a file is read to recognise feeds and binary
// files before the rest is.
const sniffLen = 8192

// isLoopErr reports whether err is the system's "too many levels of
// symbolic links".
func isLoopErr(err error) bool {
	return err != nil && strings.Contains(err.Error(), "too many levels of symbolic links")
}
