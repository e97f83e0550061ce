package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare/group"
)

// A library whose filings wait in pending batches reads, places and
// counts exactly as one whose filings were written into the grouping's
// tables at once: the same batches of generated articles, placed by
// group.Place against each library in turn, go to the same stories, and
// every key's frequency, recent postings and posting lists read the same
// after each batch, whether all of them are pending, some, or none.
func TestPendingFilingsReadAsWritten(t *testing.T) {
	ctx := context.Background()
	written, pending := openTest(t), openTest(t)
	defer func(n int) { pendingMerge = n }(pendingMerge)
	rng := rand.New(rand.NewPCG(7, 11))
	words := make([]string, 60)
	for i := range words {
		words[i] = fmt.Sprintf("w%cr%cd", 'a'+rune(i%26), 'a'+rune(i/26))
	}
	names := []string{"Orla Vantis", "Pell Harrow", "Quin Dessaly", "Rue Ambrel", "Sorn Taviel", "Tam Ostrow"}
	start := time.Date(2031, 4, 1, 8, 0, 0, 0, time.UTC)
	var keys []group.Key
	seenKey := map[group.Key]bool{}
	var newest time.Time
	for b := range 8 {
		var arts [2][]*parallax.Article
		for i := range 7 {
			n := b*7 + i
			event := n / 3 // three versions of each event
			var text string
			for w := range 40 {
				text += words[(event*7+w*w+rng.IntN(3))%len(words)] + " "
			}
			text += names[event%len(names)] + " said. " + names[(event+1)%len(names)] + " agreed."
			pub := start.Add(time.Duration(event)*6*time.Hour + time.Duration(i%3)*time.Minute)
			if n%10 == 9 {
				pub = start.Add(time.Duration(event-6) * 6 * time.Hour) // late
			}
			if n%13 == 12 {
				pub = time.Time{} // undated
			}
			if pub.After(newest) {
				newest = pub
			}
			for v := range arts {
				arts[v] = append(arts[v], groupArticle(fmt.Sprintf("Event %d: %s", event, words[event%len(words)]), text, pub))
			}
		}
		var placed [2]group.Placement
		for v, s := range []*Store{written, pending} {
			pendingMerge = []int{1, 19}[v] // pending: written every third batch or so
			docs := make([]group.Doc, len(arts[v]))
			for i, a := range arts[v] {
				docs[i] = group.Doc{Title: a.Title, Text: a.Text, Published: a.Published}
			}
			p, err := group.Place(ctx, s.Grouping(), docs, group.Options{})
			if err != nil {
				t.Fatal(err)
			}
			placed[v] = p
			errs, err := s.AddArticles(ctx, arts[v], AddOptions{Grouped: true, Targets: p.Targets, Features: p.Features, Filings: p.Filings})
			if err != nil {
				t.Fatal(err)
			}
			for i, err := range errs {
				if err != nil {
					t.Fatalf("batch %d, article %d: %v", b, i, err)
				}
			}
		}
		if !reflect.DeepEqual(placed[0].Targets, placed[1].Targets) {
			t.Errorf("batch %d placed %v against the written library, %v against the pending one", b, placed[0].Targets, placed[1].Targets)
		}
		for i := range arts[0] {
			if arts[0][i].StoryID != arts[1][i].StoryID {
				t.Errorf("batch %d, article %d: story %d written, %d pending", b, i, arts[0][i].StoryID, arts[1][i].StoryID)
			}
		}
		for _, fl := range placed[0].Filings {
			for _, k := range fl.Counted {
				if !seenKey[k] {
					seenKey[k] = true
					keys = append(keys, k)
				}
			}
		}
		keys = append(keys, 12345) // a key nothing is filed under
		sameReads(t, b, written, pending, keys, start, newest)
	}
	if n, _ := pendingCounts(t, pending); n == 0 {
		t.Error("nothing pending at the end: the test did not read pending batches")
	}
	if n, _ := pendingCounts(t, written); n != 0 {
		t.Errorf("%d articles pending with the mark at 1", n)
	}
	// Written out on their own (as an import does as it starts), while
	// another reader reads the frequencies again and again: each read
	// sees the batches once, pending or written, never twice or not at
	// all.
	want, _, err := written.Grouping().Frequencies(ctx, keys)
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	bad := make(chan string, 1)
	var reads atomic.Int64
	go func() {
		defer close(bad)
		for {
			select {
			case <-stop:
				return
			default:
			}
			got, _, err := pending.Grouping().Frequencies(ctx, keys)
			if err != nil || !reflect.DeepEqual(got, want) {
				bad <- fmt.Sprintf("read %d beside the writing out: %v (%v), want %v", reads.Load(), got, err, want)
				return
			}
			reads.Add(1)
		}
	}()
	// At least one read before the writing out and one after it, however
	// slowly the reader runs.
	waitReads := func(n int64) {
		for deadline := time.Now().Add(10 * time.Second); reads.Load() < n && time.Now().Before(deadline); {
			time.Sleep(time.Millisecond)
		}
	}
	waitReads(1)
	if err := pending.WritePendingFilings(ctx); err != nil {
		t.Fatal(err)
	}
	waitReads(reads.Load() + 1)
	close(stop)
	if msg, ok := <-bad; ok {
		t.Error(msg)
	}
	if reads.Load() < 2 {
		t.Errorf("%d reads beside the writing out", reads.Load())
	}
	if n, _ := pendingCounts(t, pending); n != 0 {
		t.Errorf("%d articles pending after writing them out", n)
	}
	sameReads(t, 8, written, pending, keys, start, newest)
}

