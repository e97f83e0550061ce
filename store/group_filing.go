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

// freshMerge is how many new dated postings (group_fresh, migration 019)
// make filing merge some into the posting lists (see mergeFresh): about
// 2,000 articles' worth. Each page of the current period is then
// rewritten about once per this many postings, not once per batch filed,
// while the fresh table stays small (about 1 MB), so that the rows a
// batch adds to it land on few pages. A variable so that tests can merge
// sooner.
var freshMerge = 50_000

// Frequencies implements group.Library.
func (g groupLibrary) Frequencies(ctx context.Context, keys []group.Key) (map[group.Key]int, int, error) {
	s := g.s
	df := make(map[group.Key]int, len(keys))
	for start := 0; start < len(keys); start += keysPerQuery {
		part := keys[start:min(start+keysPerQuery, len(keys))]
		args := make([]any, len(part))
		for i, k := range part {
			args[i] = int64(k)
		}
		rows, err := s.db.QueryContext(ctx, `SELECT key, df FROM group_term WHERE key IN (`+placeholders(len(part))+`)`, args...)
		if err != nil {
			return nil, 0, s.fail("grouping frequencies", err)
		}
		for rows.Next() {
			var k int64
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				rows.Close()
				return nil, 0, s.fail("grouping frequencies", err)
			}
			df[group.Key(k)] = n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, 0, s.fail("grouping frequencies", err)
		}
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT articles FROM group_stats WHERE id = 1`).Scan(&n); err != nil {
		return nil, 0, s.fail("grouping frequencies", err)
	}
	err := s.pendingFilings(ctx, func(p pendingView) {
		for _, k := range keys {
			if d := p.df(k); d > 0 {
				df[k] += d
			}
		}
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
	out, err := readRecent(ctx, g.s.db, keys)
	if err != nil {
		return nil, g.s.fail("grouping recent postings", err)
	}
	err = g.s.pendingFilings(ctx, func(p pendingView) {
		for _, k := range keys {
			r, had := out[k]
			p.postings(k, func(q group.Posting) {
				r.Add(q)
				had = true
			})
			if had {
				out[k] = r
			}
		}
	})
	if err != nil {
		return nil, g.s.fail("grouping recent postings", err)
	}
	return out, nil
}

func readRecent(ctx context.Context, q querier, keys []group.Key) (map[group.Key]group.Recent, error) {
	out := make(map[group.Key]group.Recent, len(keys))
	for start := 0; start < len(keys); start += keysPerQuery {
		part := keys[start:min(start+keysPerQuery, len(keys))]
		args := make([]any, len(part))
		for i, k := range part {
			args[i] = int64(k)
		}
		rows, err := q.QueryContext(ctx, `SELECT key, postings FROM group_recent WHERE key IN (`+placeholders(len(part))+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var k int64
			var text sql.RawBytes
			if err := rows.Scan(&k, &text); err != nil {
				rows.Close()
				return nil, err
			}
			var r group.Recent
			if r.UnmarshalStored(text) == nil {
				out[group.Key(k)] = r
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
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
// entries of each key's list in each period the window spans and among
// the fresh postings not merged yet (each in the table's order, so that
// none reads more than limit rows), and the newest limit of each key are
// kept.
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
		if len(args) > 0 {
			b.WriteString(` UNION ALL `)
		}
		b.WriteString(`SELECT * FROM (SELECT key, published, article_id FROM group_fresh
			WHERE key = ? AND published BETWEEN ? AND ? ORDER BY published DESC, article_id DESC LIMIT ?)`)
		args = append(args, int64(k), max(from, 1), to, limit)
		for p := first; p <= last; p++ {
			b.WriteString(` UNION ALL SELECT * FROM (SELECT key, published, article_id FROM group_posting
				WHERE period = ? AND key = ? AND published BETWEEN ? AND ? ORDER BY published DESC, article_id DESC LIMIT ?)`)
			args = append(args, p, int64(k), from, to, limit)
		}
	}
	rows, err := s.db.QueryContext(ctx, b.String(), args...)
	if err != nil {
		return nil, s.fail("grouping postings", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k int64
		var p group.Posting
		if err := rows.Scan(&k, &p.Published, &p.Article); err != nil {
			return nil, s.fail("grouping postings", err)
		}
		out[group.Key(k)] = append(out[group.Key(k)], p)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail("grouping postings", err)
	}
	err = s.pendingFilings(ctx, func(pv pendingView) {
		for _, k := range keys {
			pv.postings(k, func(q group.Posting) {
				if q.Published != 0 && q.Published >= from && q.Published <= to {
					out[k] = append(out[k], q)
				}
			})
		}
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
	s := g.s
	var out []group.Doc
	for start := 0; start < len(ids); start += keysPerQuery {
		part := ids[start:min(start+keysPerQuery, len(ids))]
		args := idArgs(part)
		rows, err := s.db.QueryContext(ctx, `SELECT f.article_id, a.story_id, f.data FROM article_features f
			JOIN article a ON a.id = f.article_id WHERE f.article_id IN (`+placeholders(len(part))+`)`, args...)
		if err != nil {
			return nil, s.fail("grouping articles", err)
		}
		for rows.Next() {
			var id, story int64
			var data sql.RawBytes
			if err := rows.Scan(&id, &story, &data); err != nil {
				rows.Close()
				return nil, s.fail("grouping articles", err)
			}
			f := new(group.Features)
			if f.UnmarshalBinary(data) != nil {
				continue
			}
			out = append(out, group.Doc{ID: id, Group: story, Published: f.Published, Features: f})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, s.fail("grouping articles", err)
		}
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
	filed    int
	batch    []filedArticle // as filed, for group_pending
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
	f.filed++
	return true, nil
}

// gatherBatch adds a pending batch's postings and document frequencies to
// what finish writes.
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

// gather adds a's postings and the document frequencies it counts
// towards to what finish writes.
func (f *filer) gather(a filedArticle) {
	for _, k := range a.fl.Posted {
		if a.fl.Published != 0 {
			f.postings = append(f.postings, posting{k, a.fl.Published, a.id})
		}
		f.recent[k] = append(f.recent[k], group.Posting{Published: a.fl.Published, Article: a.id})
	}
	for _, k := range a.fl.Counted {
		f.df[k]++
	}
}

// finish counts the articles filed and records their filings as a
// pending batch; when the pending batches reach pendingMerge articles,
// it writes them all, this one's too, into the tables: the postings (to
// the fresh ones, merged into the posting lists once there are enough),
// the recent postings and the document frequencies.
func (f *filer) finish(ctx context.Context) error {
	if f.filed == 0 {
		return nil
	}
	var pending int
	if err := f.tx.QueryRowContext(ctx, `SELECT coalesce(sum(articles), 0) FROM group_pending`).Scan(&pending); err != nil {
		return f.s.fail("file articles", err)
	}
	if pending+f.filed < pendingMerge {
		if _, err := f.tx.ExecContext(ctx, `INSERT INTO group_pending (articles, data) VALUES (?, ?)`, f.filed, encodePending(f.batch)); err != nil {
			return f.s.fail("file articles", err)
		}
		if _, err := f.tx.ExecContext(ctx, `UPDATE group_stats SET articles = articles + ? WHERE id = 1`, f.filed); err != nil {
			return f.s.fail("file articles", err)
		}
		return nil
	}
	// The pending batches, counted already, go into the tables with this
	// one.
	before, err := takePending(ctx, f.tx)
	if err != nil {
		return f.s.fail("file articles", err)
	}
	for _, b := range before {
		f.gatherBatch(b)
	}
	for _, a := range f.batch {
		f.gather(a)
	}
	slices.SortFunc(f.postings, func(a, b posting) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.published, b.published), cmp.Compare(a.article, b.article))
	})
	args := make([]any, 0, 3*len(f.postings))
	for _, p := range f.postings {
		args = append(args, int64(p.key), p.published, p.article)
	}
	if err := f.writeRows(ctx, `INSERT OR IGNORE INTO group_fresh (key, published, article_id) VALUES `, `(?, ?, ?)`, "", args); err != nil {
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
	var fresh int
	err = f.tx.QueryRowContext(ctx, `UPDATE group_stats SET articles = articles + ?, fresh = fresh + ? WHERE id = 1 RETURNING fresh`,
		f.filed, len(f.postings)).Scan(&fresh)
	if err != nil {
		return f.s.fail("file articles", err)
	}
	if err := f.countFresh(ctx); err != nil {
		return err
	}
	if fresh >= freshMerge {
		return f.mergeFresh(ctx)
	}
	return nil
}

// mergeSliceShift cuts the key space into eighths (key >> 61, keys being
// signed) for mergeFresh.
const mergeSliceShift = 61

// eighths is how many parts mergeSliceShift cuts the key space into.
const eighths = 1 << (64 - mergeSliceShift)

// eighthOf is the part of the key space key lies in, 0 … eighths-1
// (SQLite's >> keeps the sign: group_fresh_count's eighths are -4 … 3).
func eighthOf(key group.Key) int { return int(int64(key)>>mergeSliceShift) + eighths/2 }

// countFresh adds the batch's fresh postings to the count of each eighth
// of the key space (group_fresh_count, migration 023), so that mergeFresh
// picks the fullest eighth without counting the table.
func (f *filer) countFresh(ctx context.Context) error {
	var counts [eighths]int
	for _, p := range f.postings {
		counts[eighthOf(p.key)]++
	}
	var args []any
	for e, n := range counts {
		if n > 0 {
			args = append(args, e-eighths/2, n)
		}
	}
	if len(args) == 0 {
		return nil
	}
	_, err := f.tx.ExecContext(ctx, `INSERT INTO group_fresh_count (eighth, n) VALUES (?, ?)`+strings.Repeat(", (?, ?)", len(args)/2-1)+
		` ON CONFLICT (eighth) DO UPDATE SET n = n + excluded.n`, args...)
	if err != nil {
		return f.s.fail("file articles", err)
	}
	return nil
}

// mergeFresh moves fresh postings into the posting lists, an eighth of the
// key space at a time (the eighth holding the most first) until fewer than
// freshMerge are left, each eighth in the lists' order. A key's postings
// lie together in its period, so merging an eighth of the keys rewrites
// about an eighth of the current period's pages: a batch that brings the
// fresh postings over the mark pays for its share of them, not for
// rewriting every page of the period (at 20,000 articles a whole merge was
// 76 ms, and its log and checkpoint as much again, of a 500-file import's
// 620). The pages rewritten per posting merged stay the same. Each
// eighth's count is kept as filed (group_fresh_count) and set to nothing
// when it is merged; the count of fresh postings is set to what the
// counts hold.
func (f *filer) mergeFresh(ctx context.Context) error {
	bounds := func(s int) (lo, hi int64) {
		lo = int64(s-eighths/2) << mergeSliceShift
		return lo, lo + (1<<mergeSliceShift - 1)
	}
	var counts [eighths]int
	total := 0
	rows, err := f.tx.QueryContext(ctx, `SELECT eighth, n FROM group_fresh_count`)
	if err != nil {
		return f.s.fail("merge fresh postings", err)
	}
	for rows.Next() {
		var eighth, n int
		if err := rows.Scan(&eighth, &n); err != nil {
			rows.Close()
			return f.s.fail("merge fresh postings", err)
		}
		if i := eighth + eighths/2; i >= 0 && i < eighths {
			counts[i] = n
			total += n
		}
	}
	if err := rows.Err(); err != nil {
		return f.s.fail("merge fresh postings", err)
	}
	insert := fmt.Sprintf(`INSERT OR IGNORE INTO group_posting (period, key, published, article_id)
		SELECT published >> %[1]d, key, published, article_id FROM group_fresh WHERE key BETWEEN ? AND ?
		ORDER BY published >> %[1]d, key, published, article_id`, postingPeriodShift)
	for total >= freshMerge && total > 0 {
		fullest := 0
		for s := range counts {
			if counts[s] > counts[fullest] {
				fullest = s
			}
		}
		lo, hi := bounds(fullest)
		for _, q := range []string{insert, `DELETE FROM group_fresh WHERE key BETWEEN ? AND ?`} {
			if _, err := f.tx.ExecContext(ctx, q, lo, hi); err != nil {
				return f.s.fail("merge fresh postings", err)
			}
		}
		if _, err := f.tx.ExecContext(ctx, `DELETE FROM group_fresh_count WHERE eighth = ?`, fullest-eighths/2); err != nil {
			return f.s.fail("merge fresh postings", err)
		}
		total -= counts[fullest]
		counts[fullest] = 0
	}
	if _, err := f.tx.ExecContext(ctx, `UPDATE group_stats SET fresh = ? WHERE id = 1`, total); err != nil {
		return f.s.fail("merge fresh postings", err)
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
