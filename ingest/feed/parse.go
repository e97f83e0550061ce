package feed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"github.com/parallax-news/parallax/internal/lazyregexp"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"
)

// Parse reads a feed document. contentType is the HTTP header (may be
// empty); it names the charset when the document does not. Bytes that are
// not valid in the declared charset are read as Windows-1252, the commonest
// mislabelling.
func Parse(data []byte, contentType string) (*Fetched, error) {
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if len(trimmed) == 0 {
		return nil, fmt.Errorf("%w: empty document", ErrMalformed)
	}
	data = toUTF8(data, contentType)
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			if looksHTML(trimmed) {
				return nil, fmt.Errorf("%w: this is a web page", ErrNotFeed)
			}
			return nil, ErrNotFeed
		}
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	out := &Fetched{Title: strings.TrimSpace(f.Title), SiteURL: f.Link}
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		item := Item{
			Title:   strings.TrimSpace(it.Title),
			Link:    strings.TrimSpace(it.Link),
			Content: it.Content,
			GUID:    strings.TrimSpace(it.GUID),
		}
		if item.Content == "" {
			item.Content = it.Description
		}
		if item.Link == "" && len(it.Links) > 0 {
			item.Link = it.Links[0]
		}
		if len(it.Authors) > 0 && it.Authors[0] != nil {
			item.Author = it.Authors[0].Name
		}
		switch {
		case it.PublishedParsed != nil:
			item.Published = it.PublishedParsed.UTC()
		case it.UpdatedParsed != nil:
			item.Published = it.UpdatedParsed.UTC()
		}
		if item.GUID == "" {
			item.GUID = item.Link
		}
		if item.GUID == "" {
			sum := sha256.Sum256([]byte(item.Title + "\n" + item.Content))
			item.GUID = "sha256:" + hex.EncodeToString(sum[:12])
		}
		out.Items = append(out.Items, item)
	}
	return out, nil
}

var xmlEncodingDecl = lazyregexp.New(`(?i)^(\s*<\?xml[^>]*?encoding\s*=\s*["'])([^"']+)(["'])`)

// toUTF8 fixes documents whose bytes do not match what they declare. A
// document that is valid UTF-8, or that declares a non-UTF-8 encoding the
// XML reader can convert, is left alone; otherwise the bytes are decoded
// from the HTTP charset, else Windows-1252, and the declaration rewritten.
func toUTF8(data []byte, contentType string) []byte {
	head := data[:min(len(data), 512)]
	declared := ""
	if m := xmlEncodingDecl.FindSubmatch(head); m != nil {
		declared = strings.ToLower(string(m[2]))
	}
	if declared != "" && declared != "utf-8" && declared != "utf8" {
		if enc, _ := charset.Lookup(declared); enc != nil {
			return data // the parser converts it
		}
	}
	if utf8.Valid(data) {
		return data
	}
	label := "windows-1252"
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		if cs := strings.ToLower(params["charset"]); cs != "" && cs != "utf-8" && cs != "utf8" {
			label = cs
		}
	}
	enc, _ := charset.Lookup(label)
	if enc == nil {
		enc, _ = charset.Lookup("windows-1252")
	}
	out, _, err := transform.Bytes(enc.NewDecoder(), data)
	if err != nil {
		return data
	}
	if declared != "" {
		out = xmlEncodingDecl.ReplaceAll(out, []byte("${1}utf-8${3}"))
	}
	return out
}

// charsetReader lets encoding/xml read documents declared in any charset
// the web uses.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	return charset.NewReaderLabel(label, r)
}

func looksHTML(b []byte) bool {
	head := strings.ToLower(string(b[:min(len(b), 1024)]))
	return strings.Contains(head, "<!doctype html") || strings.Contains(head, "<html") ||
		strings.Contains(head, "<head") || strings.Contains(head, "<body")
}
