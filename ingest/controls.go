package ingest

import (
	"strings"
	"unicode/utf8"
)

// removeControls deletes control characters from decoded text: terminal
// escape sequences whole (CSI "ESC [ … final", OSC "ESC ] … BEL or ESC \",
// and two-byte "ESC x"), then every other C0 and C1 control and DEL, keeping
// newline and tab. It returns the text and how many characters went.
func removeControls(s string) (string, int) {
	if !hasControl(s) {
		return s, 0
	}
	var b strings.Builder
	b.Grow(len(s))
	removed := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == 0x1b {
			n := escapeLen(s[i:])
			removed += utf8.RuneCountInString(s[i : i+n])
			i += n
			continue
		}
		if isStrippedControl(r) {
			removed++
			i += size
			continue
		}
		b.WriteString(s[i : i+size])
		i += size
	}
	return b.String(), removed
}

func hasControl(s string) bool {
	for i := 0; i < len(s); {
		if i+8 <= len(s) && printable8(load8(s[i:])) {
			i += 8 // eight printable ASCII characters
			continue
		}
		if c := s[i]; c < utf8.RuneSelf {
			if asciiStripped[c] { // ESC is one of them
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isStrippedControl(r) {
			return true
		}
		i += size
	}
	return false
}

// asciiStripped marks the ASCII bytes isStrippedControl is true of.
var asciiStripped = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = isStrippedControl(rune(c))
	}
	return t
}()

func isStrippedControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f)
}

// escapeLen is the length in bytes of the escape sequence at the start of s
// (which begins with ESC). An unterminated sequence ends at the line end.
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[': // CSI: parameters and intermediates 0x20–0x3f, one final byte 0x40–0x7e
		for i := 2; i < len(s) && i < 64; i++ {
			c := s[i]
			if c >= 0x40 && c <= 0x7e {
				return i + 1
			}
			if c < 0x20 || c > 0x3f {
				return i
			}
		}
		return 2
	case ']', 'P', '_', '^': // OSC, DCS, APC, PM: up to BEL or ESC \
		for i := 2; i < len(s) && i < 512; i++ {
			switch {
			case s[i] == 0x07:
				return i + 1
			case s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\':
				return i + 2
			case s[i] == '\n':
				return i
			}
		}
		return 2
	}
	if s[1] >= 0x20 && s[1] <= 0x7e {
		return 2
	}
	return 1
}
