package ui

import (
	"os"
	"testing"
	"time"
)

// measureOpen opens story id and waits until the compare view has its rows
// laid out and measured.
func measureOpen(mw *mainWindow, id int64) (time.Duration, error) {
	start := time.Now()
	mw.openStory(id)
	mw.jobs.wait()
	mw.showTab("Compare")
	mw.compare.measureRows()
	return time.Since(start), nil
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
