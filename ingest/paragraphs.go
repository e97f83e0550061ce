package ingest

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	parallax "github.com/parallax-news/parallax"
)

// block is a paragraph before typing. kind is set when the markup already
// says what it is (a Markdown heading, an HTML h2); single is true when it
// was one line in the source (only those can be subheads or headlines).
type block struct {
	text   string
	kind   parallax.ParagraphKind
	single bool
}

// layout is a typed article text and the metadata its lines gave away.
type layout struct {
	paras     []parallax.Paragraph
	title     string
	headlines []string
	dateline  string
	published time.Time
	byline    string
}

// maxHeadlineWords bounds a headline; maxStackedHeadlines bounds how many
// short lines at the top are read as alternative headlines.
const (
	maxHeadlineWords    = 25
	maxStackedHeadlines = 8
	maxSubheadWords     = 12
)

// SplitParagraphs splits plain text into typed paragraphs: stacked
// alternative headlines at the top, a dateline or date header, subheads,
// trailers (wire slugs, sign-offs, desk and credit lines, copyright) and
// body. Paragraphs are separated by blank lines, or by single line breaks in
// a text that has no blank lines.
func SplitParagraphs(text string) []parallax.Paragraph {
	return typeBlocks(textBlocks(text), true).paras
}

// textBlocks cuts plain text into blocks. Within a block, lines with a
// shape of their own (trailers, date headers, decorated subheads) are split
// out and the other lines joined, which undoes hard wrapping.
func textBlocks(text string) []block {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := strings.Split(strings.Trim(text, "\n"), "\n")
	hasBlank := false
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			hasBlank = true
			break
		}
	}
	var out []block
	if !hasBlank {
		for _, l := range lines {
			if l = cleanLine(l); l != "" {
				out = append(out, block{text: l, single: true})
			}
		}
		return out
	}
	var group []string
	flush := func() {
		out = append(out, splitGroup(group, len(out) == 0)...)
		group = group[:0]
	}
	for _, l := range lines {
		if l = cleanLine(l); l == "" {
			if len(group) > 0 {
				flush()
			}
			continue
		}
		group = append(group, l)
	}
	if len(group) > 0 {
		flush()
	}
	return out
}

// cleanLine trims a line and collapses its runs of white space.
//
// It is strings.Join(strings.Fields(l), " ") in one pass without the slice
// of words (a one-line file of millions of words made that slice cost
// several times the file), and returns l itself when it is already clean.
func cleanLine(l string) string {
	// The clean part: up to the first white space other than one ' '
	// between two words.
	i := 0
	space := true // at the start, or after a space
	for i < len(l) {
		c := l[i]
		if !wordBreak[c] {
			space = false
			i++
			continue
		}
		if c == ' ' && !space {
			space = true
			i++
			continue
		}
		if c < utf8.RuneSelf {
			break // other ASCII white space, or a second space
		}
		r, size := utf8.DecodeRuneInString(l[i:])
		if unicode.IsSpace(r) {
			break
		}
		space = false
		i += size
	}
	if i == len(l) && !space {
		return l
	}
	var b strings.Builder
	b.Grow(len(l))
	b.WriteString(strings.TrimSuffix(l[:i], " "))
	for i < len(l) {
		// Skip a run of white space, then copy the word after it whole.
		c := l[i]
		if c < utf8.RuneSelf && asciiSpace[c] {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			if r, size := utf8.DecodeRuneInString(l[i:]); unicode.IsSpace(r) {
				i += size
				continue
			}
		}
		j := wordEnd(l, i)
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(l[i:j]) // the bytes as they are, even invalid ones
		i = j
	}
	return b.String()
}

// wordEnd is the index in l of the first white space at or after i (len(l)
// when there is none).
func wordEnd(l string, i int) int {
	for i < len(l) {
		if !wordBreak[l[i]] {
			i++
			continue
		}
		if l[i] < utf8.RuneSelf {
			return i // ASCII white space
		}
		r, size := utf8.DecodeRuneInString(l[i:])
		if unicode.IsSpace(r) {
			return i
		}
		i += size
	}
	return i
}

