package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattn/go-sqlite3"
	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/count"
)

// The full-text index lives in a SQLite file of its own beside the
// library, <library>-search, with its own connections and so its own
// write lock: a goroutine indexes the articles an import stores while the
// import goes on storing, on another core, instead of the import
// tokenising and writing the index under the library's lock.
//
// The index is a cache of the library. The library's search_queue (filled
// by triggers, in the transaction that adds or deletes the article) says
// what the index must catch up with; the index file records the newest
// queue entry it holds ("through"), in the transaction that indexes it.
// Indexing an entry deletes the article's document and inserts it again
// when the article exists, so doing an entry twice changes nothing: a kill
// anywhere leaves at worst entries done again. An index file that is
// missing, damaged, of another library or behind what the queue still
// holds is built again from the library.

// searchIndexFormat is the layout of the index file: a file of another
// format is built again.
const searchIndexFormat = 1

// searchIndexSchema is the index file's tables. The FTS4 options are
// migration 007's (see there); moveSearchIndexOut copies a library's old
// index only because they are the same.
const searchIndexSchema = `
CREATE TABLE IF NOT EXISTS search_index (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    format  INTEGER NOT NULL,
    token   TEXT NOT NULL,
    through INTEGER NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts4 (
    title,
    body,
    tokenize = unicode61 "remove_diacritics=2",
    prefix="3",
    order=desc
);`

// searchIndexBatch is how many queue entries one index transaction takes.
// FTS4 holds a transaction's terms in memory until its commit, and every
// page of memory first touched costs a page fault (about 20 µs on the
// development machine): 500 articles of 3 KB indexed in transactions of
// 64 fault in less than in transactions of 256, and take less CPU on the
// indexer's thread (medians of 5 alternated imports: 117 against 140 ms
// with this alone; smaller still cost more segments and merges).
const searchIndexBatch = 64

// SearchIndexPath is the file holding the search index of the library at
// path.
func SearchIndexPath(path string) string { return path + "-search" }

// searchIndex is the open index file and the goroutine that fills it.
type searchIndex struct {
	db   *sql.DB
	path string
	// temp: a file of this process's own, for a read-only library whose
	// index file could not be used; removed at close.
	temp bool
	// readOnly: the index is only read (a read-only library's own file).
	readOnly bool

	// mu serialises catching up within the process.
	mu sync.Mutex
	// checked (under mu): the file was found to belong to the library and
	// be complete up to through. damaged: a search found it damaged.
	checked bool
	damaged error
	through atomic.Int64

	// docs holds the indexed text of articles this Store stored, so that
	// indexing them need not read them back.
	docs searchDocCache
	// wrote: this Store queued articles, so Close waits for the index.
	wrote atomic.Bool

	kick   chan struct{}
	quit   chan struct{}
	done   chan struct{}
	cancel context.CancelFunc
	// closed: Close has run; fileClosed: the file is closed too.
	closed, fileClosed bool
	// pruneEvery replaces pruneQueueEvery when set (tests).
	pruneEvery int
	// sinceCheckpoint (under mu) counts the articles indexed since the
	// index's log was last checkpointed.
	sinceCheckpoint int
}

// openSearchIndex opens (creating it when needed) the library's index
// file. A file that is not a usable index is put aside and made again.
func (s *Store) openSearchIndex(ctx context.Context) error {
	x := &searchIndex{path: SearchIndexPath(s.path)}
	s.index = x
	if s.readOnly {
		return s.openReadOnlySearchIndex(ctx)
	}
	err := x.open(ctx, s.busyTimeout)
	if errors.Is(err, ErrNotLibrary) {
		s.notice(fmt.Sprintf("search index %s is damaged (%v); making it again", x.path, err))
		if err = x.remove(); err == nil {
			err = x.open(ctx, s.busyTimeout)
		}
	}
	if err != nil {
		return fmt.Errorf("store: search index %s: %w", x.path, err)
	}
	return nil
}

