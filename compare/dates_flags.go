package compare

import (
	"fmt"
	"strings"
)

// dateDetector holds the date checks (detector "date") over the prepared
// story.
type dateDetector struct{ *preparedStory }

// dateFlags flags weekdays that contradict their date, header dates the
// text contradicts, ambiguous numeric dates and dates the versions disagree
// on.
func (d *dateDetector) dateFlags() []Flag {
	var out []Flag
	headers := make([]*dateHeader, len(d.vers))
	for vi := range d.vers {
		headers[vi] = d.dateHeaderOf(vi)
	}
	flagged := map[*flagPara]map[int]bool{}
	mark := func(p *flagPara, start int) {
		if flagged[p] == nil {
			flagged[p] = map[int]bool{}
		}
		flagged[p][start] = true
	}
	for vi, v := range d.vers {
		year := d.dateYearOf(vi, headers[vi])
		for _, p := range v.paras {
			for _, m := range p.dates {
				if f, ok := d.dateWeekdayMismatch(vi, p, m, year); ok {
					out = append(out, f)
					mark(p, m.Start)
				}
			}
		}
		if h := headers[vi]; h != nil && !flagged[h.p][h.m.Start] {
			if f, ok := d.dateHeaderMismatch(vi, h); ok {
				out = append(out, f)
				mark(h.p, h.m.Start)
			}
		}
	}
	// Header dates across versions.
	var hv []flagValue
	var hm []dateMention
	for vi, h := range headers {
		if h != nil && !flagged[h.p][h.m.Start] {
			hv = append(hv, flagValue{Key: dateKey(h.m), Ver: vi, Para: h.p, Start: h.m.Start, End: h.m.End, Text: h.m.Text})
			hm = append(hm, h.m)
		}
	}
	out = append(out, d.dateSlotFlags("header", hv, hm)...)
	// Body dates, passage by passage and kind by kind.
	for pi := range d.c.Passages {
		paras := d.passageParas(pi)
		for _, kind := range []dateKind{dateAbsolute, dateWeekday, dateRelative} {
			var vals []flagValue
			var ms []dateMention
			for vi := range d.vers {
				for _, p := range paras[vi] {
					for _, m := range p.dates {
						if m.Kind != kind || flagged[p][m.Start] {
							continue
						}
						vals = append(vals, flagValue{Key: dateKey(m), Ver: vi, Para: p, Start: m.Start, End: m.End, Text: m.Text})
						ms = append(ms, m)
					}
				}
			}
			fs := d.dateSlotFlags("body", vals, ms)
			out = append(out, fs...)
			// One passage may tell of several days: weigh its dates
			// subject by subject too (the Senate on Wednesday, the House
			// on Thursday).
			done := map[flagSpot]bool{}
			for _, f := range fs {
				done[flagSpot{d.para(d.byID[f.Version], f.Paragraph), f.Start}] = true
			}
			out = append(out, d.factAnchoredFlags(FlagDate, "date:body", vals, dateKeysAgree, done)...)
		}
	}
	return out
}

// dateHeader is the date a version carries in its header (a dateline,
// headline or short opening paragraph).
type dateHeader struct {
	p *flagPara
	m dateMention
}

// dateHeaderOf finds version vi's header date: the first full date of a
// non-body paragraph, or of a short opening paragraph.
func (d *dateDetector) dateHeaderOf(vi int) *dateHeader {
	for k, p := range d.vers[vi].paras {
		short := k == 0 && len(p.words) <= 8
		if p.body() && !short {
			continue
		}
		for _, m := range p.dates {
			if m.Kind == dateAbsolute && m.Year > 0 && m.Day > 0 {
				return &dateHeader{p, m}
			}
		}
	}
	return nil
}

// dateYearOf is the year the version's year-less dates fall in: its
// header's, else the first year it writes.
func (d *dateDetector) dateYearOf(vi int, h *dateHeader) int {
	if h != nil {
		return h.m.Year
	}
	for _, p := range d.vers[vi].paras {
		for _, m := range p.dates {
			if m.Year > 0 {
				return m.Year
			}
		}
	}
	return 0
}

