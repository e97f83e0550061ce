package count

import (
	"testing"
	"time"
)

func TestGrouped(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{
		{0, "0"}, {999, "999"}, {1000, "1,000"}, {24829, "24,829"},
		{100000, "100,000"}, {1234567, "1,234,567"}, {-4500, "-4,500"}, {-999, "-999"},
	} {
		if got := Grouped(c.n); got != c.want {
			t.Errorf("Grouped(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

func TestElapsed(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"},
		{40*time.Millisecond + 300*time.Microsecond, "40ms"},
		{349 * time.Millisecond, "350ms"},
		{5740 * time.Millisecond, "5.7s"},
		{63400 * time.Millisecond, "1m3s"},
	} {
		if got := Elapsed(c.d); got != c.want {
			t.Errorf("Elapsed(%v) = %q, want %q", c.d, got, c.want)
		}
	}
}
