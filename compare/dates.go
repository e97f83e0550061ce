package compare

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// dateKind says what a date mention names.
type dateKind uint8

const (
	dateAbsolute dateKind = iota // a calendar date, perhaps without year or day
	dateWeekday                  // a weekday alone ("on Tuesday")
	dateRelative                 // "last month", "yesterday"
)

// dateMention is one date expression of a paragraph. For an absolute date
// Year, Month and Day hold the reading its format suggests (0 when not
// written); an all-numeric date whose day and month could swap also holds
// the other reading in AltMonth and AltDay. Weekday is -1 when none is
// written.
type dateMention struct {
	Start, End       int
	Text             string
	Kind             dateKind
	Year, Month, Day int
	AltMonth, AltDay int
	Order            string // "iso", "day-first", "month-first", "words"
	Weekday          int
	Rel              string
}

// Ambiguous reports whether the mention can be read two ways.
func (m dateMention) Ambiguous() bool { return m.AltMonth != 0 }

// dateMonths maps month names and abbreviations to their number.
var dateMonths = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

// dateWeekdays maps weekday names to time.Weekday values.
var dateWeekdays = map[string]int{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
}

// dateRelUnits are the units of relative dates ("last week").
var dateRelUnits = flagSet(`week month year weekend night morning evening afternoon quarter`)

// dateRelWords open relative dates.
var dateRelWords = flagSet(`last next this earlier later past coming`)

// findDateMentions finds the dates of one paragraph.
func findDateMentions(rs []rune, words []flagWord) []dateMention {
	var out []dateMention
	for i := 0; i < len(words); i++ {
		m, n, ok := dateAt(rs, words, i)
		if !ok {
			continue
		}
		out = append(out, m)
		i += n - 1
	}
	// A weekday right before a date goes with it: "Wednesday, June 11".
	var merged []dateMention
	for k := 0; k < len(out); k++ {
		m := out[k]
		if m.Kind == dateWeekday && m.Rel == "" && k+1 < len(out) && out[k+1].Kind == dateAbsolute &&
			out[k+1].Weekday < 0 && dateJoinable(rs, m.End, out[k+1].Start) {
			a := out[k+1]
			a.Weekday = m.Weekday
			a.Start = m.Start
			a.Text = string(rs[a.Start:a.End])
			merged = append(merged, a)
			k++
			continue
		}
		merged = append(merged, m)
	}
	return merged
}

// dateJoinable reports whether only a comma, bracket or space separates two
// date parts.
func dateJoinable(rs []rune, from, to int) bool {
	if to-from > 3 || to < from {
		return false
	}
	for _, r := range rs[from:to] {
		if !unicode.IsSpace(r) && r != ',' && r != '(' {
			return false
		}
	}
	return true
}