// openReadOnlySearchIndex opens the index file of a read-only library
// read-only; without one, or when it cannot be read, searches use an
// index built in a temporary file at the first search.
func (s *Store) openReadOnlySearchIndex(ctx context.Context) error {
	x := s.index
	x.readOnly = true
	if _, err := os.Stat(x.path); err == nil {
		err := x.openRO(ctx, s.busyTimeout)
		if err == nil {
			return nil
		}
		s.notice(fmt.Sprintf("search index %s cannot be read (%v); searches use a temporary one", x.path, err))
	}
	return s.useTempSearchIndex(ctx)
}

// useTempSearchIndex switches to an empty index in a temporary file, to
// be built from the library by the first search.
func (s *Store) useTempSearchIndex(ctx context.Context) error {
	x := s.index
	if x.db != nil {
		x.db.Close()
		x.db = nil
	}
	f, err := os.CreateTemp("", "parallax-search-*.db")
	if err != nil {
		return fmt.Errorf("store: temporary search index: %w", err)
	}
	f.Close()
	x.path, x.temp, x.readOnly, x.checked = f.Name(), true, false, false
	if err := x.open(ctx, s.busyTimeout); err != nil {
		return fmt.Errorf("store: temporary search index: %w", err)
	}
	return nil
}

// open opens the file read-write and makes its tables.
func (x *searchIndex) open(ctx context.Context, busy time.Duration) error {
	if err := checkIndexFile(x.path); err != nil {
		return err
	}
	db, err := sql.Open(driverName, indexDSN(x.path, busy))
	if err != nil {
		return err
	}
	var mode string
	if err := db.QueryRowContext(ctx, `PRAGMA journal_mode = WAL`).Scan(&mode); err != nil {
		db.Close()
		return indexErr(err)
	}
	if _, err := db.ExecContext(ctx, searchIndexSchema); err != nil {
		db.Close()
		return indexErr(err)
	}
	x.db = db
	return nil
}

// indexDSN is dsn's connection string for writing the index file, with
// two settings of its own:
//   - the file is a cache of the library, and what only an operating
//     system crash could damage is built again, so no fsync at its
//     checkpoints (a killed process loses nothing committed either way);
//   - a page cache of indexCacheKiB instead of SQLite's 2 MB.
func indexDSN(path string, busy time.Duration) string {
	return dsnSync(path, busy, false, "OFF") + fmt.Sprintf("&_cache_size=-%d", indexCacheKiB)
}

// indexCacheKiB is the page cache of the index file's connections. The
// indexer writes new pages (documents, segments) and reads back little: a
// large cache only fills with pages written once, each a page fault the
// first time, and an import's indexer thread grew its heap by 4 MB for
// it. With 400 KiB and transactions of searchIndexBatch, 500 imported
// articles fault in about 1,500 pages fewer and the indexer's thread takes
// a third less CPU (medians of 5 alternated imports: 6,057 against 4,564
// page faults, 140 against 92 ms). A search reads each page it needs
// once, from the file or the system's cache, so it loses nothing by it.
const indexCacheKiB = 400

