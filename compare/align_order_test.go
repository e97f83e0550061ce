package compare

import (
	"math/rand/v2"
	"testing"
)

// TestPosSet checks prev and next against a plain scan on random sets.
func TestPosSet(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 5, 64, 65, 4096, 5000, 9000} {
		s := newPosSet(n)
		member := make([]bool, n)
		for range n / 7 {
			p := r.IntN(n)
			s.add(p)
			member[p] = true
		}
		for p := -1; p <= n; p++ {
			wantPrev, wantNext := -1, -1
			for q := min(p-1, n-1); q >= 0; q-- {
				if member[q] {
					wantPrev = q
					break
				}
			}
			for q := max(p+1, 0); q < n; q++ {
				if member[q] {
					wantNext = q
					break
				}
			}
			if got := s.prev(p); p <= n-1 && p >= 0 && got != wantPrev {
				t.Fatalf("n=%d prev(%d) = %d, want %d", n, p, got, wantPrev)
			}
			if got := s.next(p); p >= -1 && p < n && got != wantNext {
				t.Fatalf("n=%d next(%d) = %d, want %d", n, p, got, wantNext)
			}
		}
	}
}
