package ingest

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	parallax "github.com/parallax-news/parallax"
)

// parseTextDoc reads a plain-text or Markdown input.
func parseTextDoc(name string, data []byte, f format, opt Options) (*parallax.Article, error) {
	dec, err := decode(name, data, "", false)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(dec.text) == "" {
		return nil, fmt.Errorf("ingest: %s: %w", name, ErrEmpty)
	}
	if controlRatioTooHigh(dec.text) {
		return nil, fmt.Errorf("ingest: %s: %w: too many control characters after decoding as %s", name, ErrBinary, dec.charset)
	}
	dec = dec.withoutControls()
	var blocks []block
	if f == formatMarkdown {
		blocks = markdownBlocks(dec.text)
	} else {
		blocks = textBlocks(dec.text)
	}
	lay := typeBlocks(blocks, true)
	if len(lay.paras) == 0 {
		return nil, fmt.Errorf("ingest: %s: %w: no text once the %s markup is removed", name, ErrEmpty, f)
	}
	a := &parallax.Article{Raw: opt.raw(data)}
	a.Warnings = dec.warnings
	fillFromLayout(a, lay)
	a.Language = guessLanguage(a.Text)
	return a, nil
}

// fillFromLayout copies typed paragraphs and the metadata found among them
// into a, and sets Text and Hash.
func fillFromLayout(a *parallax.Article, lay layout) {
	a.Paragraphs = lay.paras
	if a.Title == "" {
		a.Title = lay.title
	}
	if len(a.Headlines) == 0 {
		a.Headlines = lay.headlines
	}
	if a.Dateline == "" {
		a.Dateline = lay.dateline
	}
	if a.Published.IsZero() {
		a.Published = lay.published
	}
	if a.Byline == "" {
		a.Byline = lay.byline
	}
	if a.Title == "" || isDateHeaderTitle(a.Title) {
		a.Title = fallbackTitle(a.Paragraphs)
	}
	a.Text = joinParagraphs(a.Paragraphs)
	pointIntoText(a.Paragraphs, a.Text)
	a.Title, a.Dateline, a.Byline = strings.Clone(a.Title), strings.Clone(a.Dateline), strings.Clone(a.Byline)
	for i := range a.Headlines {
		a.Headlines[i] = strings.Clone(a.Headlines[i])
	}
	a.Hash = ContentHash(a.Text)
}

// pointIntoText makes each paragraph's text the same bytes of text, which
// joinParagraphs made of them: an article read then holds its text once,
// not once in its text and again in its paragraphs, until it is stored
// (an import holds a few hundred articles read ahead of the store; less
// memory held is less memory first touched, a page fault a page).
func pointIntoText(ps []parallax.Paragraph, text string) {
	at := 0
	for i := range ps {
		if i > 0 {
			at += len("\n\n")
		}
		n := len(ps[i].Text)
		if at+n > len(text) || text[at:at+n] != ps[i].Text {
			return // not joinParagraphs' text: left as they are
		}
		ps[i].Text = text[at : at+n]
		at += n
	}
}

// joinParagraphs is the article text: its paragraphs separated by blank lines.
func joinParagraphs(ps []parallax.Paragraph) string {
	if len(ps) == 1 {
		return ps[0].Text // no copy: a one-paragraph text may be 20 MB
	}
	n := 0
	for _, p := range ps {
		n += len(p.Text) + 2
	}
	var sb strings.Builder
	sb.Grow(n)
	for i, p := range ps {
		if i > 0 {
			sb.WriteString("\n\n")
		}
		sb.WriteString(p.Text)
	}
	return sb.String()
}

// fallbackTitle names an article that has no headline by the opening words
// of its first body paragraph.
func fallbackTitle(ps []parallax.Paragraph) string {
	for _, p := range ps {
		if p.Kind != parallax.KindBody || isDateHeaderTitle(p.Text) {
			continue
		}
		// The first 13 words only: a paragraph can be a whole 19 MB file.
		var ws []string
		rest := p.Text
		for len(ws) < 13 {
			rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
			if rest == "" {
				break
			}
			end := strings.IndexFunc(rest, unicode.IsSpace)
			if end < 0 {
				end = len(rest)
			}
			ws = append(ws, rest[:end])
			rest = rest[end:]
		}
		if len(ws) > 12 {
			return strings.Join(ws[:12], " ") + "…"
		}
		return strings.Join(ws, " ")
	}
	return ""
}

// isDateHeaderTitle reports whether s, offered as a title, is a date
// header or a dateline ("date 2025-11-06 BRAMBLEFORD: …", "BRAMBLEFORD:"):
// a story is never titled by one.
func isDateHeaderTitle(s string) bool {
	if _, _, _, _, ok := matchDateHeader(s); ok {
		return true
	}
	_, _, rest, ok := matchDateline(s)
	return ok && rest == ""
}

// controlRatioTooHigh reports whether more than 1 in 10 characters of the
// decoded text are control characters other than white space.
func controlRatioTooHigh(s string) bool {
	n, ctl := 0, 0
	for i := 0; i < len(s) && n < 8192; {
		// Eight printable ASCII characters at once: no control among them.
		if i+8 <= len(s) && n+8 <= 8192 && printable8(load8(s[i:])) {
			n += 8
			i += 8
			continue
		}
		n++
		if c := s[i]; c < utf8.RuneSelf {
			ctl += int(asciiStrayControl[c])
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsControl(r) && !unicode.IsSpace(r) {
			ctl++
		}
		i += size
	}
	return ctl*10 > n
}

// asciiStrayControl is 1 for the ASCII control characters that are not
// white space, 0 for the others.
var asciiStrayControl = func() (t [256]uint8) {
	for c := range utf8.RuneSelf {
		if unicode.IsControl(rune(c)) && !unicode.IsSpace(rune(c)) {
			t[c] = 1
		}
	}
	return t
}()