// openRO opens the file read-only, as the library itself is opened (see
// Store.openDB), and checks that it can be read.
func (x *searchIndex) openRO(ctx context.Context, busy time.Duration) error {
	if err := checkIndexFile(x.path); err != nil {
		return err
	}
	d := dsn(x.path, busy, true)
	if !hasLog(x.path) {
		d += "&immutable=1"
	}
	db, err := sql.Open(driverName, d)
	if err != nil {
		return err
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM search_index`).Scan(&n); err != nil {
		db.Close()
		return indexErr(err)
	}
	x.db = db
	return nil
}

// checkIndexFile refuses a file that is there but is no SQLite database
// (so SQLite never writes into something else).
func checkIndexFile(path string) error {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("not a regular file: %w", ErrNotLibrary)
	}
	if st.Size() == 0 {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if !hasSQLiteHeader(f) {
		return fmt.Errorf("not a SQLite database: %w", ErrNotLibrary)
	}
	return nil
}

// indexErr marks SQLite's "not a database" and corruption errors with
// ErrNotLibrary, so that the index file is made again.
func indexErr(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrNotADB || se.Code == sqlite3.ErrCorrupt) {
		return fmt.Errorf("%v: %w", err, ErrNotLibrary)
	}
	return err
}

// remove closes and deletes the index file with its log.
func (x *searchIndex) remove() error {
	if x.db != nil {
		x.db.Close()
		x.db = nil
	}
	x.checked = false
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(x.path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// startIndexer starts the goroutine that indexes what the queue holds
// whenever woken, and wakes it once for what an earlier process left.
func (s *Store) startIndexer() {
	x := s.index
	ctx, cancel := context.WithCancel(context.Background())
	x.kick, x.quit, x.done, x.cancel = make(chan struct{}, 1), make(chan struct{}), make(chan struct{}), cancel
	go func() {
		defer close(x.done)
		// One thread for the indexer's cgo calls, as the storing thread
		// has one: no hand-over between threads at every statement.
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if h := s.testHookIndexer; h != nil {
			h(true)
			defer h(false)
		}
		for {
			select {
			case <-x.quit:
				return
			case <-x.kick:
				// A failure here comes back to the next search or Close,
				// which catch up again in the foreground.
				_ = s.catchUp(ctx, false)
			}
		}
	}()
	x.wake()
}

// wake asks the indexer to catch up (no-op without one).
func (x *searchIndex) wake() {
	if x == nil || x.kick == nil {
		return
	}
	select {
	case x.kick <- struct{}{}:
	default: // already due
	}
}

// publish hands the indexer the search documents of the articles a
// transaction stored (those without an errs entry; errs may be nil), just
// before it commits: so that the indexer, which sees the ids once the
// commit is done, finds their documents.
func (x *searchIndex) publish(stored []parallax.Article, docs []searchDoc, errs []error) {
	x.wrote.Store(true)
	for i := range stored {
		if errs == nil || errs[i] == nil {
			x.docs.put(stored[i].ID, stored[i].Hash, docs[i])
		}
	}
}

// committed tells the indexer, once the transaction that stored them has
// committed, which search queue entries the articles publish handed over
// wrote: first for the first of them, the next ones in order (see
// queueEntry); nothing when first is 0. Only then may the indexer take a
// document for its entry without asking the library: before the commit,
// the entry's number could yet go to another process's article.
func (x *searchIndex) committed(stored []parallax.Article, errs []error, first int64) {
	if first == 0 {
		return
	}
	seq := first
	for i := range stored {
		if errs == nil || errs[i] == nil {
			x.docs.written(stored[i].ID, stored[i].Hash, seq)
			seq++
		}
	}
}

// queueNewest is the library's newest search queue entry as tx sees it.
func queueNewest(ctx context.Context, tx *sql.Tx) (int64, error) {
	var seq int64
	err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM search_queue`).Scan(&seq)
	return seq, err
}

// queueEntry is the queue entry the first of n articles a transaction
// stored wrote, given the newest entry before and after it stored them:
// each insert's trigger adds one entry numbered after the newest, so they
// are before+1 … before+n. 0 (not known) when the numbers say otherwise;
// the indexer then checks their documents against the library.
func queueEntry(before, after int64, n int) int64 {
	if n == 0 || after-before != int64(n) {
		return 0
	}
	return before + 1
}

// unpublish takes back what publish handed over when the commit failed
// (the ids may go to other articles).
func (x *searchIndex) unpublish(stored []parallax.Article, errs []error) {
	ids := make([]int64, 0, len(stored))
	for i := range stored {
		if errs == nil || errs[i] == nil {
			ids = append(ids, stored[i].ID)
		}
	}
	x.docs.take(ids, nil)
}

