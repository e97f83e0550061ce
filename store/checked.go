package store

import (
	"fmt"
	"os"
	"time"
)

// The quick check at open reads every page of the library (up to
// quickCheckBudget), which would make every command and every start as
// slow as that. It is skipped when the file is exactly as a Store left it
// at a clean close: Close stamps the file's modification time with a
// value of its own, older than the moment (so that any later write, by
// anything, sets a different one, however coarse the file system's
// clock), and records it with the size in the "-checked" file beside the
// library. A crash leaves a write-ahead log with content, any other
// change leaves another time or size: both run the check.

// checkedStampAge is how far back Close sets the modification time.
const checkedStampAge = 2 * time.Second

func checkedPath(path string) string { return path + "-checked" }

// cleanSinceClose reports whether the library file is as the last clean
// Close left it.
func cleanSinceClose(path string) bool {
	if hasLog(path) {
		return false
	}
	st, err := os.Stat(path)
	if err != nil {
		return false
	}
	b, err := os.ReadFile(checkedPath(path))
	if err != nil {
		return false
	}
	return string(b) == checkedStamp(st.Size(), st.ModTime())
}

func checkedStamp(size int64, mod time.Time) string {
	return fmt.Sprintf("parallax checked %d %d\n", size, mod.UnixNano())
}

// markClean stamps the closed library file; errors only mean the next
// open runs the check.
func markClean(path string) {
	if hasLog(path) {
		return // another process has it open, or the log was kept
	}
	if _, err := os.Stat(path); err != nil {
		return
	}
	stamp := time.Now().Add(-checkedStampAge).Truncate(time.Millisecond)
	if err := os.Chtimes(path, time.Time{}, stamp); err != nil {
		return
	}
	st, err := os.Stat(path)
	if err != nil || !st.ModTime().Equal(stamp) {
		return
	}
	os.WriteFile(checkedPath(path), []byte(checkedStamp(st.Size(), stamp)), 0o644)
}
