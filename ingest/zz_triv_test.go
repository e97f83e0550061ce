package ingest

import "testing"

func FuzzZZTrivial(f *testing.F) {
	f.Add("abc")
	f.Fuzz(func(t *testing.T, in string) { _ = words(in) })
}
