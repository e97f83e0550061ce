//go:build race

package compare

// raceEnabled is set under the race detector, which slows the long-document
// tests tenfold; they skip there and run in the plain pass of make test.
const raceEnabled = true
