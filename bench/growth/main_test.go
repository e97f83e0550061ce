package main

import (
	"math"
	"strings"
	"testing"
)

func TestGrowthExponents(t *testing.T) {
	in := `goos: linux
BenchmarkCompareVersions/2x800-2         	       3	   4000000 ns/op	 1500000 B/op
BenchmarkCompareVersions/4x800-2         	       3	   8000000 ns/op	 3400000 B/op
BenchmarkCompareVersions/8x800-2         	       3	  32000000 ns/op	 3400000 B/op
BenchmarkCompareWords/2x1000-2           	       3	   1000000 ns/op
BenchmarkCompareWords/2x10000-2          	       3	  10000000 ns/op
BenchmarkFlat-2                          	     100	     10000 ns/op
PASS
`
	var out strings.Builder
	fams, err := read(strings.NewReader(in), &out)
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != in {
		t.Errorf("input not copied whole:\n%s", out.String())
	}
	if len(fams) != 2 {
		t.Fatalf("%d families, want 2 (the lone benchmark has no sizes)", len(fams))
	}
	var rep strings.Builder
	report(&rep, fams)
	got := rep.String()
	for sub, want := range map[string]string{"2x800": "—", "4x800": "1.00", "8x800": "2.00", "2x1000": "—", "2x10000": "1.00"} {
		if k := exponentOf(got, sub); k != want {
			t.Errorf("%s: k = %q, want %q:\n%s", sub, k, want, got)
		}
	}
}

// exponentOf is the last field of the report line for sub-benchmark sub.
func exponentOf(report, sub string) string {
	for _, line := range strings.Split(report, "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && f[1] == sub {
			return f[len(f)-1]
		}
	}
	return ""
}

func TestVaryingNeedsOneChangingSize(t *testing.T) {
	ps := []point{{sizes: []float64{2, 800}}, {sizes: []float64{5, 1000}}}
	if i := varying(ps); i != -1 {
		t.Errorf("two sizes change, varying = %d, want -1", i)
	}
	if !math.IsNaN(exponent(0, 1, 10, 2)) {
		t.Error("exponent from size 0 should be undefined")
	}
}
