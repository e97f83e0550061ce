package ingest

import (
	"strings"
	"testing"
)

// FuzzParseSize: --max-size is a positive size, or a message naming what
// was given.
func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"20MB", "512kb", "1048576", "0", "-1MB", "9999999999GB", " 3 G ", "lots", "1e6", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseSize(s)
		if err != nil {
			if !strings.Contains(err.Error(), "not a size") {
				t.Fatalf("message %q", err)
			}
			return
		}
		if n <= 0 {
			t.Fatalf("ParseSize(%q) = %d", s, n)
		}
	})
}
