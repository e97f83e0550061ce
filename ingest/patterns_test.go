package ingest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// dateHeaderLines are lines dateHeaderRe must match, and a few it must not.
var dateHeaderLines = []struct {
	line  string
	match bool
}{
	{"date 2025-11-06 BEIJING:", true},
	{"Published: 6 November 2025", true},
	{"PUBLISHED : 6 November 2025", true},
	{"Posted Nov. 6, 2025", true},
	{"Nov. 6, 2025", true},
	{"November 6, 2025 - KESTRELTON:", true},
	{"06.11.2025", true},
	{"dated 2025-11-06T08:30Z", true},
	{"Updated:\t2025-11-06 08:30", true},
	{"2025-11-06", true},
	{"Published: 8 November 2032 08:00", true},
	{"Nov. 6, 2025, 4:15 p.m. EST - HARROW:", true},
	{"The 2025 budget was passed on Thursday.", false},
	{"date2025-11-06", false},
	{"Dockers said 1,200 containers were waiting.", false},
	{"On November 6, 2025 the port closed.", false},
}

func TestMayBeDateHeaderLetsEveryDateHeaderThrough(t *testing.T) {
	for _, tc := range dateHeaderLines {
		t.Run(tc.line, func(t *testing.T) {
			got := dateHeaderRe.MatchString(tc.line)
			if got != tc.match {
				t.Errorf("dateHeaderRe matches = %v, want %v", got, tc.match)
			}
			if got && !mayBeDateHeader(tc.line) {
				t.Error("mayBeDateHeader refuses a line the expression matches")
			}
		})
	}
}

func FuzzMayBeDateHeader(f *testing.F) {
	for _, tc := range dateHeaderLines {
		f.Add(tc.line)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if dateHeaderRe.MatchString(line) && !mayBeDateHeader(line) {
			t.Errorf("mayBeDateHeader(%q) refuses a line the expression matches", line)
		}
	})
}

// The line tests read as little of a line as they can; these are their
// definitions, which they must agree with on every line.
func isShortLineByDefinition(s string, maxWords int) bool {
	if len(s) > 800 || utf8.RuneCountInString(s) > 200 {
		return false
	}
	n := len(words(s))
	return n > 0 && n <= maxWords
}

func isTrailerByDefinition(line string) bool {
	if line == "" || len(line) > 600 || utf8.RuneCountInString(line) > 300 {
		return false
	}
	for _, t := range trailerRes {
		if t.re.MatchString(line) {
			return true
		}
	}
	return false
}

func mayBeDateHeaderByDefinition(s string) bool {
	if !hasFourDigits(s) {
		return false
	}
	if mayStartDate(s) {
		return true
	}
	word := leadingLetters(s)
	for _, label := range dateLabels {
		if strings.EqualFold(word, label) {
			after := s[len(word):]
			rest := strings.TrimLeft(after, asciiSpaces)
			if colon, ok := strings.CutPrefix(rest, ":"); ok {
				after = colon
				rest = strings.TrimLeft(colon, asciiSpaces)
			}
			return len(rest) < len(after) && mayStartDate(rest)
		}
	}
	return false
}

func checkLineTests(t *testing.T, l string) {
	t.Helper()
	if got, want := mayBeDateHeader(l), mayBeDateHeaderByDefinition(l); got != want {
		t.Errorf("mayBeDateHeader(%q) = %v, want %v", l, got, want)
	}
	if got, want := countWords(l), len(words(l)); got != want {
		t.Errorf("countWords(%q) = %d, want %d", l, got, want)
	}
	for _, limit := range []int{1, 4, 12} {
		if got, want := countWordsUpTo(l, limit), min(len(words(l)), limit); got != want {
			t.Errorf("countWordsUpTo(%q, %d) = %d, want %d", l, limit, got, want)
		}
		if got, want := isShortLine(l, limit), isShortLineByDefinition(l, limit); got != want {
			t.Errorf("isShortLine(%q, %d) = %v, want %v", l, limit, got, want)
		}
	}
	if got, want := isTrailer(l), isTrailerByDefinition(l); got != want {
		t.Errorf("isTrailer(%q) = %v, want %v", l, got, want)
	}
	sub, ok := dashSubhead(l)
	if m := dashSubheadRe.FindStringSubmatch(l); (m != nil) != ok || ok && sub != m[1] || isDashSubhead(l) != ok {
		t.Errorf("dashSubhead(%q) = %q, %v; the expression gives %q", l, sub, ok, m)
	}
}

func TestLineTestsMatchDefinitions(t *testing.T) {
	lines := []string{
		"", "- Talks resume -", "— Background —", "* Notes *", "• One •", "-", "--", "- x", "x -",
		"burs-oho/mtp", "N.Prakash--MT", "(Reporting by Ana Mirel; Editing by Tom Hask)",
		"Copyright 2025 The Courier", "© Courier", "All rights reserved.", "NEWS DESK", "ENDS", "-30-",
		"Contact: desk@courier.example", "desk@courier.example",
		strings.Repeat("é", 250) + " ENDS", strings.Repeat("word ", 170), strings.Repeat("mot ", 60) + "(c) x",
		"Zürich harbour 港口 bad \xff byte", strings.Repeat("a ", 13),
		"Published: 6 November 2025", "Posted Nov. 6, 2025", "date 2025-11-06 KESTRELTON:", "The 2025 budget",
		"Published: soon, in 2025", "Nov. 6", "2025", "dated  :  7 June 1999",
	}
	for _, l := range lines {
		checkLineTests(t, l)
	}
}

func FuzzLineTests(f *testing.F) {
	f.Add("- Talks resume -")
	f.Add("(Reporting by Ana Mirel)")
	f.Add("Zürich harbour 港口 bad \xff byte")
	f.Fuzz(checkLineTests)
}
