package ingest

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/itlightning/dateparse"
	"github.com/parallax-news/parallax/internal/lazyregexp"
)

// The line patterns that type paragraphs. None names a particular outlet,
// person or story: they describe the shapes wire copy takes.
var (
	// A dateline opening the first body paragraph: "LONDON:", "WASHINGTON (AP) —",
	// "NEW YORK, Nov 6 (Reuters) -". The place is written in capitals.
	datelineRe = lazyregexp.New(`^(\p{Lu}[\p{Lu}\p{M}'’.\-]*(?:[ /]\p{Lu}[\p{Lu}\p{M}'’.\-]*){0,3})` +
		`(,\s*[\p{Lu}\d][^:()—–\n]{0,30}?)?(\s*\([^()\n]{1,40}\))?\s*(:|—|–|--|-)(?:\s+|$)`)
	// An agency credit with no place: "(Reuters) -".
	agencyDatelineRe = lazyregexp.New(`^(\(\p{Lu}[\p{L} .&]{1,30}\))\s*(—|–|--|-)(?:\s+|$)`)
	// A date header line: "date 2025-11-06 BEIJING:", "Published: 6 November 2025".
	dateHeaderRe = lazyregexp.New(`^(?i:(date|dated|published|posted|updated|released)\s*:?\s+)?` +
		`(\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}\s+\p{L}{3,9}\.?,?\s+\d{4}|\p{L}{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}[./]\d{1,2}[./]\d{4})` +
		`(?:\s*[,\-–—]?\s*(\p{Lu}[\p{Lu}\p{M} .'’\-]*\p{Lu})\s*:)?(?:(?:\s*,\s*|\s+)(.*))?$`)
	// A clock time that may follow a header's date: "08:00", "at 4.15 p.m.
	// EST", "16:05:09 +0100", "8:30 GMT".
	clockTimeRe = lazyregexp.New(`^,?\s*(?i:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*(?i:[ap]\.?m\.?))?(?:\s*(?:\(?[A-Z]{2,5}\)?|[+-]\d{2}:?\d{2}))?(?:$|[\s,]+)`)
	// A place in capitals after a header's clock time: "- HARROW: …".
	placeAfterTimeRe = lazyregexp.New(`^[,\-–—]?\s*(\p{Lu}[\p{Lu}\p{M} .'’\-]*\p{Lu})\s*:(?:\s+(.*))?$`)
	// The place after a labelled date, in any case, closed by a colon or dash.
	labelledPlaceRe = lazyregexp.New(`^(\p{Lu}[\p{L}\p{M} .'’\-]{0,40}?)\s*(?::|—|–|--)\s*(.*)$`)
	// A decorated subhead: "- Productive talks -", "* Background *".
	dashSubheadRe = lazyregexp.New(`^[-–—=*•]+\s*(\S.{0,100}?)\s*[-–—=*•]+$`)
	// A byline: "By Jane Roe", "By JANE ROE and Tom Poe, Courier staff".
	bylineRe = lazyregexp.New(`^(?i:by)\s+(\p{Lu}.{1,100})$`)
)

// isDashSubhead reports whether s is a decorated subhead line
// ("- Productive talks -"); dashSubhead returns its words as well.
func isDashSubhead(s string) bool {
	return maybeDashSubhead(s) && dashSubheadRe.MatchString(s)
}

