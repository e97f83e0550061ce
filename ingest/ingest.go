// Package ingest turns the bytes of one input (a plain-text, Markdown or HTML
// file, a fetched page, standard input) into a parallax.Article: the text
// decoded to UTF-8, its metadata, and its typed paragraphs (headline,
// dateline, body, subhead, trailer). It knows nothing of storage or display.
package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	parallax "github.com/parallax-news/parallax"
)

// DefaultMaxBytes is the size limit applied when Options.MaxBytes is zero.
const DefaultMaxBytes = 20 << 20

// Options tunes Parse, ParseHTML and Walk.
type Options struct {
	// MaxBytes is the largest input accepted; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Known, when set, is called by Walk with the SHA-256 of each input's
	// bytes before they are parsed; an error it returns becomes the
	// Result's Err and the input is not parsed (for example: these bytes
	// are already in the library). Walk may call it from several
	// goroutines at once. The sum is handed on in the Result (RawSum), so
	// that whoever stores the article need not hash its bytes again.
	Known func(sum RawSum) error
	// Workers is how many inputs Walk reads and parses at once; 0 means
	// one per CPU. Walk's results come in the same order whatever it is.
	Workers int

	// ownsData: the bytes given to Parse are the caller's no longer (Walk
	// read them for this one parse), so the article keeps them as Raw
	// instead of a copy; a 20 MB input then costs one copy fewer.
	ownsData bool
	// sniffed: Walk has checked these bytes' start (not a feed, not
	// binary) and their name, as Parse would.
	sniffed bool
}

