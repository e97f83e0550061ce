package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// ContentHash is the hex SHA-256 of text after NFC normalisation and with
// every run of white space collapsed to one space, so the same content
// imported again, however wrapped, has the same hash.
func ContentHash(text string) string {
	h := sha256.New()
	first := true
	for f := range strings.FieldsSeq(norm.NFC.String(text)) {
		if !first {
			h.Write([]byte{' '})
		}
		first = false
		io.WriteString(h, f)
	}
	return hex.EncodeToString(h.Sum(nil))
}
