package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
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