// raw is the article's Raw for the input bytes data.
func (o Options) raw(data []byte) []byte {
	if o.ownsData {
		return data
	}
	return bytes.Clone(data)
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// The reasons an input is refused. Errors returned by this package wrap one
// of them, so callers can test with errors.Is.
var (
	// ErrEmpty: the input holds no text (nothing, or only whitespace).
	ErrEmpty = errors.New("empty input")
	// ErrBinary: the input is not text (an image, an archive, NUL bytes, control characters).
	ErrBinary = errors.New("binary input")
	// ErrTooLarge: the input is over the size limit.
	ErrTooLarge = errors.New("input too large")
	// ErrUndecodable: the bytes do not decode in their declared or detected character set.
	ErrUndecodable = errors.New("undecodable bytes")
	// ErrMalformed: the HTML is broken and no text can be recovered from it.
	ErrMalformed = errors.New("malformed HTML")
	// ErrUnsupported: the file is of a kind that is not an article (by its name).
	ErrUnsupported = errors.New("not an article file")
	// ErrSymlinkLoop: a folder link leads back to a folder already being read.
	ErrSymlinkLoop = errors.New("symlink loop")
)

// format is the kind of markup an input is written in.
type format int

const (
	formatText format = iota
	formatMarkdown
	formatHTML
)

func (f format) String() string {
	switch f {
	case formatMarkdown:
		return "markdown"
	case formatHTML:
		return "html"
	}
	return "text"
}

// Parse turns one input's bytes into an article: it decodes the character
// set, detects HTML, Markdown or plain text (by the name's extension and by
// sniffing the content), extracts the text and metadata, and splits typed
// paragraphs. It fills Raw, Text, Hash, Title, Headlines, Dateline,
// Published, Byline, URL, Source, Language and Path (= name).
func Parse(name string, data []byte, opt Options) (*parallax.Article, error) {
	if !opt.sniffed {
		if looksLikeFeed(data) {
			return nil, fmt.Errorf("ingest: %s: %w: %s", name, ErrUnsupported, feedRefusal)
		}
		if err := checkName(name); err != nil {
			return nil, err
		}
	}
	if err := checkBytes(name, data, opt); err != nil {
		return nil, err
	}
	f := detectFormat(name, data)
	var (
		a   *parallax.Article
		err error
	)
	switch f {
	case formatHTML:
		a, err = parseHTMLDoc(name, "", data, "", opt)
	default:
		a, err = parseTextDoc(name, data, f, opt)
	}
	if err != nil {
		return nil, err
	}
	a.Path = name
	return a, nil
}

// ParseHTML is Parse for a fetched page: the input is HTML whatever it looks
// like, contentType (the HTTP header, may be empty) can declare its charset,
// and pageURL resolves relative links and fills URL and Source.Site.
func ParseHTML(pageURL string, data []byte, contentType string, opt Options) (*parallax.Article, error) {
	name := pageURL
	if name == "" {
		name = "page"
	}
	if err := checkBytes(name, data, opt); err != nil {
		return nil, err
	}
	return parseHTMLDoc(name, pageURL, data, contentType, opt)
}

// checkBytes refuses inputs that are too large, empty or binary before any
// decoding work is done.
func checkBytes(name string, data []byte, opt Options) error {
	if max := opt.maxBytes(); int64(len(data)) > max {
		return fmt.Errorf("ingest: %s: %w: %d bytes, limit %d", name, ErrTooLarge, len(data), max)
	}
	if len(bytes.TrimSpace(stripBOM(data))) == 0 && !isUTF16BOM(data) {
		return fmt.Errorf("ingest: %s: %w", name, ErrEmpty)
	}
	if opt.sniffed {
		return nil
	}
	if kind := sniffBinary(data); kind != "" {
		return fmt.Errorf("ingest: %s: %w: %s", name, ErrBinary, kind)
	}
	return nil
}

// feedRefusal says what to do with a feed given as an article.
const feedRefusal = `a news feed (RSS or Atom), not an article: follow its address with "parallax feeds add URL"`

// looksLikeFeed reports whether data starts as an RSS, RDF or Atom
// document, past a byte order mark, an XML declaration and comments.
func looksLikeFeed(data []byte) bool {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	head = bytes.TrimSpace(stripBOM(head))
	for {
		switch {
		case bytes.HasPrefix(head, []byte("<?")):
			end := bytes.Index(head, []byte("?>"))
			if end < 0 {
				return false
			}
			head = bytes.TrimSpace(head[end+2:])
		case bytes.HasPrefix(head, []byte("<!--")):
			end := bytes.Index(head, []byte("-->"))
			if end < 0 {
				return false
			}
			head = bytes.TrimSpace(head[end+3:])
		case !bytes.HasPrefix(head, []byte("<")):
			return false // plain text: no copy of the head lowered
		default:
			lower := bytes.ToLower(head)
			return bytes.HasPrefix(lower, []byte("<rss")) || bytes.HasPrefix(lower, []byte("<rdf:rdf")) ||
				(bytes.HasPrefix(lower, []byte("<feed")) && bytes.Contains(lower, []byte("http://www.w3.org/2005/atom")))
		}
	}
}

// checkName refuses files whose extension says they are not articles.
func checkName(name string) error {
	ext := strings.ToLower(filepath.Ext(name))
	if kind, ok := nonArticleExt[ext]; ok && kind == "news feed" {
		return fmt.Errorf("ingest: %s: %w: %s", name, ErrUnsupported, feedRefusal)
	} else if ok {
		return fmt.Errorf("ingest: %s: %w: %s file", name, ErrUnsupported, kind)
	}
	return nil
}

// nonArticleExt lists file extensions that never hold an article, with the
// kind of file named in the refusal.
var nonArticleExt = map[string]string{
	".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image", ".bmp": "image",
	".webp": "image", ".tif": "image", ".tiff": "image", ".ico": "image", ".svg": "image",
	".heic": "image", ".avif": "image", ".psd": "image",
	".mp3": "audio", ".wav": "audio", ".ogg": "audio", ".flac": "audio", ".m4a": "audio",
	".mp4": "video", ".mov": "video", ".avi": "video", ".mkv": "video", ".webm": "video",
	".zip": "archive", ".gz": "archive", ".tgz": "archive", ".bz2": "archive", ".xz": "archive",
	".7z": "archive", ".rar": "archive", ".tar": "archive", ".zst": "archive",
	".pdf": "PDF", ".doc": "word-processor", ".docx": "word-processor", ".odt": "word-processor",
	".xls": "spreadsheet", ".xlsx": "spreadsheet", ".ods": "spreadsheet", ".ppt": "presentation",
	".pptx": "presentation", ".exe": "program", ".dll": "program", ".so": "program", ".o": "program",
	".a": "program", ".bin": "binary", ".class": "program", ".jar": "archive", ".wasm": "program",
	".db": "database", ".sqlite": "database", ".ttf": "font", ".otf": "font", ".woff": "font",
	".woff2": "font", ".css": "stylesheet", ".js": "script", ".json": "data", ".csv": "data",
	".xml": "data", ".rss": "news feed", ".atom": "news feed", ".yaml": "data", ".yml": "data", ".toml": "data", ".go": "source code",
	".py": "source code", ".sh": "script",
}

// detectFormat decides how to read an input: by its extension when it has a
// known one, else by looking at its first bytes.
func detectFormat(name string, data []byte) format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml", ".shtml":
		return formatHTML
	case ".md", ".markdown", ".mdown", ".mkd":
		return formatMarkdown
	case ".txt", ".text":
		if looksLikeHTML(data) {
			return formatHTML
		}
		return formatText
	}
	if looksLikeHTML(data) {
		return formatHTML
	}
	if looksLikeMarkdown(data) {
		return formatMarkdown
	}
	return formatText
}

// looksLikeHTML reports whether the start of data is an HTML document.
func looksLikeHTML(data []byte) bool {
	head := data
	if len(head) > 2048 {
		head = head[:2048]
	}
	head = bytes.TrimSpace(stripBOM(head))
	if !bytes.HasPrefix(head, []byte("<")) {
		return false // every HTML start below is a tag
	}
	head = bytes.ToLower(head)
	for _, p := range [][]byte{[]byte("<!doctype html"), []byte("<html"), []byte("<?xml"), []byte("<head"), []byte("<body")} {
		if bytes.HasPrefix(head, p) {
			return true
		}
	}
	if bytes.HasPrefix(head, []byte("<!--")) && bytes.Contains(head, []byte("<html")) {
		return true
	}
	// A fragment: starts with a tag and has block tags.
	if bytes.HasPrefix(head, []byte("<")) {
		for _, t := range []string{"<p>", "<p ", "<div", "<article", "<h1", "<br"} {
			if bytes.Contains(head, []byte(t)) {
				return true
			}
		}
	}
	return false
}

// looksLikeMarkdown reports whether data has Markdown headings or links.
func looksLikeMarkdown(data []byte) bool {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	s := string(head)
	// Each expression needs its first character somewhere: most text has
	// neither, and looking for a byte is much cheaper than a match.
	return (strings.IndexByte(s, '#') >= 0 && mdHeadingStart.MatchString(s)) ||
		(strings.IndexByte(s, '[') >= 0 && mdLink.MatchString(s))
}
