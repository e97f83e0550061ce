package compare

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// numberMention is one quantity of a paragraph: its value (scales such as
// "billion" applied, so 10,000, 10000 and "ten thousand" are equal) and
// unit: "%", a currency sign, or the word counted ("day" for "90-day",
// "worker" for "1,200 workers").
type numberMention struct {
	Start, End int
	Text       string
	Value      float64
	Unit       string
	key        string // Key, set when the mention is read
}

// Key is the mention's value written canonically.
func (m numberMention) Key() string {
	if m.key != "" {
		return m.key
	}
	return strconv.FormatFloat(m.Value, 'g', 6, 64)
}

// numberSmall are the number words below a hundred.
var numberSmall = map[string]float64{
	"zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
	"forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// numberScales multiply what comes before them.
var numberScales = map[string]float64{
	"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
	"bn": 1e9, "mn": 1e6, "tn": 1e12,
}

// numberFractions are fractions written in words ("a third of").
var numberFractions = map[string]float64{
	"half": 0.5, "third": 1.0 / 3, "thirds": 1.0 / 3, "quarter": 0.25, "quarters": 0.25,
	"fifth": 0.2, "fifths": 0.2,
}

// numberCurrencies maps currency signs and words to a unit.
var numberCurrencies = map[string]string{
	"$": "$", "€": "€", "£": "£", "¥": "¥", "dollars": "$", "dollar": "$", "euros": "€", "euro": "€",
	"pounds": "£", "yuan": "¥", "yen": "yen", "rupees": "rupee", "francs": "franc",
}

// numberSkip are words between a number and the thing it counts.
var numberSkip = flagSet(`of the a an more than about some new additional extra other per around nearly
almost over under roughly least`)

// numberPartWords, between a number and what it counts, make it a count
// of part of the whole ("two more", "three other women").
var numberPartWords = flagSet(`other more additional extra further another`)

// numberStops end the search for the counted word ("seven to two").
var numberStops = flagSet(`to in on for from by with and or as at into per cent`)

// findNumberMentions finds the quantities of one paragraph, leaving out the
// numbers inside dates.
func findNumberMentions(rs []rune, words []flagWord, dates []dateMention) []numberMention {
	inDate := func(w flagWord) bool {
		for _, d := range dates {
			if w.Start >= d.Start && w.End <= d.End {
				return true
			}
		}
		return false
	}
	var out []numberMention
	for i := 0; i < len(words); i++ {
		if inDate(words[i]) {
			continue
		}
		m, n, ok := numberAt(rs, words, i)
		if !ok {
			continue
		}
		out = append(out, m)
		i += n - 1
	}
	return out
}

// numberAt reads a quantity starting at words[i]; n is the number of words
// used.
func numberAt(rs []rune, words []flagWord, i int) (numberMention, int, bool) {
	w := words[i]
	val, unit, j, ok := 0.0, "", i+1, false
	hyphenUnit := ""
	head, tail, _ := strings.Cut(w.Fold, "-")
	switch {
	case len(head) > 0 && head[0] >= '0' && head[0] <= '9':
		if strings.HasSuffix(w.Gap, ":") || (j < len(words) && words[j].Gap == ":") {
			return numberMention{}, 0, false // a time of day
		}
		digits, suffix := numberSplitDigits(head)
		switch suffix {
		case "", "bn", "m", "mn", "k", "tn":
		default:
			return numberMention{}, 0, false // ordinals, codes
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(digits, ",", ""), 64)
		if err != nil {
			return numberMention{}, 0, false
		}
		val, ok = v, true
		switch suffix {
		case "bn":
			val *= 1e9
		case "m", "mn":
			val *= 1e6
		case "k":
			val *= 1e3
		case "tn":
			val *= 1e12
		}
		hyphenUnit = tail
	default:
		v, k, found := numberWords(words, i)
		if !found {
			return numberMention{}, 0, false
		}
		val, j, ok = v, k, true
		if k == i+1 {
			hyphenUnit = numberHyphenUnit(w.Fold)
		}
	}
	if !ok {
		return numberMention{}, 0, false
	}
	// Scales after the number: "1.5 billion", "ten thousand".
	for j < len(words) && words[j].Gap == "" {
		s, isScale := numberScales[words[j].Fold]
		if !isScale {
			break
		}
		val *= s
		j++
	}
	for _, r := range w.Gap {
		if c, isCur := numberCurrencies[string(r)]; isCur {
			unit = c
		}
	}
	end := words[j-1].End
	switch {
	case hyphenUnit != "":
		unit = numberStem(hyphenUnit)
	case j < len(words) && strings.HasPrefix(words[j].Gap, "%"):
		unit = "%"
		end++
	case j < len(words) && words[j].Gap == "" && (words[j].Fold == "percent" || words[j].Fold == "pct"):
		unit, end = "%", words[j].End
		j++
	case j+1 < len(words) && words[j].Fold == "per" && words[j+1].Fold == "cent":
		unit, end = "%", words[j+1].End
		j += 2
	case j+1 < len(words) && words[j].Fold == "percentage" && strings.HasPrefix(words[j+1].Fold, "point"):
		unit, end = "pp", words[j+1].End
		j += 2
	case unit == "" && j < len(words) && words[j].Gap == "" && numberCurrencies[words[j].Fold] != "":
		unit, end = numberCurrencies[words[j].Fold], words[j].End
		j++
	}
	if unit == "" {
		if dateIsYear(w.Text) && !strings.Contains(w.Text, ",") {
			return numberMention{}, 0, false // a year
		}
		part := ""
		for k := j; k < len(words) && k < j+3; k++ {
			if words[k].Gap != "" {
				break
			}
			if numberPartWords[words[k].Fold] {
				// "three other women" counts some of the women "four
				// women" counts: another quantity, not another reading.
				part = "other "
			}
			if numberSkip[words[k].Fold] {
				continue
			}
			if numberStops[words[k].Fold] {
				break
			}
			// A word of combining marks alone folds to nothing.
			if r, _ := utf8.DecodeRuneInString(words[k].Fold); unicode.IsLetter(r) {
				unit = part + numberStem(words[k].Fold)
			}
			break
		}
	}
	if unit == "" {
		unit = "#"
	}
	start := w.Start
	if strings.ContainsAny(w.Gap, "$€£¥") {
		start--
	}
	return numberMention{Start: start, End: end, Text: string(rs[start:end]), Value: val, Unit: unit,
		key: strconv.FormatFloat(val, 'g', 6, 64)}, j - i, true
}

// numberSplitDigits splits "1.5bn" into "1.5" and "bn".
func numberSplitDigits(s string) (string, string) {
	k := 0
	for k < len(s) && (s[k] >= '0' && s[k] <= '9' || s[k] == ',' || s[k] == '.') {
		k++
	}
	return strings.TrimRight(s[:k], ".,"), s[k:]
}

// numberWords reads a number written in words starting at words[i]
// ("twenty-five", "ten thousand", "a third of", "two-thirds"); it returns
// the value and the index after it.
func numberWords(words []flagWord, i int) (float64, int, bool) {
	f := words[i].Fold
	// Fractions: "a third of", "two-thirds".
	if head, tail, ok := strings.Cut(f, "-"); ok {
		if n, ok := numberSmall[head]; ok {
			if fr, ok := numberFractions[tail]; ok {
				return n * fr, i + 1, true
			}
		}
	}
	if (f == "a" || f == "one") && i+2 < len(words) && words[i+1].Gap == "" && words[i+2].Fold == "of" {
		if fr, ok := numberFractions[words[i+1].Fold]; ok {
			return fr, i + 2, true
		}
	}
	total, cur, k, any := 0.0, 0.0, i, false
	for k < len(words) && (k == i || words[k].Gap == "") {
		g := words[k].Fold
		if v, ok := numberCompound(g); ok {
			cur += v
			any = true
			k++
			continue
		}
		if !any {
			break
		}
		if s, ok := numberScales[g]; ok && s < 1e3 {
			cur *= s
			k++
			continue
		}
		if g == "and" && any && k+1 < len(words) {
			if _, ok := numberCompound(words[k+1].Fold); ok {
				k++
				continue
			}
		}
		break
	}
	if !any {
		return 0, 0, false
	}
	total += cur
	return total, k, true
}

// numberCompound reads one number word or a hyphenated pair
// ("twenty-five"); a trailing unit after a hyphen ("three-day") is allowed.
func numberCompound(g string) (float64, bool) {
	if !numberMaybeWord(g) {
		return 0, false
	}
	if v, ok := numberSmall[g]; ok {
		return v, true
	}
	head, tail, hyphen := strings.Cut(g, "-")
	if !hyphen {
		return 0, false
	}
	a, ok := numberSmall[head]
	if !ok {
		return 0, false
	}
	second, _, _ := strings.Cut(tail, "-")
	if b, ok := numberSmall[second]; ok && a >= 20 && b < 10 {
		return a + b, true
	}
	return a, true
}

// numberHyphenUnit returns "day" for "three-day" and "" for "twenty-five".
func numberHyphenUnit(g string) string {
	k := strings.LastIndexByte(g, '-')
	if k < 0 {
		return ""
	}
	last := g[k+1:]
	_, fraction := numberFractions[last]
	if _, ok := numberSmall[last]; ok || fraction {
		return ""
	}
	return last
}

// numberStem reduces a unit word to its singular.
func numberStem(w string) string {
	w = strings.Trim(w, ".,")
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

// numberDetector holds the number check (detector "number") over the
// prepared story.
type numberDetector struct{ *preparedStory }

// numberFlags flags quantities that aligned passages state differently.
func (d *numberDetector) numberFlags() []Flag {
	var out []Flag
	for pi := range d.c.Passages {
		paras := d.passageParas(pi)
		byUnit := map[string][]flagValue{}
		var units []string
		vals := map[string]map[string]float64{}
		for vi := range d.vers {
			for _, p := range paras[vi] {
				for _, m := range p.numbers {
					if _, ok := byUnit[m.Unit]; !ok {
						units = append(units, m.Unit)
						vals[m.Unit] = map[string]float64{}
					}
					byUnit[m.Unit] = append(byUnit[m.Unit], flagValue{Key: m.Key(), Ver: vi, Para: p, Start: m.Start, End: m.End, Text: m.Text})
					vals[m.Unit][m.Key()] = m.Value
				}
			}
		}
		for _, u := range units {
			has := func(v int, key string) bool { return d.numberWritten(v, u, key) }
			others := func(key, other string, a, b int) []int { return d.flagThirds(key, other, a, b, has) }
			eq := func(a, b string) bool { return a == b }
			for _, c := range d.flagSettleTies(flagConsensus(byUnit[u], nil), others) {
				f := c.Found
				if !d.flagFactSupported(f, byUnit[u], c.Expected.Key, eq) {
					continue // the same unit in one passage, but another fact
				}
				sev := flagSeverityBySupport(c.SupFound, c.SupExpected)
				a, b := vals[u][f.Key], vals[u][c.Expected.Key]
				if math.Abs(a-b) <= 0.05*math.Max(math.Abs(a), math.Abs(b)) {
					sev = SeverityLow // a rounding
				}
				msg := fmt.Sprintf("%s writes %s where %d of %d versions write %s%s",
					d.flagVersionsPhrase(f.Ver), flagQuoted(f.Text), c.SupExpected, len(d.vers), flagQuoted(c.Expected.Text), flagTimes(c.Times))
				if c.SupFound == c.SupExpected {
					msg = d.flagTieMessage(c)
				}
				out = append(out, d.newFlag(flagSpec{Kind: FlagNumber, Severity: sev, Ver: f.Ver, Para: f.Para, Start: f.Start, End: f.End, Slot: "number:" + u, Found: f.Text, Expected: c.Expected.Text, Support: Support{Found: c.SupFound, Expected: c.SupExpected}, Message: msg}))
			}
		}
	}
	return out
}

// numberWritten reports whether version v states the quantity key in unit
// anywhere in its body.
func (d *numberDetector) numberWritten(v int, unit, key string) bool {
	for _, p := range d.vers[v].paras {
		for _, m := range p.numbers {
			if m.Unit == unit && m.Key() == key {
				return true
			}
		}
	}
	return false
}

// numberMaybeWord is a cheap test that g may start with a number word of
// numberSmall: most words fail it without a map look-up.
func numberMaybeWord(g string) bool {
	if len(g) < 3 {
		return false
	}
	switch g[:3] {
	case "zer", "two", "twe", "thr", "thi", "fou", "for", "fiv", "fif", "six", "sev", "eig", "nin", "ten", "ele":
		return true
	}
	return false
}
