package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare/group"
)

// Grouping is the library as automatic grouping reads it (group.Library):
// the posting lists, document frequencies and stored features of filed
// articles. It reads only what it is asked for, never a stretch of the
// library; which story an article joins is decided in compare/group.
func (s *Store) Grouping() group.Library { return groupLibrary{s} }

type groupLibrary struct{ s *Store }

// keysPerQuery bounds the keys or ids bound in one statement.
const keysPerQuery = 500

// postingPeriodShift makes a posting's period of publication
// (published >> postingPeriodShift, about 24 days), the first part of the
// posting table's key, so that new articles' postings land together
// (migration 014).
const postingPeriodShift = 21

// Frequencies implements group.Library.
func (g groupLibrary) Frequencies(ctx context.Context, keys []group.Key) (map[group.Key]int, int, error) {
	s := g.s
	df := make(map[group.Key]int, len(keys))
	var n int
	err := s.snapshot(ctx, func(q querier) error {
		err := queryIn(ctx, q, `SELECT key, df FROM group_term WHERE key IN (`, keys, func(rows *sql.Rows) error {
			var k int64
			var d int
			if err := rows.Scan(&k, &d); err != nil {
				return err
			}
			df[group.Key(k)] = d
			return nil
		})
		if err != nil {
			return err
		}
		if err := q.QueryRowContext(ctx, `SELECT articles FROM group_stats WHERE id = 1`).Scan(&n); err != nil {
			return err
		}
		return s.pendingFilings(ctx, q, func(p pendingView) {
			for _, k := range keys {
				if d := p.df(k); d > 0 {
					df[k] += d
				}
			}
		})
	})
	if err != nil {
		return nil, 0, s.fail("grouping frequencies", err)
	}
	return df, n, nil
}

// Recent implements group.Library. A row that does not read is left out,
// never trusted (filing then starts it again). Rows are written in
// binary (group.Recent.MarshalBinary); those of the text migration 014
// wrote read as well, and are rewritten in binary as their keys are
// filed under.
func (g groupLibrary) Recent(ctx context.Context, keys []group.Key) (map[group.Key]group.Recent, error) {
	var out map[group.Key]group.Recent
	err := g.s.snapshot(ctx, func(q querier) error {
		var err error
		if out, err = readRecent(ctx, q, keys); err != nil {
			return err
		}
		return g.s.pendingFilings(ctx, q, func(p pendingView) {
			for _, k := range keys {
				r, had := out[k]
				p.postings(k, func(posted group.Posting) {
					r.Add(posted)
					had = true
				})
				if had {
					out[k] = r
				}
			}
		})
	})
	if err != nil {
		return nil, g.s.fail("grouping recent postings", err)
	}
	return out, nil
}

func readRecent(ctx context.Context, q querier, keys []group.Key) (map[group.Key]group.Recent, error) {
	out := make(map[group.Key]group.Recent, len(keys))
	err := queryIn(ctx, q, `SELECT key, postings FROM group_recent WHERE key IN (`, keys, func(rows *sql.Rows) error {
		var k int64
		var text sql.RawBytes
		if err := rows.Scan(&k, &text); err != nil {
			return err
		}
		var r group.Recent
		if r.UnmarshalStored(text) == nil {
			out[group.Key(k)] = r
		}
		return nil
	})
	return out, err
}

// compactChunk is how many rows of recent postings CompactRecentPostings
// reads at a time.
const compactChunk = 4096