// splitGroup turns the lines between two blank lines into blocks. The
// first group of a text, when all its lines are short and unpunctuated, is
// a stack of headlines, one per line.
func splitGroup(lines []string, first bool) []block {
	if len(lines) == 1 {
		return []block{{text: lines[0], single: true}}
	}
	if first && len(lines) <= maxStackedHeadlines {
		stacked := true
		for _, l := range lines {
			if !headlineLike(l) {
				stacked = false
				break
			}
		}
		if stacked {
			out := make([]block, len(lines))
			for i, l := range lines {
				out[i] = block{text: l, single: true}
			}
			return out
		}
	}
	var out []block
	var run []string
	flushRun := func() {
		if len(run) > 0 {
			out = append(out, block{text: strings.Join(run, " "), single: len(run) == 1})
			run = nil
		}
	}
	for _, l := range lines {
		if lineStandsAlone(l) {
			flushRun()
			out = append(out, block{text: l, single: true})
			continue
		}
		run = append(run, l)
	}
	flushRun()
	return out
}

// lineStandsAlone reports whether a line is never part of a wrapped
// paragraph: a trailer, a date header or a decorated subhead.
func lineStandsAlone(l string) bool {
	if isTrailer(l) || isDashSubhead(l) {
		return true
	}
	if _, _, _, rest, ok := matchDateHeader(l); ok && rest == "" {
		return true
	}
	return false
}

// headlineLike reports whether a paragraph could be a headline: short, not
// ending like a sentence, not opening with a dateline or a lower-case word.
func headlineLike(s string) bool {
	if !isShortLine(s, maxHeadlineWords) || endsSentence(s) || startsLower(s) {
		return false
	}
	if _, _, _, ok := matchDateline(s); ok {
		return false
	}
	if isTrailer(s) || bylineRe.MatchString(s) {
		return false
	}
	if _, _, _, _, ok := matchDateHeader(s); ok {
		return false
	}
	return true
}

