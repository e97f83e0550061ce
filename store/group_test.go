package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare/group"
)

func groupArticle(title, text string, published time.Time) *parallax.Article {
	return &parallax.Article{Title: title, Text: text, Published: published,
		Paragraphs: []parallax.Paragraph{{Ordinal: 1, Kind: parallax.KindBody, Text: text}}}
}

// addFiled stores a in a new story with the given filing, as a grouped
// import does.
func addFiled(t *testing.T, s *Store, a *parallax.Article, fl group.Filing) {
	t.Helper()
	f := group.Extract(a.Title, a.Text, a.Published)
	errs, err := s.AddArticles(context.Background(), []*parallax.Article{a},
		AddOptions{Grouped: true, Features: []group.Features{f}, Filings: []group.Filing{fl}})
	if err == nil {
		err = errs[0]
	}
	if err != nil {
		t.Fatal(err)
	}
}

// The store answers grouping's questions from what was filed: candidates
// by summed key weight within the window of publication (undated ones
// always), frequencies, features and story members; deleted articles drop
// out.
func TestGroupingReads(t *testing.T) {
	s := openFeedTest(t)
	ctx := context.Background()
	g := s.Grouping()
	day := time.Date(2031, 5, 6, 9, 0, 0, 0, time.UTC)
	const rare, common, other group.Key = 11, 13, 17
	arts := []*parallax.Article{
		groupArticle("Ferry strike", "The ferry strike in Pellin ended.", day),
		groupArticle("Ferry talks", "Talks on the Pellin ferry resumed.", day.Add(time.Hour)),
		groupArticle("Old ferry", "A ferry of Pellin sank long ago.", day.Add(-60*24*time.Hour)),
		groupArticle("Undated ferry", "A ferry left Pellin.", time.Time{}),
	}
	filings := []group.Filing{
		{Posted: []group.Key{rare, common}, Counted: []group.Key{rare, common}},
		{Posted: []group.Key{common}, Counted: []group.Key{common}},
		{Posted: []group.Key{rare, common}, Counted: []group.Key{rare, common}},
		{Posted: []group.Key{other}, Counted: []group.Key{other}},
	}
	for i, a := range arts {
		if !a.Published.IsZero() {
			filings[i].Published = a.Published.Unix()
		}
		addFiled(t, s, a, filings[i])
	}
	df, n, err := g.Frequencies(ctx, []group.Key{rare, common, other, 99})
	if err != nil {
		t.Fatal(err)
	}
	if n != 4 || df[rare] != 2 || df[common] != 3 || df[other] != 1 || df[99] != 0 {
		t.Errorf("frequencies %v of %d articles", df, n)
	}
	recent, err := g.Recent(ctx, []group.Key{rare, common, other, 99})
	if err != nil {
		t.Fatal(err)
	}
	pub := func(a *parallax.Article) group.Posting {
		return group.Posting{Published: a.Published.Unix(), Article: a.ID}
	}
	if r := recent[common]; !slices.Equal(r.Dated, []group.Posting{pub(arts[1]), pub(arts[0]), pub(arts[2])}) || len(r.Undated) != 0 {
		t.Errorf("recent postings of the common key: %+v, want the three dated newest first", r)
	}
	if r := recent[other]; len(r.Dated) != 0 || !slices.Equal(r.Undated, []int64{arts[3].ID}) {
		t.Errorf("recent postings of the undated article's key: %+v", r)
	}
	if _, ok := recent[99]; ok || len(recent) != 3 {
		t.Errorf("recent postings of %d keys: %+v", len(recent), recent)
	}
	// The posting lists keep the dated postings, read within a window
	// (here one spanning several periods) newest first.
	lists, err := g.Postings(ctx, []group.Key{rare, common, other}, day.Add(-90*24*time.Hour).Unix(), day.Unix(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if got := lists[rare]; !slices.Equal(got, []group.Posting{pub(arts[0]), pub(arts[2])}) {
		t.Errorf("postings of the rare key: %+v", got)
	}
	if got := lists[other]; len(got) != 0 {
		t.Errorf("an undated article in the posting lists: %+v", got)
	}
	lists, _ = g.Postings(ctx, []group.Key{common}, day.Add(-24*time.Hour).Unix(), day.Add(24*time.Hour).Unix(), 1)
	if got := lists[common]; !slices.Equal(got, []group.Posting{pub(arts[1])}) {
		t.Errorf("postings of the common key in a day, limit 1: %+v", got)
	}
	docs, err := g.Docs(ctx, []int64{arts[1].ID, 999})
	if err != nil || len(docs) != 1 || docs[0].ID != arts[1].ID || docs[0].Group != arts[1].StoryID || docs[0].Features == nil {
		t.Errorf("docs %+v, %v", docs, err)
	}
	if err := s.MoveArticle(ctx, arts[1].ID, arts[0].StoryID); err != nil {
		t.Fatal(err)
	}
	if members, err := g.Members(ctx, arts[0].StoryID, 5); err != nil || !equalIDs(members, []int64{arts[1].ID, arts[0].ID}) {
		t.Errorf("members %v, %v; want newest first", members, err)
	}
	if err := s.DeleteArticle(ctx, arts[0].ID); err != nil {
		t.Fatal(err)
	}
	if docs, _ := g.Docs(ctx, []int64{arts[0].ID, arts[1].ID}); len(docs) != 1 {
		t.Errorf("a deleted article read back: %+v", docs)
	}
	if _, n, _ := g.Frequencies(ctx, nil); n != 3 {
		t.Errorf("%d articles filed after a deletion, want 3", n)
	}
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Articles stored without a filing (put in a story by hand) wait to be
// filed; filing them stores their postings, and features when computed.
// A damaged features blob is not trusted: it reads as none.
func TestUnfiledArticles(t *testing.T) {
	s := openFeedTest(t)
	ctx := context.Background()
	day := time.Date(2031, 5, 6, 9, 0, 0, 0, time.UTC)
	byHand := groupArticle("Ferry strike", "The ferry strike in Pellin ended.", day)
	if err := s.AddArticle(ctx, byHand, "Pellin"); err != nil {
		t.Fatal(err)
	}
	grouped := groupArticle("Museum roof", "The museum in Tamsk has a new roof.", day)
	addFiled(t, s, grouped, group.Filing{Posted: []group.Key{3}})
	if _, err := s.db.Exec(`UPDATE article_features SET data = ? WHERE article_id = ?`, []byte{1, 0xff}, grouped.ID); err != nil {
		t.Fatal(err)
	}
	us, err := s.UnfiledArticles(ctx, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(us) != 1 || us[0].ID != byHand.ID || us[0].Features != nil || us[0].Text != byHand.Text || !us[0].Published.Equal(day) {
		t.Fatalf("unfiled %+v", us)
	}
	if docs, err := s.Grouping().Docs(ctx, []int64{grouped.ID}); err != nil || len(docs) != 0 {
		t.Errorf("damaged features read back: %+v, %v", docs, err)
	}
	f := group.Extract(byHand.Title, byHand.Text, byHand.Published)
	fl := group.Filing{Posted: []group.Key{3}, Counted: []group.Key{3}, Published: day.Unix()}
	if err := s.FileArticles(ctx, []FiledArticle{{ID: byHand.ID, Features: &f, Filing: fl}}); err != nil {
		t.Fatal(err)
	}
	if us, _ := s.UnfiledArticles(ctx, 0, 10); len(us) != 0 {
		t.Errorf("still unfiled: %+v", us)
	}
	// Filing twice changes nothing.
	if err := s.FileArticles(ctx, []FiledArticle{{ID: byHand.ID, Filing: fl}}); err != nil {
		t.Fatal(err)
	}
	df, n, _ := s.Grouping().Frequencies(ctx, []group.Key{3})
	if n != 2 || df[3] != 1 {
		t.Errorf("frequency %d of %d articles, want 1 of 2", df[3], n)
	}
	if docs, _ := s.Grouping().Docs(ctx, []int64{byHand.ID}); len(docs) != 1 {
		t.Error("computed features not stored")
	}
}

// What AddArticles returns matches what the library holds: when the
// library is locked by another connection between storing the article and
// its grouping features and filing, either all are stored and nil is
// returned, or none is and the error says so.
func TestGroupedAddAllOrNothing(t *testing.T) {
	s := openTest(t, WithBusyTimeout(200*time.Millisecond))
	ctx := context.Background()
	other, err := sql.Open(driverName, dsn(s.Path(), 50*time.Millisecond, false))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var release func()
	s.testHookBeforeFeatures = func() {
		conn, err := other.Conn(ctx)
		if err != nil {
			return
		}
		if _, err := conn.ExecContext(ctx, `BEGIN EXCLUSIVE`); err != nil {
			conn.Close()
			return // the article's transaction holds the library: nothing can cut in
		}
		release = func() { conn.ExecContext(ctx, `ROLLBACK`); conn.Close() }
	}
	a := groupArticle("Ferry strike ends", "The ferry strike in Pellin ended on Friday after talks, the union said.", time.Date(2031, 5, 6, 9, 0, 0, 0, time.UTC))
	errs, err := s.AddArticles(ctx, []*parallax.Article{a}, AddOptions{Grouped: true, Filings: []group.Filing{{Posted: []group.Key{3}, Counted: []group.Key{3}}}})
	if err == nil {
		err = errs[0]
	}
	if release != nil {
		release()
	}
	s.testHookBeforeFeatures = nil
	var articles, features, postings, filed, unfiled int
	s.db.QueryRow(`SELECT count(*) FROM article`).Scan(&articles)
	s.db.QueryRow(`SELECT count(*) FROM article_features`).Scan(&features)
	// Undated: no posting list row; the filing is pending or written.
	s.db.QueryRow(`SELECT (SELECT count(*) FROM group_recent) + (SELECT count(*) FROM group_pending)`).Scan(&postings)
	s.db.QueryRow(`SELECT articles FROM group_stats`).Scan(&filed)
	s.db.QueryRow(`SELECT count(*) FROM group_unfiled`).Scan(&unfiled)
	if err != nil && articles+features+postings+filed+unfiled != 0 {
		t.Errorf("returned %v, yet %d articles, %d features, %d postings, %d filed, %d unfiled stored", err, articles, features, postings, filed, unfiled)
	}
	if err == nil && (articles != 1 || features != 1 || postings != 1 || filed != 1 || unfiled != 0) {
		t.Errorf("returned nil with %d articles, %d features, %d postings, %d filed, %d unfiled", articles, features, postings, filed, unfiled)
	}
}

// A library made before migration 012 (the whole-library index: a
// snapshot and a change log kept by triggers) loses those and has every
// article waiting to be filed, its stored features kept for the filing.
func TestMigrationQueuesExistingArticles(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	day := time.Date(2031, 5, 6, 9, 0, 0, 0, time.UTC)
	grouped := groupArticle("Ferry strike", "The ferry strike in Pellin ended.", day)
	addFiled(t, s, grouped, group.Filing{Posted: []group.Key{3}, Counted: []group.Key{3}})
	byHand := groupArticle("Museum roof", "The museum in Tamsk has a new roof.", day)
	if err := s.AddArticle(ctx, byHand, "Tamsk"); err != nil {
		t.Fatal(err)
	}
	// Put the library back as migration 011 left it.
	s = reopenAfter(t, s,
		`DROP TRIGGER group_article_added`,
		`DROP TRIGGER group_article_deleted`,
		`DROP TABLE group_posting`,
		`DROP TABLE group_recent`,
		`DROP TABLE group_fresh`,
		`DROP TABLE group_term`,
		`DROP TABLE group_stats`,
		`DROP TABLE group_unfiled`,
		`CREATE TABLE group_index_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, article_id INTEGER NOT NULL)`,
		`CREATE TRIGGER group_index_article_added AFTER INSERT ON article BEGIN INSERT INTO group_index_log (article_id) VALUES (new.id); END`,
		`CREATE TRIGGER group_index_article_moved AFTER UPDATE OF story_id ON article WHEN old.story_id IS NOT new.story_id BEGIN INSERT INTO group_index_log (article_id) VALUES (new.id); END`,
		`CREATE TRIGGER group_index_article_deleted AFTER DELETE ON article BEGIN INSERT INTO group_index_log (article_id) VALUES (old.id); END`,
		`CREATE TABLE group_index_snapshot (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, data BLOB NOT NULL)`,
		`INSERT INTO group_index_snapshot VALUES (1, 0, x'00')`,
		`DELETE FROM schema_migrations WHERE version IN (12, 14, 19, 20)`,
	)
	var old int
	s.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name LIKE 'group_index%'`).Scan(&old)
	if old != 0 {
		t.Errorf("%d tables or triggers of the old index left", old)
	}
	us, err := s.UnfiledArticles(ctx, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(us) != 2 || us[0].ID != grouped.ID || us[0].Features == nil || us[1].ID != byHand.ID || us[1].Features != nil || us[1].Text != byHand.Text {
		t.Fatalf("waiting to be filed: %+v", us)
	}
	if _, n, _ := s.Grouping().Frequencies(ctx, nil); n != 0 {
		t.Errorf("%d articles counted as filed before any filing", n)
	}
}

// Migration 014 keeps each key's newest postings beside it, as filing
// would have (the newest 16 dated and 16 undated), and leaves only the
// dated ones in the posting lists, by period; its text rows are rewritten
// in binary once.
func TestMigrationBuildsRecentPostings(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	for _, q := range []string{
		`DROP TABLE group_posting`,
		`DROP TABLE group_recent`,
		`CREATE TABLE group_posting (key INTEGER NOT NULL, published INTEGER NOT NULL, article_id INTEGER NOT NULL,
			PRIMARY KEY (key, published, article_id)) WITHOUT ROWID`,
		`DELETE FROM schema_migrations WHERE version = 14`,
	} {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	want := map[group.Key]*group.Recent{}
	dated := 0
	for id := int64(1); id <= 60; id++ {
		var pub int64
		if id%3 != 0 {
			pub = 1_900_000_000 + (id%7)*86400 // repeated dates
			dated++
		}
		for _, k := range []group.Key{5, group.Key(7 + id%2)} {
			if _, err := s.db.Exec(`INSERT INTO group_posting VALUES (?, ?, ?)`, int64(k), pub, id); err != nil {
				t.Fatal(err)
			}
			if want[k] == nil {
				want[k] = &group.Recent{}
			}
			want[k].Add(group.Posting{Published: pub, Article: id})
		}
	}
	s = reopenAfter(t, s) // the rows above written as migration 013 left them
	got, err := s.Grouping().Recent(ctx, []group.Key{5, 7, 8})
	if err != nil {
		t.Fatal(err)
	}
	for k, w := range want {
		if g := got[k]; !slices.Equal(g.Dated, w.Dated) || !slices.Equal(g.Undated, w.Undated) {
			t.Errorf("key %d: recent postings %+v, want %+v", k, g, *w)
		}
	}
	if len(want[5].Dated) != group.RecentPostings || len(want[5].Undated) != group.RecentPostings {
		t.Fatalf("the test's key 5 fills neither list: %+v", want[5])
	}
	var rows, undated, badPeriod int
	s.db.QueryRow(`SELECT count(*), count(*) FILTER (WHERE published = 0), count(*) FILTER (WHERE period != published >> 21) FROM group_posting`).Scan(&rows, &undated, &badPeriod)
	if rows != 2*dated || undated != 0 || badPeriod != 0 {
		t.Errorf("posting lists: %d rows (want %d), %d undated, %d in the wrong period", rows, 2*dated, undated, badPeriod)
	}

	// The first grouping rewrites them in binary (migration 020), once,
	// dropping a row that does not read; they read the same.
	if _, err := s.db.Exec(`INSERT INTO group_recent VALUES (11, 'not postings'), (12, '1900000000:4 77')`); err != nil {
		t.Fatal(err)
	}
	want[12] = &group.Recent{Dated: []group.Posting{{Published: 1_900_000_000, Article: 4}}, Undated: []int64{77}}
	for range 2 {
		if err := s.CompactRecentPostings(ctx); err != nil {
			t.Fatal(err)
		}
	}
	got, err = s.Grouping().Recent(ctx, []group.Key{5, 7, 8, 11, 12})
	if err != nil {
		t.Fatal(err)
	}
	for k, w := range want {
		if g := got[k]; !slices.Equal(g.Dated, w.Dated) || !slices.Equal(g.Undated, w.Undated) {
			t.Errorf("key %d after compacting: recent postings %+v, want %+v", k, g, *w)
		}
	}
	var keys, text, due int
	s.db.QueryRow(`SELECT count(*), count(*) FILTER (WHERE typeof(postings) != 'blob') FROM group_recent`).Scan(&keys, &text)
	s.db.QueryRow(`SELECT recent_text FROM group_stats`).Scan(&due)
	if keys != len(want) || text != 0 || due != 0 {
		t.Errorf("after compacting: %d rows (want %d), %d of them text, compaction due: %d", keys, len(want), text, due)
	}
}

// Posting lists read back within any window, across the periods it
// spans, are each key's newest postings in it, as reading the whole list
// would give: written into the lists, pending, or some of each.
func TestGroupingPostingsAcrossPeriods(t *testing.T) {
	for _, tc := range []struct {
		name    string
		pending int // pendingMerge
	}{
		{"written", 1},
		{"pending", 1 << 30},
		{"pending and written", 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fileWhenPending(t, tc.pending)
			testPostingsAcrossPeriods(t, tc.pending)
		})
	}
}

// fileWhenPending sets pendingMerge to n for the test.
func fileWhenPending(t *testing.T, n int) {
	old := pendingMerge
	pendingMerge = n
	t.Cleanup(func() { pendingMerge = old })
}

// pendingCounts is how many articles, and how many dated postings, the
// pending batches hold.
func pendingCounts(t *testing.T, s *Store) (articles, dated int) {
	t.Helper()
	rows, err := s.db.Query(`SELECT articles, data FROM group_pending`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var n int
		var data []byte
		if err := rows.Scan(&n, &data); err != nil {
			t.Fatal(err)
		}
		b, err := decodePending(data)
		if err != nil || b.articles != n {
			t.Fatalf("pending batch of %d articles read as %v (%v)", n, b, err)
		}
		articles += n
		for _, p := range b.posts {
			if p.Published != 0 {
				dated++
			}
		}
	}
	return articles, dated
}

func testPostingsAcrossPeriods(t *testing.T, pending int) {
	s := openTest(t)
	ctx := context.Background()
	const day = 24 * 3600
	start := time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	type filed struct{ key, pub, id int64 }
	var all []filed
	for b := range 2 {
		var arts []*parallax.Article
		var filings []group.Filing
		for i := b * 75; i < (b+1)*75; i++ {
			pub := start + int64(i*i%97)*day + int64(i%5)*3600
			a := groupArticle(fmt.Sprintf("Article %d", i), fmt.Sprintf("Text of article %d.", i), time.Unix(pub, 0))
			keys := []group.Key{1, group.Key(3 + 2*(i%3))}
			arts = append(arts, a)
			filings = append(filings, group.Filing{Posted: keys, Counted: keys, Published: pub})
		}
		// In batches of 25, so that merges can fall between them.
		for at := 0; at < len(arts); at += 25 {
			errs, err := s.AddArticles(ctx, arts[at:at+25], AddOptions{Grouped: true, Filings: filings[at : at+25]})
			if err != nil {
				t.Fatal(err)
			}
			for i, a := range arts[at : at+25] {
				if errs[i] != nil {
					t.Fatal(errs[i])
				}
				for _, k := range filings[at+i].Posted {
					all = append(all, filed{int64(k), filings[at+i].Published, a.ID})
				}
			}
		}
	}
	var merged, badPeriod int
	s.db.QueryRow(`SELECT count(*), count(*) FILTER (WHERE period != published >> 21) FROM group_posting`).Scan(&merged, &badPeriod)
	pendingArticles, pendingPostings := pendingCounts(t, s)
	if merged+pendingPostings != len(all) || badPeriod != 0 {
		t.Errorf("%d postings in the lists (%d in the wrong period) and %d pending, want %d in all", merged, badPeriod, pendingPostings, len(all))
	}
	// 150 articles in batches of 25: written into the lists each time
	// the pending ones reach the mark.
	if want := map[int]int{1: 0, 100: 50, 1 << 30: 150}[pending]; pendingArticles != want {
		t.Errorf("%d articles pending with the mark at %d", pendingArticles, pending)
	}
	keys := []group.Key{1, 3, 5, 7, 9}
	for _, w := range []struct{ from, to int64 }{
		{start, start + 100*day},
		{start + 20*day, start + 48*day},
		{start + 60*day, start + 61*day},
		{start - 10*day, start},
	} {
		got, err := s.Grouping().Postings(ctx, keys, w.from, w.to, 16)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			var want []group.Posting
			for _, f := range all {
				if f.key == int64(k) && f.pub >= w.from && f.pub <= w.to {
					want = append(want, group.Posting{Published: f.pub, Article: f.id})
				}
			}
			slices.SortFunc(want, func(a, b group.Posting) int {
				return cmp.Or(cmp.Compare(b.Published, a.Published), cmp.Compare(b.Article, a.Article))
			})
			want = want[:min(len(want), 16)]
			if !slices.Equal(got[k], want) {
				t.Errorf("key %d, days %d to %d: %v, want %v", k, (w.from-start)/day, (w.to-start)/day, got[k], want)
			}
		}
	}
}

// A library filed before migration 025 has its fresh postings moved into
// the posting lists when it opens, where they read back as before.
func TestMigrationMovesFreshPostings(t *testing.T) {
	s := openTest(t)
	s = reopenAfter(t, s,
		`DELETE FROM schema_migrations WHERE version = 25`,
		`INSERT INTO group_fresh VALUES (3, 1900000000, 1), (3, 1900000100, 2), (5, 1900000000, 3)`,
		`INSERT INTO group_fresh_count VALUES (0, 3)`,
		`UPDATE group_stats SET fresh = 3`,
	)
	var fresh, counts, counted int
	s.db.QueryRow(`SELECT count(*) FROM group_fresh`).Scan(&fresh)
	s.db.QueryRow(`SELECT count(*) FROM group_fresh_count`).Scan(&counts)
	s.db.QueryRow(`SELECT fresh FROM group_stats`).Scan(&counted)
	if fresh+counts+counted != 0 {
		t.Errorf("after the migration %d fresh postings, %d counts, %d counted; want none", fresh, counts, counted)
	}
	got, err := s.Grouping().Postings(context.Background(), []group.Key{3, 5}, 1899999000, 1900001000, 16)
	if err != nil {
		t.Fatal(err)
	}
	want := map[group.Key][]group.Posting{
		3: {{Published: 1900000100, Article: 2}, {Published: 1900000000, Article: 1}},
		5: {{Published: 1900000000, Article: 3}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("postings %v, want %v", got, want)
	}
}

// reopenAfter runs statements on the library s (putting it back as an
// older Parallax left it), closes it and opens it again, closed at the
// end of the test.
func reopenAfter(t *testing.T, s *Store, statements ...string) *Store {
	t.Helper()
	for _, q := range statements {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	s.Close()
	s, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
