// Command growth reads `go test -bench` output on standard input, copies it
// to standard output, and then prints the growth exponent of every
// benchmark family whose sub-benchmarks differ in one size: k in
// time ∝ size^k between neighbouring sizes (k = 1 is linear, 2 quadratic).
//
//	go test -run '^$' -bench 'CompareVersions|CompareWords' ./compare | go run ./bench/growth
//
// A sub-benchmark's sizes are the numbers in its name ("5x800" is 5 and
// 800); the one number that changes across the family is its size.
package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
)

func main() {
	fams, err := read(os.Stdin, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "growth:", err)
		os.Exit(1)
	}
	report(os.Stdout, fams)
}

// point is one sub-benchmark: its sizes and its time per operation.
type point struct {
	name  string
	sizes []float64
	ns    float64
}

type family struct {
	name   string
	points []point
}

var (
	benchLine = regexp.MustCompile(`^(Benchmark[^/\s]+)/(\S+?)(?:-\d+)?\s+\d+\s+([0-9.]+) ns/op`)
	number    = regexp.MustCompile(`[0-9]+(?:\.[0-9]+)?`)
)

// read copies in to out and collects the sub-benchmarks, in order.
func read(in io.Reader, out io.Writer) ([]*family, error) {
	var fams []*family
	byName := map[string]*family{}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		fmt.Fprintln(out, line)
		m := benchLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		ns, err := strconv.ParseFloat(m[3], 64)
		if err != nil {
			continue
		}
		var sizes []float64
		for _, s := range number.FindAllString(m[2], -1) {
			v, _ := strconv.ParseFloat(s, 64)
			sizes = append(sizes, v)
		}
		f := byName[m[1]]
		if f == nil {
			f = &family{name: m[1]}
			byName[m[1]] = f
			fams = append(fams, f)
		}
		f.points = append(f.points, point{name: m[2], sizes: sizes, ns: ns})
	}
	return fams, sc.Err()
}

// varying is the index of the one size that changes across ps, or -1.
func varying(ps []point) int {
	if len(ps) < 2 {
		return -1
	}
	n := len(ps[0].sizes)
	found := -1
	for i := range n {
		for _, p := range ps[1:] {
			if len(p.sizes) != n {
				return -1
			}
			if p.sizes[i] != ps[0].sizes[i] {
				if found >= 0 && found != i {
					return -1
				}
				found = i
			}
		}
	}
	return found
}

// exponent is k in t ∝ size^k between two points; NaN when undefined.
func exponent(s1, t1, s2, t2 float64) float64 {
	if s1 <= 0 || s2 <= 0 || t1 <= 0 || t2 <= 0 || s1 == s2 {
		return math.NaN()
	}
	return math.Log(t2/t1) / math.Log(s2/s1)
}

func report(out io.Writer, fams []*family) {
	printed := false
	for _, f := range fams {
		i := varying(f.points)
		if i < 0 {
			continue
		}
		if !printed {
			fmt.Fprintln(out, "\ngrowth: k in time ∝ size^k between neighbouring sizes")
			printed = true
		}
		for j, p := range f.points {
			k := "—"
			if j > 0 {
				q := f.points[j-1]
				if e := exponent(q.sizes[i], q.ns, p.sizes[i], p.ns); !math.IsNaN(e) {
					k = fmt.Sprintf("%.2f", e)
				}
			}
			fmt.Fprintf(out, "%-28s %-12s %14s %6s\n", f.name, p.name, duration(p.ns), k)
		}
	}
}

func duration(ns float64) string {
	switch {
	case ns >= 1e9:
		return strconv.FormatFloat(ns/1e9, 'f', 2, 64) + " s"
	case ns >= 1e6:
		return strconv.FormatFloat(ns/1e6, 'f', 1, 64) + " ms"
	case ns >= 1e3:
		return strconv.FormatFloat(ns/1e3, 'f', 1, 64) + " µs"
	}
	return strings.TrimSuffix(strconv.FormatFloat(ns, 'f', 0, 64), ".") + " ns"
}