// flushSearchIndex stops the indexer, before Close closes the index file
// (closeSearchIndexFile). When this Store stored or deleted articles it
// first brings the index up to date (an import ends with everything
// searchable) and prunes the queue; otherwise work in progress is
// abandoned (the next search does it).
func (s *Store) flushSearchIndex() error {
	x := s.index
	if x == nil || x.closed {
		return nil
	}
	x.closed = true
	var err error
	if x.done != nil {
		if !x.wrote.Load() {
			x.cancel()
		}
		close(x.quit)
		<-x.done
		x.cancel()
		if x.wrote.Load() {
			err = s.catchUpSearchIndex(context.Background())
			if err == nil {
				err = s.pruneSearchQueue(context.Background())
			}
		}
	}
	if errors.Is(err, ErrLocked) {
		return nil // another process holds the index; the next search catches up
	}
	return err
}

// closeSearchIndexFile closes the index file (copying its log back into
// it), after flushSearchIndex.
func (s *Store) closeSearchIndexFile() {
	x := s.index
	if x == nil || x.fileClosed {
		return
	}
	x.fileClosed = true
	if x.db != nil {
		x.db.Close()
	}
	if x.temp {
		x.remove()
	}
}

// libraryQueueState is what the library says about its index.
type libraryQueueState struct {
	token         string
	prunedThrough int64
	newest        int64 // the newest queue entry (0: none)
}

func readQueueState(ctx context.Context, q querier) (libraryQueueState, error) {
	var st libraryQueueState
	err := q.QueryRowContext(ctx, `SELECT token, pruned_through, (SELECT coalesce(max(seq), 0) FROM search_queue)
		FROM search_index_state WHERE id = 1`).Scan(&st.token, &st.prunedThrough, &st.newest)
	return st, err
}

// catchUpSearchIndex brings the index up to date with the library (built
// again when it must be), one batch at a time, letting searches in
// between.
func (s *Store) catchUpSearchIndex(ctx context.Context) error { return s.catchUp(ctx, true) }

// catchUp is catchUpSearchIndex; without build, an index that must be
// built again is left for a search or Close to build (the background
// indexer does not start a minute's work that a short command's Close
// would throw away), and the documents of what is stored meanwhile are
// no longer kept for it.
func (s *Store) catchUp(ctx context.Context, build bool) error {
	x := s.index
	for {
		x.mu.Lock()
		n, err := s.catchUpBatch(ctx, build)
		x.mu.Unlock()
		if errors.Is(err, errIndexToBuild) {
			x.docs.stop()
			return nil
		}
		if err != nil || n == 0 {
			return err
		}
	}
}

// errIndexToBuild says the index must be built again, and the caller
// did not ask for it.
var errIndexToBuild = errors.New("search index to be built again")

// catchUpBatch checks once that the index file belongs to the library
// (building it again if not), then indexes one batch of what the queue
// holds beyond it; it returns how many entries it did (0: none left).
// The caller holds s.index.mu.
func (s *Store) catchUpBatch(ctx context.Context, build bool) (int, error) {
	x := s.index
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	// Cancelled between batches, not inside one: go-sqlite3 runs every
	// statement on a goroutine of its own when the context can end, which
	// costs more than the index's own work per article.
	// A build from the whole library does stop when ctx ends, between
	// chunks of articles.
	whole := ctx
	ctx = context.WithoutCancel(ctx)
	if !x.checked {
		if err := s.checkSearchIndex(whole, build); err != nil {
			return 0, err
		}
	}
	if x.readOnly {
		return 0, nil // a read-only library's own index: searched as it is
	}
	return s.indexQueued(ctx)
}

