package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

// cliBinary builds the real parallax binary once for the end-to-end tests.
var cliBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "parallax-cli-test")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "parallax")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// cliResult is what one run of the binary printed and returned.
type cliResult struct {
	stdout, stderr string
	code           int
}

// runCLI runs the binary with args against library db, feeding stdin.
func runCLI(t *testing.T, db, stdin string, args ...string) cliResult {
	t.Helper()
	bin, err := cliBinary()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "PARALLAX_DB="+db, "PARALLAX_BUSY_TIMEOUT=")
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return cliResult{out.String(), errb.String(), code}
}

// storiesJSON runs "stories --format json" and decodes it.
func storiesJSON(t *testing.T, db string) []storyJSON {
	t.Helper()
	r := runCLI(t, db, "", "stories", "--format", "json")
	if r.code != 0 {
		t.Fatalf("stories: %d %s", r.code, r.stderr)
	}
	var out []storyJSON
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("stories json: %v\n%s", err, r.stdout)
	}
	return out
}

// lines matches each output line against a pattern, in order.
func matchLines(t *testing.T, out string, patterns ...string) {
	t.Helper()
	got := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(got) != len(patterns) {
		t.Fatalf("%d lines, want %d:\n%s", len(got), len(patterns), out)
	}
	for i, p := range patterns {
		if !regexp.MustCompile(p).MatchString(got[i]) {
			t.Errorf("line %d %q does not match %q", i+1, got[i], p)
		}
	}
}

// fileWriter returns a function that writes a file named name (a path
// relative to dir) with contents b and returns its path.
func fileWriter(t *testing.T, dir string) func(name string, b []byte) string {
	return func(name string, b []byte) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
}

func TestCLIImportFolderDuplicateAndRefusal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	r := runCLI(t, db, "", "import", "testdata/cli/orchard", "testdata/cli/missing.txt")
	if r.code != 1 {
		t.Errorf("exit %d, want 1 (two inputs refused)\n%s%s", r.code, r.stdout, r.stderr)
	}
	matchLines(t, r.stdout,
		`^refused testdata/cli/orchard/empty\.txt: .*empty`,
		`^imported testdata/cli/orchard/more/rewrite\.md: article 1 in story 1: Wellmere growers pick through the night as frost nears$`,
		`^imported testdata/cli/orchard/wire\.txt: article 2 in story 1: Frost threatens Wellmere apple harvest$`,
		`^refused testdata/cli/missing\.txt: .*no such file`,
	)
	stories := storiesJSON(t, db)
	if len(stories) != 1 || len(stories[0].Articles) != 2 {
		t.Fatalf("stories %+v, want one story of two articles", stories)
	}
	abs, _ := filepath.Abs("testdata/cli/orchard/wire.txt")
	if a := stories[0].Articles[1]; a.Title != "Frost threatens Wellmere apple harvest" || a.PathOrURL != abs {
		t.Errorf("article %+v, want the wire with its absolute path", a)
	}

	// Importing the same files again doubles nothing and is not an error.
	r = runCLI(t, db, "", "import", "testdata/cli/orchard/wire.txt", "testdata/cli/orchard/more/rewrite.md")
	if r.code != 0 {
		t.Errorf("re-import exit %d, want 0\n%s", r.code, r.stdout)
	}
	matchLines(t, r.stdout,
		`^duplicate testdata/cli/orchard/wire\.txt: already article 2 in story 1; nothing stored$`,
		`^duplicate testdata/cli/orchard/more/rewrite\.md: already article 1 in story 1; nothing stored$`,
	)
	if again := storiesJSON(t, db); len(again) != 1 || len(again[0].Articles) != 2 {
		t.Errorf("after re-import %+v, want the same one story of two articles", again)
	}
}

func TestCLIImportBadInput(t *testing.T) {
	dir := t.TempDir()
	write := fileWriter(t, dir)
	png := write("photo.txt", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), bytes.Repeat([]byte{0, 0xff, 7, 0x10}, 300)...))
	big := write("long.txt", bytes.Repeat([]byte("A long line of text about nothing much.\n"), 2000))
	loop := filepath.Join(dir, "loop")
	os.Mkdir(loop, 0o755)
	write("loop/piece.txt", []byte("Tide tables\n\nHigh water at Oskby pier is at noon on Sunday.\n"))
	if err := os.Symlink("..", filepath.Join(loop, "back")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	db := filepath.Join(dir, "lib.db")
	// The loop folder is read once; its link back to dir is caught there.
	r := runCLI(t, db, "", "import", "--max-size", "10KB", png, big, loop)
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	out := r.stdout
	for _, want := range []string{"refused " + png + ": binary", "refused " + big + ": input too large", "imported " + filepath.Join(loop, "piece.txt")} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(out, "symlink loop") {
		t.Errorf("the link back up was not refused as a loop:\n%s", out)
	}
	if got := storiesJSON(t, db); len(got) != 1 || len(got[0].Articles) != 1 {
		t.Errorf("stories %+v, want the one good article", got)
	}
	if r := runCLI(t, db, "", "import", "--max-size", "lots", png); r.code == 0 || !strings.Contains(r.stderr, "--max-size") {
		t.Errorf("bad --max-size accepted: %d %s", r.code, r.stderr)
	}
}