// typeBlocks gives every block a kind and collects the metadata the typed
// lines carry. With findHeadlines, short lines at the top are headlines.
func typeBlocks(blocks []block, findHeadlines bool) layout {
	var lay layout
	type item struct {
		text string
		kind parallax.ParagraphKind
		// single: one source line; fixed: kind decided, not to be revisited.
		single, fixed bool
	}
	items := make([]item, 0, len(blocks)+2)

	// Pass 1: what a paragraph is by its own shape, and the top of the text.
	top := true // still before the first body paragraph
	headlines := 0
	for _, b := range blocks {
		text := strings.TrimSpace(b.text)
		if countWordsUpTo(text, 1) == 0 {
			continue // rules, stray punctuation
		}
		// A heading that is a date header ("# date 2025-11-06 BRAMBLEFORD:")
		// is typed by the date header rule below, never kept as a headline.
		if b.kind != "" && !(b.kind == parallax.KindHeadline && isDateHeaderTitle(text)) {
			items = append(items, item{text: text, kind: b.kind, single: true, fixed: true})
			if b.kind == parallax.KindHeadline {
				headlines++
			} else if b.kind == parallax.KindSubhead || b.kind == parallax.KindBody {
				top = false
			}
			continue
		}
		if isTrailer(text) {
			items = append(items, item{text: text, kind: parallax.KindTrailer, single: b.single, fixed: true})
			continue
		}
		if b.single {
			if sub, ok := dashSubhead(text); ok && isShortLine(sub, maxSubheadWords) && !top {
				items = append(items, item{text: strings.TrimSpace(sub), kind: parallax.KindSubhead, single: true, fixed: true})
				continue
			}
		}
		if header, place, date, rest, ok := matchDateHeader(text); ok {
			items = append(items, item{text: header, kind: parallax.KindDateline, fixed: true})
			if lay.published.IsZero() {
				lay.published = date
			}
			if lay.dateline == "" && place != "" {
				lay.dateline = strings.TrimSpace(place)
			}
			if rest != "" {
				items = append(items, item{text: rest, kind: parallax.KindBody})
			}
			continue
		}
		if top {
			if m := bylineRe.FindStringSubmatch(text); m != nil && b.single && isShortLine(text, 14) && !endsSentence(text) {
				items = append(items, item{text: text, kind: parallax.KindTrailer, single: true, fixed: true})
				if lay.byline == "" {
					lay.byline = strings.TrimSpace(m[1])
				}
				continue
			}
			if findHeadlines && b.single && headlines < maxStackedHeadlines && headlineLike(text) {
				items = append(items, item{text: text, kind: parallax.KindHeadline, single: true})
				headlines++
				continue
			}
			// A dateline standing alone on its line.
			if dl, place, rest, ok := matchDateline(text); ok && rest == "" {
				items = append(items, item{text: dl, kind: parallax.KindDateline, fixed: true})
				if lay.dateline == "" {
					lay.dateline = place
				}
				continue
			}
			top = false
			if dl, place, rest, ok := matchDateline(text); ok {
				items = append(items, item{text: dl, kind: parallax.KindDateline, fixed: true})
				if lay.dateline == "" {
					lay.dateline = place
				}
				text = rest
			}
			items = append(items, item{text: text, kind: parallax.KindBody, single: b.single})
			continue
		}
		items = append(items, item{text: text, kind: parallax.KindBody, single: b.single})
	}

	// Headlines need a body under them: when every paragraph looked like a
	// headline, only the first is one.
	hasBody := false
	for _, it := range items {
		if it.kind == parallax.KindBody {
			hasBody = true
			break
		}
	}
	if !hasBody {
		seen := false
		for i := range items {
			if items[i].kind == parallax.KindHeadline && !items[i].fixed {
				if seen {
					items[i].kind = parallax.KindBody
				}
				seen = true
			}
		}
	}

	// Pass 2: trailers closing the text (desk lines, read-more lines).
	for i := len(items) - 1; i >= 0; i-- {
		it := &items[i]
		if it.kind == parallax.KindTrailer {
			continue
		}
		if it.kind != parallax.KindBody || it.fixed {
			break
		}
		if it.single && isShortLine(it.text, 8) && (isAllCaps(it.text) || endBoilerplateRe.MatchString(it.text)) {
			it.kind = parallax.KindTrailer
			continue
		}
		if endBoilerplateRe.MatchString(it.text) && isShortLine(it.text, 20) {
			it.kind = parallax.KindTrailer
			continue
		}
		break
	}

	// Pass 3: subheads, short title-case or capitalised lines between body paragraphs.
	for i := range items {
		it := &items[i]
		if it.kind != parallax.KindBody || it.fixed || !it.single {
			continue
		}
		if !isShortLine(it.text, maxSubheadWords) || endsSentence(it.text) || strings.HasSuffix(it.text, "?") && !isTitleCase(it.text) {
			continue
		}
		if !isTitleCase(it.text) && !isAllCaps(it.text) {
			continue
		}
		if firstRuneIsQuote(it.text) {
			continue
		}
		// A subhead stands between body paragraphs.
		prevBody, nextBody := false, false
		for j := i - 1; j >= 0; j-- {
			if items[j].kind == parallax.KindBody || items[j].kind == parallax.KindDateline {
				prevBody = true
				break
			}
			if items[j].kind == parallax.KindHeadline {
				break
			}
		}
		for j := i + 1; j < len(items); j++ {
			if items[j].kind == parallax.KindBody {
				nextBody = true
				break
			}
			if items[j].kind != parallax.KindSubhead {
				break
			}
		}
		if prevBody && nextBody {
			it.kind = parallax.KindSubhead
		}
	}

	ord := 0
	if len(items) > 0 {
		lay.paras = make([]parallax.Paragraph, 0, len(items))
	}
	for _, it := range items {
		if it.text == "" {
			continue
		}
		ord++
		lay.paras = append(lay.paras, parallax.Paragraph{Ordinal: ord, Kind: it.kind, Text: it.text})
		if it.kind == parallax.KindHeadline {
			if lay.title == "" {
				lay.title = it.text
			} else {
				lay.headlines = append(lay.headlines, it.text)
			}
		}
	}
	if len(lay.paras) == 0 {
		lay.paras = nil // as when nothing was made
	}
	return lay
}

// firstRuneIsQuote reports whether s opens with a quotation mark: a short
// quoted line is speech, not a subhead.
func firstRuneIsQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("\"'“‘«„‹", r)
}