// CompactRecentPostings rewrites, once, the recent postings kept as text
// (before migration 020) in binary, into a table built in key order: a
// quarter of the pages. A row that does not read is dropped, as reading
// leaves it out. It does nothing once done, and asks the library only
// until it has found it done.
func (s *Store) CompactRecentPostings(ctx context.Context) error {
	if s.recentCompact.Load() {
		return nil
	}
	var due bool
	if err := s.db.QueryRowContext(ctx, `SELECT recent_text FROM group_stats WHERE id = 1`).Scan(&due); err != nil {
		return s.fail("compact recent postings", err)
	}
	if !due {
		s.recentCompact.Store(true)
		return nil
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return s.fail("compact recent postings", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE group_recent_binary (key INTEGER PRIMARY KEY, postings BLOB NOT NULL)`); err != nil {
		return s.fail("compact recent postings", err)
	}
	w, err := newRowWriter(ctx, tx, `INSERT INTO group_recent_binary (key, postings) VALUES `, `(?, ?)`, "")
	if err != nil {
		return s.fail("compact recent postings", err)
	}
	defer w.close()
	after := int64(math.MinInt64)
	for {
		var args []any
		rows, err := tx.QueryContext(ctx, `SELECT key, postings FROM group_recent WHERE key > ? ORDER BY key LIMIT ?`, after, compactChunk)
		if err != nil {
			return s.fail("compact recent postings", err)
		}
		n := 0
		for rows.Next() {
			var k int64
			var stored sql.RawBytes
			if err := rows.Scan(&k, &stored); err != nil {
				rows.Close()
				return s.fail("compact recent postings", err)
			}
			n, after = n+1, k
			var r group.Recent
			if r.UnmarshalStored(stored) != nil {
				continue
			}
			data, _ := r.MarshalBinary()
			args = append(args, k, data)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return s.fail("compact recent postings", err)
		}
		if err := w.write(ctx, args); err != nil {
			return s.fail("compact recent postings", err)
		}
		if n < compactChunk {
			break
		}
	}
	for _, q := range []string{
		`DROP TABLE group_recent`,
		`ALTER TABLE group_recent_binary RENAME TO group_recent`,
		`UPDATE group_stats SET recent_text = 0 WHERE id = 1`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return s.fail("compact recent postings", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return s.fail("compact recent postings", err)
	}
	s.recentCompact.Store(true)
	return nil
}

// Postings implements group.Library: one statement reads the newest
// entries of each key's list in each period the window spans (each in the
// table's order, so that none reads more than limit rows), the pending
// batches add theirs, and the newest limit of each key are kept.
func (g groupLibrary) Postings(ctx context.Context, keys []group.Key, from, to int64, limit int) (map[group.Key][]group.Posting, error) {
	s := g.s
	out := map[group.Key][]group.Posting{}
	if from > to || limit <= 0 || len(keys) == 0 {
		return out, nil
	}
	first, last := from>>postingPeriodShift, to>>postingPeriodShift
	var b strings.Builder
	var args []any
	for _, k := range keys {
		for p := first; p <= last; p++ {
			if len(args) > 0 {
				b.WriteString(` UNION ALL `)
			}
			b.WriteString(`SELECT * FROM (SELECT key, published, article_id FROM group_posting
				WHERE period = ? AND key = ? AND published BETWEEN ? AND ? ORDER BY published DESC, article_id DESC LIMIT ?)`)
			args = append(args, p, int64(k), from, to, limit)
		}
	}
	err := s.snapshot(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, b.String(), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k int64
			var p group.Posting
			if err := rows.Scan(&k, &p.Published, &p.Article); err != nil {
				return err
			}
			out[group.Key(k)] = append(out[group.Key(k)], p)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		return s.pendingFilings(ctx, q, func(pv pendingView) {
			for _, k := range keys {
				pv.postings(k, func(posted group.Posting) {
					if posted.Published != 0 && posted.Published >= from && posted.Published <= to {
						out[k] = append(out[k], posted)
					}
				})
			}
		})
	})
	if err != nil {
		return nil, s.fail("grouping postings", err)
	}
	for k, list := range out {
		slices.SortFunc(list, func(a, b group.Posting) int {
			return cmp.Or(cmp.Compare(b.Published, a.Published), cmp.Compare(b.Article, a.Article))
		})
		out[k] = list[:min(len(list), limit)]
	}
	return out, nil
}

// Docs implements group.Library. An article whose stored features do not
// decode (damaged, or of an older layout) is left out, never trusted.
func (g groupLibrary) Docs(ctx context.Context, ids []int64) ([]group.Doc, error) {
	var out []group.Doc
	err := queryIn(ctx, g.s.db, `SELECT f.article_id, a.story_id, f.data FROM article_features f
		JOIN article a ON a.id = f.article_id WHERE f.article_id IN (`, ids, func(rows *sql.Rows) error {
		var id, story int64
		var data sql.RawBytes
		if err := rows.Scan(&id, &story, &data); err != nil {
			return err
		}
		f := new(group.Features)
		if f.UnmarshalBinary(data) == nil {
			out = append(out, group.Doc{ID: id, Group: story, Published: f.Published, Features: f})
		}
		return nil
	})
	if err != nil {
		return nil, g.s.fail("grouping articles", err)
	}
	return out, nil
}

// Members implements group.Library.
func (g groupLibrary) Members(ctx context.Context, story int64, limit int) ([]int64, error) {
	s := g.s
	out, err := queryIDs(ctx, s.db, `SELECT id FROM article WHERE story_id = ? ORDER BY id DESC LIMIT ?`, story, limit)
	if err != nil {
		return nil, s.fail("story members", err)
	}
	return out, nil
}

// UnfiledArticle is an article grouping has not filed yet: put in a story
// by hand, or stored before the library kept postings. Features is its
// stored grouping features, nil when it has none that decode (then Title,
// Text and Published are set to compute them from).
type UnfiledArticle struct {
	ID, StoryID int64
	Features    *group.Features
	Title, Text string
	Published   time.Time
}

// UnfiledArticles returns up to limit articles not filed yet with ids
// above after, oldest first.
func (s *Store) UnfiledArticles(ctx context.Context, after int64, limit int) ([]UnfiledArticle, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT u.article_id, a.story_id, f.data FROM group_unfiled u
		JOIN article a ON a.id = u.article_id
		LEFT JOIN article_features f ON f.article_id = u.article_id
		WHERE u.article_id > ? ORDER BY u.article_id LIMIT ?`, after, limit)
	if err != nil {
		return nil, s.fail("unfiled articles", err)
	}
	var out []UnfiledArticle
	for rows.Next() {
		var u UnfiledArticle
		var data sql.RawBytes
		if err := rows.Scan(&u.ID, &u.StoryID, &data); err != nil {
			rows.Close()
			return nil, s.fail("unfiled articles", err)
		}
		if data != nil {
			f := new(group.Features)
			if f.UnmarshalBinary(data) == nil {
				u.Features = f
			}
		}
		out = append(out, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.fail("unfiled articles", err)
	}
	for i := range out {
		u := &out[i]
		if u.Features != nil {
			continue
		}
		var published string
		err := s.db.QueryRowContext(ctx, `SELECT a.title, `+articleText+`, a.published FROM article a WHERE a.id = ?`, u.ID).Scan(&u.Title, &u.Text, &published)
		if err != nil && !errors.Is(err, sql.ErrNoRows) { // gone: filing skips it
			return nil, s.fail("unfiled articles", err)
		}
		u.Published, _ = parseTime(published) // an unreadable date groups as undated
	}
	return out, nil
}

// FiledArticle is an article's filing to store: Features, when not nil,
// are stored as its grouping features too (computed because it had none).
type FiledArticle struct {
	ID       int64
	Features *group.Features
	Filing   group.Filing
}

// FileArticles stores the filings of articles UnfiledArticles returned, in
// one transaction. An article deleted or filed meanwhile is skipped.
func (s *Store) FileArticles(ctx context.Context, arts []FiledArticle) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return s.fail("file articles", err)
	}
	defer tx.Rollback()
	fl := s.newFiler(tx)
	for _, a := range arts {
		ok, err := fl.file(ctx, a.ID, a.Filing)
		if err != nil {
			return err
		}
		if !ok || a.Features == nil {
			continue
		}
		data, err := a.Features.MarshalBinary()
		if err != nil {
			return fmt.Errorf("store: features of article %d: %w", a.ID, err)
		}
		if err := s.insertFeatures(ctx, tx, &parallax.Article{ID: a.ID, Published: a.Features.Published}, data); err != nil {
			return err
		}
	}
	if err := fl.finish(ctx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return s.fail("file articles", err)
	}
	return nil
}

// filer files articles inside one transaction: as one pending batch
// (group_pending.go), or, once the pending batches hold pendingMerge
// articles, into the grouping's tables with them. Then it gathers their
// postings and the document frequencies they add, and writes them in key
// order: each key's frequency and recent postings once, and each page of
// the posting list table visited once however many of its rows the
// batch adds.
type filer struct {
	s        *Store
	tx       *sql.Tx
	postings []posting                     // dated, for group_posting
	recent   map[group.Key][]group.Posting // every posting, by key
	df       map[group.Key]int
	batch    []filedArticle // as filed
}

type posting struct {
	key       group.Key
	published int64
	article   int64
}

func (s *Store) newFiler(tx *sql.Tx) *filer {
	return &filer{s: s, tx: tx, recent: map[group.Key][]group.Posting{}, df: map[group.Key]int{}}
}

// rowsPerStatement is how many rows one prepared insert writes: a
// statement per row would cost more in calls than the rows do in work.
const rowsPerStatement = 32

// rowWriter inserts rows rowsPerStatement at a time, the rest one by one.
type rowWriter struct {
	many, one *sql.Stmt
	width     int
}

func newRowWriter(ctx context.Context, tx *sql.Tx, head, row, tail string) (rowWriter, error) {
	var w rowWriter
	w.width = strings.Count(row, "?")
	var err error
	if w.many, err = tx.PrepareContext(ctx, head+row+strings.Repeat(", "+row, rowsPerStatement-1)+tail); err != nil {
		return w, err
	}
	if w.one, err = tx.PrepareContext(ctx, head+row+tail); err != nil {
		w.many.Close()
		return w, err
	}
	return w, nil
}

// write inserts the rows whose values args holds, width values a row.
func (w rowWriter) write(ctx context.Context, args []any) error {
	for len(args) >= rowsPerStatement*w.width {
		if _, err := w.many.ExecContext(ctx, args[:rowsPerStatement*w.width]...); err != nil {
			return err
		}
		args = args[rowsPerStatement*w.width:]
	}
	for ; len(args) > 0; args = args[w.width:] {
		if _, err := w.one.ExecContext(ctx, args[:w.width]...); err != nil {
			return err
		}
	}
	return nil
}

func (w rowWriter) close() {
	w.many.Close()
	w.one.Close()
}

// file records article id's filing, unless it is filed already or gone;
// it reports whether it did.
func (f *filer) file(ctx context.Context, id int64, fl group.Filing) (bool, error) {
	res, err := f.tx.ExecContext(ctx, `DELETE FROM group_unfiled WHERE article_id = ?`, id)
	if err != nil {
		return false, f.s.fail(fmt.Sprintf("file article %d", id), err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, nil
	}
	f.batch = append(f.batch, filedArticle{id, fl})
	return true, nil
}

// gatherBatch adds a batch's postings and document frequencies to what
// writeOut writes.
func (f *filer) gatherBatch(b *pendingBatch) {
	for i, k := range b.keys {
		for _, p := range b.posts[b.first[i]:b.first[i+1]] {
			if p.Published != 0 {
				f.postings = append(f.postings, posting{k, p.Published, p.Article})
			}
			f.recent[k] = append(f.recent[k], p)
		}
		if b.df[i] > 0 {
			f.df[k] += int(b.df[i])
		}
	}
}

// finish counts the articles filed and records their filings as a
// pending batch; when the pending batches reach pendingMerge articles,
// it writes them all, this one's too, into the tables: the postings into
// the posting lists, the recent postings and the document frequencies.
func (f *filer) finish(ctx context.Context) error {
	n := len(f.batch)
	if n == 0 {
		return nil
	}
	if _, err := f.tx.ExecContext(ctx, `UPDATE group_stats SET articles = articles + ? WHERE id = 1`, n); err != nil {
		return f.s.fail("file articles", err)
	}
	pending, err := pendingArticles(ctx, f.tx)
	if err != nil {
		return f.s.fail("file articles", err)
	}
	b := newPendingBatch(f.batch)
	if pending+n < pendingMerge {
		if _, err := f.tx.ExecContext(ctx, `INSERT INTO group_pending (articles, data) VALUES (?, ?)`, n, b.encode()); err != nil {
			return f.s.fail("file articles", err)
		}
		return nil
	}
	f.gatherBatch(b)
	return f.writeOut(ctx)
}

// writeOut writes what the filer gathered and the pending batches (their
// articles counted already) into the grouping's tables.
func (f *filer) writeOut(ctx context.Context) error {
	before, err := takePending(ctx, f.tx)
	if err != nil {
		return f.s.fail("file articles", err)
	}
	for _, b := range before {
		f.gatherBatch(b)
	}
	if len(f.recent) == 0 && len(f.df) == 0 {
		return nil
	}
	// In the lists' order, so that each page is visited once.
	slices.SortFunc(f.postings, func(a, b posting) int {
		return cmp.Or(cmp.Compare(a.published>>postingPeriodShift, b.published>>postingPeriodShift),
			cmp.Compare(a.key, b.key), cmp.Compare(a.published, b.published), cmp.Compare(a.article, b.article))
	})
	args := make([]any, 0, 4*len(f.postings))
	for _, p := range f.postings {
		args = append(args, p.published>>postingPeriodShift, int64(p.key), p.published, p.article)
	}
	if err := f.writeRows(ctx, `INSERT OR IGNORE INTO group_posting (period, key, published, article_id) VALUES `, `(?, ?, ?, ?)`, "", args); err != nil {
		return err
	}
	if err := f.writeRecent(ctx); err != nil {
		return err
	}
	keys := make([]group.Key, 0, len(f.df))
	for k := range f.df {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	args = args[:0]
	for _, k := range keys {
		args = append(args, int64(k), f.df[k])
	}
	if err := f.writeRows(ctx, `INSERT INTO group_term (key, df) VALUES `, `(?, ?)`,
		` ON CONFLICT (key) DO UPDATE SET df = df + excluded.df`, args); err != nil {
		return err
	}
	return nil
}

// writeRecent adds the batch's postings to each key's recent postings:
// read, merged and written back once per key.
func (f *filer) writeRecent(ctx context.Context) error {
	keys := make([]group.Key, 0, len(f.recent))
	for k := range f.recent {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	have, err := readRecent(ctx, f.tx, keys)
	if err != nil {
		return f.s.fail("file articles", err)
	}
	args := make([]any, 0, 2*len(keys))
	for _, k := range keys {
		r := have[k]
		for _, p := range f.recent[k] {
			r.Add(p)
		}
		data, err := r.MarshalBinary()
		if err != nil {
			return f.s.fail("file articles", err)
		}
		args = append(args, int64(k), data)
	}
	return f.writeRows(ctx, `INSERT INTO group_recent (key, postings) VALUES `, `(?, ?)`,
		` ON CONFLICT (key) DO UPDATE SET postings = excluded.postings`, args)
}

// writeRows inserts rows (args holds their values in turn) with head, row
// and tail as rowWriter makes statements of them.
func (f *filer) writeRows(ctx context.Context, head, row, tail string, args []any) error {
	w, err := newRowWriter(ctx, f.tx, head, row, tail)
	if err != nil {
		return f.s.fail("file articles", err)
	}
	defer w.close()
	if err := w.write(ctx, args); err != nil {
		return f.s.fail("file articles", err)
	}
	return nil
}

func (s *Store) insertFeatures(ctx context.Context, tx *sql.Tx, a *parallax.Article, data []byte) error {
	var pub int64
	if !a.Published.IsZero() {
		pub = a.Published.Unix()
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO article_features (article_id, published, data) VALUES (?, ?, ?)
		ON CONFLICT (article_id) DO UPDATE SET published = excluded.published, data = excluded.data`, a.ID, pub, data)
	if err != nil {
		return s.fail(fmt.Sprintf("features of article %d", a.ID), err)
	}
	return nil
}
