package ingest

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// collect runs Walk and returns its results in order.
func collect(paths []string, stdin string, opt Options) []Result {
	var out []Result
	Walk(paths, strings.NewReader(stdin), opt, func(r Result) { out = append(out, r) })
	return out
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWalkFolder(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "b.txt"), "Second story\n\nThe ferry will sail again on Monday.")
	writeFile(t, filepath.Join(dir, "a.md"), "# First story\n\nThe bridge opened on Friday.")
	writeFile(t, filepath.Join(dir, "sub", "c.html"), "<html><body><p>The tram line was approved on Tuesday by the assembly.</p></body></html>")
	writeFile(t, filepath.Join(dir, ".hidden.txt"), "Secret draft that must not be read.")
	writeFile(t, filepath.Join(dir, ".git", "x.txt"), "Repository internals.")
	writeFile(t, filepath.Join(dir, "empty.txt"), "")
	if err := os.WriteFile(filepath.Join(dir, "photo.png"), readFixture(t, "pixel.png"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A link back to the folder itself: a loop.
	if err := os.Symlink(dir, filepath.Join(dir, "sub", "loop")); err != nil {
		t.Fatal(err)
	}
	// A link to a file that does not exist.
	if err := os.Symlink(filepath.Join(dir, "gone.txt"), filepath.Join(dir, "dangling.txt")); err != nil {
		t.Fatal(err)
	}

	got := collect([]string{dir, filepath.Join(dir, "missing.txt")}, "", Options{})
	type want struct {
		base string
		err  error
	}
	wants := []want{
		{"a.md", nil},
		{"b.txt", nil},
		{"dangling.txt", os.ErrNotExist},
		{"empty.txt", ErrEmpty},
		{"photo.png", ErrUnsupported},
		{"c.html", nil},
		{"loop", ErrSymlinkLoop},
		{"missing.txt", os.ErrNotExist},
	}
	if len(got) != len(wants) {
		for _, r := range got {
			t.Logf("%s %v", r.Path, r.Err)
		}
		t.Fatalf("got %d results, want %d", len(got), len(wants))
	}
	for i, w := range wants {
		r := got[i]
		if filepath.Base(r.Path) != w.base {
			t.Errorf("result %d: path %s, want %s", i, r.Path, w.base)
		}
		if w.err == nil {
			if r.Err != nil || r.Article == nil {
				t.Errorf("%s: err %v", r.Path, r.Err)
			} else if r.Article.Path != r.Path {
				t.Errorf("%s: Article.Path %q", r.Path, r.Article.Path)
			}
			continue
		}
		if !errors.Is(r.Err, w.err) || r.Article != nil {
			t.Errorf("%s: err %v, want %v", r.Path, r.Err, w.err)
		}
	}
	// Order is stable: a second walk gives the same sequence.
	again := collect([]string{dir, filepath.Join(dir, "missing.txt")}, "", Options{})
	for i := range got {
		if got[i].Path != again[i].Path {
			t.Fatalf("order changed at %d: %s vs %s", i, got[i].Path, again[i].Path)
		}
	}
}

func TestWalkSymlinkLoopBetweenFolders(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "x", "one.txt"), "The first text of the loop test.")
	writeFile(t, filepath.Join(dir, "y", "two.txt"), "The second text of the loop test.")
	if err := os.Symlink(filepath.Join(dir, "y"), filepath.Join(dir, "x", "to-y")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "x"), filepath.Join(dir, "y", "to-x")); err != nil {
		t.Fatal(err)
	}
	got := collect([]string{dir}, "", Options{})
	var ok, loops int
	for _, r := range got {
		switch {
		case r.Err == nil:
			ok++
		case errors.Is(r.Err, ErrSymlinkLoop):
			loops++
		default:
			t.Errorf("%s: %v", r.Path, r.Err)
		}
	}
	if ok != 2 || loops != 2 {
		t.Errorf("read %d files and %d loops, want 2 and 2", ok, loops)
	}
}

