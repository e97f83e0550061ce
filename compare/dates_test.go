package compare

import (
	"testing"
	"unicode/utf8"
)

func TestDateParse(t *testing.T) {
	cases := []struct {
		name             string
		text             string
		kind             dateKind
		year, month, day int
		altMonth, altDay int
		weekday          int
		rel              string
	}{
		{"iso", "on 2025-06-11 at noon", dateAbsolute, 2025, 6, 11, 0, 0, -1, ""},
		{"dotted day first", "on 11.6.2025", dateAbsolute, 2025, 6, 11, 11, 6, -1, ""},
		{"slashed month first", "dated 6/11/2025", dateAbsolute, 2025, 6, 11, 11, 6, -1, ""},
		{"slashed only day first fits", "dated 25/11/2025", dateAbsolute, 2025, 11, 25, 0, 0, -1, ""},
		{"month day", "on June 5 the", dateAbsolute, 0, 6, 5, 0, 0, -1, ""},
		{"month day year", "on June 5, 2025, the", dateAbsolute, 2025, 6, 5, 0, 0, -1, ""},
		{"day month year", "on 5 June 2025", dateAbsolute, 2025, 6, 5, 0, 0, -1, ""},
		{"ordinal day", "the 5th June meeting", dateAbsolute, 0, 6, 5, 0, 0, -1, ""},
		{"weekday with date", "on Wednesday, June 11, 2025", dateAbsolute, 2025, 6, 11, 0, 0, 3, ""},
		{"weekday alone", "met on Tuesday", dateWeekday, 0, 0, 0, 0, 0, 2, ""},
		{"last weekday", "met last Tuesday", dateWeekday, 0, 0, 0, 0, 0, 2, "last"},
		{"relative month", "rose last month", dateRelative, 0, 0, 0, 0, 0, -1, "last month"},
		{"yesterday", "said yesterday", dateRelative, 0, 0, 0, 0, 0, -1, "yesterday"},
		{"same day and month", "on 6/6/2025", dateAbsolute, 2025, 6, 6, 0, 0, -1, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, ok := dateParse(tc.text)
			if !ok {
				t.Fatalf("no date in %q", tc.text)
			}
			if m.Kind != tc.kind || m.Year != tc.year || m.Month != tc.month || m.Day != tc.day ||
				m.AltMonth != tc.altMonth || m.AltDay != tc.altDay || m.Weekday != tc.weekday || m.Rel != tc.rel {
				t.Errorf("%q: got %+v", tc.text, m)
			}
		})
	}
	for _, s := range []string{"the may be", "page 12 of 30", "3:30 p.m.", "version 1.2.3"} {
		if m, ok := dateParse(s); ok && m.Kind == dateAbsolute && m.Day > 0 {
			t.Errorf("%q: parsed a date %+v", s, m)
		}
	}
}

func TestDateWeekdayFromCalendar(t *testing.T) {
	cases := []struct {
		y, m, d int
		want    string
	}{
		{2025, 6, 11, "Wednesday"},
		{2025, 11, 6, "Thursday"},
		{2024, 2, 29, "Thursday"},
		{2000, 1, 1, "Saturday"},
	}
	for _, tc := range cases {
		if got := dateWeekdayName(dateWeekdayOf(tc.y, tc.m, tc.d)); got != tc.want {
			t.Errorf("%d-%d-%d: %s, want %s", tc.y, tc.m, tc.d, got, tc.want)
		}
	}
}

// FuzzDateParse checks that every date mention lies inside the text and
// slices back to its Text, that absolute dates are real calendar days and
// that a swapped reading is one too.
func FuzzDateParse(f *testing.F) {
	for _, s := range []string{"on 2025-06-11", "11.6.2025 and 6/11/2025", "Wednesday, June 11, 2025",
		"5 June 2025", "last month", "Tuesday (3 June)", "31/02/2025", "„May 5th“"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		rs := []rune(s)
		for _, m := range findDateMentions(rs, flagWords(rs)) {
			if m.Start < 0 || m.End > len(rs) || m.Start >= m.End || string(rs[m.Start:m.End]) != m.Text {
				t.Fatalf("date %q at [%d,%d) does not slice back", m.Text, m.Start, m.End)
			}
			if m.Kind == dateAbsolute && m.Day > 0 && !dateValid(m.Year, m.Month, m.Day) {
				t.Fatalf("%q: invalid date %d-%d-%d", m.Text, m.Year, m.Month, m.Day)
			}
			if m.Ambiguous() && (!dateValid(m.Year, m.AltMonth, m.AltDay) || m.AltMonth != m.Day || m.AltDay != m.Month) {
				t.Fatalf("%q: bad swapped reading %+v", m.Text, m)
			}
			if m.Weekday < -1 || m.Weekday > 6 {
				t.Fatalf("%q: weekday %d", m.Text, m.Weekday)
			}
		}
	})
}

func TestDateKeysAgree(t *testing.T) {
	cases := []struct {
		name string
		a, b string
		want bool
	}{
		{"same date", "2025-06-11", "2025-06-11", true},
		{"year missing on one side", "0-06-11", "2025-06-11", true},
		{"other day", "2025-06-11", "2025-06-12", false},
		{"other year", "2024-06-11", "2025-06-11", false},
		{"month alone agrees with a day of it", "0-06-00", "0-06-25", true},
		{"month alone against another month", "0-06-00", "0-07-25", false},
		{"weekdays", "Friday", "Friday", true},
		{"other weekdays", "Monday", "Sunday", false},
		{"weekday against date", "Friday", "0-06-11", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := dateKeysAgree(tc.a, tc.b); got != tc.want {
				t.Errorf("dateKeysAgree(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func TestDateKey(t *testing.T) {
	cases := []struct {
		name, text string
		key        string
	}{
		{"later the same day", "talks resumed later Friday", "Friday"},
		{"this weekday", "will vote this Friday", "Friday"},
		{"coming weekday", "will vote coming Friday", "next Friday"},
		{"past weekday", "met past Friday", "last Friday"},
		{"last week", "it rose last week", "last week"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rs := []rune(tc.text)
			ms := findDateMentions(rs, flagWords(rs))
			if len(ms) != 1 {
				t.Fatalf("%q: %d dates, want 1", tc.text, len(ms))
			}
			if k := dateKey(ms[0]); k != tc.key {
				t.Errorf("%q: key %q, want %q", tc.text, k, tc.key)
			}
		})
	}
}