// catchUpAll brings the index up to date with the library as it is now
// (not with what an import stores meanwhile); the caller holds
// s.index.mu, as a search does to read the index after.
func (s *Store) catchUpAll(ctx context.Context) error {
	var target int64
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM search_queue`).Scan(&target); err != nil {
		return s.fail("index for search", err)
	}
	for {
		if s.index.checked && s.index.through.Load() >= target {
			return nil
		}
		n, err := s.catchUpBatch(ctx, true)
		if err != nil || n == 0 {
			return err
		}
	}
}

// checkSearchIndex finds out whether the index file holds the library up
// to some queue entry, and builds it again from the library when it does
// not (or, for a read-only library, switches to a temporary index).
func (s *Store) checkSearchIndex(ctx context.Context, build bool) error {
	x := s.index
	lib, err := readQueueState(ctx, s.db)
	if err != nil {
		return s.fail("search index", err)
	}
	var format int
	var token string
	var through int64
	err = x.db.QueryRowContext(ctx, `SELECT format, token, through FROM search_index WHERE id = 1`).Scan(&format, &token, &through)
	why := ""
	switch {
	case x.damaged != nil:
		why = fmt.Sprintf("is damaged (%v)", x.damaged)
	case errors.Is(err, sql.ErrNoRows):
		why = "is new or incomplete"
	case err != nil && errors.Is(indexErr(err), ErrNotLibrary):
		why = fmt.Sprintf("is damaged (%v)", err)
	case err != nil:
		return fmt.Errorf("store: search index %s: %w", x.path, err)
	case format != searchIndexFormat:
		why = fmt.Sprintf("has format %d, not %d", format, searchIndexFormat)
	case token != lib.token:
		why = "belongs to another library"
	case through < lib.prunedThrough:
		why = "is behind the library"
	case through > lib.newest:
		why = "is ahead of the library (an older copy of the library?)"
	}
	if why == "" {
		x.through.Store(through)
		x.checked = true
		if x.readOnly && through < lib.newest {
			s.notice(fmt.Sprintf("search index %s is behind the read-only library: articles stored since it was last written are not found", x.path))
		}
		return nil
	}
	if !build {
		// A library without articles (a new one) costs nothing to build.
		var any bool
		if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM article)`).Scan(&any); err != nil {
			return s.fail("search index", err)
		}
		if any {
			return errIndexToBuild
		}
	}
	x.damaged = nil
	if x.readOnly {
		s.notice(fmt.Sprintf("search index %s %s; the library is read-only, so searches use a temporary index built from it", x.path, why))
		if err := s.useTempSearchIndex(ctx); err != nil {
			return err
		}
	} else if strings.HasPrefix(why, "is damaged") {
		if err := x.remove(); err != nil {
			return fmt.Errorf("store: search index %s: %w", x.path, err)
		}
		if err := x.open(ctx, s.busyTimeout); err != nil {
			return fmt.Errorf("store: search index %s: %w", x.path, err)
		}
	}
	return s.rebuildSearchIndex(ctx, why)
}

// indexQueued indexes up to searchIndexBatch queue entries beyond the
// index's through, in one transaction of the index file, and returns how
// many entries it read (0: caught up).
func (s *Store) indexQueued(ctx context.Context) (int, error) {
	x := s.index
	through := x.through.Load()
	rows, err := s.db.QueryContext(ctx, `SELECT seq, article_id FROM search_queue
		WHERE seq > ? ORDER BY seq LIMIT ?`, through, searchIndexBatch)
	if err != nil {
		return 0, s.fail("index for search", err)
	}
	last := map[int64]int64{} // each article once: its last entry
	var newest int64
	n := 0
	for rows.Next() {
		var seq, id int64
		if err := rows.Scan(&seq, &id); err != nil {
			rows.Close()
			return 0, s.fail("index for search", err)
		}
		last[id], newest = seq, seq
		n++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, s.fail("index for search", err)
	}
	if n == 0 {
		return 0, nil
	}
	ids := make([]int64, 0, len(last))
	for id := range last {
		ids = append(ids, id)
	}
	slices.Sort(ids) // FTS4 keeps its pending terms only while docids rise
	// An article whose last entry here is the one this Store wrote in
	// storing it is indexed from the document it kept, as stored: a later
	// change to it is a later entry. The library is asked about the
	// others only (stored by another process or before a crash, or deleted
	// since): reading each article's row through a connection whose cache
	// every commit of the import empties cost a page read an article.
	docs, others := x.docs.takeWritten(last)
	if len(others) > 0 {
		want, err := articleHashes(ctx, s.db, others)
		if err != nil {
			return 0, s.fail("index for search", err)
		}
		kept, missing := x.docs.take(others, want)
		for id, d := range kept {
			docs[id] = d
		}
		if len(missing) > 0 {
			// Read back from the library. One deleted since its hash was
			// read is not found, and its deletion is a later entry.
			read, err := readSearchDocs(ctx, s.db, missing)
			if err != nil {
				return 0, err
			}
			for id, d := range read {
				docs[id] = d
			}
		}
	}
	if err := s.writeSearchIndex(ctx, ids, docs, newest); err != nil {
		return 0, err
	}
	return n, nil
}

