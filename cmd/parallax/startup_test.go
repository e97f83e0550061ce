package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Budgets for what package initialisation may allocate before a command
// runs, counted in allocations because time varies with the machine's
// load and allocations do not. Measured: the whole process 21,752
// (Fyne's packages and the libraries they bring nearly all of them, which
// one binary cannot avoid: Go initialises every linked package),
// Parallax's own packages 396. Before the patterns, the report template
// and the synonym table were made lazy: 29,767 and 8,414.
const (
	initAllocBudget    = 26_000
	ownInitAllocBudget = 1_000
	ownPackagePrefix   = "github.com/parallax-news/parallax"
)

// initCost is one package's line of GODEBUG=inittrace=1.
type initCost struct {
	pkg    string
	allocs int
	bytes  int
}

// TestStartupInitBudget runs a command with GODEBUG=inittrace=1 and fails
// when package initialisation allocates more than its budget, so that a
// package-level pattern, table or template that every command would pay
// for is caught (make it lazy: internal/lazyregexp, sync.OnceValue).
func TestStartupInitBudget(t *testing.T) {
	bin, err := cliBinary()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "help")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("help: %v\n%s", err, errb.String())
	}
	costs, err := parseInitTrace(errb.String())
	if err != nil {
		t.Fatal(err)
	}
	var all, own int
	for _, c := range costs {
		all += c.allocs
		if c.pkg == ownPackagePrefix || strings.HasPrefix(c.pkg, ownPackagePrefix+"/") {
			own += c.allocs
		}
	}
	t.Logf("package initialisation: %d allocations in all, %d in Parallax's packages", all, own)
	if own > ownInitAllocBudget || all > initAllocBudget {
		sort.Slice(costs, func(i, j int) bool { return costs[i].allocs > costs[j].allocs })
		var top strings.Builder
		for _, c := range costs[:min(12, len(costs))] {
			fmt.Fprintf(&top, "\n  %6d allocs %8d bytes  %s", c.allocs, c.bytes, c.pkg)
		}
		t.Errorf("initialisation allocates %d (budget %d), Parallax's packages %d (budget %d); the largest:%s",
			all, initAllocBudget, own, ownInitAllocBudget, top.String())
	}
}

// parseInitTrace reads the "init PKG @T ms, T ms clock, B bytes, N allocs"
// lines the runtime prints.
func parseInitTrace(trace string) ([]initCost, error) {
	var costs []initCost
	for _, line := range strings.Split(trace, "\n") {
		f := strings.Fields(line)
		if len(f) != 11 || f[0] != "init" || f[8] != "bytes," || f[10] != "allocs" {
			continue
		}
		b, err1 := strconv.Atoi(f[7])
		n, err2 := strconv.Atoi(f[9])
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("unreadable init trace line %q", line)
		}
		costs = append(costs, initCost{pkg: f[1], allocs: n, bytes: b})
	}
	if len(costs) < 10 {
		return nil, fmt.Errorf("no init trace in the output (%d lines read):\n%s", len(costs), trace)
	}
	return costs, nil
}

func TestParseInitTrace(t *testing.T) {
	trace := "init runtime @0.01 ms, 0.02 ms clock, 0 bytes, 0 allocs\n"
	for i := range 10 {
		trace += fmt.Sprintf("init example.com/p%d @1 ms, 0.1 ms clock, %d bytes, %d allocs\n", i, 100*i, i)
	}
	trace += "not a trace line\n"
	costs, err := parseInitTrace(trace)
	if err != nil {
		t.Fatal(err)
	}
	if len(costs) != 11 || costs[10].pkg != "example.com/p9" || costs[10].allocs != 9 || costs[10].bytes != 900 {
		t.Fatalf("parsed %+v", costs)
	}
	if _, err := parseInitTrace("usage: parallax\n"); err == nil {
		t.Fatal("output without a trace was accepted")
	}
}
