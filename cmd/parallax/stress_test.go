package main

import (
	"bufio"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The stress campaign runs with PARALLAX_STRESS set (make stress); each
// test logs one "STRESS:" line that make stress gathers into its summary.
func stressOnly(t *testing.T) {
	if os.Getenv("PARALLAX_STRESS") == "" {
		t.Skip("stress test: run by make stress (PARALLAX_STRESS=1)")
	}
}

// writeCouncilFiles writes n distinct small articles into dir.
func writeCouncilFiles(t *testing.T, dir, town string, n int) {
	t.Helper()
	os.MkdirAll(dir, 0o755)
	for i := range n {
		text := fmt.Sprintf("%s council, item %d\n\nThe council of %s discussed item %d, on drainage ditch %d and the %d new lamps, at length on Monday.\n\nCouncillor Ebba Lind said the work would start in week %d.\n",
			town, i, town, i, i*7, i%13, i%52)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%04d.txt", town, i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// openStored opens the library at db directly, read-only; nil when the
// import was killed before it made the file.
func openStored(t *testing.T, db string) *sql.DB {
	t.Helper()
	if _, err := os.Stat(db); os.IsNotExist(err) {
		return nil
	}
	conn, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	return conn
}

// libraryCounts opens the library directly: SQLite's integrity check, the
// articles stored, and the articles stored twice (same content hash).
func libraryCounts(t *testing.T, db string) (integrity string, articles, doubled int) {
	t.Helper()
	conn := openStored(t, db)
	if conn == nil {
		return "ok", 0, 0
	}
	defer conn.Close()
	if err := conn.QueryRow(`PRAGMA integrity_check`).Scan(&integrity); err != nil {
		t.Fatal(err)
	}
	conn.QueryRow(`SELECT count(*), count(*) - count(DISTINCT hash) FROM article`).Scan(&articles, &doubled)
	return integrity, articles, doubled
}

// groupingAgrees checks, on the library directly, that every article is
// counted by grouping exactly once, filed (in the tables or a pending
// batch) or waiting to be filed, and that the pending batches count no
// more than are filed.
func groupingAgrees(t *testing.T, db string, round int) {
	t.Helper()
	conn := openStored(t, db)
	if conn == nil {
		return
	}
	defer conn.Close()
	// Killed before its schema was complete (each migration commits on
	// its own): the next open migrates it, and there is nothing to count.
	var tables int
	if err := conn.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('article', 'group_stats', 'group_unfiled', 'group_pending')`).Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables < 4 {
		return
	}
	var articles, filed, unfiled, pending int
	err := conn.QueryRow(`SELECT (SELECT count(*) FROM article), (SELECT articles FROM group_stats),
		(SELECT count(*) FROM group_unfiled), (SELECT coalesce(sum(articles), 0) FROM group_pending)`).Scan(&articles, &filed, &unfiled, &pending)
	if err != nil {
		t.Fatal(err)
	}
	if filed+unfiled != articles || pending > filed {
		t.Errorf("round %d: %d articles, %d filed for grouping (%d of them pending) and %d waiting", round, articles, filed, pending, unfiled)
	}
}

// runKilled starts the binary and kills it (SIGKILL) after a random delay
// up to max, counting the lines starting with prefix it printed before.
func runKilled(t *testing.T, db string, max time.Duration, prefix string, args ...string) (reported int, finished bool) {
	t.Helper()
	bin, err := cliBinary()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "PARALLAX_DB="+db)
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	timer := time.AfterFunc(time.Duration(rand.Int64N(int64(max))), func() { cmd.Process.Kill() })
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), prefix) {
			reported++
		}
	}
	err = cmd.Wait()
	timer.Stop()
	return reported, err == nil
}

// TestStressKillImport kills a 1,000-file import at a random moment, then
// lets a second import finish, round after round on a fresh library: every
// kill leaves a sound library holding at least what was reported imported,
// and in the end every file is stored exactly once.
func TestStressKillImport(t *testing.T) {
	stressOnly(t)
	const files, rounds = 1000, 10
	dir := t.TempDir()
	src := filepath.Join(dir, "minutes")
	writeCouncilFiles(t, src, "Oskby", files)
	// The kill falls within the time a whole import takes, measured
	// first: a fixed bound outlived the import as it got faster, and
	// then no round killed anything.
	if _, err := cliBinary(); err != nil { // built once, not timed
		t.Fatal(err)
	}
	start := time.Now()
	if r := runCLI(t, filepath.Join(dir, "timed.db"), "", "import", src); r.code != 0 {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	whole := max(time.Since(start), 10*time.Millisecond)
	within := whole * 4 / 5 // a round a little faster than the timed one is killed too
	kills, reportedTotal, storedAtKill := 0, 0, 0
	for round := range rounds {
		db := filepath.Join(dir, fmt.Sprintf("lib-%d.db", round))
		reported, finished := runKilled(t, db, within, "imported ", "import", src)
		if !finished {
			kills++
		}
		reportedTotal += reported
		integrity, after, doubled := libraryCounts(t, db)
		groupingAgrees(t, db, round)
		storedAtKill += after
		if integrity != "ok" || doubled != 0 || after < reported {
			t.Fatalf("round %d: integrity %q, %d doubled, %d stored, %d reported", round, integrity, doubled, after, reported)
		}
		r := runCLI(t, db, "", "import", src)
		integrity, stored, doubled := libraryCounts(t, db)
		groupingAgrees(t, db, round)
		if r.code != 0 || integrity != "ok" || stored != files || doubled != 0 {
			t.Fatalf("round %d, import after the kill: exit %d, integrity %q, %d stored of %d, %d doubled\n%s", round, r.code, integrity, stored, files, doubled, r.stderr)
		}
	}
	if kills < rounds/3 {
		t.Errorf("only %d of %d imports killed before they ended (a whole import took %s)", kills, rounds, whole.Round(time.Millisecond))
	}
	t.Logf("STRESS: import of %d files (%s whole) killed %d times in %d rounds: %d reported imported before the kills, %d stored at the kills, every round ends with %d stored, 0 lost, 0 doubled, integrity ok",
		files, whole.Round(time.Millisecond), kills, rounds, reportedTotal, storedAtKill, files)
}

// TestStressKillRefresh kills feed refreshes against a local server whose
// pages answer slowly, then lets one finish: the library stays sound and
// ends with every item exactly once.
func TestStressKillRefresh(t *testing.T) {
	stressOnly(t)
	const items = 600
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Oskby Courier</title>`)
		for i := range items {
			fmt.Fprintf(&b, `<item><title>Lamp %d lit</title><link>%s/p/%d</link><guid>lamp-%d</guid></item>`, i, srv.URL, i, i)
		}
		b.WriteString(`</channel></rss>`)
		fmt.Fprint(w, b.String())
	})
	mux.HandleFunc("/p/", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(time.Duration(20+rand.IntN(40)) * time.Millisecond)
		n := strings.TrimPrefix(r.URL.Path, "/p/")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<html><head><title>Lamp %s lit</title></head><body><article><h1>Lamp %s lit</h1><p>The council of Oskby lit street lamp number %s on Monday, after %s weeks of work on the cables.</p></article></body></html>`, n, n, n, n)
	})
	srv = httptest.NewServer(mux)
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "lib.db")
	if r := runCLI(t, db, "", "feeds", "add", srv.URL+"/feed"); r.code != 0 {
		t.Fatalf("feeds add: %d %s", r.code, r.stderr)
	}
	kills := 0
	for round := 0; round < 12; round++ {
		if _, finished := runKilled(t, db, 2500*time.Millisecond, "feed ", "feeds", "refresh"); !finished {
			kills++
		}
		integrity, _, doubled := libraryCounts(t, db)
		if integrity != "ok" || doubled != 0 {
			t.Fatalf("round %d: integrity %q, %d doubled", round, integrity, doubled)
		}
	}
	r := runCLI(t, db, "", "feeds", "refresh")
	integrity, stored, doubled := libraryCounts(t, db)
	if r.code != 0 || integrity != "ok" || stored != items || doubled != 0 {
		t.Fatalf("final refresh: exit %d, integrity %q, %d stored of %d, %d doubled\n%s%s", r.code, integrity, stored, items, doubled, r.stdout, r.stderr)
	}
	t.Logf("STRESS: feed refresh of %d items killed %d times: %d stored in the end, 0 lost, 0 doubled, integrity ok", items, kills, stored)
}

// TestStressConcurrentWriters runs two imports into one library while
// searches, listings and reports run against it.
func TestStressConcurrentWriters(t *testing.T) {
	stressOnly(t)
	const each = 1000
	dir := t.TempDir()
	writeCouncilFiles(t, filepath.Join(dir, "a"), "Oskby", each)
	writeCouncilFiles(t, filepath.Join(dir, "b"), "Velby", each)
	db := filepath.Join(dir, "lib.db")
	runCLI(t, db, "", "import", filepath.Join(dir, "a", "Oskby-0000.txt")) // a story to report on
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	fail := func(what string, r cliResult) {
		mu.Lock()
		defer mu.Unlock()
		failures = append(failures, fmt.Sprintf("%s: exit %d: %s", what, r.code, strings.TrimSpace(r.stderr)))
	}
	done := make(chan struct{})
	for _, town := range []string{"a", "b"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if r := runCLI(t, db, "", "import", filepath.Join(dir, town)); r.code != 0 {
				fail("import "+town, r)
			}
		}()
	}
	readers := 0
	var rwg sync.WaitGroup
	rwg.Add(1)
	go func() {
		defer rwg.Done()
		for i := 0; ; i++ {
			select {
			case <-done:
				return
			default:
			}
			for _, args := range [][]string{{"search", "drainage"}, {"stories"}, {"report", "1", "--format", "md", "-o", filepath.Join(dir, "r.md")}} {
				if r := runCLI(t, db, "", args...); r.code != 0 {
					fail(strings.Join(args, " "), r)
				}
				readers++
			}
		}
	}()
	wg.Wait()
	close(done)
	rwg.Wait()
	integrity, stored, doubled := libraryCounts(t, db)
	if len(failures) > 0 || integrity != "ok" || stored != 2*each || doubled != 0 {
		t.Fatalf("integrity %q, %d stored of %d, %d doubled, failures:\n%s", integrity, stored, 2*each, doubled, strings.Join(failures, "\n"))
	}
	t.Logf("STRESS: two concurrent imports of %d files each with %d searches/listings/reports alongside: %d stored, 0 failures, integrity ok", each, readers, stored)
}
