// Command scale measures Parallax at library scale, side by side in one
// run: importing 500 articles into a story (--story) and with automatic
// grouping, against the sqlite3 command-line tool bulk-inserting the same
// texts into a table with an FTS5 index (the storage ceiling); re-importing
// 1,000 known files; search; command start-up; opening the library and a
// story; the window's start and memory (under Xvfb). Each
// figure is taken at every library size given (default 0, 20,000 and
// 100,000 articles). Libraries are built once and kept in -cache.
//
//	go run ./bench/scale [-sizes 0,20000,100000] [-runs 3] [-bin parallax]
//	go run ./bench/scale -write DIR [-after N]   (only the 500 timed articles, for profiling)
//	go run ./bench/scale -window [-sizes ...] [-runs 1]   (only the window's start)
//
// All text is generated: made-up words, names and places.
package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/internal/cputime"
	"github.com/parallax-news/parallax/library"
	"github.com/parallax-news/parallax/store"
)

const (
	importN  = 500  // articles per timed import
	knownN   = 1000 // files per timed re-import of known articles
	cacheTag = "v2" // change when the generated libraries change (v2: dates read)
	// The timed articles are numbered from firstArrival, the one more
	// file is lastArrival: apart from any library's.
	firstArrival = 1_000_000
	lastArrival  = 2_000_000
	// Articles numbered from earlierArrival are imported untimed before
	// the timed ones, dated just before them, to bring the library's
	// pending filings near the mark (see pendingLibrary).
	earlierArrival = 1_500_000
	// filingTag names what grouping files of each article (see
	// group.Filing): change it when that changes, so that the migrated
	// copies are filed again.
	filingTag = "f2"
)