func TestWalkStdinAndLimits(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	writeFile(t, big, strings.Repeat("The ferry sails at noon. ", 20))
	tests := []struct {
		name  string
		paths []string
		stdin string
		opt   Options
		want  error
	}{
		{name: "stdin text", paths: []string{"-"}, stdin: "Ferry returns\n\nThe ferry sails again.", want: nil},
		{name: "stdin html", paths: []string{"-"}, stdin: "<!doctype html><html><body><p>The ferry sails again on Monday morning.</p></body></html>", want: nil},
		{name: "stdin empty", paths: []string{"-"}, stdin: "", want: ErrEmpty},
		{name: "stdin over the limit", paths: []string{"-"}, stdin: strings.Repeat("word ", 100), opt: Options{MaxBytes: 50}, want: ErrTooLarge},
		{name: "file over the limit", paths: []string{big}, opt: Options{MaxBytes: 100}, want: ErrTooLarge},
		{name: "explicit hidden file is read", paths: []string{writeHidden(t, dir)}, want: nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := collect(tc.paths, tc.stdin, tc.opt)
			if len(got) != 1 {
				t.Fatalf("%d results", len(got))
			}
			r := got[0]
			if tc.want == nil {
				if r.Err != nil || r.Article == nil || r.Article.Text == "" {
					t.Fatalf("err %v", r.Err)
				}
				return
			}
			if !errors.Is(r.Err, tc.want) {
				t.Errorf("err %v, want %v", r.Err, tc.want)
			}
		})
	}
}

func writeHidden(t *testing.T, dir string) string {
	p := filepath.Join(dir, ".draft.txt")
	writeFile(t, p, "A draft the analyst named on purpose.")
	return p
}

// With a raised size limit, a binary file is refused from its first bytes,
// without reading the rest into memory.
func TestWalkRefusesBinaryBeforeReadingAll(t *testing.T) {
	path := filepath.Join(t.TempDir(), "scan.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	f.Truncate(256 << 20) // sparse: no disk used
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var got Result
	Walk([]string{path}, nil, Options{MaxBytes: 1 << 30}, func(r Result) { got = r })
	runtime.ReadMemStats(&after)
	if !errors.Is(got.Err, ErrBinary) {
		t.Fatalf("result %v, want ErrBinary", got.Err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("allocated %d MB to refuse a binary file", alloc>>20)
	}
}

// However many inputs are read at once, the results come in the order
// listed and are the same as read one at a time.
func TestWalkWorkersKeepOrder(t *testing.T) {
	dir := t.TempDir()
	for i := range 120 {
		var content string
		switch i % 6 {
		case 0:
			content = "" // empty: refused
		case 1:
			content = "\x89PNG\r\n\x1a\n binary" // refused as binary
		case 2: // larger than the first read
			content = fmt.Sprintf("Story %d\n\n%s", i, strings.Repeat("The tram line was approved on Tuesday. ", 400))
		default:
			content = fmt.Sprintf("Story %d\n\nThe ferry sails again on day %d, the harbour said.", i, i)
		}
		writeFile(t, filepath.Join(dir, fmt.Sprintf("f%03d.txt", i)), content)
	}
	summary := func(rs []Result) []string {
		var out []string
		for _, r := range rs {
			s := r.Path + " "
			if r.Err != nil {
				s += r.Err.Error()
			} else {
				s += r.Article.Hash + " " + r.Article.Title + fmt.Sprint(len(r.Article.Raw))
			}
			out = append(out, s)
		}
		return out
	}
	one := summary(collect([]string{dir}, "", Options{Workers: 1}))
	if len(one) != 120 {
		t.Fatalf("%d results, want 120", len(one))
	}
	for i, s := range one {
		if want := filepath.Join(dir, fmt.Sprintf("f%03d.txt", i)) + " "; !strings.HasPrefix(s, want) {
			t.Fatalf("result %d is %q, want %s first", i, s, want)
		}
	}
	for _, workers := range []int{2, 7} {
		many := summary(collect([]string{dir}, "", Options{Workers: workers}))
		if !slices.Equal(one, many) {
			t.Errorf("%d workers gave other results than one", workers)
		}
	}
}

// Walk reads a folder named twice once (the second time it is a loop);
// WalkEach reads it twice, as one Walk per path would.
func TestWalkEachWalksPathsApart(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), "The ferry will sail again on Monday.")
	var walked, each []Result
	Walk([]string{dir, dir}, nil, Options{}, func(r Result) { walked = append(walked, r) })
	WalkEach([]string{dir, dir}, nil, Options{}, func(r Result) { each = append(each, r) })
	if len(walked) != 2 || walked[0].Err != nil || !errors.Is(walked[1].Err, ErrSymlinkLoop) {
		t.Errorf("Walk gave %v", walked)
	}
	if len(each) != 2 || each[0].Err != nil || each[1].Err != nil {
		t.Errorf("WalkEach gave %v", each)
	}
}

// A panic in fn leaves Walk, and the goroutines reading ahead of it end.
func TestWalkStopsWhenFnPanics(t *testing.T) {
	dir := t.TempDir()
	for i := range 40 {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("f%02d.txt", i)), fmt.Sprintf("The ferry sails again on day %d.", i))
	}
	before := runtime.NumGoroutine()
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the panic did not reach the caller")
			}
		}()
		Walk([]string{dir}, nil, Options{Workers: 3}, func(Result) { panic("stop") })
	}()
	for range 100 {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("%d goroutines left running, %d before", runtime.NumGoroutine(), before)
}