func sameReads(t *testing.T, batch int, a, b *Store, keys []group.Key, start, newest time.Time) {
	t.Helper()
	ctx := context.Background()
	dfA, nA, errA := a.Grouping().Frequencies(ctx, keys)
	dfB, nB, errB := b.Grouping().Frequencies(ctx, keys)
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if nA != nB || !reflect.DeepEqual(dfA, dfB) {
		t.Errorf("batch %d: frequencies differ: %d articles, %v written; %d, %v pending", batch, nA, dfA, nB, dfB)
	}
	recA, errA := a.Grouping().Recent(ctx, keys)
	recB, errB := b.Grouping().Recent(ctx, keys)
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	for _, k := range keys {
		ra, rb := recA[k], recB[k]
		if !slices.Equal(ra.Dated, rb.Dated) || !slices.Equal(ra.Undated, rb.Undated) {
			t.Errorf("batch %d, key %d: recent postings %v written, %v pending", batch, k, ra, rb)
		}
	}
	for _, w := range [][2]time.Time{{start.Add(-48 * time.Hour), newest}, {start.Add(12 * time.Hour), start.Add(40 * time.Hour)}} {
		pa, errA := a.Grouping().Postings(ctx, keys, w[0].Unix(), w[1].Unix(), 4)
		pb, errB := b.Grouping().Postings(ctx, keys, w[0].Unix(), w[1].Unix(), 4)
		if errA != nil || errB != nil {
			t.Fatal(errA, errB)
		}
		for _, k := range keys {
			if !slices.Equal(pa[k], pb[k]) {
				t.Errorf("batch %d, key %d, %s to %s: postings %v written, %v pending", batch, k, w[0], w[1], pa[k], pb[k])
			}
		}
	}
}

