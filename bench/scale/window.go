package main

import (
	"bufio"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"
)

// windowSettle is how long the window is watched after its first story is
// shown and its list complete: the background flag count and the library
// watch run then, and the peak memory figure includes them.
const windowSettle = 10 * time.Second

// measureWindow starts the window on a copy of lib in a virtual X server
// (Xvfb) and prints, for each start-up step the window reports
// (PARALLAX_STARTUP_TRACE, see ui/startup_trace.go: window painted and
// started, stories listed (the newest page), story shown and painted,
// story list complete), the wall time since the start and the process's
// CPU time then; and its peak resident memory when the first story is
// shown (the list, when the library is empty) and windowSettle after the
// rest. Without Xvfb it says so and prints nothing else.
//
// It then starts the window once more on a copy left as after a crash
// (its modification time changed since its last clean close, so its
// integrity check is due) and prints the same steps under "window,
// unclean: …", without the memory figures.
func measureWindow(label, bin, lib, work string, empty bool) error {
	steps, err := runWindow(label, bin, lib, work, empty, false)
	for _, st := range steps {
		record("window: "+st.name, st.wall)
		record("  CPU: window: "+st.name, st.cpu)
	}
	if err != nil {
		return err
	}
	steps, err = runWindow(label, bin, lib, work, empty, true)
	for _, st := range steps {
		record("window, unclean: "+st.name, st.wall)
	}
	return err
}

// windowStep is when the window reported a start-up step: the wall time
// since it was started, and its CPU time then.
type windowStep struct {
	name      string
	wall, cpu time.Duration
}

// runWindow is measureWindow without the growth table, for one start
// (unclean: on a copy left as after a crash): it returns the steps it
// printed.
func runWindow(label, bin, lib, work string, empty, unclean bool) ([]windowStep, error) {
	var out []windowStep
	if _, err := exec.LookPath("Xvfb"); err != nil {
		fmt.Printf("%-8s %-34s %10s\n", label, "window: Xvfb not installed", "skipped")
		return nil, nil
	}
	// A fresh copy: nothing compared or cached yet, as after an import.
	db := work + "/window.db"
	if err := copyDB(lib, db); err != nil {
		return nil, err
	}
	// Opened and closed once, as a library is before most starts: its
	// schema is current and the check at open is stamped as done.
	if _, err := timed(exec.Command(bin, "search", "--db", db, "qqqq"), ""); err != nil {
		return nil, err
	}
	prefix := "window: "
	if unclean {
		// As after a crash or a copy: the file no longer matches the
		// stamp of its clean close.
		now := time.Now()
		if err := os.Chtimes(db, now, now); err != nil {
			return nil, err
		}
		prefix = "window, unclean: "
	}
	display := fmt.Sprintf(":%d", 600+rand.IntN(300))
	xvfb := exec.Command("Xvfb", display, "-screen", "0", "1440x900x24", "-nolisten", "tcp")
	if err := xvfb.Start(); err != nil {
		return out, fmt.Errorf("starting Xvfb: %w", err)
	}
	defer func() { xvfb.Process.Kill(); xvfb.Wait() }()
	time.Sleep(time.Second) // the server takes its display

	app := exec.Command(bin, "--db", db)
	app.Env = append(os.Environ(), "DISPLAY="+display, "PARALLAX_STARTUP_TRACE=1",
		"XDG_CONFIG_HOME="+work+"/config") // no remembered story or window size
	stderr, err := app.StderrPipe()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	if err := app.Start(); err != nil {
		return nil, err
	}
	defer func() { app.Process.Kill(); app.Wait() }()
	pid := app.Process.Pid
	steps := make(chan string)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if step, ok := strings.CutPrefix(sc.Text(), "parallax startup: "); ok {
				steps <- step
			}
		}
		close(steps)
	}()
	// The first story shown (the list, when the library is empty) and
	// painted, and the whole list read, in any order. A window older than
	// the painted and complete steps is given 30 s for them.
	shown, painted := "story shown", "story painted"
	if empty {
		shown, painted = "stories listed", "window painted"
	}
	waiting := map[string]bool{shown: true, painted: true, "story list complete": true}
	deadline := time.After(2 * time.Minute)
	var lateDeadline <-chan time.Time
	for len(waiting) > 0 {
		select {
		case <-lateDeadline:
			for _, step := range slices.Sorted(maps.Keys(waiting)) {
				fmt.Printf("%-8s %-34s %10s\n", label, prefix+step, "not reported")
			}
			clear(waiting)
		case step, ok := <-steps:
			if !ok {
				return out, fmt.Errorf("the window exited before it reported %q", slices.Sorted(maps.Keys(waiting)))
			}
			wall := time.Since(start)
			cpu := processCPU(pid)
			fmt.Printf("%-8s %-34s %10s %10s\n", label, prefix+step, wall.Round(10*time.Millisecond), "cpu "+cpu.Round(10*time.Millisecond).String())
			out = append(out, windowStep{step, wall, cpu})
			if step == shown {
				lateDeadline = time.After(30 * time.Second)
				if !unclean {
					fmt.Printf("%-8s %-34s %10s\n", label, "window: peak memory so far", processMemory(pid, "VmHWM"))
				}
			}
			delete(waiting, step)
		case <-deadline:
			return out, fmt.Errorf("the window did not report %q within 2 minutes", slices.Sorted(maps.Keys(waiting)))
		}
	}
	if unclean {
		return out, nil
	}
	time.Sleep(windowSettle)
	fmt.Printf("%-8s %-34s %10s %10s\n", label, fmt.Sprintf("window: peak memory after %v", windowSettle),
		processMemory(pid, "VmHWM"), "cpu "+processCPU(pid).Round(10*time.Millisecond).String())
	return out, nil
}

// processCPU is the user and system time a process has used, from
// /proc (0 when it cannot be read).
func processCPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The fields after the command name, which may hold spaces.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	const ticksPerSecond = 100 // USER_HZ on Linux
	return time.Duration(utime+stime) * time.Second / ticksPerSecond
}

// processMemory reads one memory line (VmHWM, VmRSS) of a process's
// /proc status, as "123 MB".
func processMemory(pid int, field string) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			if err != nil {
				return "unknown"
			}
			return fmt.Sprintf("%d MB", kb/1024)
		}
	}
	return "unknown"
}

// measureWindowOnly takes only the window's figures at library size n,
// runs times (-window), and records their medians for the growth table:
// for working on the start-up without the imports' minutes.
func measureWindowOnly(n, runs int, bin, cache, work string) error {
	lib, err := baseLibrary(cache, n)
	if err != nil {
		return err
	}
	if lib, err = migratedLibrary(lib); err != nil {
		return err
	}
	label := fmt.Sprintf("%dk", n/1000)
	walls, cpus := map[string][]time.Duration{}, map[string][]time.Duration{}
	var order []string
	for range runs {
		steps, err := runWindow(label, bin, lib, work, n == 0, false)
		if err != nil {
			return err
		}
		for _, st := range steps {
			if walls[st.name] == nil {
				order = append(order, st.name)
			}
			walls[st.name] = append(walls[st.name], st.wall)
			cpus[st.name] = append(cpus[st.name], st.cpu)
		}
		fmt.Printf("%-8s %-34s %10s\n", label, "machine load", loadAvg())
	}
	for _, name := range order {
		record("window: "+name, median(walls[name]))
		record("  CPU: window: "+name, median(cpus[name]))
	}
	return nil
}
