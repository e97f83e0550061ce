package parallax

import (
	"net/url"
	"path"
	"path/filepath"
	"strings"
)

// VersionLabel names the i-th version of a story (from 0) in the order the
// versions joined it: A…Z, then AA, AB, ….
func VersionLabel(i int) string {
	if i < 26 {
		return string(rune('A' + i))
	}
	return VersionLabel(i/26-1) + VersionLabel(i%26)
}

// Labels gives each version of a story its one short name ("A", "B", …),
// by version id. Every front end and every report format shows these, so a
// version reads the same on screen and on paper. Labels follow the order
// the versions joined the story, so a version added later takes the next
// letter and never renames the others.
type Labels map[string]string

// NewLabels labels ids in the order given, which must be the order the
// versions joined the story (oldest first).
func NewLabels(ids []string) Labels {
	l := make(Labels, len(ids))
	for i, id := range ids {
		l[id] = VersionLabel(i)
	}
	return l
}

// Of returns the label of version id, or id itself when it has none.
func (l Labels) Of(id string) string {
	if s, ok := l[id]; ok {
		return s
	}
	return id
}

// Message rewrites the version ids an engine message names ("version 12",
// "versions 12, 15 and 19") as their labels. Numbers elsewhere in the
// message are left alone: only lists that follow "version" or "versions"
// are rewritten.
func (l Labels) Message(msg string) string {
	if len(l) == 0 {
		return msg
	}
	var b strings.Builder
	rest := msg
	for {
		i := indexVersionWord(rest)
		if i < 0 {
			b.WriteString(rest)
			return b.String()
		}
		b.WriteString(rest[:i])
		rest = rest[i:]
		// The word itself and the space after it.
		sp := strings.IndexByte(rest, ' ')
		b.WriteString(rest[:sp+1])
		rest = rest[sp+1:]
		for {
			id, n := l.leadingID(rest)
			if n == 0 {
				break
			}
			b.WriteString(l[id])
			rest = rest[n:]
			sep := ""
			for _, s := range []string{", and ", " and ", ", "} {
				if strings.HasPrefix(rest, s) {
					sep = s
					break
				}
			}
			if sep == "" {
				break
			}
			if _, m := l.leadingID(rest[len(sep):]); m == 0 {
				break
			}
			b.WriteString(sep)
			rest = rest[len(sep):]
		}
	}
}

// indexVersionWord finds the next "version " or "versions " that starts a
// word.
func indexVersionWord(s string) int {
	from := 0
	for {
		i := strings.Index(s[from:], "version")
		if i < 0 {
			return -1
		}
		i += from
		j := i + len("version")
		if j < len(s) && s[j] == 's' {
			j++
		}
		startsWord := i == 0 || !isWordByte(s[i-1])
		if startsWord && j < len(s) && s[j] == ' ' {
			return i
		}
		from = i + 1
	}
}

// leadingID returns the labelled id s starts with, as a whole word, and
// its length; n is 0 when s starts with none.
func (l Labels) leadingID(s string) (id string, n int) {
	end := 0
	for end < len(s) && isIDByte(s[end]) {
		end++
	}
	// Ids may end in a dot or hyphen-free punctuation that closes a
	// sentence; try the longest match first.
	for ; end > 0; end-- {
		if _, ok := l[s[:end]]; ok {
			if end < len(s) && isWordByte(s[end]) {
				return "", 0
			}
			return s[:end], end
		}
	}
	return "", 0
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIDByte(c byte) bool {
	return isWordByte(c) || c == '-' || c == '.'
}

// SourceName names where a version came from, as it follows the version's
// label ("B · Daily Courier"): its outlet, else the host of its URL, else
// the name of its file, else its title, else its id.
func SourceName(source, pathOrURL, title, id string) string {
	if s := strings.TrimSpace(source); s != "" {
		return s
	}
	if u, err := url.Parse(pathOrURL); err == nil && u.Host != "" {
		return u.Host
	}
	if pathOrURL != "" {
		return path.Base(filepath.ToSlash(pathOrURL))
	}
	if t := strings.TrimSpace(title); t != "" {
		return t
	}
	return id
}