func TestCLIImportStoryChoice(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	r := runCLI(t, db, "", "import", "--story", "Wellmere frost", "testdata/cli/orchard/wire.txt")
	if r.code != 0 || !strings.Contains(r.stdout, "in story 1:") {
		t.Fatalf("import: %d %s %s", r.code, r.stdout, r.stderr)
	}
	// Without --story, a version of the same event joins its story by
	// automatic grouping.
	r = runCLI(t, db, "", "import", "testdata/cli/orchard/more/rewrite.md")
	if r.code != 0 || !strings.Contains(r.stdout, "article 2 in story 1:") {
		t.Errorf("grouped import: %d %q %s", r.code, r.stdout, r.stderr)
	}
	// A number names a story; "-" is stdin.
	stdin := "Harbour crane toppled\n\nA crane fell into the harbour at Oskby on Friday. Nobody was hurt.\n"
	r = runCLI(t, db, stdin, "import", "--story", "1", "-")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "imported -: article 3 in story 1: Harbour crane toppled") {
		t.Errorf("stdin import: %d %q %s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, db, "", "import", "--story", "42", "testdata/cli/ferry.txt")
	if r.code == 0 || !strings.Contains(r.stderr, "story 42: not found") {
		t.Errorf("unknown story id: %d %q", r.code, r.stderr)
	}
	// An unrelated article starts a story of its own.
	r = runCLI(t, db, "", "import", "testdata/cli/ferry.txt")
	if r.code != 0 || !strings.Contains(r.stdout, "in story 2:") {
		t.Errorf("no --story: %d %q, want a new story", r.code, r.stdout)
	}
	// --story NEW-TITLE always makes a new story, even when the title exists.
	stdin = "Frost spares late apples\n\nGrowers in Wellmere said on Sunday the frost spared most late apples.\n"
	r = runCLI(t, db, stdin, "import", "--story", "Wellmere frost", "-")
	if r.code != 0 || !strings.Contains(r.stdout, "in story 3:") {
		t.Errorf("--story NEW-TITLE: %d %q, want story 3", r.code, r.stdout)
	}
	stories := storiesJSON(t, db)
	var got []string
	for _, s := range stories {
		got = append(got, fmt.Sprintf("%d %s:%d", s.ID, s.Title, len(s.Articles)))
	}
	slices.Sort(got)
	if want := []string{"1 Wellmere frost:3", "2 Kestrel Island ferry back in service:1", "3 Wellmere frost:1"}; !slices.Equal(got, want) {
		t.Errorf("stories %q, want %q", got, want)
	}
	if r := runCLI(t, db, "", "stories"); r.code != 0 || !strings.Contains(r.stdout, "story 1: Wellmere frost (3 articles)") {
		t.Errorf("stories text: %d\n%s", r.code, r.stdout)
	}
}

func TestCLISearchAndShow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	runCLI(t, db, "", "import", "testdata/cli/orchard/wire.txt", "testdata/cli/orchard/more/rewrite.md", "testdata/cli/ferry.txt")
	r := runCLI(t, db, "", "search", "frost", "cooperative")
	if r.code != 0 {
		t.Fatalf("search: %d %s", r.code, r.stderr)
	}
	matchLines(t, r.stdout,
		`^[12]\t[^\t]+\t.*\[[Ff]rost\].*\[cooperative\]|^[12]\t[^\t]+\t.*\[cooperative\].*\[[Ff]rost\]`,
		`^[12]\t[^\t]+\t.*\[`,
	)
	if r := runCLI(t, db, "", "search", "amelie"); !regexp.MustCompile(`^3\tKestrel Island ferry back in service\t.*\[Amélie\]`).MatchString(r.stdout) {
		t.Errorf("accent-blind search: %q", r.stdout)
	}
	if r := runCLI(t, db, "", "search", "volcano"); r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, "no article matches") {
		t.Errorf("no hits: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if r := runCLI(t, db, "", "search", "--", "-frost"); r.code != 1 || !strings.Contains(r.stderr, "nothing to search for") {
		t.Errorf("only an exclusion: %d %q", r.code, r.stderr)
	}

	r = runCLI(t, db, "", "show", "1")
	if r.code != 0 {
		t.Fatalf("show: %d %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"title:     Frost threatens Wellmere apple harvest",
		"  1 headline  Frost threatens Wellmere apple harvest",
		"  2 headline  Growers race to pick before the cold",
		"  3 dateline  WELLMERE",
		"  4 body      Orchard owners in the Wellmere valley",
		" trailer   wel-frost/hv",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("show lacks %q:\n%s", want, r.stdout)
		}
	}
	if r := runCLI(t, db, "", "show", "99"); r.code != 1 || !strings.Contains(r.stderr, "article 99: not found") {
		t.Errorf("show unknown: %d %q", r.code, r.stderr)
	}
	if r := runCLI(t, db, "", "show", "first"); r.code != 1 || !strings.Contains(r.stderr, "not an article id") {
		t.Errorf("show bad id: %d %q", r.code, r.stderr)
	}
}

