package ingest

import (
	"bytes"
	"encoding/binary"
)

// magic maps the first bytes of common non-text files to what they are.
var magic = []struct {
	prefix []byte
	kind   string
}{
	{[]byte("\x89PNG\r\n\x1a\n"), "PNG image"},
	{[]byte("\xff\xd8\xff"), "JPEG image"},
	{[]byte("GIF87a"), "GIF image"},
	{[]byte("GIF89a"), "GIF image"},
	{[]byte("II*\x00"), "TIFF image"},
	{[]byte("MM\x00*"), "TIFF image"},
	{[]byte("\x00\x00\x01\x00"), "icon"},
	{[]byte("%PDF-"), "PDF document"},
	{[]byte("PK\x03\x04"), "ZIP archive (or office document)"},
	{[]byte("\x1f\x8b"), "gzip archive"},
	{[]byte("BZh"), "bzip2 archive"},
	{[]byte("\xfd7zXZ\x00"), "xz archive"},
	{[]byte("7z\xbc\xaf\x27\x1c"), "7-Zip archive"},
	{[]byte("Rar!\x1a\x07"), "RAR archive"},
	{[]byte("\x28\xb5\x2f\xfd"), "zstd archive"},
	{[]byte("\x7fELF"), "executable"},
	{[]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), "old office document"},
	{[]byte("SQLite format 3\x00"), "SQLite database"},
	{[]byte("ID3"), "MP3 audio"},
	{[]byte("OggS"), "Ogg media"},
	{[]byte("fLaC"), "FLAC audio"},
	{[]byte("wOFF"), "web font"},
	{[]byte("wOF2"), "web font"},
	{[]byte("\x00asm"), "WebAssembly"},
}

// sniffBinary returns what kind of non-text file data is, or "" when it
// looks like text. UTF-16 text (with a BOM, or with the tell-tale zero byte
// in every other place) is text.
func sniffBinary(data []byte) string {
	for _, m := range magic {
		if bytes.HasPrefix(data, m.prefix) {
			return m.kind
		}
	}
	if len(data) >= 12 && string(data[0:4]) == "RIFF" {
		switch string(data[8:12]) {
		case "WEBP":
			return "WebP image"
		case "WAVE":
			return "WAV audio"
		case "AVI ":
			return "AVI video"
		}
	}
	if len(data) >= 12 && string(data[4:8]) == "ftyp" {
		return "MP4/QuickTime media"
	}
	if isUTF16BOM(data) || guessUTF16(data) != "" {
		return ""
	}
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return "contains NUL bytes"
	}
	control := 0
	for i := 0; i < len(head); {
		if i+8 <= len(head) && printable8(binary.LittleEndian.Uint64(head[i:])) {
			i += 8 // eight printable ASCII bytes: no control among them
			continue
		}
		control += int(binaryControl[head[i]])
		i++
	}
	if control*10 > len(head) {
		return "too many control characters"
	}
	return ""
}

// binaryControl is 1 for the bytes that are control characters in no
// text: those below 0x20 other than white space and ESC, and DEL.
var binaryControl = func() (t [256]uint8) {
	for c := range 0x20 {
		switch c {
		case '\t', '\n', '\r', '\f', '\v', 0x1b:
		default:
			t[c] = 1
		}
	}
	t[0x7f] = 1
	return t
}()

// guessUTF16 recognises UTF-16 text without a BOM by its zero bytes: mostly
// ASCII text in UTF-16 has a zero in every other byte. It returns "utf-16le",
// "utf-16be" or "".
func guessUTF16(data []byte) string {
	n := len(data)
	if n > 4096 {
		n = 4096
	}
	n &^= 1
	if n < 8 {
		return ""
	}
	data = data[:n]
	if bytes.IndexByte(data, 0) < 0 {
		return "" // no zero byte at all: most text
	}
	var evenZero, oddZero int
	for i := 0; i+1 < len(data); i += 2 {
		if data[i] == 0 {
			evenZero++
		}
		if data[i+1] == 0 {
			oddZero++
		}
	}
	pairs := n / 2
	switch {
	case oddZero*10 >= pairs*7 && evenZero*10 < pairs:
		return "utf-16le"
	case evenZero*10 >= pairs*7 && oddZero*10 < pairs:
		return "utf-16be"
	}
	return ""
}

var (
	bomUTF8    = []byte{0xef, 0xbb, 0xbf}
	bomUTF16LE = []byte{0xff, 0xfe}
	bomUTF16BE = []byte{0xfe, 0xff}
)

func isUTF16BOM(data []byte) bool {
	return bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE)
}

// stripBOM removes a UTF-8 byte order mark.
func stripBOM(data []byte) []byte {
	return bytes.TrimPrefix(data, bomUTF8)
}
