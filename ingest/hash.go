package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ContentHash is the hex SHA-256 of text after NFC normalisation and with
// every run of white space collapsed to one space, so the same content
// imported again, however wrapped, has the same hash.
func ContentHash(text string) string {
	if !norm.NFC.IsNormalString(text) {
		text = norm.NFC.String(text)
	}
	// The collapsed text is built in one buffer and hashed in one call:
	// hashing word by word costs a call per word.
	buf := make([]byte, 0, len(text))
	space := false // a space is owed before the next word
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			if asciiSpace[c] {
				space = len(buf) > 0
				continue
			}
			if space {
				buf = append(buf, ' ')
				space = false
			}
			buf = append(buf, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += size
			space = len(buf) > 0
			continue
		}
		if space {
			buf = append(buf, ' ')
			space = false
		}
		buf = append(buf, text[i:i+size]...)
		i += size
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:])
}

// asciiSpace marks the ASCII bytes strings.Fields splits on.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
