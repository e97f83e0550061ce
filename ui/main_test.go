package ui

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	// Hand-backs run on the test goroutine in jobRunner.wait, as they run
	// on the UI goroutine in the app.
	queueHandBacks = true
	os.Exit(m.Run())
}
