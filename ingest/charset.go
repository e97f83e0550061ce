package ingest

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"github.com/parallax-news/parallax/internal/lazyregexp"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// decoded is an input turned into UTF-8 text.
type decoded struct {
	text     string
	charset  string   // the name of the character set it was read in
	warnings []string // what was repaired on the way
}

// declaredCharset finds a charset declared in the input itself: an HTML
// meta element or an XML declaration near the start.
var (
	metaCharset = lazyregexp.New(`(?is)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)
	xmlEncoding = lazyregexp.New(`(?is)^\s*<\?xml[^>]*encoding\s*=\s*["']([a-z0-9_:.\-]+)`)
)

// decode turns data into NFC-normalised UTF-8 text with "\n" line ends. The
// character set comes, in order, from a byte order mark, the contentType's
// charset parameter, a declaration in the markup (when markup is true), and
// detection. Text that does not decode is refused with ErrUndecodable.
func decode(name string, data []byte, contentType string, markup bool) (decoded, error) {
	enc, label, declared := chooseEncoding(data, contentType, markup)
	var (
		text string
		bad  int
	)
	if enc != nil {
		text, bad = decodeWith(enc, data)
		if tooBad(bad, text) {
			if declared {
				return decoded{}, fmt.Errorf("ingest: %s: %w: the bytes are not valid %s (%d bad sequences)", name, ErrUndecodable, label, bad)
			}
			enc = nil
		}
	}
	if enc == nil && mostlyUTF8(data) {
		// Stray bytes in UTF-8 text are damage, not evidence of a legacy
		// charset: reading the whole file as windows-1252 would turn every
		// good character into mojibake to save one bad one.
		enc, label = encoding.Nop, "utf-8"
		text, bad = decodeWith(enc, data)
	}
	var warnings []string
	if bad > 0 && enc != nil {
		warnings = append(warnings, fmt.Sprintf("%d byte sequence(s) not valid %s were replaced by \ufffd", bad, label))
	}
	if enc == nil {
		var err error
		text, label, err = detectAndDecode(name, data, markup)
		if err != nil {
			return decoded{}, err
		}
	}
	text = strings.TrimPrefix(text, "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	if !isASCII(text) { // ASCII is its own normal form
		text = norm.NFC.String(text)
	}
	return decoded{text: text, charset: label, warnings: warnings}, nil
}

// withoutControls is d with control characters removed (and a warning
// saying how many).
func (d decoded) withoutControls() decoded {
	text, n := removeControls(d.text)
	if n > 0 {
		d.text = text
		d.warnings = append(d.warnings, fmt.Sprintf("%d control character(s) removed", n))
	}
	return d
}

// mostlyUTF8 reports whether the bytes show real UTF-8: at least as many
// valid multi-byte sequences as invalid bytes. Legacy-charset text almost
// never forms valid multi-byte sequences by chance.
func mostlyUTF8(data []byte) bool {
	multi, bad := 0, 0
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
		} else {
			multi++
		}
		i += size
	}
	return multi > 0 && bad <= multi
}

// chooseEncoding returns the encoding the input states (BOM, header or
// markup) or, for UTF-8 and UTF-16 without a BOM, the one its bytes show.
// declared is true when the input itself named the encoding.
func chooseEncoding(data []byte, contentType string, markup bool) (enc encoding.Encoding, label string, declared bool) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		return encoding.Nop, "utf-8", true
	case bytes.HasPrefix(data, bomUTF16LE):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le", true
	case bytes.HasPrefix(data, bomUTF16BE):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be", true
	}
	switch guessUTF16(data) {
	case "utf-16le":
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", false
	case "utf-16be":
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", false
	}
	// Valid UTF-8 with non-ASCII bytes is UTF-8 whatever a header or meta
	// element says: legacy text almost never forms valid multi-byte
	// sequences, while pages saved or converted to UTF-8 often keep their
	// old declaration.
	if hasHighBit(data) && utf8.Valid(data) {
		return encoding.Nop, "utf-8", true
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		if e, n := lookupCharset(params["charset"]); e != nil {
			return e, n, true
		}
	}
	if markup {
		head := data
		if len(head) > 4096 {
			head = head[:4096]
		}
		for _, re := range []*lazyregexp.Regexp{xmlEncoding, metaCharset} {
			if m := re.FindSubmatch(head); m != nil {
				if e, n := lookupCharset(string(m[1])); e != nil {
					// A UTF-16 page would not be readable as ASCII to find
					// this declaration: browsers read it as UTF-8.
					if strings.HasPrefix(n, "utf-16") {
						return encoding.Nop, "utf-8", true
					}
					return e, n, true
				}
			}
		}
	}
	if utf8.Valid(data) {
		return encoding.Nop, "utf-8", false
	}
	return nil, "", false
}

