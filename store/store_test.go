package store

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	parallax "github.com/parallax-news/parallax"
)

// openTest opens a fresh library in a temporary folder.
func openTest(t *testing.T, opts ...Option) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "library.db"), opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// testArticle builds a small article whose text is made from its body.
func testArticle(title string, body ...string) *parallax.Article {
	a := &parallax.Article{
		Title:  title,
		Source: parallax.Source{Name: "Harbour Gazette", Site: "gazette.example"},
		Raw:    []byte(title + "\n\n" + strings.Join(body, "\n\n")),
	}
	a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Ordinal: 1, Kind: parallax.KindHeadline, Text: title})
	for i, b := range body {
		a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Ordinal: i + 2, Kind: parallax.KindBody, Text: b})
	}
	a.Text = string(a.Raw)
	return a
}

func mustAdd(t *testing.T, s *Store, a *parallax.Article, newStory string) {
	t.Helper()
	if err := s.AddArticle(context.Background(), a, newStory); err != nil {
		t.Fatalf("add %q: %v", a.Title, err)
	}
}

func TestOpenCreatesFolderAndMigrates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "deep", "er", "library.db")
	for round := 1; round <= 2; round++ { // the second open finds everything applied
		s, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		ms, _ := migrations()
		var n, newest int
		if err := s.db.QueryRow(`SELECT count(*), max(version) FROM schema_migrations`).Scan(&n, &newest); err != nil {
			t.Fatal(err)
		}
		if n != len(ms) || newest != ms[len(ms)-1].version {
			t.Errorf("round %d: %d migrations recorded up to %d, want %d up to %d", round, n, newest, len(ms), ms[len(ms)-1].version)
		}
		var mode string
		var fk int
		s.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
		s.db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk)
		if mode != "wal" || fk != 1 {
			t.Errorf("journal_mode %q foreign_keys %d, want wal and 1", mode, fk)
		}
		s.Close()
	}
}

func TestOpenRefusesWhatIsNotALibrary(t *testing.T) {
	otherApp := func(t *testing.T, path string) {
		db, err := sql.Open("sqlite3", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(`CREATE TABLE recipes (name TEXT)`); err != nil {
			t.Fatal(err)
		}
	}
	newer := func(t *testing.T, path string) {
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.db.Exec(`INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', '')`); err != nil {
			t.Fatal(err)
		}
	}
	write := func(b []byte) func(*testing.T, string) {
		return func(t *testing.T, path string) {
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 200)...)
	tests := []struct {
		name    string
		prepare func(*testing.T, string)
		want    error  // nil: only the message is checked
		message string // part of the message
	}{
		{"text file", write([]byte(strings.Repeat("dear diary\n", 50))), ErrNotLibrary, "not a SQLite database"},
		{"image", write(png), ErrNotLibrary, "not a SQLite database"},
		{"truncated header", write([]byte("SQLite format 3\x00\x10")), ErrNotLibrary, "not a SQLite database"},
		{"damaged database", write(append([]byte(sqliteMagic), make([]byte, 4096)...)), ErrNotLibrary, ""},
		{"another application's database", otherApp, ErrNotLibrary, "another application"},
		{"newer schema", newer, nil, "newer than this program knows"},
		{"directory", func(t *testing.T, path string) { os.Mkdir(path, 0o755) }, ErrNotLibrary, "not a regular file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "library.db")
			tc.prepare(t, path)
			before, _ := os.ReadFile(path)
			s, err := Open(path)
			if err == nil {
				s.Close()
				t.Fatal("opened; want a refusal")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %v; want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.message) || !strings.HasPrefix(err.Error(), "store: ") {
				t.Errorf("error %q; want store: ...%s", err, tc.message)
			}
			after, _ := os.ReadFile(path)
			if string(before) != string(after) {
				t.Error("the refused file was changed")
			}
		})
	}
}

func TestAddArticleRoundTrip(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	beijing := time.FixedZone("CST", 8*3600)
	a := testArticle("Ferry service resumes", "The ferry to Kestrel Island ran again on Tuesday.", "Captain Amélie Roux said 300 passengers crossed.")
	a.Headlines = []string{"Kestrel ferry back", "Island link restored"}
	a.Byline, a.Dateline, a.Language = "By Ola Brandt", "PORTSMOUTH", "en"
	a.Published = time.Date(2025, 11, 6, 0, 0, 0, 0, beijing)
	a.URL, a.Path = "https://gazette.example/ferry", "/tmp/ferry.html"
	a.Raw = []byte{0x93, 'F', 'e', 'r', 'r', 'y', 0x94, 0xff} // Windows-1252 quotes: not UTF-8
	a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Ordinal: 4, Kind: parallax.KindTrailer, Text: "gaz-ferry/ob"})
	mustAdd(t, s, a, "")
	if a.ID == 0 || a.StoryID == 0 || a.Source.ID == 0 || a.Hash != ContentHash(a.Text) || a.ImportedAt.IsZero() {
		t.Fatalf("ids not set: %+v", a)
	}
	got, err := s.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Published.Equal(a.Published) || got.Published.Format(time.DateOnly) != "2025-11-06" {
		t.Errorf("published %v, want %v in its own zone", got.Published, a.Published)
	}
	if !got.ImportedAt.Equal(a.ImportedAt) {
		t.Errorf("imported %v, want %v", got.ImportedAt, a.ImportedAt)
	}
	got.Published, got.ImportedAt, a.Published, a.ImportedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if fmt.Sprintf("%#v", *got) != fmt.Sprintf("%#v", *a) {
		t.Errorf("read back\n%#v\nwant\n%#v", *got, *a)
	}
	if _, err := s.Article(ctx, a.ID+100); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing article: %v, want ErrNotFound", err)
	}
}