func main() {
	sizes := flag.String("sizes", "0,20000,100000", "library sizes, comma-separated")
	runs := flag.Int("runs", 3, "timed runs per figure (the median is printed)")
	bin := flag.String("bin", "", "parallax binary to measure (default: built from ./cmd/parallax)")
	cache := flag.String("cache", filepath.Join(os.TempDir(), "parallax-bench"), "folder for the generated libraries")
	write := flag.String("write", "", "only write the 500 timed articles into this folder (for profiling) and stop")
	after := flag.Int("after", 0, "with -write: date the articles as arrivals in a library of this many articles")
	earlier := flag.Bool("earlier", false, "with -write: write instead the articles imported before the timed ones to bring the pending filings near the mark")
	windowOnly := flag.Bool("window", false, "measure only the window's start (no imports, search or story figures)")
	flag.Parse()
	if *write != "" {
		arrivalsAfter = *after / 4
		first, n := firstArrival, importN
		if *earlier {
			first, n = earlierArrival, earlierN()
		}
		if err := writeArticles(*write, first, n); err != nil {
			fmt.Fprintln(os.Stderr, "scale:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*sizes, *runs, *bin, *cache, *windowOnly); err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
}

func run(sizeList string, runs int, bin, cache string, windowOnly bool) error {
	if _, err := exec.LookPath("sqlite3"); err != nil {
		return fmt.Errorf("the sqlite3 command-line tool is needed for the ceiling (apt-get install sqlite3)")
	}
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "parallax-scale-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	if bin == "" {
		bin = filepath.Join(work, "parallax")
		build := exec.Command("go", "build", "-o", bin, "./cmd/parallax")
		build.Stderr = os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("building parallax: %w", err)
		}
	}
	newDir := filepath.Join(work, "new")
	var sizes []int
	for _, f := range strings.Split(sizeList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 0 {
			return fmt.Errorf("bad size %q", f)
		}
		sizes = append(sizes, n)
	}
	fmt.Printf("%d articles of about 3 KB per import, %d runs each, median wall time; machine load %s\n", importN, runs, loadAvg())
	fmt.Printf("%-8s %-34s %10s %10s\n", "library", "figure", "median", "ratio")
	for _, n := range sizes {
		growth.size = n
		growth.sizes = append(growth.sizes, n)
		if windowOnly {
			if err := measureWindowOnly(n, runs, bin, cache, work); err != nil {
				return err
			}
			continue
		}
		if err := measureSize(n, runs, bin, cache, work, newDir); err != nil {
			return err
		}
	}
	printGrowth()
	return nil
}

// earlierN is how many articles pendingLibrary imports: enough that the
// timed import's first batch brings the pending filings to the mark.
func earlierN() int { return store.PendingMergeArticles() - 200 }

// pendingLibrary is a copy of the library at lib, in work, with earlierN
// more articles imported (grouped, by bin) just before the timed ones'
// dates, so that their filings are pending and the timed import's first
// batch writes them out. Made once per size and run of the benchmark:
// how filings wait is the binary's own.
func pendingLibrary(bin, lib, work string) (string, error) {
	dir := filepath.Join(work, "earlier")
	os.RemoveAll(dir)
	defer os.RemoveAll(dir)
	if err := writeArticles(dir, earlierArrival, earlierN()); err != nil {
		return "", err
	}
	db := filepath.Join(work, "pending.db")
	if err := copyDB(lib, db); err != nil {
		return "", err
	}
	if _, err := timed(exec.Command(bin, "import", "--db", db, dir), ""); err != nil {
		return "", fmt.Errorf("filling the pending filings: %w", err)
	}
	// Whole in its files, so that a copy of them is complete.
	for _, f := range []string{db, store.SearchIndexPath(db)} {
		if _, err := os.Stat(f + "-wal"); err != nil {
			continue
		}
		if err := exec.Command("sqlite3", f, "PRAGMA wal_checkpoint(TRUNCATE);").Run(); err != nil {
			return "", err
		}
	}
	return db, nil
}

// inTurn is how many imports of importN articles the run times one after
// another, from the import whose first batch writes the pending filings
// out: 4 × 500 = 2,000 articles, one writing out in about 2,048, so that
// their mean is grouping's cost in steady use, measured.
const inTurn = 4

// nextDir is the folder of the k-th import in turn after the timed one
// (k ≥ 1): arrivals dated just after the ones before it.
func nextDir(work string, k int) string { return filepath.Join(work, fmt.Sprintf("next%d", k)) }

// importsInTurn copies the library at lib to db and imports into it, in
// turn, the inTurn folders of arrivals (first, then nextDir's), with
// extra arguments. It returns the wall and CPU time of the first import
// and of the mean of all of them.
func importsInTurn(bin, lib, db, work, first string, extra ...string) (firstTime, firstCPU, mean, meanCPU time.Duration, err error) {
	if err := copyOpened(bin, lib, db); err != nil {
		return 0, 0, 0, 0, err
	}
	var sum, sumCPU time.Duration
	for k := range inTurn {
		dir := first
		if k > 0 {
			dir = nextDir(work, k)
		}
		cmd := exec.Command(bin, append(append([]string{"import", "--db", db}, extra...), dir)...)
		d, err := timed(cmd, "")
		if err != nil {
			return 0, 0, 0, 0, err
		}
		cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		if k == 0 {
			firstTime, firstCPU = d, cpu
		}
		sum, sumCPU = sum+d, sumCPU+cpu
	}
	return firstTime, firstCPU, sum / inTurn, sumCPU / inTurn, nil
}

// writeArrivals writes the 500 timed articles into newDir and the one
// more into work/one/a.txt, dated just after the newest of a library of n
// articles, as a feed's new articles are.
func writeArrivals(n int, work, newDir string) error {
	arrivalsAfter = n / 4
	os.RemoveAll(newDir)
	if err := writeArticles(newDir, firstArrival, importN); err != nil {
		return err
	}
	for k := 1; k < inTurn; k++ {
		dir := nextDir(work, k)
		os.RemoveAll(dir)
		if err := writeArticles(dir, firstArrival+k*importN, importN); err != nil {
			return err
		}
	}
	one := filepath.Join(work, "one")
	os.RemoveAll(one)
	if err := writeArticles(one, lastArrival, 1); err != nil {
		return err
	}
	return os.Rename(filepath.Join(one, fmt.Sprintf("a%07d.txt", lastArrival)), filepath.Join(one, "a.txt"))
}

func measureSize(n, runs int, bin, cache, work, newDir string) error {
	if err := writeArrivals(n, work, newDir); err != nil {
		return err
	}
	lib, err := baseLibrary(cache, n)
	if err != nil {
		return err
	}
	if lib, err = migratedLibrary(lib); err != nil {
		return err
	}
	ceil, err := baseCeiling(cache, n)
	if err != nil {
		return err
	}
	label := fmt.Sprintf("%dk", n/1000)
	pend, err := pendingLibrary(bin, lib, work)
	if err != nil {
		return err
	}
	var tStory, tGroup, tMark, tTurn, tStoryTurn, tCeil, tKnown, tOne []time.Duration
	oneFile := filepath.Join(work, "one", "a.txt")
	for r := 0; r < runs; r++ {
		// The ceiling: sqlite3 bulk-inserting the same files with FTS5.
		db := filepath.Join(work, "ceiling.db")
		if err := copyDB(ceil, db); err != nil {
			return err
		}
		d, err := timedCPU("ceiling", exec.Command("sqlite3", db), ceilingScript(newDir))
		if err != nil {
			return fmt.Errorf("sqlite3: %w", err)
		}
		tCeil = append(tCeil, d)

		db = filepath.Join(work, "story.db")
		if err := copyOpened(bin, lib, db); err != nil {
			return err
		}
		if d, err = timedCPU("story", exec.Command(bin, "import", "--db", db, "--story", "Bench import", newDir), ""); err != nil {
			return err
		}
		tStory = append(tStory, d)

		db = filepath.Join(work, "group.db")
		if err := copyOpened(bin, lib, db); err != nil {
			return err
		}
		if d, err = timedCPU("group", exec.Command(bin, "import", "--db", db, newDir), ""); err != nil {
			return err
		}
		tGroup = append(tGroup, d)

		// The same import when it brings the pending filings to the
		// mark, and so writes them all into the grouping's tables, and
		// the imports that follow it, in turn: with it, one cycle of the
		// pending filings (see inTurn).
		mark, markCPU, turn, turnCPU, err := importsInTurn(bin, pend, filepath.Join(work, "mark.db"), work, newDir)
		if err != nil {
			return err
		}
		tMark, tTurn = append(tMark, mark), append(tTurn, turn)
		cpuOf["mark"], cpuOf["turn"] = append(cpuOf["mark"], markCPU), append(cpuOf["turn"], turnCPU)
		// The same four imports into a story, from the same library:
		// what the imports in turn cost without grouping, the library
		// growing alike.
		_, _, turn, turnCPU, err = importsInTurn(bin, pend, filepath.Join(work, "story-turn.db"), work, newDir, "--story", "Bench import")
		if err != nil {
			return err
		}
		tStoryTurn = append(tStoryTurn, turn)
		cpuOf["story-turn"] = append(cpuOf["story-turn"], turnCPU)
		db = filepath.Join(work, "group.db")

		// One more article, grouped: a command's whole cost at this size,
		// loading the grouping index included.
		if d, err = timedCPU("one", exec.Command(bin, "import", "--db", db, oneFile), ""); err != nil {
			return err
		}
		tOne = append(tOne, d)

		// 1,000 known files: the 500 just imported, named twice.
		if d, err = timed(exec.Command(bin, "import", "--db", db, newDir, newDir), ""); err != nil {
			return err
		}
		tKnown = append(tKnown, d)
	}
	ceilMed, storyMed := median(tCeil), median(tStory)
	row(label, "sqlite3 + FTS5 ceiling, 500", ceilMed, 0)
	row(label, "import --story, 500", storyMed, float64(storyMed)/float64(ceilMed))
	row(label, "import grouped, 500", median(tGroup), float64(median(tGroup))/float64(storyMed))
	// One import in every pendingMerge/importN writes the pending
	// filings out: the cost of grouping in steady use is the mean.
	amortize := func(group, mark time.Duration) time.Duration {
		return group + time.Duration(float64(mark-group)*importN/float64(store.PendingMergeArticles()))
	}
	mark := median(tMark)
	amortized := amortize(median(tGroup), mark)
	row(label, "import grouped, 500, at the mark", mark, float64(mark)/float64(storyMed))
	row(label, "import grouped, 500, amortized", amortized, float64(amortized)/float64(storyMed))
	turn, storyTurn := median(tTurn), median(tStoryTurn)
	row(label, "import grouped, 500, 4 in turn (mean)", turn, float64(turn)/float64(storyMed))
	row(label, "import --story, 500, 4 in turn (mean)", storyTurn, float64(storyTurn)/float64(ceilMed))
	ratioRow(label, "  (grouped ÷ --story, 4 in turn)", float64(turn)/float64(storyTurn))
	row(label, "re-import 1,000 known", median(tKnown), float64(median(tKnown))/float64(storyMed))
	row(label, "import grouped, 1 more (command)", median(tOne), 0)
	fmt.Printf("%-8s %-34s %10.0f %10s\n", label, "  --story articles/s", float64(importN)/storyMed.Seconds(), "")
	fmt.Printf("%-8s %-34s %10.0f %10s\n", label, "  grouped articles/s", float64(importN)/median(tGroup).Seconds(), "")
	// CPU time of the same commands: what the figures cost when the
	// machine is shared.
	ceilCPU, storyCPU, groupCPU := median(cpuOf["ceiling"]), median(cpuOf["story"]), median(cpuOf["group"])
	row(label, "  CPU: sqlite3 ceiling, 500", ceilCPU, 0)
	row(label, "  CPU: import --story, 500", storyCPU, float64(storyCPU)/float64(ceilCPU))
	row(label, "  CPU: import grouped, 500", groupCPU, float64(groupCPU)/float64(storyCPU))
	markCPU := median(cpuOf["mark"])
	row(label, "  CPU: import grouped, at the mark", markCPU, float64(markCPU)/float64(storyCPU))
	amortizedCPU := amortize(groupCPU, markCPU)
	row(label, "  CPU: import grouped, amortized", amortizedCPU, float64(amortizedCPU)/float64(storyCPU))
	turnCPU, storyTurnCPU := median(cpuOf["turn"]), median(cpuOf["story-turn"])
	row(label, "  CPU: import grouped, 4 in turn", turnCPU, float64(turnCPU)/float64(storyCPU))
	row(label, "  CPU: import --story, 4 in turn", storyTurnCPU, float64(storyTurnCPU)/float64(ceilCPU))
	ratioRow(label, "  CPU: (grouped ÷ --story, 4 in turn)", float64(turnCPU)/float64(storyTurnCPU))
	row(label, "  CPU: import grouped, 1 more", median(cpuOf["one"]), 0)
	clear(cpuOf)

	// Search, in process (the library with the import in it).
	db := filepath.Join(work, "group.db")
	s, err := store.Open(db)
	if err != nil {
		return err
	}
	ctx := context.Background()
	for _, q := range []struct{ name, query string }{
		{"search rare word", rareWord},
		{"search common word", commonWords[0]},
		{"search two-word phrase", `"` + commonWords[1] + " " + commonWords[2] + `"`},
	} {
		var ts, cs []time.Duration
		for range 7 {
			start, cpu := time.Now(), cputime.Process()
			if _, err := s.Search(ctx, q.query, store.DefaultSearchLimit); err != nil {
				s.Close()
				return err
			}
			ts, cs = append(ts, time.Since(start)), append(cs, cputime.Process()-cpu)
		}
		rowCPU(label, q.name, median(ts), median(cs))
		// The same query answered by the ceiling's FTS5 table (the same
		// texts), ranked and cut the same way, timed inside sqlite3.
		if c, err := ceilingSearch(filepath.Join(work, "ceiling.db"), q.query); err == nil {
			row(label, "  sqlite3 FTS5, "+strings.TrimPrefix(q.name, "search "), c, 0)
			ratioRow(label, "  (search ÷ sqlite3 FTS5)", float64(median(ts))/float64(c))
		} else {
			fmt.Printf("%-8s %-34s %s\n", label, "  sqlite3 FTS5 ceiling: not measured", err)
		}
	}
	s.Close()

	// Start-up: a command that does nothing with the library, one that
	// searches it, and opening it with its story list.
	var tHelp, tSearch, tOpen, tPage, tList, cHelp, cSearch []time.Duration
	for range 9 {
		help := exec.Command(bin, "help")
		d, err := timed(help, "")
		if err != nil {
			return err
		}
		tHelp, cHelp = append(tHelp, d), append(cHelp, commandCPU(help))
		search := exec.Command(bin, "search", "--db", db, rareWord)
		if d, err = timed(search, ""); err != nil {
			return err
		}
		tSearch, cSearch = append(tSearch, d), append(cSearch, commandCPU(search))
		start := time.Now()
		s, err := store.Open(db)
		if err != nil {
			return err
		}
		if _, err := s.Stories(ctx); err != nil {
			return err
		}
		tOpen = append(tOpen, time.Since(start))
		// What the window reads: the newest page before its first story,
		// the whole list after.
		start = time.Now()
		if _, err := s.StoryList(ctx, 200); err != nil {
			return err
		}
		tPage = append(tPage, time.Since(start))
		start = time.Now()
		if _, err := s.StoryList(ctx, 0); err != nil {
			return err
		}
		tList = append(tList, time.Since(start))
		s.Close()
	}
	rowCPU(label, "command start (parallax help)", median(tHelp), median(cHelp))
	rowCPU(label, "parallax search rare word (CLI)", median(tSearch), median(cSearch))
	row(label, "open library + list stories", median(tOpen), 0)
	row(label, "story list, newest 200 (window)", median(tPage), 0)
	row(label, "story list, whole (window)", median(tList), 0)

	if err := measureOpenStory(label, db); err != nil {
		return err
	}
	// The window's figures are reported, not required: a display problem
	// leaves the other figures standing.
	if err := measureWindow(label, bin, lib, work, n == 0); err != nil {
		fmt.Printf("%-8s %-34s %s\n", label, "window: not measured", err)
	}
	return nil
}

// commandCPU is the user and system time a finished command used.
func commandCPU(cmd *exec.Cmd) time.Duration {
	if cmd.ProcessState == nil {
		return 0
	}
	return cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// arrivalsAfter is the number of stories in the library being measured:
// the timed articles are dated after its newest.
var arrivalsAfter int

// growth keeps each timed figure by library size, in the order first
// printed, for the summary that ends the run.
var growth = struct {
	size    int // the library size being measured
	sizes   []int
	order   []string
	figures map[string]map[int]time.Duration
}{figures: map[string]map[int]time.Duration{}}

func record(what string, d time.Duration) {
	what = strings.TrimSpace(what)
	m := growth.figures[what]
	if m == nil {
		m = map[int]time.Duration{}
		growth.figures[what] = m
		growth.order = append(growth.order, what)
	}
	m[growth.size] = d
}

// printGrowth prints every figure at each library size and the exponent k
// in time ∝ size^k between the two largest sizes: about 0 for work that
// does not depend on the library's size.
func printGrowth() {
	sizes := growth.sizes
	if len(sizes) < 2 {
		return
	}
	a, b := sizes[len(sizes)-2], sizes[len(sizes)-1]
	fmt.Printf("\ngrowth with the library (k in time ∝ size^k, %d → %d articles)\n%-40s", a, b, "figure")
	for _, n := range sizes {
		fmt.Printf(" %10s", fmt.Sprintf("%dk", n/1000))
	}
	fmt.Printf(" %6s\n", "k")
	for _, what := range growth.order {
		m := growth.figures[what]
		fmt.Printf("%-40s", what)
		for _, n := range sizes {
			if d, ok := m[n]; ok {
				fmt.Printf(" %10s", d.Round(100*time.Microsecond))
			} else {
				fmt.Printf(" %10s", "–")
			}
		}
		k := "–"
		if da, db := m[a], m[b]; a > 0 && da > 0 && db > 0 {
			k = fmt.Sprintf("%.2f", math.Log(float64(db)/float64(da))/math.Log(float64(b)/float64(a)))
		}
		fmt.Printf(" %6s\n", k)
	}
}

// ratioRow prints a row that holds only a ratio of two figures above it.
func ratioRow(label, what string, ratio float64) {
	fmt.Printf("%-8s %-34s %10s %9.2f×\n", label, what, "", ratio)
}

func row(label, what string, d time.Duration, ratio float64) {
	record(what, d)
	r := ""
	if ratio > 0 {
		r = fmt.Sprintf("%.2f×", ratio)
	}
	fmt.Printf("%-8s %-34s %10s %10s\n", label, what, d.Round(100*time.Microsecond), r)
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// cpuOf sums the CPU time (user and system) of every command timed, keyed
// by the figure's name, so that a figure can be read beside what it cost
// the machine: on a shared machine wall time waits for other work, CPU
// time does not.
var cpuOf = map[string][]time.Duration{}

// timedCPU is timed, also recording the command's CPU time under name.
func timedCPU(name string, cmd *exec.Cmd, stdin string) (time.Duration, error) {
	d, err := timed(cmd, stdin)
	if err == nil && cmd.ProcessState != nil {
		cpuOf[name] = append(cpuOf[name], cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
	}
	return d, err
}

// timed runs cmd with stdin (when not empty) and returns its wall time.
func timed(cmd *exec.Cmd, stdin string) (time.Duration, error) {
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	var errb strings.Builder
	cmd.Stderr = &errb
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if err != nil {
		return d, fmt.Errorf("%s: %v: %s", strings.Join(cmd.Args, " "), err, errb.String())
	}
	return d, nil
}

// copyOpened copies a library and opens and closes it once, untimed, as
// an analyst's library is before most commands: its schema is current and
// the integrity check at open is stamped as done, so the timed command
// measures its own work, not a check of the whole copied file.
func copyOpened(bin, from, to string) error {
	if err := copyDB(from, to); err != nil {
		return err
	}
	_, err := timed(exec.Command(bin, "search", "--db", to, "qqqq"), "")
	return err
}

// removeDB removes a library, its search index file and their logs,
// whichever exist.
func removeDB(path string) {
	for _, f := range []string{path, store.SearchIndexPath(path)} {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(f + suffix)
		}
	}
}

// copyDB copies a library and its search index file (when it has one).
func copyDB(from, to string) error {
	removeDB(to)
	if err := exec.Command("cp", "--reflink=auto", from, to).Run(); err != nil {
		return err
	}
	if err := written(to); err != nil {
		return err
	}
	if _, err := os.Stat(store.SearchIndexPath(from)); err != nil {
		return nil
	}
	if err := exec.Command("cp", "--reflink=auto", store.SearchIndexPath(from), store.SearchIndexPath(to)).Run(); err != nil {
		return err
	}
	return written(store.SearchIndexPath(to))
}

// written waits until a fresh copy is on disk, so that the timed command's
// first fsync does not also write back the copy (up to 2.3 GB), a cost of
// the benchmark, not of the command, and one that fell on whichever of
// Parallax and the ceiling ran first.
func written(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// settleDB checkpoints a closed library and its search index into their
// files and renames both: one file each, no log beside it, so that a
// plain copy is complete.
func settleDB(tmp, path string) error {
	for _, f := range []string{tmp, store.SearchIndexPath(tmp)} {
		if _, err := os.Stat(f); err != nil {
			continue
		}
		if err := exec.Command("sqlite3", f, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;").Run(); err != nil {
			return err
		}
	}
	if _, err := os.Stat(store.SearchIndexPath(tmp)); err == nil {
		if err := os.Rename(store.SearchIndexPath(tmp), store.SearchIndexPath(path)); err != nil {
			return err
		}
	}
	return os.Rename(tmp, path)
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

// ceilingSearch is the time sqlite3 takes for the ceiling's FTS5 table
// (the same texts) to answer query, ranked by bm25 with a snippet and cut
// to as many hits as Parallax's search gives: the mean of 20 runs inside
// one statement (the shell's .timer counts only milliseconds).
func ceilingSearch(db, query string) (time.Duration, error) {
	const reps = 20
	q := strings.ReplaceAll(query, "'", "''")
	script := fmt.Sprintf(".timer on\nWITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM r WHERE i < %d) "+
		"SELECT sum((SELECT count(*) FROM (SELECT rowid, snippet(doc_fts, 0, '[', ']', '…', 12) FROM doc_fts "+
		"WHERE doc_fts MATCH '%s' AND rowid <> -r.i ORDER BY rank LIMIT %d))) FROM r;\n", reps, q, store.DefaultSearchLimit)
	cmd := exec.Command("sqlite3", db)
	cmd.Stdin = strings.NewReader(script)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("%v: %s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		// Run Time: real 0.329 user 0.243369 sys 0.003356
		f := strings.Fields(line)
		if len(f) >= 4 && f[0] == "Run" && f[2] == "real" {
			sec, err := strconv.ParseFloat(f[3], 64)
			if err != nil {
				return 0, err
			}
			return time.Duration(sec * float64(time.Second) / reps), nil
		}
	}
	return 0, fmt.Errorf("sqlite3 printed no timing: %s", out)
}

// ceilingScript makes sqlite3 insert every file of dir, text and FTS5
// index, in one transaction.
func ceilingScript(dir string) string {
	var b strings.Builder
	b.WriteString(ceilingSchema)
	b.WriteString("BEGIN;\n")
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		fmt.Fprintf(&b, "INSERT INTO doc (path, body) VALUES ('%s', CAST(readfile('%s') AS TEXT));\n", p, p)
	}
	b.WriteString("INSERT INTO doc_fts (rowid, body) SELECT id, body FROM doc WHERE id > (SELECT coalesce(max(rowid), 0) FROM doc_fts);\nCOMMIT;\n")
	return b.String()
}

const ceilingSchema = `CREATE TABLE IF NOT EXISTS doc (id INTEGER PRIMARY KEY, path TEXT, body TEXT);
CREATE VIRTUAL TABLE IF NOT EXISTS doc_fts USING fts5(body, content='doc', content_rowid='id');
`

// baseCeiling is the ceiling's table holding n generated articles.
func baseCeiling(cache string, n int) (string, error) {
	path := filepath.Join(cache, fmt.Sprintf("ceiling-%d-%s.db", n, cacheTag))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	tmp := path + ".building"
	os.Remove(tmp)
	cmd := exec.Command("sqlite3", tmp)
	pr, pw, err := os.Pipe()
	if err != nil {
		return "", err
	}
	cmd.Stdin = pr
	if err := cmd.Start(); err != nil {
		return "", err
	}
	pr.Close()
	fmt.Fprint(pw, ceilingSchema, "BEGIN;\n")
	for i := range n {
		title, text, _ := article(i)
		fmt.Fprintf(pw, "INSERT INTO doc (path, body) VALUES ('base-%d', '%s');\n", i, strings.ReplaceAll(title+"\n\n"+text, "'", "''"))
	}
	fmt.Fprint(pw, "INSERT INTO doc_fts (rowid, body) SELECT id, body FROM doc;\nCOMMIT;\n")
	pw.Close()
	if err := cmd.Wait(); err != nil {
		return "", fmt.Errorf("building the ceiling table: %w", err)
	}
	return path, os.Rename(tmp, path)
}

// baseLibrary is a Parallax library of n generated articles, grouped
// automatically as an import would.
func baseLibrary(cache string, n int) (string, error) {
	path := filepath.Join(cache, fmt.Sprintf("scale-%d-%s.db", n, cacheTag))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	tmp := path + ".building"
	removeDB(tmp)
	s, err := library.Open(tmp)
	if err != nil {
		return "", err
	}
	ctx := context.Background()
	start := time.Now()
	for i := range n {
		title, text, _ := article(i)
		a, err := ingest.Parse(fmt.Sprintf("base-%d.txt", i), []byte(title+"\n\n"+text), ingest.Options{})
		if err != nil {
			s.Close()
			return "", err
		}
		if err := s.AddArticleGrouped(ctx, a); err != nil {
			s.Close()
			return "", err
		}
		if i%10000 == 9999 {
			fmt.Fprintf(os.Stderr, "building a %d-article library: %d stored, %s\n", n, i+1, time.Since(start).Round(time.Second))
		}
	}
	if err := s.Close(); err != nil {
		return "", err
	}
	return path, settleDB(tmp, path)
}

// migratedLibrary is a copy of the library at path brought up to this
// program's schema and filed for grouping, kept beside it: so that a
// library built by an older Parallax is migrated once, not in every timed
// command (and the original stays usable by the older one).
func migratedLibrary(path string) (string, error) {
	out := fmt.Sprintf("%s-schema%d-%s.db", strings.TrimSuffix(path, ".db"), store.SchemaVersion(), filingTag)
	if _, err := os.Stat(out); err == nil {
		return out, nil
	}
	tmp := out + ".building"
	removeDB(tmp)
	if err := copyDB(path, tmp); err != nil {
		return "", err
	}
	start := time.Now()
	lib, err := library.Open(tmp)
	if err != nil {
		return "", err
	}
	if err := lib.FileUnfiled(context.Background()); err != nil {
		lib.Close()
		return "", err
	}
	if err := lib.Close(); err != nil {
		return "", err
	}
	fmt.Fprintf(os.Stderr, "migrated %s in %s\n", filepath.Base(path), time.Since(start).Round(time.Second))
	return out, settleDB(tmp, out)
}

// writeArticles writes n generated articles, numbered from first, as text
// files in dir.
func writeArticles(dir string, first, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := first; i < first+n; i++ {
		title, text, _ := article(i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%07d.txt", i)), []byte(title+"\n\n"+text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// The generated language: made-up words from syllables, Zipf-distributed.
var (
	vocabulary  = makeWords(rand.New(rand.NewPCG(1, 2)), 12000, 2, 4)
	nameWords   = makeWords(rand.New(rand.NewPCG(3, 4)), 3000, 2, 3)
	commonWords = vocabulary[20:23]
	rareWord    = vocabulary[9000]
)

func makeWords(r *rand.Rand, n, minSyl, maxSyl int) []string {
	syl := []string{"ka", "lo", "mer", "vin", "ost", "ra", "bel", "tu", "sen", "dra", "pi", "mon", "el", "gar", "fu", "nis", "to", "wel", "ar", "quen", "sa", "dor"}
	seen := map[string]bool{}
	var out []string
	for len(out) < n {
		var b strings.Builder
		for range minSyl + r.IntN(maxSyl-minSyl+1) {
			b.WriteString(syl[r.IntN(len(syl))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

func capital(w string) string { return strings.ToUpper(w[:1]) + w[1:] }

// article i is version i%4 of story i/4 (stories of 1–4 versions), about
// 3 KB: the story's own names and words, reworded per version, in common
// words; published over a year, the versions of one story within a day.
func article(i int) (title, text string, published time.Time) {
	story := i / 4
	sr := rand.New(rand.NewPCG(uint64(story), 11))
	names := make([]string, 4)
	for k := range names {
		names[k] = capital(nameWords[sr.IntN(len(nameWords))]) + " " + capital(nameWords[sr.IntN(len(nameWords))])
	}
	place := capital(nameWords[sr.IntN(len(nameWords))])
	topic := make([]string, 30)
	for k := range topic {
		topic[k] = vocabulary[200+sr.IntN(len(vocabulary)-200)]
	}
	dated := story
	switch {
	case i >= lastArrival:
		dated = arrivalsAfter + importN/4 + 1
	case i >= earlierArrival:
		// Just before the timed arrivals, after most of the library.
		dated = arrivalsAfter - earlierN()/4 + (i-earlierArrival)/4
	case i >= firstArrival:
		// Arrivals are dated just after the library's newest story.
		dated = arrivalsAfter + (i-firstArrival)/4
	}
	published = time.Date(2030, 1, 1, 6, 0, 0, 0, time.UTC).Add(time.Duration(dated) * 6 * time.Minute)
	r := rand.New(rand.NewPCG(uint64(i), 12))
	z := rand.NewZipf(r, 1.1, 2, uint64(len(vocabulary)-1))
	published = published.Add(time.Duration(r.IntN(12)) * time.Hour)
	var b strings.Builder
	fmt.Fprintf(&b, "Published: %s\n\n%s: ", published.Format("2 January 2006 15:04"), strings.ToUpper(place))
	for b.Len() < 3000 {
		for s := 0; s < 3; s++ {
			n := 10 + r.IntN(10)
			for k := range n {
				var w string
				switch x := r.IntN(10); {
				case x < 3:
					w = topic[r.IntN(len(topic))]
				case x == 3 && k > 0:
					w = names[r.IntN(len(names))]
				case x == 4 && k > 0:
					w = place
				default:
					w = vocabulary[z.Uint64()]
				}
				if k == 0 {
					w = capital(w)
				}
				b.WriteString(w)
				if k < n-1 {
					b.WriteByte(' ')
				}
			}
			b.WriteString(". ")
		}
		b.WriteString("\n\n")
	}
	title = fmt.Sprintf("%s %s in %s, says %s", capital(topic[0]), topic[1], place, names[0])
	return title, b.String(), published
}