// dateWeekdayMismatch flags a weekday written with a date it does not fall
// on ("Thursday, June 11, 2025": a Wednesday).
func (d *dateDetector) dateWeekdayMismatch(vi int, p *flagPara, m dateMention, year int) (Flag, bool) {
	if m.Kind != dateAbsolute || m.Weekday < 0 || m.Day == 0 {
		return Flag{}, false
	}
	y := m.Year
	if y == 0 {
		y = year
	}
	if y == 0 || !dateValid(y, m.Month, m.Day) {
		return Flag{}, false
	}
	actual := dateWeekdayOf(y, m.Month, m.Day)
	if actual == m.Weekday {
		return Flag{}, false
	}
	msg := fmt.Sprintf("%s writes %s, but %s is a %s", d.flagVersionsPhrase(vi), flagQuoted(m.Text),
		dateLong(y, m.Month, m.Day), dateWeekdayName(actual))
	if m.Ambiguous() && dateWeekdayOf(y, m.AltMonth, m.AltDay) == m.Weekday {
		msg += fmt.Sprintf("; read the other way, %s is a %s, so day and month are probably swapped",
			dateLong(y, m.AltMonth, m.AltDay), dateWeekdayName(m.Weekday))
	}
	exp := dateWeekdayName(actual) + ", " + dateLong(y, m.Month, m.Day)
	return d.newFlag(flagSpec{Kind: FlagDate, Severity: SeverityHigh, Ver: vi, Para: p, Start: m.Start, End: m.End, Slot: "weekday", Found: m.Text, Expected: exp, Support: Support{Found: 1, Expected: 0}, Message: msg}), true
}

// dateHeaderMismatch flags a header date whose weekday the text
// contradicts while the date read with day and month swapped fits it: the
// header misread the date.
func (d *dateDetector) dateHeaderMismatch(vi int, h *dateHeader) (Flag, bool) {
	m := h.m
	if m.Day > 12 || m.Month > 12 || m.Day == m.Month || !dateValid(m.Year, m.Day, m.Month) {
		return Flag{}, false
	}
	hw := dateWeekdayOf(m.Year, m.Month, m.Day)
	sw := dateWeekdayOf(m.Year, m.Day, m.Month)
	// The first weekday of the text names the day of the news, unless the
	// text names the header's weekday too ("on Monday ... until
	// Wednesday").
	var said *dateMention
	for _, p := range d.vers[vi].paras {
		if !p.body() || p == h.p {
			continue
		}
		for k, x := range p.dates {
			if x.Weekday == hw && x.Rel == "" {
				return Flag{}, false
			}
			if x.Kind == dateWeekday && x.Rel == "" && said == nil {
				said = &p.dates[k]
			}
		}
	}
	if said == nil || said.Weekday != sw {
		return Flag{}, false
	}
	swapped := fmt.Sprintf("%d-%02d-%02d", m.Year, m.Day, m.Month)
	msg := fmt.Sprintf("the header date %s (%s) is a %s, but the text says %s; read with day and month swapped, %s is a %s",
		flagQuoted(m.Text), dateLong(m.Year, m.Month, m.Day), dateWeekdayName(hw), dateWeekdayName(said.Weekday),
		dateLong(m.Year, m.Day, m.Month), dateWeekdayName(sw))
	return d.newFlag(flagSpec{Kind: FlagDate, Severity: SeverityHigh, Ver: vi, Para: h.p, Start: m.Start, End: m.End, Slot: "header", Found: m.Text, Expected: swapped, Support: Support{Found: 1, Expected: 0}, Message: msg}), true
}

// dateKey is the comparison key of a date mention. "later Friday" and
// "this Friday" name the day "Friday" does; "past" and "coming" say what
// "last" and "next" do.
func dateKey(m dateMention) string {
	switch m.Kind {
	case dateWeekday:
		switch m.Rel {
		case "last", "past":
			return "last " + dateWeekdayName(m.Weekday)
		case "next", "coming":
			return "next " + dateWeekdayName(m.Weekday)
		}
		return dateWeekdayName(m.Weekday)
	case dateRelative:
		return m.Rel
	}
	return fmt.Sprintf("%d-%02d-%02d", m.Year, m.Month, m.Day)
}

// dateKeyParts splits an absolute date key into year, month and day; ok is
// false for weekday and relative keys.
func dateKeyParts(k string) (y, m, d string, ok bool) {
	y, rest, ok1 := strings.Cut(k, "-")
	m, d, ok2 := strings.Cut(rest, "-")
	if !ok1 || !ok2 || len(m) != 2 || len(d) != 2 || y == "" || y[0] < '0' || y[0] > '9' {
		return "", "", "", false
	}
	return y, m, d, true
}

// dateKeysAgree compares two date keys: month and day must agree, and the
// years when both are written; a month written alone ("in June") agrees
// with any day of it.
func dateKeysAgree(a, b string) bool {
	if a == b {
		return true
	}
	ya, ma, da, okA := dateKeyParts(a)
	yb, mb, db, okB := dateKeyParts(b)
	if !okA || !okB || ma != mb {
		return false
	}
	return (da == db || da == "00" || db == "00") && (ya == yb || ya == "0" || yb == "0")
}