func TestCLIStoriesJSONShape(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	if r := runCLI(t, db, "", "stories", "--format", "json"); r.code != 0 || strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("empty library: %d %q", r.code, r.stdout)
	}
	runCLI(t, db, "", "import", "testdata/cli/ferry.txt")
	r := runCLI(t, db, "", "stories", "--format", "json")
	var raw []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &raw); err != nil || len(raw) != 1 {
		t.Fatalf("json %v: %s", err, r.stdout)
	}
	keys := func(m map[string]any) string { return fmt.Sprint(slices.Sorted(maps.Keys(m))) }
	if got := keys(raw[0]); got != "[articles id title]" {
		t.Errorf("story keys %s", got)
	}
	art := raw[0]["articles"].([]any)[0].(map[string]any)
	if got := keys(art); got != "[id path_or_url published source title]" {
		t.Errorf("article keys %s", got)
	}
	if r := runCLI(t, db, "", "stories", "--format", "xml"); r.code == 0 {
		t.Error("--format xml accepted")
	}
}

func TestCLILibraryProblems(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.db")
	body := []byte("my shopping list, not a library\n")
	os.WriteFile(notes, body, 0o644)
	r := runCLI(t, notes, "", "import", "testdata/cli/ferry.txt")
	if r.code != 1 || !strings.Contains(r.stderr, "not a SQLite database") {
		t.Errorf("non-SQLite library: %d %q", r.code, r.stderr)
	}
	if after, _ := os.ReadFile(notes); !bytes.Equal(after, body) {
		t.Error("the refused library file was changed")
	}

	// Another process holds the write lock: the import waits for the busy
	// timeout, says so, and what was stored before is kept.
	db := filepath.Join(dir, "lib.db")
	runCLI(t, db, "", "import", "testdata/cli/ferry.txt")
	holder, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	conn, err := holder.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(), "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	bin, _ := cliBinary()
	cmd := exec.Command(bin, "import", "testdata/cli/orchard/wire.txt", "testdata/cli/orchard/more/rewrite.md")
	cmd.Env = append(os.Environ(), "PARALLAX_DB="+db, "PARALLAX_BUSY_TIMEOUT=400ms")
	start := time.Now()
	out, _ := cmd.Output()
	waited := time.Since(start)
	conn.ExecContext(context.Background(), "ROLLBACK")
	conn.Close()
	if cmd.ProcessState.ExitCode() != 1 || waited < 400*time.Millisecond {
		t.Errorf("locked: exit %d after %v", cmd.ProcessState.ExitCode(), waited)
	}
	matchLines(t, string(out),
		`^refused testdata/cli/orchard/wire\.txt: store: add article: library is locked by another process \(waited 400ms\)$`,
		`^refused testdata/cli/orchard/more/rewrite\.md: not imported: .*locked`,
	)
	if got := storiesJSON(t, db); len(got) != 1 || len(got[0].Articles) != 1 {
		t.Errorf("after the lock: %+v, want the first import kept", got)
	}
}

// A killed import keeps every article it reported as imported, and the
// library still opens.
func TestCLIImportKilledHalfway(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "many")
	os.Mkdir(src, 0o755)
	const n = 400
	for i := range n {
		text := fmt.Sprintf("Council minutes, item %d\n\nThe council of Oskby discussed item %d, on drainage ditch %d, at length.\n", i, i, i*7)
		os.WriteFile(filepath.Join(src, fmt.Sprintf("item-%03d.txt", i)), []byte(text), 0o644)
	}
	db := filepath.Join(dir, "lib.db")
	bin, err := cliBinary()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "import", src)
	cmd.Env = append(os.Environ(), "PARALLAX_DB="+db)
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	reported := 0
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "imported ") {
			reported++
		}
		if reported == 20 {
			cmd.Process.Kill()
			break
		}
	}
	cmd.Wait()
	stories := storiesJSON(t, db)
	stored := 0
	for _, s := range stories {
		stored += len(s.Articles)
	}
	if stored < reported || stored > n {
		t.Errorf("%d articles stored, %d reported imported before the kill", stored, reported)
	}
	t.Logf("killed after %d reported; %d stored", reported, stored)
}

