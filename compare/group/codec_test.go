package group

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

func TestFeaturesRoundTrip(t *testing.T) {
	for _, d := range genCorpus(9, 2, 3) {
		f := Extract(d.Title, d.Text, d.Published)
		f.Published = f.Published.Truncate(time.Second).UTC() // stored to the second
		b, err := f.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var g Features
		if err := g.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(f, g) {
			t.Fatalf("round trip changed features:\n%+v\n%+v", f, g)
		}
	}
}

func FuzzFeaturesDecode(f *testing.F) {
	good := Extract("Quake hits Varnhaven", "A quake hit Varnhaven on Monday, said Ivo Tamberg.", genCorpus(1, 1, 0)[0].Published)
	b, _ := good.MarshalBinary()
	f.Add(b)
	f.Add([]byte{})
	f.Add([]byte{1, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		var g Features
		err := g.UnmarshalBinary(data)
		if err != nil {
			if !errors.Is(err, ErrBadFeatures) {
				t.Fatalf("error %v does not wrap ErrBadFeatures", err)
			}
			return
		}
		// Whatever decodes must encode back to the same bytes.
		again, _ := g.MarshalBinary()
		var h Features
		if err := h.UnmarshalBinary(again); err != nil || !reflect.DeepEqual(g, h) {
			t.Fatalf("re-encoding differs: %v", err)
		}
	})
}
