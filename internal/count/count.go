// Package count writes counts and short durations as the app's English
// messages show them, in the window and on the command line alike.
package count

import (
	"strconv"
	"strings"
	"time"
)

// Grouped writes n with its thousands grouped by commas: 24,829.
func Grouped(n int) string {
	s := strconv.Itoa(n)
	digits := strings.TrimPrefix(s, "-")
	if len(digits) <= 3 {
		return s
	}
	var b strings.Builder
	if len(s) > len(digits) {
		b.WriteByte('-')
	}
	head := len(digits) % 3
	if head == 0 {
		head = 3
	}
	b.WriteString(digits[:head])
	for i := head; i < len(digits); i += 3 {
		b.WriteByte(',')
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// Elapsed writes a duration a person waited for, to two significant
// figures or so: "40ms", "0.35s", "5.7s", "1m3s". Rounding to a fixed
// tenth of a second would show a quick piece of work as "0s".
func Elapsed(d time.Duration) string {
	switch {
	case d < time.Second:
		if d < 100*time.Millisecond {
			return d.Round(time.Millisecond).String()
		}
		return d.Round(10 * time.Millisecond).String()
	case d < time.Minute:
		return d.Round(100 * time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}