func TestAddArticleDuplicate(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	first := testArticle("Tram strike called off", "Drivers accepted the offer.")
	mustAdd(t, s, first, "")
	again := testArticle("Tram strike called off", "Drivers accepted the offer.")
	again.Path = "elsewhere.txt"
	err := s.AddArticle(ctx, again, "Another story")
	var dup *DuplicateError
	if !errors.Is(err, ErrDuplicate) || !errors.As(err, &dup) || dup.ID != first.ID || dup.StoryID != first.StoryID {
		t.Fatalf("re-import: %v, want duplicate of article %d", err, first.ID)
	}
	if n, _ := s.CountArticles(ctx); n != 1 {
		t.Errorf("%d articles, want 1", n)
	}
	stories, _ := s.Stories(ctx)
	if len(stories) != 1 {
		t.Errorf("%d stories, want 1: a duplicate must not leave an empty story", len(stories))
	}
}

func TestAddArticleStoryPlacement(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a := testArticle("Lighthouse keeper retires", "After forty years, Ivo Stenz hands over the lamp.")
	mustAdd(t, s, a, "Lighthouse handover")
	b := testArticle("Keeper of the Gull Rock light steps down", "Ivo Stenz, 67, retires.")
	b.StoryID = a.StoryID
	mustAdd(t, s, b, "ignored when StoryID is set")
	c := testArticle("Orchard fair opens", "Apples.")
	mustAdd(t, s, c, "")

	st, err := s.Story(ctx, a.StoryID)
	if err != nil {
		t.Fatal(err)
	}
	if st.Title != "Lighthouse handover" || len(st.Articles) != 2 || st.Articles[1].ID != b.ID {
		t.Errorf("story %+v, want title Lighthouse handover with articles %d and %d", st, a.ID, b.ID)
	}
	if c.StoryID == a.StoryID {
		t.Error("an article without a story joined an existing one")
	}
	if cs, _ := s.Story(ctx, c.StoryID); cs == nil || cs.Title != "Orchard fair opens" {
		t.Errorf("new story %+v, want the article's title", cs)
	}
	if id, err := s.StoryByTitle(ctx, "  lighthouse HANDOVER "); err != nil || id != a.StoryID {
		t.Errorf("by title: %d, %v; want %d", id, err, a.StoryID)
	}
	if _, err := s.StoryByTitle(ctx, "no such story"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown title: %v, want ErrNotFound", err)
	}

	lost := testArticle("Into an unknown story", "Nothing.")
	lost.StoryID = 999
	if err := s.AddArticle(ctx, lost, ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown story: %v, want ErrNotFound", err)
	}
	if _, err := s.StoryArticles(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("articles of unknown story: %v, want ErrNotFound", err)
	}
	arts, err := s.StoryArticles(ctx, a.StoryID)
	if err != nil || len(arts) != 2 || arts[0].ID != a.ID || len(arts[1].Paragraphs) != 2 {
		t.Errorf("story articles %v, %v; want a and b with paragraphs", arts, err)
	}
}

// A failure half-way through storing an article leaves nothing of it: no
// article row, no paragraph, no index entry, no story made for it.
func TestAddArticleIsAtomic(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	mustAdd(t, s, testArticle("Bridge repainted", "Green again."), "")
	bad := testArticle("Bridge closed", "Traffic diverted.", "Second paragraph.")
	bad.Paragraphs[2].Ordinal = bad.Paragraphs[1].Ordinal // breaks the paragraph key after the article row is in
	if err := s.AddArticle(ctx, bad, ""); err == nil {
		t.Fatal("stored an article with two paragraphs at one ordinal")
	}
	unknown := testArticle("Odd kind", "Text.")
	unknown.Paragraphs[1].Kind = "sidebar"
	if err := s.AddArticle(ctx, unknown, ""); err == nil || !strings.Contains(err.Error(), "unknown kind") {
		t.Errorf("unknown paragraph kind: %v", err)
	}
	if err := s.catchUpSearchIndex(ctx); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, table := range []string{"article", "paragraph", "story", "search_queue"} {
		counts[table] = countRows(t, s.db, table)
	}
	counts["article_fts"] = countRows(t, s.index.db, "article_fts")
	want := map[string]int{"article": 1, "paragraph": 2, "story": 1, "article_fts": 1, "search_queue": 1}
	if fmt.Sprint(counts) != fmt.Sprint(want) {
		t.Errorf("rows %v, want %v", counts, want)
	}
	if hits, err := s.Search(ctx, "diverted", 0); err != nil || len(hits) != 0 {
		t.Errorf("the failed article is searchable: %v, %v", hits, err)
	}
}