// articleHashes reads the content hash of each of the articles ids that
// the library holds.
func articleHashes(ctx context.Context, q rowsQuerier, ids []int64) (map[int64]string, error) {
	args := idArgs(ids)
	rows, err := q.QueryContext(ctx, `SELECT id, hash FROM article WHERE id IN (`+
		placeholders(len(ids))+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	hashes := make(map[int64]string, len(ids))
	for rows.Next() {
		var id int64
		var hash string
		if err := rows.Scan(&id, &hash); err != nil {
			return nil, err
		}
		hashes[id] = hash
	}
	return hashes, rows.Err()
}

// writeSearchIndex indexes docs (each id of ids: deleted, then inserted
// again when docs has it) and records queue entry newest as done, in one
// transaction of the index file.
func (s *Store) writeSearchIndex(ctx context.Context, ids []int64, docs map[int64]searchDoc, newest int64) error {
	x := s.index
	tx, err := x.db.BeginTx(ctx, nil)
	if err != nil {
		return s.indexFail("index for search", err)
	}
	defer tx.Rollback()
	var done int64
	if err := tx.QueryRowContext(ctx, `SELECT through FROM search_index WHERE id = 1`).Scan(&done); err != nil {
		return s.indexFail("index for search", err)
	}
	if done >= newest {
		// Another process indexed these entries (and maybe later ones,
		// from a newer state of the library) meanwhile.
		x.through.Store(done)
		return nil
	}
	del, err := tx.PrepareContext(ctx, `DELETE FROM article_fts WHERE docid = ?`)
	if err != nil {
		return s.indexFail("index for search", err)
	}
	defer del.Close()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO article_fts (docid, title, body) VALUES (?, ?, ?)`)
	if err != nil {
		return s.indexFail("index for search", err)
	}
	defer ins.Close()
	// An article newer than every indexed one has nothing to delete (the
	// look-up is most of what deleting it would cost).
	var newestDoc int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(docid), 0) FROM article_fts_content`).Scan(&newestDoc); err != nil {
		return s.indexFail("index for search", err)
	}
	for _, id := range ids {
		if id <= newestDoc {
			if _, err := del.ExecContext(ctx, id); err != nil {
				return s.indexFail(fmt.Sprintf("index article %d for search", id), err)
			}
		}
		d, ok := docs[id]
		if !ok {
			continue // deleted
		}
		if _, err := ins.ExecContext(ctx, id, d.title, d.body); err != nil {
			return s.indexFail(fmt.Sprintf("index article %d for search", id), err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE search_index SET through = ? WHERE id = 1`, newest); err != nil {
		return s.indexFail("index for search", err)
	}
	if err := tx.Commit(); err != nil {
		return s.indexFail("index for search", err)
	}
	x.through.Store(newest)
	x.docs.drained()
	// The log is copied back into the file here, on the indexer's
	// thread, every indexCheckpointEvery entries (SQLite's own
	// checkpoint waits for 40 MB, see driver.go).
	if x.sinceCheckpoint += len(ids); x.sinceCheckpoint >= indexCheckpointEvery {
		x.sinceCheckpoint = 0
		x.db.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`) // what it cannot copy now, the next one does
	}
	return nil
}

// indexCheckpointEvery is how many indexed articles make the indexer
// checkpoint the index file's log (about 10 MB of it).
const indexCheckpointEvery = 1024

// indexFail wraps an error of the index file as fail does the library's;
// a damaged file is checked (and made again) at the next catch-up.
func (s *Store) indexFail(what string, err error) error {
	if errors.Is(indexErr(err), ErrNotLibrary) {
		s.index.checked = false
		return fmt.Errorf("store: %s: search index %s: %w", what, s.index.path, indexErr(err))
	}
	return s.fail(what+" (search index)", err)
}

// rebuildSearchIndex builds the index again from every article of the
// library, in one transaction of the index file (a kill leaves the old
// one), from one snapshot of the library.
func (s *Store) rebuildSearchIndex(ctx context.Context, why string) error {
	x := s.index
	start := time.Now()
	// Statements are not cancelled one by one (see catchUpBatch); the
	// build stops between chunks when cancelled is.
	cancelled := ctx
	ctx = context.WithoutCancel(ctx)
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.fail("build the search index", err)
	}
	defer conn.Close()
	// A read transaction (BEGIN alone is deferred whatever the
	// connection's default), so that the articles and the queue's newest
	// entry are one snapshot, and imports go on meanwhile.
	if _, err := conn.ExecContext(ctx, `BEGIN DEFERRED`); err != nil {
		return s.fail("build the search index", err)
	}
	defer conn.ExecContext(context.Background(), `ROLLBACK`)
	lib, err := readQueueState(ctx, conn)
	if err != nil {
		return s.fail("build the search index", err)
	}
	ids, err := queryIDs(ctx, conn, `SELECT id FROM article ORDER BY id`)
	if err != nil {
		return s.fail("build the search index", err)
	}
	if len(ids) > 0 {
		s.notice(fmt.Sprintf("search index %s %s: building it from the library's %s articles…", x.path, why, count.Grouped(len(ids))))
	}
	tx, err := x.db.BeginTx(ctx, nil)
	if err != nil {
		return s.indexFail("build the search index", err)
	}
	defer tx.Rollback()
	for _, q := range []string{`DROP TABLE IF EXISTS article_fts`, `DELETE FROM search_index`, searchIndexSchema} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return s.indexFail("build the search index", err)
		}
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO article_fts (docid, title, body) VALUES (?, ?, ?)`)
	if err != nil {
		return s.indexFail("build the search index", err)
	}
	defer ins.Close()
	// The library is read on one goroutine while this one writes.
	type chunk struct {
		ids  []int64
		docs map[int64]searchDoc
		err  error
	}
	chunks := make(chan chunk, 2)
	stop := make(chan struct{})
	go func() {
		defer close(chunks)
		for from := 0; from < len(ids); from += 256 {
			part := ids[from:min(from+256, len(ids))]
			docs, err := readSearchDocs(ctx, conn, part)
			select {
			case chunks <- chunk{part, docs, err}:
			case <-stop:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	// The reader is done with the connection before it is given back.
	defer func() {
		close(stop)
		for range chunks {
		}
	}()
	done := 0
	s.reportIndexProgress(0, len(ids))
	for c := range chunks {
		if c.err != nil {
			return c.err
		}
		if err := cancelled.Err(); err != nil {
			return err
		}
		for _, id := range c.ids {
			d := c.docs[id]
			if _, err := ins.ExecContext(ctx, id, d.title, d.body); err != nil {
				return s.indexFail(fmt.Sprintf("index article %d for search", id), err)
			}
		}
		done += len(c.ids)
		s.reportIndexProgress(done, len(ids))
	}
	if err := cancelled.Err(); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO search_index (id, format, token, through) VALUES (1, ?, ?, ?)`,
		searchIndexFormat, lib.token, lib.newest); err != nil {
		return s.indexFail("build the search index", err)
	}
	if err := tx.Commit(); err != nil {
		return s.indexFail("build the search index", err)
	}
	x.through.Store(lib.newest)
	x.checked = true
	x.docs.clear() // and kept again
	if len(ids) > 0 {
		s.notice(fmt.Sprintf("search index %s built: %s articles in %s", x.path, count.Grouped(len(ids)), count.Elapsed(time.Since(start))))
	}
	return nil
}