// hasHighBit reports whether data has a byte outside ASCII.
func hasHighBit(data []byte) bool {
	// Eight bytes at a time: the input may be megabytes of ASCII.
	for len(data) >= 8 {
		if binary.LittleEndian.Uint64(data)&0x8080808080808080 != 0 {
			return true
		}
		data = data[8:]
	}
	for _, c := range data {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for len(s) >= 8 {
		if load8(s)&0x8080808080808080 != 0 {
			return false
		}
		s = s[8:]
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// load8 is the first 8 bytes of s as an integer (s[0] lowest).
func load8(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// printable8 reports whether the 8 bytes of w are all printable ASCII
// (0x20 to 0x7e): no control character, DEL or byte past ASCII among them.
func printable8(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	below := (w - 0x20*ones) & ^w & highs                    // a byte below 0x20
	del := (w ^ 0x7f*ones - ones) & ^(w ^ 0x7f*ones) & highs // a byte 0x7f
	return (w&highs | below | del) == 0
}

// lookupCharset maps a charset label to its encoding, following the WHATWG
// rules browsers use (so "iso-8859-1" reads as windows-1252).
func lookupCharset(label string) (encoding.Encoding, string) {
	label = strings.TrimSpace(strings.ToLower(label))
	if label == "" {
		return nil, ""
	}
	e, n := charset.Lookup(label)
	if e == nil {
		return nil, ""
	}
	if n == "utf-8" {
		return encoding.Nop, n
	}
	return e, n
}

// decodeWith decodes data with enc and counts the sequences that did not
// decode: invalid UTF-8, replacement characters a legacy decoder produced,
// and C1 control characters, which legacy charsets give undefined bytes.
func decodeWith(enc encoding.Encoding, data []byte) (string, int) {
	bad := 0
	if enc == encoding.Nop {
		if utf8.Valid(data) {
			return string(data), 0 // nothing to count or replace
		}
		for i := 0; i < len(data); {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				bad++
			}
			i += size
		}
		return strings.ToValidUTF8(string(data), "\ufffd"), bad
	}
	out, _, err := transform.Bytes(enc.NewDecoder(), data)
	if err != nil {
		return "", len(data) + 1
	}
	text := string(out)
	for _, r := range text {
		if r == utf8.RuneError || (r >= 0x80 && r <= 0x9f) {
			bad++
		}
	}
	return text, bad
}

// tooBad reports whether the failures in a decoding are more than stray
// damage: more than 1 in 200 characters, or more than 20 in all.
func tooBad(bad int, text string) bool {
	if bad == 0 {
		return false
	}
	n := utf8.RuneCountInString(text)
	return bad > 20 || bad*200 > n
}

// detectAndDecode guesses the charset of undeclared, non-UTF-8 bytes: it
// tries the detector's candidates, best first, and keeps the first that
// decodes cleanly, falling back to windows-1252.
func detectAndDecode(name string, data []byte, markup bool) (string, string, error) {
	det := chardet.NewTextDetector()
	if markup {
		det = chardet.NewHtmlDetector()
	}
	sample := data
	if len(sample) > 64<<10 {
		sample = sample[:64<<10]
	}
	tried := map[string]bool{}
	if results, err := det.DetectAll(sample); err == nil {
		for _, r := range results {
			if r.Confidence < 10 {
				break
			}
			e, n := lookupCharset(r.Charset)
			if e == nil || e == encoding.Nop || strings.HasPrefix(n, "utf-") || tried[n] {
				continue
			}
			tried[n] = true
			text, bad := decodeWith(e, data)
			if bad == 0 {
				return text, n, nil
			}
		}
	}
	text, bad := decodeWith(charmap.Windows1252, data)
	if tooBad(bad, text) {
		return "", "", fmt.Errorf("ingest: %s: %w: not UTF-8 and no character set fits (%d undefined bytes as windows-1252)", name, ErrUndecodable, bad)
	}
	return text, "windows-1252", nil
}
