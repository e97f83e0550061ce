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
	if !isASCII(text) && !norm.NFC.IsNormalString(text) {
		text = norm.NFC.String(text)
	}
	// The collapsed text is built in a buffer hashed in chunks: hashing
	// word by word costs a call per word, and one buffer of the whole text
	// costs a copy of a file that may be 20 MB. The buffer is on the stack:
	// a run of ASCII is appended whole, so it may pass hashChunk by one run
	// (at most hashChunk bytes) before it is hashed.
	h := sha256.New()
	var stack [2*hashChunk + utf8.UTFMax + 1]byte
	buf := stack[:0]
	const chunk = hashChunk
	started := false // a word has been written
	space := false   // a space is owed before the next word
	for i := 0; i < len(text); {
		if len(buf) >= chunk {
			h.Write(buf)
			buf = buf[:0]
		}
		c := text[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				space = started
				i++
				continue
			}
			if space {
				buf = append(buf, ' ')
				space = false
			}
			// The rest of the word's ASCII run, copied at once.
			j, end := i+1, min(len(text), i+chunk)
			for j < end && !wordBreak[text[j]] {
				j++
			}
			buf = append(buf, text[i:j]...)
			started = true
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += size
			space = started
			continue
		}
		if space {
			buf = append(buf, ' ')
			space = false
		}
		buf = append(buf, text[i:i+size]...)
		started = true
		i += size
	}
	h.Write(buf)
	return hex.EncodeToString(h.Sum(nil))
}

// hashChunk is how many bytes of collapsed text ContentHash hashes at once.
const hashChunk = 4 << 10

// asciiSpace marks the ASCII bytes strings.Fields splits on. Like the
// other byte tables here it has an entry for every byte (false past
// ASCII), so that indexing it with a byte needs no bounds check.
var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// wordBreak marks the bytes that end a run of ASCII word bytes: ASCII
// white space, and every byte past ASCII (a rune to decode).
var wordBreak = func() (t [256]bool) {
	for c := range 256 {
		t[c] = asciiSpace[c] || c >= utf8.RuneSelf
	}
	return t
}()