func TestStoriesNewestFirst(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	day := func(d int) time.Time { return time.Date(2025, 3, d, 9, 0, 0, 0, time.UTC) }
	old := testArticle("Harbour dredging starts", "Dredgers arrived.")
	old.Published = day(1)
	old.Path = "dredging.txt"
	mustAdd(t, s, old, "")
	fresh := testArticle("Market hall reopens", "Stalls are back.")
	fresh.Published = day(20)
	fresh.URL = "https://gazette.example/market"
	mustAdd(t, s, fresh, "")
	late := testArticle("Dredging finished early", "The channel is clear.")
	late.Published = day(25)
	late.StoryID = old.StoryID
	mustAdd(t, s, late, "")
	empty, err := s.CreateStory(ctx, "  ")
	if err != nil {
		t.Fatal(err)
	}

	stories, err := s.Stories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, st := range stories {
		order = append(order, fmt.Sprintf("%d:%d", st.ID, len(st.Articles)))
	}
	// The empty story was made now, after every article's date.
	want := []string{fmt.Sprintf("%d:0", empty), fmt.Sprintf("%d:2", old.StoryID), fmt.Sprintf("%d:1", fresh.StoryID)}
	if fmt.Sprint(order) != fmt.Sprint(want) {
		t.Fatalf("order %v, want %v", order, want)
	}
	if stories[0].Title != "Untitled story" {
		t.Errorf("blank title stored as %q", stories[0].Title)
	}
	dredging := stories[1]
	if !dredging.Latest.Equal(day(25)) {
		t.Errorf("latest %v, want %v", dredging.Latest, day(25))
	}
	sum := dredging.Articles[0]
	if sum.Title != "Harbour dredging starts" || sum.Source != "Harbour Gazette" || sum.PathOrURL != "dredging.txt" || !sum.Published.Equal(day(1)) {
		t.Errorf("summary %+v", sum)
	}
	if got := stories[2].Articles[0].PathOrURL; got != fresh.URL {
		t.Errorf("path or url %q, want the URL", got)
	}
}

func TestReadAndStarred(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a := testArticle("Choir wins prize", "The Lowmoor choir won.")
	mustAdd(t, s, a, "")
	if err := s.SetRead(ctx, a.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStarred(ctx, a.ID, true); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Article(ctx, a.ID)
	if !got.Read || !got.Starred {
		t.Errorf("read %v starred %v, want both", got.Read, got.Starred)
	}
	if err := s.SetRead(ctx, 12345, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown article: %v, want ErrNotFound", err)
	}
}

// holdLockEnv makes the test binary, run as a child, hold a write lock on
// the library it names until its standard input closes.
const holdLockEnv = "PARALLAX_TEST_HOLD_LOCK"

func TestMain(m *testing.M) {
	if path := os.Getenv(holdLockEnv); path != "" {
		os.Exit(holdLock(path))
	}
	os.Exit(m.Run())
}

func holdLock(path string) int {
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		fmt.Println(err)
		return 1
	}
	conn, err := db.Conn(context.Background())
	if err != nil {
		fmt.Println(err)
		return 1
	}
	if _, err := conn.ExecContext(context.Background(), `BEGIN EXCLUSIVE`); err != nil {
		fmt.Println(err)
		return 1
	}
	fmt.Println("locked")
	bufio.NewReader(os.Stdin).ReadString('\n')
	return 0
}

func TestLockedByAnotherProcess(t *testing.T) {
	const wait = 300 * time.Millisecond
	s := openTest(t, WithBusyTimeout(wait))
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), holdLockEnv+"="+s.Path())
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer stdin.Close()
	if line, _ := bufio.NewReader(stdout).ReadString('\n'); line != "locked\n" {
		t.Fatalf("child could not lock: %q", line)
	}

	start := time.Now()
	err := s.AddArticle(context.Background(), testArticle("Locked out", "No."), "")
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "locked by another process") {
		t.Fatalf("add while locked: %v, want ErrLocked", err)
	}
	if waited := time.Since(start); waited < wait {
		t.Errorf("gave up after %v, before the busy timeout %v", waited, wait)
	}
	stdin.Close()
	cmd.Wait()
	mustAdd(t, s, testArticle("Let in", "Yes."), "")
}
