package group

import (
	"cmp"
	"context"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

func TestRecentKeepsTheNewest(t *testing.T) {
	var r Recent
	for i := range 3 * RecentPostings {
		r.Add(Posting{Published: int64(1000 + i%7), Article: int64(i + 1)}) // dates repeat
		r.Add(Posting{Article: int64(100 + i)})
	}
	r.Add(Posting{Published: 1006, Article: 7}) // filed again: no change
	if len(r.Dated) != RecentPostings || len(r.Undated) != RecentPostings {
		t.Fatalf("kept %d dated, %d undated; want %d of each", len(r.Dated), len(r.Undated), RecentPostings)
	}
	if !slices.IsSortedFunc(r.Dated, newerPosting) || r.Dated[0] != (Posting{1006, 42}) {
		t.Errorf("dated not newest first: %v", r.Dated)
	}
	if r.Undated[0] != 100+3*RecentPostings-1 || r.Undated[RecentPostings-1] != 100+2*RecentPostings {
		t.Errorf("undated: %v", r.Undated)
	}
	text, _ := r.MarshalText()
	var back Recent
	if err := back.UnmarshalText(text); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(back.Dated, r.Dated) || !slices.Equal(back.Undated, r.Undated) {
		t.Errorf("round trip through %q: %+v", text, back)
	}
	for _, bad := range []string{"x", "12:", "0:5", "1:2:3", "9999999999999999999999"} {
		if err := back.UnmarshalText([]byte(bad)); err == nil {
			t.Errorf("%q read as postings", bad)
		}
	}
}

// Candidates read from the recent postings (and the library only where
// they do not cover an arrival's window) are exactly those of reading
// every posting list whole; arrivals at the newest dates, as a feed's
// are, never read a list.
func TestCandidatesFromRecentPostings(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	ctx := context.Background()
	const day = 24 * 3600
	lateReads := 0
	for round := range 20 {
		m := newMemLibrary()
		keys := make([]Key, 12)
		for i := range keys {
			keys[i] = Key(2*i + 1)
		}
		newest := int64(0)
		for id := int64(1); id <= 400; id++ {
			pub := int64(0)
			if r.IntN(4) > 0 {
				pub = 2_000_000_000 + int64(r.IntN(120))*day + int64(r.IntN(3))*3600
				newest = max(newest, pub)
			}
			m.docs[id] = &memDoc{id: id, pub: pub}
			for _, k := range keys {
				// Key i is filed for about one article in i+1: long lists
				// and short ones.
				if r.IntN(int(k)) == 0 {
					m.postings[k] = append(m.postings[k], id)
				}
			}
		}
		for _, at := range []struct {
			name      string
			published int64
			reads     bool // may need a list read
		}{
			{"undated", 0, false},
			{"newest", newest, false},
			{"late", newest - 60*day - int64(round)*day, true},
			{"older than all", 1_000_000_000, true},
		} {
			q := candidateQuery{Keys: keys, Published: at.published, Window: 14 * day, Scan: libraryScan, Limit: libraryCandidates}
			for range keys {
				q.Weights = append(q.Weights, 1+r.Float64()*4)
			}
			q.MinWeight = 2
			recent, _ := m.Recent(ctx, keys)
			m.postingReads.Store(0)
			got, err := candidates(ctx, m, q, recent)
			if err != nil {
				t.Fatal(err)
			}
			if want := m.candidates(q); !slices.Equal(got, want) {
				t.Errorf("round %d, %s arrival: candidates %v, want %v", round, at.name, got, want)
			}
			if reads := m.postingReads.Load(); !at.reads && reads > 0 {
				t.Errorf("round %d, %s arrival read %d posting lists", round, at.name, reads)
			}
			if at.reads {
				lateReads += int(m.postingReads.Load())
			}
		}
	}
	if lateReads == 0 {
		t.Error("no late arrival read a posting list: the test does not reach the library's look-up")
	}
}

// FuzzRecentText: whatever stored text reads as postings reads as at most
// RecentPostings of each kind, newest first, and writes back to text that
// reads the same.
func FuzzRecentText(f *testing.F) {
	f.Add("1700000000:12 1700000000:9 31 30")
	f.Add("5 4 3 2 1 0")
	f.Add("-86400:3")
	f.Fuzz(func(t *testing.T, text string) {
		var r Recent
		if r.UnmarshalText([]byte(text)) != nil {
			return
		}
		if len(r.Dated) > RecentPostings || len(r.Undated) > RecentPostings ||
			!slices.IsSortedFunc(r.Dated, newerPosting) || !slices.IsSortedFunc(r.Undated, func(a, b int64) int { return cmp.Compare(b, a) }) {
			t.Fatalf("%q read as %+v", text, r)
		}
		out, _ := r.MarshalText()
		var back Recent
		if err := back.UnmarshalText(out); err != nil || !slices.Equal(back.Dated, r.Dated) || !slices.Equal(back.Undated, r.Undated) {
			t.Fatalf("%q → %q → %+v, %v", text, out, back, err)
		}
	})
}

// FuzzRecentBinary: whatever stored bytes read as postings read as at
// most RecentPostings of each kind, newest first, and write back to bytes
// that read the same; text reads as it always did.
func FuzzRecentBinary(f *testing.F) {
	for _, r := range []Recent{
		{},
		{Dated: []Posting{{1700000000, 12}, {1700000000, 9}, {-86400, 3}}, Undated: []int64{31, 30, 2}},
		{Dated: []Posting{{1700000000, 5}, {1699990000, 900}}},
	} {
		b, _ := r.MarshalBinary()
		f.Add(b)
	}
	f.Add([]byte("1700000000:12 31"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r Recent
		if r.UnmarshalStored(data) != nil {
			return
		}
		if len(r.Dated) > RecentPostings || len(r.Undated) > RecentPostings ||
			!slices.IsSortedFunc(r.Dated, newerPosting) || !slices.IsSortedFunc(r.Undated, func(a, b int64) int { return cmp.Compare(b, a) }) {
			t.Fatalf("%q read as %+v", data, r)
		}
		out, _ := r.MarshalBinary()
		var back Recent
		if err := back.UnmarshalStored(out); err != nil || !slices.Equal(back.Dated, r.Dated) || !slices.Equal(back.Undated, r.Undated) {
			t.Fatalf("%q → %q → %+v, %v", data, out, back, err)
		}
		if len(data) > 0 && data[0] != recentBinary {
			var text Recent
			if err := text.UnmarshalText(data); err != nil || !slices.Equal(text.Dated, r.Dated) || !slices.Equal(text.Undated, r.Undated) {
				t.Fatalf("%q reads as %+v stored, %+v as text (%v)", data, r, text, err)
			}
		}
	})
}

// TestWindow checks window, which returns the postings in place when they
// run together, against filtering them into a new list, on lists newest
// first (as kept) and in no order (as a damaged row might decode).
func TestWindow(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for trial := range 2000 {
		var rec Recent
		for range r.IntN(RecentPostings + 1) {
			rec.Dated = append(rec.Dated, Posting{Published: 1 + r.Int64N(40), Article: r.Int64N(1000)})
		}
		if trial%2 == 0 {
			slices.SortFunc(rec.Dated, newerPosting)
		}
		from := r.Int64N(45)
		to, limit := from+r.Int64N(20), 1+r.IntN(RecentPostings)
		var want []Posting
		for _, p := range rec.Dated {
			if len(want) == limit {
				break
			}
			if p.Published >= from && p.Published <= to {
				want = append(want, p)
			}
		}
		wantComplete := len(rec.Dated) < RecentPostings || len(want) == limit ||
			(len(rec.Dated) > 0 && from > rec.Dated[len(rec.Dated)-1].Published)
		kept := slices.Clone(rec.Dated)
		got, complete := rec.window(from, to, limit)
		if !slices.Equal(got, want) || complete != wantComplete {
			t.Fatalf("trial %d: window(%d, %d, %d) of %v = %v, %v; want %v, %v", trial, from, to, limit, rec.Dated, got, complete, want, wantComplete)
		}
		// What the caller appends to the list never lands in the recent
		// postings it may share an array with.
		_ = append(got, Posting{Published: -1, Article: -1})
		if !slices.Equal(rec.Dated, kept) {
			t.Fatalf("trial %d: appending to window's list changed the recent postings", trial)
		}
	}
}

// TestRecentBinaryAsAdded checks that reading recent postings, which takes
// lists written newest first as they are, reads any list as adding its
// postings one by one does: in order or not, with postings twice, longer
// than kept.
func TestRecentBinaryAsAdded(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	for trial := range 3000 {
		var written Recent
		for range r.IntN(RecentPostings + 4) {
			written.Dated = append(written.Dated, Posting{Published: 1 + r.Int64N(30), Article: 1 + r.Int64N(50)})
		}
		for range r.IntN(RecentPostings + 4) {
			written.Undated = append(written.Undated, 1+r.Int64N(60))
		}
		if trial%3 != 0 { // mostly as MarshalBinary is given them
			var kept Recent
			for _, p := range written.Dated {
				kept.Add(p)
			}
			for _, id := range written.Undated {
				kept.Add(Posting{Article: id})
			}
			written = kept
		}
		data, _ := written.MarshalBinary()
		var want Recent
		for _, p := range written.Dated {
			want.Add(p)
		}
		for _, id := range written.Undated {
			want.Add(Posting{Article: id})
		}
		var got Recent
		if err := got.UnmarshalBinary(data); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("trial %d: %+v read as %+v, want %+v", trial, written, got, want)
		}
	}
}
