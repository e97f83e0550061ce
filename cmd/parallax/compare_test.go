package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/compare"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/library"
	"github.com/parallax-news/parallax/store"
)

const lighthouseDir = "testdata/compare/lighthouse"

// TestCompareLibraryMatchesFiles checks that versions imported through the
// library (ingest.Parse, store.AddArticle, then store.Article and
// compare.FromArticle) align exactly as the same files compared by path:
// same paragraphs, passages, pairs with their scores and word diffs, and
// provenance, once article ids are renamed to file ids.
func TestCompareLibraryMatchesFiles(t *testing.T) {
	ctx := context.Background()
	byPath, err := library.LoadLoose(ctx, []string{lighthouseDir}, nil, "", skipWarning(io.Discard))
	if err != nil {
		t.Fatal(err)
	}
	fromFiles, err := compare.Compare(byPath.Versions)
	if err != nil {
		t.Fatal(err)
	}

	db := filepath.Join(t.TempDir(), "library.db")
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(lighthouseDir, "*"))
	if err != nil || len(files) < 3 {
		t.Fatalf("fixture files: %v %v", files, err)
	}
	slices.Sort(files)
	idOf := map[string]string{} // article id -> file id
	var args []string
	var storyID int64
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a, err := ingest.Parse(f, data, ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		a.StoryID = storyID
		if err := s.AddArticle(ctx, a, "Varden lighthouse"); err != nil {
			t.Fatal(err)
		}
		storyID = a.StoryID
		id := strconv.FormatInt(a.ID, 10)
		idOf[id] = strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		args = append(args, id)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Versions are processed in ID order; renaming must keep that order
	// for the two runs to be comparable step by step.
	if !slices.IsSorted(args) {
		t.Fatalf("article ids %v do not sort like the file names", args)
	}
	byID, err := library.LoadLoose(ctx, args, nil, db, skipWarning(io.Discard))
	if err != nil {
		t.Fatal(err)
	}
	fromLibrary, err := compare.Compare(byID.Versions)
	if err != nil {
		t.Fatal(err)
	}
	renameVersions(fromLibrary, idOf)

	if len(fromFiles.Pairs) == 0 || len(fromFiles.Passages) == 0 {
		t.Fatalf("fixture aligns nothing: %d pairs, %d passages", len(fromFiles.Pairs), len(fromFiles.Passages))
	}
	for _, part := range []struct {
		name       string
		lib, files any
	}{
		{"paragraphs", versionParagraphs(fromLibrary), versionParagraphs(fromFiles)},
		{"passages", fromLibrary.Passages, fromFiles.Passages},
		{"pairs", fromLibrary.Pairs, fromFiles.Pairs},
		{"provenance", fromLibrary.Provenance, fromFiles.Provenance},
	} {
		t.Run(part.name, func(t *testing.T) {
			lib, _ := json.Marshal(part.lib)
			files, _ := json.Marshal(part.files)
			if !bytes.Equal(lib, files) {
				t.Errorf("through the library:\n%s\nby path:\n%s", lib, files)
			}
		})
	}
}

// renameVersions replaces version ids throughout a comparison's alignment.
func renameVersions(c *compare.Comparison, to map[string]string) {
	for i := range c.Versions {
		c.Versions[i].ID = to[c.Versions[i].ID]
	}
	for i := range c.Passages {
		for j := range c.Passages[i].Members {
			c.Passages[i].Members[j].Version = to[c.Passages[i].Members[j].Version]
		}
		for j := range c.Passages[i].Missing {
			c.Passages[i].Missing[j] = to[c.Passages[i].Missing[j]]
		}
	}
	for i := range c.Pairs {
		c.Pairs[i].A.Version = to[c.Pairs[i].A.Version]
		c.Pairs[i].B.Version = to[c.Pairs[i].B.Version]
	}
	for i := range c.Provenance {
		c.Provenance[i].A = to[c.Provenance[i].A]
		c.Provenance[i].B = to[c.Provenance[i].B]
	}
}

// versionParagraphs is each version's id and paragraphs.
func versionParagraphs(c *compare.Comparison) map[string][]compare.ParagraphOut {
	out := map[string][]compare.ParagraphOut{}
	for _, v := range c.Versions {
		out[v.ID] = v.Paragraphs
	}
	return out
}