// dateAt reads a date starting at words[i]; n is the number of words used.
func dateAt(rs []rune, words []flagWord, i int) (dateMention, int, bool) {
	w := words[i]
	f := strings.TrimSuffix(w.Fold, ".")
	mk := func(n int) dateMention {
		s, e := words[i].Start, words[i+n-1].End
		return dateMention{Start: s, End: e, Text: string(rs[s:e]), Weekday: -1}
	}
	// dayMonthYear is a written date whose first two words are a day and a
	// month in either order ("June 5", "5 June"), with a year when one follows.
	dayMonthYear := func(mo, d int) (dateMention, int) {
		n := 2
		if i+2 < len(words) && (words[i+2].Gap == "," || words[i+2].Gap == "") && dateIsYear(words[i+2].Text) {
			n = 3
		}
		m := mk(n)
		m.Kind, m.Month, m.Day, m.Order = dateAbsolute, mo, d, "words"
		if n == 3 {
			m.Year = dateAtoi(words[i+2].Text)
		}
		return m, n
	}
	digit := w.Text[0] >= '0' && w.Text[0] <= '9'
	if !digit && !flagIsCap(w.Text) && !dateRelWords[f] {
		switch f {
		case "yesterday", "today", "tomorrow", "tonight":
		default:
			return dateMention{}, 0, false // months and weekdays are capitalised
		}
	}
	// 2025-06-11
	if !digit {
		goto words
	}
	if p := dateSplitISO(w.Text); len(p) == 3 && len(p[0]) == 4 && dateDigits(p...) {
		y, mo, d := dateAtoi(p[0]), dateAtoi(p[1]), dateAtoi(p[2])
		if dateValid(y, mo, d) {
			m := mk(1)
			m.Kind, m.Year, m.Month, m.Day, m.Order = dateAbsolute, y, mo, d, "iso"
			return m, 1, true
		}
	}
	// 11.6.2025 (day first)
	if p := dateSplitDotted(w.Text); len(p) == 3 && len(p[2]) == 4 && len(p[0]) <= 2 && len(p[1]) <= 2 && dateDigits(p...) {
		d, mo, y := dateAtoi(p[0]), dateAtoi(p[1]), dateAtoi(p[2])
		if dateValid(y, mo, d) {
			m := mk(1)
			m.Kind, m.Year, m.Month, m.Day, m.Order = dateAbsolute, y, mo, d, "day-first"
			dateSetAlt(&m)
			return m, 1, true
		}
	}
	// 6/11/2025 (month first)
	if i+2 < len(words) && words[i+1].Gap == "/" && words[i+2].Gap == "/" &&
		dateDigits(w.Text, words[i+1].Text, words[i+2].Text) && len(w.Text) <= 2 && len(words[i+1].Text) <= 2 &&
		(len(words[i+2].Text) == 4 || len(words[i+2].Text) == 2) {
		mo, d, y := dateAtoi(w.Text), dateAtoi(words[i+1].Text), dateAtoi(words[i+2].Text)
		if y < 100 {
			y += 2000
		}
		if dateValid(y, mo, d) || dateValid(y, d, mo) {
			m := mk(3)
			m.Kind, m.Year, m.Month, m.Day, m.Order = dateAbsolute, y, mo, d, "month-first"
			if !dateValid(y, mo, d) {
				m.Month, m.Day, m.Order = d, mo, "day-first"
			}
			dateSetAlt(&m)
			return m, 3, true
		}
	}
words:
	// June 5, June 5, 2025, June 2025
	if mo, ok := dateMonths[f]; ok && flagIsCap(w.Text) {
		if i+1 < len(words) && words[i+1].Gap == "" {
			if d, ok := dateDayNumber(words[i+1].Text); ok {
				m, n := dayMonthYear(mo, d)
				return m, n, true
			}
			if dateIsYear(words[i+1].Text) {
				m := mk(2)
				m.Kind, m.Month, m.Year, m.Order = dateAbsolute, mo, dateAtoi(words[i+1].Text), "words"
				return m, 2, true
			}
		}
		if f != "may" && f != "mar" && len(f) > 3 {
			m := mk(1)
			m.Kind, m.Month, m.Order = dateAbsolute, mo, "words"
			return m, 1, true
		}
	}
	// 5 June 2025, 5th June
	if !digit {
		goto weekday
	}
	if d, ok := dateDayNumber(w.Text); ok && i+1 < len(words) && words[i+1].Gap == "" {
		nf := strings.TrimSuffix(words[i+1].Fold, ".")
		if mo, ok := dateMonths[nf]; ok && flagIsCap(words[i+1].Text) {
			m, n := dayMonthYear(mo, d)
			return m, n, true
		}
	}
weekday:
	// Tuesday, last Tuesday
	if wd, ok := dateWeekdays[f]; ok && flagIsCap(w.Text) {
		m := mk(1)
		m.Kind, m.Weekday = dateWeekday, wd
		return m, 1, true
	}
	if dateRelWords[f] && i+1 < len(words) && words[i+1].Gap == "" {
		nf := words[i+1].Fold
		if wd, ok := dateWeekdays[nf]; ok {
			m := mk(2)
			m.Kind, m.Weekday, m.Rel = dateWeekday, wd, f
			return m, 2, true
		}
		if dateRelUnits[nf] {
			m := mk(2)
			m.Kind, m.Rel = dateRelative, f+" "+nf
			return m, 2, true
		}
	}
	switch f {
	case "yesterday", "today", "tomorrow", "tonight":
		m := mk(1)
		m.Kind, m.Rel = dateRelative, f
		return m, 1, true
	}
	return dateMention{}, 0, false
}