// pruneQueueEvery is how many queue entries the index must hold beyond
// the last pruning for Close to prune again: a write of the library
// that a small import need not pay for.
const pruneQueueEvery = 10000

// pruneSearchQueue drops the queue entries the index file holds, keeping
// the newest (see migration 017), in one transaction of the library,
// when there are pruneQueueEvery of them or more.
func (s *Store) pruneSearchQueue(ctx context.Context) error {
	x := s.index
	if s.readOnly || x.temp {
		return nil
	}
	var through int64
	if err := x.db.QueryRowContext(ctx, `SELECT through FROM search_index WHERE id = 1`).Scan(&through); err != nil {
		return s.indexFail("prune the search queue", err)
	}
	lib, err := readQueueState(ctx, s.db)
	if err != nil {
		return s.fail("prune the search queue", err)
	}
	every := int64(pruneQueueEvery)
	if x.pruneEvery > 0 {
		every = int64(x.pruneEvery)
	}
	if through-lib.prunedThrough < every {
		return nil
	}
	return s.inTx(ctx, "prune the search queue", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_queue WHERE seq <= ? AND seq < (SELECT max(seq) FROM search_queue)`, through); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE search_index_state SET pruned_through = max(pruned_through, ?) WHERE id = 1`, through)
		return err
	})
}