// TestCLICompareFormats runs "parallax compare" on the fixture folder in
// every format, written with -o.
func TestCLICompareFormats(t *testing.T) {
	db := filepath.Join(t.TempDir(), "unused.db")
	tests := []struct {
		format string
		check  func(t *testing.T, out string)
	}{
		{"html", func(t *testing.T, out string) {
			if !strings.Contains(out, "<del") && !strings.Contains(out, "<ins") {
				t.Error("no <del> or <ins> in the HTML report")
			}
			if !strings.Contains(out, "1.6 million") || !strings.Contains(out, "Varden") {
				t.Error("HTML report lacks the versions' text")
			}
		}},
		{"md", func(t *testing.T, out string) {
			if !strings.Contains(out, "~~") && !strings.Contains(out, "**") {
				t.Error("no ~~deleted~~ or **inserted** text in the Markdown report")
			}
		}},
		{"pdf", func(t *testing.T, out string) {
			if !strings.HasPrefix(out, "%PDF-") {
				t.Errorf("not a PDF: %.20q", out)
			}
		}},
		{"json", func(t *testing.T, out string) {
			var c compare.Comparison
			if err := json.Unmarshal([]byte(out), &c); err != nil || len(c.Versions) != 3 || len(c.Pairs) == 0 {
				t.Errorf("JSON: %v, %d versions, %d pairs", err, len(c.Versions), len(c.Pairs))
			}
		}},
		{"text", func(t *testing.T, out string) {
			if !strings.Contains(out, "== Passage 1") || !strings.Contains(out, "{+") {
				t.Error("text report lacks passages or insertions")
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out."+tc.format)
			r := runCLI(t, db, "", "compare", "--format", tc.format, "-o", path, lighthouseDir)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout not empty with -o: %.80q", r.stdout)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(data) == 0 {
				t.Fatal("empty output file")
			}
			tc.check(t, string(data))
			if left, _ := filepath.Glob(filepath.Join(dir, ".parallax-*")); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}

func TestCLICompareRefusals(t *testing.T) {
	db := filepath.Join(t.TempDir(), "unused.db")
	tests := []struct {
		name    string
		args    []string
		code    int
		wantErr string
	}{
		{"pdf to stdout", []string{"compare", "--format", "pdf", lighthouseDir}, 1, "-o"},
		{"pdf to dash", []string{"compare", "--format", "pdf", "-o", "-", lighthouseDir}, 1, "-o"},
		{"unknown format", []string{"compare", "--format", "docx", lighthouseDir}, 1, "unknown format"},
		{"missing folder for -o", []string{"compare", "--format", "html", "-o", filepath.Join(t.TempDir(), "no", "such", "out.html"), lighthouseDir}, 1, "out.html"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, db, "", tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.wantErr) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", r.code, r.stderr, tc.code, tc.wantErr)
			}
			if r.stdout != "" {
				t.Errorf("stdout = %.80q, want nothing", r.stdout)
			}
		})
	}
}

// TestWriteFileAtomic checks that a failed write leaves the earlier file
// as it was and no temporary file behind, and that a good one replaces it.
func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.html")
	if err := os.WriteFile(path, []byte("old report"), 0o644); err != nil {
		t.Fatal(err)
	}
	errHalfway := errors.New("renderer gave up")
	err := writeFileAtomic(path, func(w io.Writer) error {
		w.Write([]byte("half a new rep"))
		return errHalfway
	})
	if !errors.Is(err, errHalfway) {
		t.Fatalf("err = %v, want the writer's error", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "old report" {
		t.Errorf("after a failed write the file holds %q", got)
	}
	if err := writeFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write([]byte("new report"))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "new report" {
		t.Errorf("after a good write the file holds %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only the report", len(entries))
	}
}

// TestCLICompareFolderWithData checks that a folder's non-article files
// (metadata beside the versions) are skipped with a note, while such a file
// named outright is refused.
func TestCLICompareFolderWithData(t *testing.T) {
	db := filepath.Join(t.TempDir(), "unused.db")
	dir := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(lighthouseDir, "*"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	meta := filepath.Join(dir, "meta.json")
	if err := os.WriteFile(meta, []byte(`{"event": "lighthouse storm"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	// A bad file among the versions is skipped and named, not fatal.
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "scan.txt"), []byte("\x89PNG\r\n\x1a\n\x00\x00"), 0o644)
	r := runCLI(t, db, "", "compare", "--format", "json", dir)
	if r.code != 0 {
		t.Fatalf("folder with meta.json and bad files: exit %d: %s", r.code, r.stderr)
	}
	for _, bad := range []string{"empty.txt", "scan.txt"} {
		if !strings.Contains(r.stderr, "skipping "+filepath.Join(dir, bad)) {
			t.Errorf("stderr does not say %s was skipped: %q", bad, r.stderr)
		}
	}
	if !strings.Contains(r.stderr, "skipping") || !strings.Contains(r.stderr, "meta.json") {
		t.Errorf("stderr does not say meta.json was skipped: %q", r.stderr)
	}
	var c compare.Comparison
	if err := json.Unmarshal([]byte(r.stdout), &c); err != nil || len(c.Versions) != len(files) {
		t.Errorf("decoded %d versions (%v), want %d", len(c.Versions), err, len(files))
	}
	r = runCLI(t, db, "", "compare", meta, filepath.Join(dir, "wire.txt"))
	if r.code == 0 || !strings.Contains(r.stderr, "meta.json") {
		t.Errorf("named meta.json: exit %d, stderr %q; want a refusal naming it", r.code, r.stderr)
	}
}