func TestCLIStoriesMergeSplitMoveAndReport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	runCLI(t, db, "", "import", "--story", "Orchard", "testdata/cli/orchard/wire.txt")
	runCLI(t, db, "", "import", "--story", "Ferry", "testdata/cli/ferry.txt")
	count := func() map[int64]int {
		out := map[int64]int{}
		for _, s := range storiesJSON(t, db) {
			out[s.ID] = len(s.Articles)
		}
		return out
	}
	if r := runCLI(t, db, "", "stories", "merge", "1", "2"); r.code != 0 {
		t.Fatalf("merge: %d %s", r.code, r.stderr)
	}
	if got := count(); len(got) != 1 || got[1] != 2 {
		t.Fatalf("after merge: %v, want story 1 with both articles", got)
	}
	if r := runCLI(t, db, "", "stories", "split", "1", "2"); r.code != 0 || !strings.Contains(r.stdout, "split from story 1") {
		t.Fatalf("split: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if got := count(); len(got) != 2 || got[1] != 1 {
		t.Fatalf("after split: %v", got)
	}
	var newStory int64
	for id := range count() {
		if id != 1 {
			newStory = id
		}
	}
	if r := runCLI(t, db, "", "stories", "move", "2", "1"); r.code != 0 {
		t.Fatalf("move: %d %s", r.code, r.stderr)
	}
	if got := count(); len(got) != 1 || got[1] != 2 {
		t.Fatalf("after move: %v (story %d should be gone)", got, newStory)
	}
	if r := runCLI(t, db, "", "stories", "move", "2", "99"); r.code == 0 || !strings.Contains(r.stderr, "not found") {
		t.Errorf("move into a missing story: %d %s", r.code, r.stderr)
	}
	if r := runCLI(t, db, "", "stories", "merge", "1", "x"); r.code == 0 {
		t.Errorf("merge with a bad id succeeded")
	}

	out := filepath.Join(t.TempDir(), "story.md")
	if r := runCLI(t, db, "", "report", "1", "--format", "md", "-o", out); r.code != 0 {
		t.Fatalf("report: %d %s", r.code, r.stderr)
	}
	md, err := os.ReadFile(out)
	if err != nil || !bytes.Contains(md, []byte("# ")) || !bytes.Contains(md, []byte("Orchard")) {
		t.Errorf("report file: %v\n%s", err, md)
	}
	if r := runCLI(t, db, "", "report", "77", "--format", "md", "-o", out); r.code == 0 {
		t.Errorf("report of a missing story succeeded")
	}
}

// TestCLIImportGroupsABatch: five versions of one event (a wire story, a
// shortened copy, a round-trip machine translation, an independent rewrite
// and an SEO rewrite) imported together into an empty library make one
// story, given as files or as a folder; another event of the same kind
// imported with them keeps a story of its own.
func TestCLIImportGroupsABatch(t *testing.T) {
	versions := []string{"wire", "short", "roundtrip", "rewrite", "seo"}
	files := []string{}
	for _, v := range versions {
		files = append(files, filepath.Join("testdata", "cli", "bridge", v+".txt"))
	}
	check := func(t *testing.T, db string, want map[int]int) {
		t.Helper()
		stories := storiesJSON(t, db)
		sizes := map[int]int{} // articles in a story -> stories of that size
		for _, s := range stories {
			sizes[len(s.Articles)]++
		}
		if !maps.Equal(sizes, want) {
			t.Errorf("stories by size %v, want %v: %+v", sizes, want, stories)
		}
	}
	t.Run("files", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "lib.db")
		r := runCLI(t, db, "", append([]string{"import"}, files...)...)
		if r.code != 0 {
			t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		check(t, db, map[int]int{5: 1})
	})
	t.Run("folder", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "lib.db")
		r := runCLI(t, db, "", "import", filepath.Join("testdata", "cli", "bridge"))
		if r.code != 0 {
			t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		check(t, db, map[int]int{5: 1})
	})
	t.Run("with another event of the same kind", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "lib.db")
		r := runCLI(t, db, "", "import", filepath.Join("testdata", "cli", "bridge_other.txt"), filepath.Join("testdata", "cli", "bridge"))
		if r.code != 0 {
			t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		check(t, db, map[int]int{5: 1, 1: 1})
	})
	t.Run("later version joins the library's story", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "lib.db")
		if r := runCLI(t, db, "", append([]string{"import"}, files[:4]...)...); r.code != 0 {
			t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		if r := runCLI(t, db, "", "import", files[4]); r.code != 0 {
			t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		check(t, db, map[int]int{5: 1})
	})
}
