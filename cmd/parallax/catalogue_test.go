package main

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCLIBadInputCatalogue is the catalogue of bad inputs, through the real
// binary: each gets one clear line naming the problem, the right exit code,
// and leaves the library byte for byte as it was when nothing was to be
// written.
func TestCLIBadInputCatalogue(t *testing.T) {
	dir := t.TempDir()
	write := fileWriter(t, dir)
	db := filepath.Join(dir, "lib.db")
	if r := runCLI(t, db, "", "import", "testdata/cli/ferry.txt"); r.code != 0 {
		t.Fatalf("seed import: %d %s", r.code, r.stderr)
	}
	notLibrary := write("notes.db", []byte("my shopping list, not a library\n"))
	feedXML := []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Oskby Courier</title><item><title>Lamp lit</title><description>The council lit a lamp.</description></item></channel></rss>`)
	cases := []struct {
		name string
		db   string // the library, db when empty
		args []string
		code int
		want string // the one line must contain it
	}{
		{"empty file", "", []string{"import", write("empty.txt", nil)}, 1, "empty"},
		{"only white space", "", []string{"import", write("blank.txt", []byte(" \n\t\n"))}, 1, "empty"},
		{"binary under a text name", "", []string{"import", write("photo.txt", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0, 1, 2}, 100)...))}, 1, "binary"},
		{"over --max-size", "", []string{"import", "--max-size", "1KB", write("long.txt", bytes.Repeat([]byte("A line of text.\n"), 200))}, 1, "too large"},
		{"bad --max-size", "", []string{"import", "--max-size", "lots", "testdata/cli/ferry.txt"}, 1, "--max-size"},
		{"not an article by its name", "", []string{"import", write("scan.pdf", []byte("%PDF-1.4 text"))}, 1, "not an article"},
		{"missing file", "", []string{"import", filepath.Join(dir, "missing.txt")}, 1, "no such file"},
		{"a feed given to import", "", []string{"import", write("courier.rss", feedXML)}, 1, "feeds add"},
		{"an .xml feed given to import", "", []string{"import", write("courier.xml", feedXML)}, 1, "feeds add"},
		{"newline in a path", "", []string{"import", write("two\nlines.txt", nil)}, 1, `two\nlines.txt`},
		{"bidi control in a path", "", []string{"import", write("evil\u202etxt.exe.txt", nil)}, 1, `\u202e`},
		{"no such story for --story", "", []string{"import", "--story", "999", "testdata/cli/orchard/wire.txt"}, 1, "999"},
		{"search for nothing", "", []string{"search", `"`}, 1, "nothing to search"},
		{"show of no article", "", []string{"show", "999"}, 1, "999"},
		{"show of a word", "", []string{"show", "ferry"}, 1, "ferry"},
		{"report of no story", "", []string{"report", "999", "--format", "md", "-o", filepath.Join(dir, "r.md")}, 1, "999"},
		{"report in no format", "", []string{"report", "1", "--format", "docx", "-o", filepath.Join(dir, "r.docx")}, 1, "docx"},
		{"compare of a missing file", "", []string{"compare", "testdata/cli/ferry.txt", filepath.Join(dir, "missing.txt")}, 1, "missing.txt"},
		{"feed with a javascript: URL", "", []string{"feeds", "add", "javascript:alert(1)"}, 1, "http"},
		{"feed with a file: URL", "", []string{"feeds", "add", "file:///etc/passwd"}, 1, "http"},
		{"feed with a gopher: URL", "", []string{"feeds", "add", "gopher://old.example/1"}, 1, "http"},
		{"OPML that is not OPML", "", []string{"feeds", "import-opml", write("subs.opml", []byte("hello"))}, 1, "opml"},
		{"unknown command", "", []string{"frobnicate"}, 2, "frobnicate"},
		{"library that is not SQLite", notLibrary, []string{"stories"}, 1, "not a SQLite database"},
		{"library that is a folder", dir, []string{"stories"}, 1, "not a regular file"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			lib := tc.db
			if lib == "" {
				lib = db
			}
			before := librarySum(t, lib)
			r := runCLI(t, lib, "", tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tc.code, r.stdout, r.stderr)
			}
			lines := nonEmptyLines(r.stdout + r.stderr)
			var about []string
			for _, l := range lines {
				if strings.Contains(l, tc.want) {
					about = append(about, l)
				}
				if strings.Contains(l, "panic") || strings.Contains(l, "goroutine ") {
					t.Fatalf("crash: %s", r.stderr)
				}
				for _, ch := range l {
					if ch < 0x20 || (ch >= 0x7f && ch <= 0x9f) || (ch >= 0x202a && ch <= 0x202e) || (ch >= 0x2066 && ch <= 0x2069) {
						t.Errorf("raw control %U printed in %q", ch, l)
					}
				}
			}
			if len(about) != 1 {
				t.Errorf("%d lines contain %q, want one:\n%s", len(about), tc.want, strings.Join(lines, "\n"))
			}
			if librarySum(t, lib) != before {
				t.Error("the library changed though nothing was to be written")
			}
		})
	}
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" && !strings.HasPrefix(l, "Fyne error") && !strings.HasPrefix(l, "  Cause:") && !strings.HasPrefix(l, "  At:") && !strings.Contains(l, "Fyne error:") {
			out = append(out, l)
		}
	}
	return out
}

// librarySum is the checksum of a library file (and of its write-ahead
// log, when one is left), or of nothing for a folder.
func librarySum(t *testing.T, path string) [32]byte {
	t.Helper()
	h := sha256.New()
	for _, p := range []string{path, path + "-wal"} {
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			b, _ := os.ReadFile(p)
			h.Write(b)
		}
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}
