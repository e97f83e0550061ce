package group

import (
	"errors"
	"testing"
)

// TestSnapshotRoundTrip checks that a loaded snapshot places new articles
// exactly where the index it was taken from does, after adds, a removal
// and a move.
func TestSnapshotRoundTrip(t *testing.T) {
	docs := genCorpus(5, 40, 120)
	split := len(docs) * 3 / 4
	ix := NewIndex(Options{})
	for i, d := range docs[:split] {
		d.ID = int64(i + 1)
		ix.Add(d.Doc)
	}
	if err := ix.Remove(3); err != nil {
		t.Fatal(err)
	}
	if err := ix.Move(5, 999); err != nil {
		t.Fatal(err)
	}
	data, err := ix.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := LoadIndex(data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if loaded.Len() != ix.Len() {
		t.Fatalf("loaded %d articles, want %d", loaded.Len(), ix.Len())
	}
	if g, ok := loaded.GroupOf(5); !ok || g != 999 {
		t.Fatalf("moved article in group %d (%v), want 999", g, ok)
	}
	if _, ok := loaded.GroupOf(3); ok {
		t.Fatal("removed article came back")
	}
	for i, d := range docs[split:] {
		d.ID = int64(split + i + 1)
		want, wantOK := ix.Match(d.Doc)
		got, gotOK := loaded.Match(d.Doc)
		if want != got || wantOK != gotOK {
			t.Fatalf("article %d: loaded index matches %+v (%v), original %+v (%v)", d.ID, got, gotOK, want, wantOK)
		}
		if a, b := ix.Add(d.Doc), loaded.Add(d.Doc); a != b {
			t.Fatalf("article %d: loaded index adds to group %d, original to %d", d.ID, b, a)
		}
	}
}

func FuzzLoadIndex(f *testing.F) {
	ix := NewIndex(Options{})
	for i, d := range genCorpus(2, 3, 4) {
		d.ID = int64(i + 1)
		ix.Add(d.Doc)
	}
	good, _ := ix.MarshalBinary()
	f.Add(good)
	f.Add([]byte(snapshotMagic))
	f.Add(append([]byte(snapshotMagic), snapshotVersion, 0, 0, 1))
	f.Fuzz(func(t *testing.T, data []byte) {
		loaded, err := LoadIndex(data, Options{})
		if err != nil {
			if !errors.Is(err, ErrBadSnapshot) {
				t.Fatalf("error %v does not wrap ErrBadSnapshot", err)
			}
			return
		}
		// Whatever loads must be usable: matching and adding never panic.
		d := genCorpus(3, 1, 0)[0].Doc
		d.ID = 1 << 40
		loaded.Match(d)
		loaded.Add(d)
	})
}