// moveSearchIndexOut copies the index a library made before migration
// 017 kept inside it into the index file, then drops it from the library:
// two transactions, the copy first, so that a kill between them copies
// it again at the next open. An index of other options is not copied
// (the file is then built again).
func (s *Store) moveSearchIndexOut(ctx context.Context) error {
	var def string
	err := s.db.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'article_fts'`).Scan(&def)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return s.fail("move the search index", err)
	}
	// One connection of its own: ATTACH holds for a connection.
	db, err := sql.Open(driverName, dsn(s.path, s.busyTimeout, false))
	if err != nil {
		return fmt.Errorf("store: move the search index: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `ATTACH DATABASE ? AS search_file`, s.index.path); err != nil {
		return s.fail("move the search index", err)
	}
	if strings.Contains(def, `prefix="3"`) && strings.Contains(def, "order=desc") {
		err = copySearchIndex(ctx, db)
	} else {
		// Left to be built again: no state row.
		_, err = db.ExecContext(ctx, `DELETE FROM search_file.search_index`)
	}
	if err != nil {
		return s.fail("move the search index", err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return s.fail("move the search index", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DROP TABLE main.article_fts`); err != nil {
		return s.fail("move the search index", err)
	}
	if err := tx.Commit(); err != nil {
		return s.fail("move the search index", err)
	}
	return nil
}

// copySearchIndex copies the FTS4 tables of the library's index into the
// attached index file, replacing what it holds, in one transaction; the
// file then holds the library up to (not including) its whole queue.
func copySearchIndex(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, part := range []string{"content", "segments", "segdir", "docsize", "stat"} {
		t := "article_fts_" + part
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_file.`+t); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO search_file.`+t+` SELECT * FROM main.`+t); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM search_file.search_index`); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO search_file.search_index (id, format, token, through)
		SELECT 1, ?, token, 0 FROM main.search_index_state WHERE id = 1`, searchIndexFormat); err != nil {
		return err
	}
	return tx.Commit()
}
