package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWindowUnderXvfb starts the real binary in a virtual X server on the
// demo library and checks that a window titled Parallax appears and draws
// something more than a blank fill.
func TestWindowUnderXvfb(t *testing.T) {
	if testing.Short() {
		t.Skip("starts an X server; skipped with -short")
	}
	for _, tool := range []string{"Xvfb", "xwininfo", "xwd"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is missing: `make test` installs it", tool)
			}
			t.Skipf("%s is not installed (make test installs it)", tool)
		}
	}
	bin, err := cliBinary()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "library.db")
	if out, err := exec.Command(bin, "demo", "--db", db).CombinedOutput(); err != nil {
		t.Fatalf("loading the demo library: %v\n%s", err, out)
	}

	display := fmt.Sprintf(":%d", 300+rand.IntN(400))
	xvfb := exec.Command("Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	if err := xvfb.Start(); err != nil {
		t.Fatalf("starting Xvfb: %v", err)
	}
	t.Cleanup(func() { xvfb.Process.Kill(); xvfb.Wait() })
	waitFor(t, 10*time.Second, "the X server", func() bool {
		return exec.Command("xwininfo", "-display", display, "-root").Run() == nil
	})

	app := exec.Command(bin)
	app.Env = append(os.Environ(), "DISPLAY="+display, "PARALLAX_DB="+db)
	var logs bytes.Buffer
	app.Stdout, app.Stderr = &logs, &logs
	started := time.Now()
	if err := app.Start(); err != nil {
		t.Fatalf("starting parallax: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	t.Cleanup(func() { app.Process.Kill(); <-exited })

	waitFor(t, 30*time.Second, "a window titled Parallax", func() bool {
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("parallax exited early (%v):\n%s", err, logs.String())
		default:
		}
		out, _ := exec.Command("xwininfo", "-display", display, "-root", "-tree").Output()
		return bytes.Contains(out, []byte(`"Parallax"`))
	})
	mapped := time.Since(started)
	// Give the first frames time to render, then count the colours on screen.
	var colours int
	waitFor(t, 20*time.Second, "the window to draw", func() bool {
		shot, err := exec.Command("xwd", "-display", display, "-root", "-silent").Output()
		if err != nil {
			return false
		}
		colours = distinctPixels(shot)
		return colours >= 8
	})
	select {
	case err := <-exited:
		t.Fatalf("parallax exited (%v):\n%s", err, logs.String())
	default:
	}
	t.Logf("window up after %v and drawing (%d distinct colours); resident memory %s",
		mapped.Round(10*time.Millisecond), colours, residentMemory(app.Process.Pid))
}

// distinctPixels counts the distinct 32-bit pixels of an XWD dump (a blank
// screen has one).
func distinctPixels(xwd []byte) int {
	if len(xwd) < 100 {
		return 0
	}
	header := binary.BigEndian.Uint32(xwd[0:4])
	ncolors := binary.BigEndian.Uint32(xwd[76:80])
	off := int(header) + int(ncolors)*12
	if off >= len(xwd) {
		return 0
	}
	seen := map[uint32]struct{}{}
	data := xwd[off:]
	for i := 0; i+4 <= len(data) && len(seen) < 1000; i += 4 * 7 {
		seen[binary.LittleEndian.Uint32(data[i:])] = struct{}{}
	}
	return len(seen)
}

func waitFor(t *testing.T, limit time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if ok() {
			return
		}
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("timed out after %v waiting for %s", limit, what)
}

// residentMemory reads a process's resident set size from /proc.
func residentMemory(pid int) string {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmRSS:"))
		}
	}
	return "unknown"
}
