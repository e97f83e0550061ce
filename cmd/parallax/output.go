package main

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Terminal output carries text from outside (file names, titles, article
// text, error messages naming paths). Control characters could move the
// cursor, retitle the window or split one message over lines, and
// bidirectional controls could show a name reversed, so both are escaped
// wherever such text is printed.

// isUnsafeRune reports whether r must not reach a terminal raw: C0 and C1
// controls (tab and newline included: a message is one line), DEL, and
// the bidirectional embedding, override and isolate controls.
func isUnsafeRune(r rune) bool {
	return unicode.IsControl(r) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) ||
		r == 0x200e || r == 0x200f || r == 0x061c || r == '\ufffe' || r == '\uffff'
}

// quotePath prints a path as it is when that is safe and unambiguous, and
// Go-quoted (\n, \u202e) when it holds anything unsafe.
func quotePath(p string) string {
	if strings.IndexFunc(p, isUnsafeRune) < 0 {
		return p
	}
	return strconv.Quote(p)
}

// safeLine escapes the unsafe characters of s, so it prints as one line.
func safeLine(s string) string {
	if strings.IndexFunc(s, isUnsafeRune) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case isUnsafeRune(r) && r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case isUnsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
