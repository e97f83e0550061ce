package ingest

import (
	"strings"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/lazyregexp"
)

var (
	mdHeadingStart = lazyregexp.New(`(?m)^#{1,6}\s+\S`)
	mdHeading      = lazyregexp.New(`^(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$`)
	mdSetextLine   = lazyregexp.New(`^(=+|-+)\s*$`)
	mdRule         = lazyregexp.New(`^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$`)
	mdListItem     = lazyregexp.New(`^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+(.*)$`)
	mdQuote        = lazyregexp.New(`^\s{0,3}>\s?`)
	mdFence        = lazyregexp.New("^\\s{0,3}(```|~~~)")
	mdRefDef       = lazyregexp.New(`^\s{0,3}\[[^\]]+\]:\s+\S`)
	// A link's destination may hold balanced parentheses (CommonMark).
	mdImage    = lazyregexp.New(`!\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)`)
	mdLink     = lazyregexp.New(`\[([^\]]+)\]\((?:[^()]|\([^()]*\))*\)`)
	mdRefLink  = lazyregexp.New(`\[([^\]]+)\]\[[^\]]*\]`)
	mdStrong   = lazyregexp.New(`(\*\*|__)(\S(?:.*?\S)?)(?:\*\*|__)`)
	mdStarEm   = lazyregexp.New(`(^|[^\w*])\*(\S(?:[^*]*?\S)?)\*`)
	mdUnderEm  = lazyregexp.New(`(^|[^\w])_(\S(?:[^_]*?\S)?)_($|[^\w])`)
	mdStrike   = lazyregexp.New(`~~(\S(?:.*?\S)?)~~`)
	mdCode     = lazyregexp.New("`+([^`]+)`+")
	mdComment  = lazyregexp.New(`(?s)<!--.*?-->`)
	mdAutolink = lazyregexp.New(`<((?:https?|mailto):[^>\s]+)>`)
)

// markdownBlocks reads Markdown into blocks: headings become a headline
// (the first, when no text precedes it) or subheads, list items and quotes
// their own paragraphs, and inline markup (emphasis, links, code) plain text.
func markdownBlocks(text string) []block {
	text = mdComment.ReplaceAllString(text, "")
	lines := strings.Split(text, "\n")
	var out []block
	var group []string
	sawText := false
	flush := func() {
		if len(group) > 0 {
			out = append(out, splitGroup(group, !sawText && len(out) == 0)...)
			sawText = true
			group = nil
		}
	}
	heading := func(t string) {
		t = cleanLine(mdInline(t))
		if t == "" {
			return
		}
		kind := parallax.KindSubhead
		if !sawText {
			kind = parallax.KindHeadline
		}
		out = append(out, block{text: t, kind: kind, single: true})
	}
	inFence := false
	for i := 0; i < len(lines); i++ {
		raw := lines[i]
		if mdFence.MatchString(raw) {
			flush()
			inFence = !inFence
			continue
		}
		if inFence {
			if l := cleanLine(raw); l != "" {
				group = append(group, l)
			}
			continue
		}
		trimmed := strings.TrimSpace(raw)
		switch {
		case trimmed == "":
			flush()
			continue
		case mdRefDef.MatchString(raw):
			continue
		}
		if m := mdHeading.FindStringSubmatch(trimmed); m != nil {
			flush()
			heading(m[2])
			continue
		}
		// Setext heading: a text line underlined with = or -.
		if len(group) == 0 && i+1 < len(lines) && mdSetextLine.MatchString(strings.TrimSpace(lines[i+1])) && !mdRule.MatchString(trimmed) {
			heading(trimmed)
			i++
			continue
		}
		if mdRule.MatchString(trimmed) {
			flush()
			continue
		}
		if isDashSubhead(trimmed) {
			flush()
			out = append(out, block{text: cleanLine(mdInline(trimmed)), single: true})
			sawText = true
			continue
		}
		if m := mdListItem.FindStringSubmatch(raw); m != nil {
			flush()
			if t := cleanLine(mdInline(m[1])); t != "" {
				out = append(out, block{text: t, single: true})
				sawText = true
			}
			continue
		}
		line := mdQuote.ReplaceAllString(raw, "")
		for mdQuote.MatchString(line) {
			line = mdQuote.ReplaceAllString(line, "")
		}
		if l := cleanLine(mdInline(line)); l != "" {
			group = append(group, l)
		}
	}
	flush()
	return out
}

// mdInline removes inline Markdown: images, links (keeping their text),
// emphasis, strike-through and code marks.
func mdInline(s string) string {
	s = mdImage.ReplaceAllString(s, "")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdRefLink.ReplaceAllString(s, "$1")
	s = mdAutolink.ReplaceAllString(s, "$1")
	s = mdCode.ReplaceAllString(s, "$1")
	for range 3 {
		s = mdStrong.ReplaceAllString(s, "$2")
		s = mdStarEm.ReplaceAllString(s, "$1$2")
		s = mdUnderEm.ReplaceAllString(s, "$1$2$3")
		s = mdStrike.ReplaceAllString(s, "$1")
	}
	return s
}