// dateSlotFlags compares the dates of one slot across versions: it first
// settles ambiguous numeric dates against the others, then flags values
// the others contradict.
func (d *dateDetector) dateSlotFlags(slot string, vals []flagValue, ms []dateMention) []Flag {
	var out []Flag
	var keep []flagValue
	for i, v := range vals {
		m := ms[i]
		if !m.Ambiguous() {
			keep = append(keep, v)
			continue
		}
		alt := fmt.Sprintf("%d-%02d-%02d", m.Year, m.AltMonth, m.AltDay)
		prim, other := 0, 0
		var altText, primText string
		seen := map[int]bool{}
		for j, w := range vals {
			if w.Ver == v.Ver || seen[w.Ver] || ms[j].Ambiguous() {
				continue
			}
			switch {
			case dateKeysAgree(w.Key, v.Key):
				prim++
				primText = w.Text
				seen[w.Ver] = true
			case dateKeysAgree(w.Key, alt):
				other++
				altText = w.Text
				seen[w.Ver] = true
			}
		}
		reading, otherReading := m.Order, "month-first"
		if m.Order == "month-first" {
			otherReading = "day-first"
		}
		switch {
		case other > prim:
			msg := fmt.Sprintf("%s is ambiguous: %s; %d other version(s) write %s, which agrees with the %s reading, not the %s one this format usually means",
				flagQuoted(v.Text), dateDescribe(m), other, flagQuoted(altText), otherReading, reading)
			out = append(out, d.newFlag(flagSpec{Kind: FlagDate, Severity: SeverityMedium, Ver: v.Ver, Para: v.Para, Start: v.Start, End: v.End, Slot: "date:" + slot, Found: v.Text, Expected: altText, Support: Support{Found: 1, Expected: other}, Message: msg}))
		case prim > 0:
			msg := fmt.Sprintf("%s is ambiguous: %s; %d other version(s) write %s, which agrees with the %s reading",
				flagQuoted(v.Text), dateDescribe(m), prim, flagQuoted(primText), reading)
			out = append(out, d.newFlag(flagSpec{Kind: FlagDate, Severity: SeverityLow, Ver: v.Ver, Para: v.Para, Start: v.Start, End: v.End, Slot: "date:" + slot, Found: v.Text, Expected: primText, Support: Support{Found: 1, Expected: prim}, Message: msg}))
		default:
			keep = append(keep, v)
		}
	}
	eq := dateKeysAgree
	has := func(v int, key string) bool { return d.dateWritten(v, key) }
	others := func(key, other string, a, b int) []int { return d.flagThirds(key, other, a, b, has) }
	for _, c := range d.flagSettleTies(flagConsensus(keep, eq), others) {
		f := c.Found
		if slot == "body" && !d.flagFactSupported(f, keep, c.Expected.Key, dateKeysAgree) {
			continue // the same passage, but another event
		}
		if slot == "body" && c.SupFound <= c.SupExpected && !d.dateStandsFor(f, keep, c.Expected.Key) {
			// A passage may tell of several days: only a date standing in
			// the same place as another contradicts it, on a tie too.
			continue
		}
		msg := fmt.Sprintf("%s writes %s where %d of %d versions write %s%s",
			d.flagVersionsPhrase(f.Ver), flagQuoted(f.Text), c.SupExpected, len(d.vers), flagQuoted(c.Expected.Text), flagTimes(c.Times))
		if c.SupFound == c.SupExpected {
			msg = d.flagTieMessage(c)
		}
		for i, v := range vals {
			if v.Ver == f.Ver && v.Start == f.Start && v.Para == f.Para && ms[i].Ambiguous() {
				msg += "; it could be read " + dateDescribe(ms[i])
			}
		}
		out = append(out, d.newFlag(flagSpec{Kind: FlagDate, Severity: flagSeverityBySupport(c.SupFound, c.SupExpected), Ver: f.Ver, Para: f.Para, Start: f.Start, End: f.End, Slot: "date:" + slot, Found: f.Text, Expected: c.Expected.Text, Support: Support{Found: c.SupFound, Expected: c.SupExpected}, Message: msg}))
	}
	return out
}

// dateWritten reports whether version v writes a date agreeing with key
// anywhere in its body.
func (d *dateDetector) dateWritten(v int, key string) bool {
	for _, p := range d.vers[v].paras {
		if !p.body() {
			continue
		}
		for _, m := range p.dates {
			if dateKeysAgree(dateKey(m), key) {
				return true
			}
		}
	}
	return false
}

// dateStandsFor reports whether date f stands, in some aligned paragraph
// pair, where a date agreeing with key stands: a passage may tell of
// several days (and gather paragraphs no pair links), and only a date in
// the same place contradicts another.
func (d *dateDetector) dateStandsFor(f flagValue, vals []flagValue, key string) bool {
	for _, v := range vals {
		if v.Ver != f.Ver && dateKeysAgree(v.Key, key) && d.flagSlotMatch(f, v, false) {
			return true
		}
	}
	return false
}
