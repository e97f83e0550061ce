//go:build race

package ui

// raceEnabled is set when the tests run under the race detector, which
// slows the app down too much for timing assertions.
const raceEnabled = true