func dashSubhead(s string) (string, bool) {
	if !maybeDashSubhead(s) {
		return "", false
	}
	m := dashSubheadRe.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// maybeDashSubhead is a cheap test every line dashSubheadRe matches
// passes: it opens and closes with a decoration. Most lines fail it.
func maybeDashSubhead(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return isSubheadDecoration(first) && isSubheadDecoration(last)
}

// isSubheadDecoration reports whether r is one of the characters
// dashSubheadRe accepts around a subhead.
func isSubheadDecoration(r rune) bool {
	switch r {
	case '-', '–', '—', '=', '*', '•':
		return true
	}
	return false
}

// Trailer patterns: matter after (or outside) the story that must never be
// read as body text. Each comes with a cheap test that must pass before the
// expression is run, as most lines are body text.
var trailerRes = []struct {
	maybe func(string) bool
	re    *lazyregexp.Regexp
}{
	// Wire slugs: "burs-oho/mtp", "abc-xyz/mtp".
	{func(s string) bool {
		return len(s) <= 60 && strings.IndexByte(s, '/') > 0 && strings.IndexByte(s, ' ') < 0
	},
		lazyregexp.New(`^[a-z]{2,10}(?:-[a-z]{2,10})*(?:/[a-z]{2,10}(?:-[a-z]{2,10})*)+$`)},
	// Sign-offs: "N.Prakash--MT".
	{func(s string) bool { return len(s) <= 80 && strings.Contains(s, "--") },
		lazyregexp.New(`^[\p{L}][\p{L}.'’ \-]{0,40}--\s*\p{Lu}{1,5}$`)},
	// Credits: "(Reporting by …; Editing by …)".
	{func(s string) bool { return s[0] == '(' && s[len(s)-1] == ')' },
		lazyregexp.New(`(?i)^\(\s*(?:additional\s+)?(?:reporting|writing|written|editing|edited|compiled|translated|translation|research|production|produced|graphics?|fact[- ]?check(?:ing)?|with\s+reporting)\b.*\)$`)},
	// Copyright lines.
	{func(s string) bool {
		return strings.HasPrefix(s, "©") || s[0] == '(' || s[0] == 'C' || s[0] == 'c'
	}, lazyregexp.New(`(?i)^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}|\p{Lu}))`)},
	{func(s string) bool { return strings.Contains(s, "eserved") || strings.Contains(s, "ESERVED") },
		lazyregexp.New(`(?i)\ball rights reserved\.?$`)},
	// Desk lines: "NEWS DESK", "FOREIGN BUREAU".
	{func(s string) bool { return len(s) <= 60 && isAllCaps(s) },
		lazyregexp.New(`^\p{Lu}[\p{Lu} &/\-]*\b(?:DESK|BUREAU|SERVICE|WIRE|NEWSROOM)$`)},
	// End marks.
	{func(s string) bool { return len(s) <= 20 },
		lazyregexp.New(`^(?:-+\s*)?(?:ENDS?|-?30-?|#{3}|\(END\)|\*{3})(?:\s*-+)?$`)},
	// Contact lines.
	{func(s string) bool { return len(s) <= 120 && strings.IndexByte(s, ':') > 0 },
		lazyregexp.New(`(?i)^(?:contact|e-?mail|tel|phone)\s*:\s*\S+`)},
	{func(s string) bool {
		return len(s) <= 120 && strings.IndexByte(s, '@') > 0 && strings.IndexByte(s, ' ') < 0
	},
		lazyregexp.New(`^[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+$`)},
}

// endBoilerplateRe matches lines that are boilerplate when they close an
// article ("Read more: …", "Follow us on …").
var endBoilerplateRe = lazyregexp.New(`(?i)^(?:read more|related|see also|also read|more from|follow (?:us|\p{L}+ on)|sign up|subscribe|share this|click here)\b`)

// kickers are capitalised openings that look like datelines but are labels.
var kickers = map[string]bool{
	"NOTE": true, "UPDATE": true, "UPDATED": true, "BREAKING": true, "EXCLUSIVE": true,
	"WATCH": true, "READ": true, "CORRECTION": true, "ANALYSIS": true, "OPINION": true,
	"FACTBOX": true, "PHOTO": true, "PHOTOS": true, "VIDEO": true, "LIVE": true, "EDITOR'S NOTE": true,
	"EDITOR’S NOTE": true, "Q": true, "A": true, "FILE": true, "URGENT": true, "FLASH": true,
}

// isTrailer reports whether a line is wire or page boilerplate wherever it stands.
func isTrailer(line string) bool {
	if line == "" || len(line) > 600 {
		return false
	}
	// The characters are counted only for a line some pattern may match:
	// most lines pass none of the cheap tests.
	counted := len(line) <= 300
	for _, t := range trailerRes {
		if !t.maybe(line) {
			continue
		}
		if !counted {
			if utf8.RuneCountInString(line) > 300 {
				return false
			}
			counted = true
		}
		if t.re.MatchString(line) {
			return true
		}
	}
	return false
}

// matchDateline splits a dateline off the start of s. It returns the
// dateline as written ("WASHINGTON (AP) —"), the place ("WASHINGTON") and
// the rest of s; ok is false when s does not open with a dateline.
func matchDateline(s string) (dateline, place, rest string, ok bool) {
	if m := datelineRe.FindStringSubmatchIndex(s); m != nil {
		place = strings.TrimSpace(s[m[2]:m[3]])
		letters := 0
		for _, r := range place {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if letters < 2 || kickers[place] {
			return "", "", "", false
		}
		// A dash right after a one-word place with no agency or date is too
		// weak on its own ("US - China ..."); demand a colon, a long dash or an agency.
		sep := s[m[8]:m[9]]
		if sep == "-" && m[4] < 0 && m[6] < 0 {
			return "", "", "", false
		}
		dateline = strings.TrimSpace(s[:m[1]])
		return dateline, strings.TrimRight(place, ".-"), strings.TrimSpace(s[m[1]:]), true
	}
	if m := agencyDatelineRe.FindStringSubmatchIndex(s); m != nil {
		return strings.TrimSpace(s[:m[1]]), "", strings.TrimSpace(s[m[1]:]), true
	}
	return "", "", "", false
}

// mayBeDateHeader is a cheap test that every line dateHeaderRe matches
// passes: it holds four digits in a row (a year), and a date starts at its
// beginning or after a label such as "Published:". Most lines fail it, and
// it costs far less than the expression.
func mayBeDateHeader(s string) bool {
	// The start of the line first: it rules out most lines without
	// reading them to the end.
	if mayStartDate(s) {
		return hasFourDigits(s)
	}
	word := leadingLetters(s)
	for _, label := range dateLabels {
		if !strings.EqualFold(word, label) {
			continue
		}
		// The label is followed by optional space, an optional colon and
		// at least one space.
		after := s[len(word):]
		rest := strings.TrimLeft(after, asciiSpaces)
		if colon, ok := strings.CutPrefix(rest, ":"); ok {
			after = colon
			rest = strings.TrimLeft(colon, asciiSpaces)
		}
		return len(rest) < len(after) && mayStartDate(rest) && hasFourDigits(s)
	}
	return false
}

// dateLabels are the words dateHeaderRe accepts before a date.
var dateLabels = []string{"date", "dated", "published", "posted", "updated", "released"}

// asciiSpaces are the characters \s matches in a regexp.
const asciiSpaces = " \t\n\f\r"

// mayStartDate reports whether s could open with one of dateHeaderRe's
// dates: a digit, or a word of 3–9 letters, an optional full stop, space
// and a digit ("Nov. 6, 2025").
func mayStartDate(s string) bool {
	if s == "" {
		return false
	}
	if '0' <= s[0] && s[0] <= '9' {
		return true
	}
	word := leadingLetters(s)
	if n := utf8.RuneCountInString(word); n < 3 || n > 9 {
		return false
	}
	rest := strings.TrimPrefix(s[len(word):], ".")
	trimmed := strings.TrimLeft(rest, asciiSpaces)
	return len(trimmed) < len(rest) && trimmed != "" && '0' <= trimmed[0] && trimmed[0] <= '9'
}

// leadingLetters is the run of letters (\p{L}) that s opens with.
func leadingLetters(s string) string {
	for i, r := range s {
		if !unicode.IsLetter(r) {
			return s[:i]
		}
	}
	return s
}

// hasFourDigits reports whether s has four ASCII digits in a row.
func hasFourDigits(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			if run++; run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// matchDateHeader recognises a date header line. It returns the header as
// it should be kept, the place it names (may be empty), the date, and any
// text that followed the header on the same line.
func matchDateHeader(s string) (header, place string, date time.Time, rest string, ok bool) {
	if !mayBeDateHeader(s) || len(s) > 400 && utf8.RuneCountInString(s) > 400 {
		return "", "", time.Time{}, "", false
	}
	m := dateHeaderRe.FindStringSubmatchIndex(s)
	if m == nil {
		return "", "", time.Time{}, "", false
	}
	label := m[2] >= 0
	if m[6] >= 0 {
		place = s[m[6]:m[7]]
	}
	if m[8] >= 0 {
		rest = strings.TrimSpace(s[m[8]:m[9]])
		// A clock time after the date belongs to the header:
		// "Published: 8 November 2032 08:00", "Nov. 6, 2025, 4:15 p.m. EST".
		if t := clockTimeRe.FindStringIndex(rest); t != nil {
			rest = strings.TrimSpace(rest[t[1]:])
			// and so does a place in capitals after it: "… 08:00 - HARROW:".
			if pm := placeAfterTimeRe.FindStringSubmatch(rest); place == "" && pm != nil {
				place, rest = pm[1], strings.TrimSpace(pm[2])
			}
		}
	}
	// A sentence that merely opens with a date is body text.
	if rest != "" && !label && place == "" {
		return "", "", time.Time{}, "", false
	}
	// A labelled date is a header even when its place is not written in
	// capitals or has no colon: "date 2025-11-06 Brambleford: …",
	// "DATE 2025-11-06 BRAMBLEFORD".
	if rest != "" && label && place == "" {
		if pm := labelledPlaceRe.FindStringSubmatch(rest); pm != nil {
			place, rest = pm[1], strings.TrimSpace(pm[2])
		} else if isAllCaps(rest) && isShortLine(rest, 4) {
			place, rest = rest, ""
		}
	}
	if rest != "" && place == "" {
		return "", "", time.Time{}, "", false
	}
	d, err := parseDate(s[m[4]:m[5]])
	if err != nil {
		return "", "", time.Time{}, "", false
	}
	header = strings.TrimSpace(s[:len(s)-len(rest)])
	if rest == "" {
		header = strings.TrimSpace(s)
	}
	return header, place, d, rest, true
}

// parseDate reads a date as written in a header or metadata; day-first is
// preferred for numeric dates, as most of the world writes them.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	return dateparse.ParseAny(s, dateparse.PreferMonthFirst(false))
}

// words splits s into its runs of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) })
}

// isWordRune reports whether r is part of a word for words and countWords.
func isWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// countWords is len(words(s)), without allocating.
func countWords(s string) int {
	return countWordsUpTo(s, len(s))
}

// countWordsUpTo is min(countWords(s), limit): it stops reading s once
// it has counted limit words.
func countWordsUpTo(s string, limit int) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		var w bool
		if c := s[i]; c < utf8.RuneSelf {
			w = asciiWord[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			w = isWordRune(r)
			i += size
		}
		if w && !in {
			if n++; n >= limit {
				return n
			}
		}
		in = w
	}
	return n
}

