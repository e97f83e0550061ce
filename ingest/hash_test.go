package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// contentHashByDefinition is ContentHash written as its doc comment says;
// libraries store these hashes, so the fast version must never drift.
func contentHashByDefinition(text string) string {
	normal := strings.Join(strings.Fields(norm.NFC.String(text)), " ")
	sum := sha256.Sum256([]byte(normal))
	return hex.EncodeToString(sum[:])
}

func TestContentHashMatchesDefinition(t *testing.T) {
	tests := []struct{ name, text string }{
		{"empty", ""},
		{"only space", " \t\n\r\n "},
		{"ascii", "Dockers went back to work on Thursday."},
		{"leading and trailing space", "\n\n  Harbour strike ends  \n"},
		{"runs of mixed space", "One\t\ttwo \r\n three\v\ffour"},
		{"no-break and ideographic spaces", "Vote\u00a0delayed\u3000again\u2003today"},
		{"decomposed accents", "Cafe\u0301 owners in Sa\u0303o Paulo"},
		{"composed accents", "Café owners in São Paulo"},
		{"chinese", "港口罢工 结束。\n\n码头工人周四复工"},
		{"invalid utf-8", "bad \xff\xfe bytes \xc3"},
		{"next line and line separator", "one\u0085two\u2028three"},
		// Longer than the chunk ContentHash hashes in, with spaces
		// and multi-byte characters falling on the chunk boundaries.
		{"several chunks", strings.Repeat("Zürich  harbour\u00a0\t港口 ", 20000)},
		{"one long word", strings.Repeat("é", 100000) + "  end"},
		{"a chunk ends on a word", strings.Repeat("a", hashChunk) + " b"},
		{"a chunk ends on a space", strings.Repeat("a", hashChunk-1) + "  b c"},
		{"ascii runs longer than a chunk", " " + strings.Repeat("a", 150000) + " b " + strings.Repeat("c", hashChunk) + "é" + strings.Repeat("d", 70000)},
		{"a chunk ends inside a rune", strings.Repeat("a", hashChunk-2) + "é港口 x"},
		{"a run fills the buffer", strings.Repeat("b", hashChunk-1) + " " + strings.Repeat("c", 3*hashChunk) + " d"},
		{"ascii words over many chunks", strings.Repeat("harbour  strike	ends ", 10000)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, want := ContentHash(tc.text), contentHashByDefinition(tc.text); got != want {
				t.Errorf("ContentHash(%q) = %s, want %s", tc.text, got, want)
			}
		})
	}
}

func FuzzContentHash(f *testing.F) {
	f.Add("Harbour strike ends\n\nKESTRELTON: Dockers")
	f.Add("Cafe\u0301\u00a0owners")
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := ContentHash(text), contentHashByDefinition(text); got != want {
			t.Errorf("ContentHash(%q) = %s, want %s", text, got, want)
		}
	})
}