// dateSetAlt records the swapped reading of an all-numeric date when both
// day and month could be either.
func dateSetAlt(m *dateMention) {
	if m.Day != m.Month && m.Day <= 12 && m.Month <= 12 && dateValid(m.Year, m.Day, m.Month) {
		m.AltMonth, m.AltDay = m.Day, m.Month
	}
}

func dateDigits(ss ...string) bool {
	for _, s := range ss {
		if s == "" {
			return false
		}
		for _, r := range s {
			if r < '0' || r > '9' {
				return false
			}
		}
	}
	return true
}

func dateAtoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// dateDayNumber reads "5", "05" or "5th" as a day of month.
func dateDayNumber(s string) (int, bool) {
	s = strings.ToLower(s)
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		s = strings.TrimSuffix(s, suf)
	}
	if len(s) == 0 || len(s) > 2 || !dateDigits(s) {
		return 0, false
	}
	d := dateAtoi(s)
	return d, d >= 1 && d <= 31
}

func dateIsYear(s string) bool {
	if len(s) != 4 || !dateDigits(s) {
		return false
	}
	y := dateAtoi(s)
	return y >= 1800 && y <= 2200
}

// dateValid reports whether y-m-d is a real calendar day (year 0 means
// unknown: any leap day passes).
func dateValid(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	yy := y
	if yy == 0 {
		yy = 2000
	}
	t := time.Date(yy, time.Month(m), d, 12, 0, 0, 0, time.UTC)
	return t.Day() == d
}

// dateWeekdayOf computes the weekday of a full date from the calendar.
func dateWeekdayOf(y, m, d int) int {
	return int(time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC).Weekday())
}

// dateWeekdayName is the English name of a weekday.
func dateWeekdayName(wd int) string { return time.Weekday(wd).String() }

// dateLong writes a date plainly: "11 June 2025".
func dateLong(y, m, d int) string {
	s := time.Month(m).String()
	if d > 0 {
		s = strconv.Itoa(d) + " " + s
	}
	if y > 0 {
		s += " " + strconv.Itoa(y)
	}
	return s
}

// dateParse reads one date expression as a whole, for tests and fuzzing:
// the first date mention found in s.
func dateParse(s string) (dateMention, bool) {
	rs := []rune(s)
	ms := findDateMentions(rs, flagWords(rs))
	if len(ms) == 0 {
		return dateMention{}, false
	}
	return ms[0], true
}

// dateDescribe says what a mention means, both readings for an ambiguous
// one.
func dateDescribe(m dateMention) string {
	switch {
	case m.Kind == dateWeekday:
		return dateWeekdayName(m.Weekday)
	case m.Kind == dateRelative:
		return m.Rel
	case m.Ambiguous():
		first, second := "month-first", "day-first"
		if m.Order == "day-first" {
			first, second = "day-first", "month-first"
		}
		return fmt.Sprintf("%s %s, or %s %s", first, dateLong(m.Year, m.Month, m.Day), second, dateLong(m.Year, m.AltMonth, m.AltDay))
	}
	return dateLong(m.Year, m.Month, m.Day)
}

// dateSplitISO splits "2025-06-11" at its hyphens; words with other than
// two hyphens give nil, without allocating.
func dateSplitISO(s string) []string {
	if strings.Count(s, "-") != 2 {
		return nil
	}
	return strings.Split(s, "-")
}

// dateSplitDotted splits "11.6.2025" at its points; words with other than
// two points give nil, without allocating.
func dateSplitDotted(s string) []string {
	if strings.Count(s, ".") != 2 {
		return nil
	}
	return strings.Split(s, ".")
}