// endsSentence reports whether s ends like a sentence (with ., :, ; or ,
// possibly followed by a closing quote or bracket).
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"'”’»)]")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', ':', ';', ',', '。', '；', '：', '，':
		return true
	}
	return false
}

// isShortLine reports whether s is short enough to be a headline or subhead.
func isShortLine(s string, maxWords int) bool {
	if len(s) > 800 {
		return false
	}
	// Words first: they are counted only up to one too many, while the
	// characters of a long line would all be.
	if n := countWordsUpTo(s, maxWords+1); n == 0 || n > maxWords {
		return false
	}
	return len(s) <= 200 || utf8.RuneCountInString(s) <= 200
}

// smallWords are left lower-case in English title case.
var smallWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "nor": true,
	"of": true, "in": true, "on": true, "at": true, "to": true, "for": true, "by": true,
	"with": true, "from": true, "as": true, "vs": true, "via": true, "into": true, "over": true,
	"de": true, "la": true, "le": true, "du": true, "des": true, "et": true, "der": true, "die": true,
	"und": true, "von": true, "y": true, "el": true, "is": true, "are": true, "be": true,
}

// isTitleCase reports whether most words of s (small words aside) start
// with a capital letter, as subheads and headlines are often written.
func isTitleCase(s string) bool {
	ws := words(s)
	counted, upper := 0, 0
	for i, w := range ws {
		if i > 0 && smallWords[strings.ToLower(w)] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsDigit(r) {
			continue
		}
		counted++
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return counted > 0 && upper*10 >= counted*8
}

// isAllCaps reports whether s has letters and none of them is lower case.
func isAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			letters++
		}
	}
	return letters >= 2
}

// startsLower reports whether the first letter of s is lower case.
func startsLower(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsLower(r)
		}
	}
	return false
}