func TestReadUpTo(t *testing.T) {
	content := strings.Repeat("0123456789", 2000) // 20,000 bytes
	tests := []struct {
		name     string
		size     int   // of the reader's content
		capacity int   // of the buffer given
		n        int64 // read up to n bytes
		expected int64 // the size the file is expected to have, plus one
		wantCap  int   // the buffer's capacity after (0: any)
	}{
		{name: "small file, exact buffer", size: 300, capacity: 301, n: 8192, expected: 301, wantCap: 301},
		{name: "head of a larger file", size: 20000, capacity: 8192, n: 8192, expected: 20001, wantCap: 8192},
		{name: "rest of a larger file, grown once", size: 20000, capacity: 8192, n: 1 << 20, expected: 20001, wantCap: 20001},
		{name: "file grown past its expected size", size: 20000, capacity: 100, n: 30000, expected: 101},
		{name: "stops at n", size: 20000, capacity: 10, n: 15000, expected: 10},
		{name: "empty file", size: 0, capacity: 1, n: 8192, expected: 1, wantCap: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readUpTo(strings.NewReader(content[:tc.size]), make([]byte, 0, tc.capacity), tc.n, tc.expected)
			if err != nil {
				t.Fatal(err)
			}
			wantLen := min(tc.size, int(tc.n))
			if string(got) != content[:wantLen] {
				t.Errorf("read %d bytes, want %d", len(got), wantLen)
			}
			if tc.wantCap != 0 && cap(got) != tc.wantCap {
				t.Errorf("buffer of %d bytes, want %d", cap(got), tc.wantCap)
			}
		})
	}
}

// openInput reads a file as os.Open does, and fails with the same words.
func TestOpenInput(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	writeFile(t, path, strings.Repeat("The ferry sails at noon. ", 1000))
	f, err := openInput(path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := readUpTo(f, make([]byte, 0, 10), 1<<20, 10)
	f.Close()
	want, _ := os.ReadFile(path)
	if err != nil || string(got) != string(want) {
		t.Errorf("read %d bytes (err %v), want %d", len(got), err, len(want))
	}
	// A folder opens but does not read; a missing file does not open.
	for _, p := range []string{dir, filepath.Join(dir, "missing.txt")} {
		var gotErr, wantErr error
		if f, err := openInput(p); err != nil {
			gotErr = err
		} else {
			_, gotErr = f.Read(make([]byte, 10))
			f.Close()
		}
		if f, err := os.Open(p); err != nil {
			wantErr = err
		} else {
			_, wantErr = f.Read(make([]byte, 10))
			f.Close()
		}
		if gotErr == nil || gotErr.Error() != wantErr.Error() || errors.Is(gotErr, os.ErrNotExist) != errors.Is(wantErr, os.ErrNotExist) {
			t.Errorf("%s: error %v, os gives %v", p, gotErr, wantErr)
		}
	}
}

// The buffer of an input that became no article is read into again; an
// article's Raw is never one of those.
func TestWalkReusesOnlyRefusedBuffers(t *testing.T) {
	dir := t.TempDir()
	want := map[string]string{}
	for i := range 60 {
		content := fmt.Sprintf("Story %d\n\nThe ferry sails again on day %d, the harbour said.%s", i, i, strings.Repeat(" More.", i%7))
		if i%3 == 0 {
			content = "known " + content
		}
		p := filepath.Join(dir, fmt.Sprintf("f%02d.txt", i))
		writeFile(t, p, content)
		want[p] = content
	}
	errKnown := errors.New("already read")
	known := map[RawSum]bool{}
	for _, content := range want {
		if strings.HasPrefix(content, "known ") {
			known[sha256.Sum256([]byte(content))] = true
		}
	}
	opt := Options{Workers: 2, Known: func(sum RawSum) error {
		if known[sum] {
			return errKnown
		}
		return nil
	}}
	var arts []Result
	Walk([]string{dir}, nil, opt, func(r Result) {
		if r.Err == nil {
			arts = append(arts, r)
		} else if !errors.Is(r.Err, errKnown) {
			t.Errorf("%s: %v", r.Path, r.Err)
		}
	})
	if len(arts) != 40 {
		t.Fatalf("%d articles, want 40", len(arts))
	}
	for _, r := range arts {
		if string(r.Article.Raw) != want[r.Path] {
			t.Errorf("%s: Raw %q, want the file's bytes", r.Path, r.Article.Raw)
		}
		if r.RawSum != sha256.Sum256(r.Article.Raw) {
			t.Errorf("%s: RawSum %x is not the SHA-256 of Raw", r.Path, r.RawSum)
		}
	}
}