// A pending batch holds, for each key, the document frequency its
// articles add and the postings they file, and reads back as written;
// damaged bytes are refused, never read as filings.
func TestPendingEncoding(t *testing.T) {
	arts := []filedArticle{
		{id: 5, fl: group.Filing{Published: 1_900_000_000, Counted: []group.Key{9, -3, 7, 11}, Posted: []group.Key{9, 7, 11}}},
		{id: 3, fl: group.Filing{Counted: []group.Key{1, 9}, Posted: []group.Key{42, 9}}}, // undated; ids need not rise
		{id: 900, fl: group.Filing{Published: -5}},
	}
	b, err := decodePending(encodePending(arts))
	if err != nil {
		t.Fatal(err)
	}
	v := pendingView{[]*pendingBatch{b}}
	for k, want := range map[group.Key]int{9: 2, -3: 1, 7: 1, 11: 1, 1: 1, 42: 0, 8: 0} {
		if got := v.df(k); got != want {
			t.Errorf("key %d counted %d times, want %d", k, got, want)
		}
	}
	for k, want := range map[group.Key][]group.Posting{
		9:  {{Published: 1_900_000_000, Article: 5}, {Article: 3}},
		42: {{Article: 3}},
		-3: nil,
	} {
		var got []group.Posting
		v.postings(k, func(p group.Posting) { got = append(got, p) })
		if !slices.Equal(got, want) {
			t.Errorf("key %d: postings %v, want %v", k, got, want)
		}
	}
	if b.articles != 3 {
		t.Errorf("%d articles, want 3", b.articles)
	}
	data := encodePending(arts)
	for cut := range len(data) {
		if _, err := decodePending(data[:cut]); err == nil {
			t.Errorf("the first %d of %d bytes read as filings", cut, len(data))
		}
	}
	if _, err := decodePending(append(slices.Clone(data), 0)); err == nil {
		t.Error("a trailing byte read as filings")
	}
}

func FuzzDecodePending(f *testing.F) {
	f.Add(encodePending([]filedArticle{{id: 1, fl: group.Filing{Published: 7, Counted: []group.Key{3, 5}, Posted: []group.Key{5, 8}}}}))
	f.Add([]byte{pendingVersion, 1, 2, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 1, 14, 2, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := decodePending(data)
		if err != nil {
			return
		}
		again, err := decodePending(b.encode())
		if err != nil || !reflect.DeepEqual(again, b) {
			t.Fatalf("%+v read back as %+v (%v)", b, again, err)
		}
		v := pendingView{[]*pendingBatch{b}}
		for i, k := range b.keys {
			if v.df(k) != int(b.df[i]) {
				t.Fatalf("key %d not found", k)
			}
		}
	})
}

// A pending batch that does not read (damaged) is left out by readers and
// dropped by the writing out, never an error: grouping goes on with what
// reads, as with a recent row that does not read.
func TestDamagedPendingBatchIsLeftOut(t *testing.T) {
	fileWhenPending(t, 1<<30)
	ctx := context.Background()
	s := openTest(t)
	pub := time.Date(2031, 6, 1, 9, 0, 0, 0, time.UTC)
	addFiled(t, s, groupArticle("Dam opens", "The Ossel dam opened on Monday.", pub), group.Filing{Posted: []group.Key{3}, Counted: []group.Key{3, 5}, Published: pub.Unix()})
	if _, err := s.db.Exec(`INSERT INTO group_pending (articles, data) VALUES (1, x'01ff'), (2, x'')`); err != nil {
		t.Fatal(err)
	}
	addFiled(t, s, groupArticle("Dam closes", "The Ossel dam closed again on Friday.", pub.Add(96*time.Hour)), group.Filing{Posted: []group.Key{3}, Counted: []group.Key{3}, Published: pub.Add(96 * time.Hour).Unix()})
	df, _, err := s.Grouping().Frequencies(ctx, []group.Key{3, 5})
	if err != nil || df[3] != 2 || df[5] != 1 {
		t.Fatalf("frequencies %v (%v), want 3: 2 and 5: 1 from the batches that read", df, err)
	}
	rec, err := s.Grouping().Recent(ctx, []group.Key{3})
	if err != nil || len(rec[3].Dated) != 2 {
		t.Fatalf("recent postings %v (%v), want the two that read", rec[3], err)
	}
	if err := s.WritePendingFilings(ctx); err != nil {
		t.Fatal(err)
	}
	var rows int
	s.db.QueryRow(`SELECT count(*) FROM group_pending`).Scan(&rows)
	if rows != 0 {
		t.Errorf("%d pending rows after writing them out", rows)
	}
	df, _, err = s.Grouping().Frequencies(ctx, []group.Key{3, 5})
	if err != nil || df[3] != 2 || df[5] != 1 {
		t.Errorf("frequencies after writing out %v (%v), want 3: 2 and 5: 1", df, err)
	}
}
