package compare

import (
	"strings"
	"unicode"

	"github.com/adrg/strutil/metrics"
	"github.com/antzucaro/matchr"
)

// SameName reports whether two written person names plausibly name the same
// person, and how similar they are (0 to 1). It accepts misspellings and
// transliteration slips ("Sergi Lavrov"), dropped or added middle names,
// surname-only and initial forms ("H. Lutnick"), honorifics ("Dr."), word
// order ("Smith, John") and joined words ("JohnSmith"); it rejects names
// whose given names or surnames differ ("Frank Richter", "Frederik
// Richter").
func SameName(a, b string) (bool, float64) {
	ta, tb := nameMatchTokens(a), nameMatchTokens(b)
	if len(ta) == 0 || len(tb) == 0 {
		return false, 0
	}
	ja, jb := strings.Join(ta, ""), strings.Join(tb, "")
	if ja == jb {
		return true, 1
	}
	if len(ta) > len(tb) {
		ta, tb = tb, ta
	}
	// Each token of the shorter name must find its own token in the longer.
	used := make([]bool, len(tb))
	total, full := 0.0, 0
	for _, x := range ta {
		best, bi := 0.0, -1
		for k, y := range tb {
			if used[k] {
				continue
			}
			if s := nameTokenSim(x, y); s > best {
				best, bi = s, k
			}
		}
		if bi < 0 || best < nameTokenThreshold {
			// Words run together: "mohammadhasni" against "mohammad hasni".
			if whole := nameJaroWinkler(ja, jb); whole >= 0.93 {
				return true, whole
			}
			return false, total / float64(len(ta))
		}
		used[bi] = true
		total += best
		if !nameIsInitial(x) && !nameIsInitial(tb[bi]) {
			full++
		}
	}
	score := total / float64(len(ta))
	if len(ta) == 1 && len(tb) > 1 && score < 0.9 {
		// One word against a full name leans on that word alone.
		return false, score
	}
	if full == 0 {
		// Only initials matched: "A. B." says too little.
		return false, score * 0.5
	}
	return true, score
}

// nameTokenThreshold is the similarity two name tokens need to count as the
// same word misspelled.
const nameTokenThreshold = 0.8

// nameTokenSim compares two folded name tokens: 1 when equal, 0.9 for an
// initial of the other, otherwise Jaro-Winkler, raised to 0.85 when their
// Double Metaphone keys agree.
func nameTokenSim(x, y string) float64 {
	x, y = nameLetters(x), nameLetters(y)
	if x == y {
		return 1
	}
	if x == "" || y == "" {
		return 0
	}
	rx, ry := []rune(x), []rune(y)
	if len(rx) == 1 || len(ry) == 1 {
		if rx[0] == ry[0] {
			return 0.9
		}
		return 0
	}
	s := nameJaroWinkler(x, y)
	if s < 0.85 && s >= 0.6 && namePhoneticEqual(x, y) {
		s = 0.85
	}
	return s
}

// namePhoneticEqual reports whether two folded tokens sound alike: their
// primary Double Metaphone keys agree (and are not empty).
func namePhoneticEqual(x, y string) bool {
	px, ax := matchr.DoubleMetaphone(x)
	py, ay := matchr.DoubleMetaphone(y)
	if px == "" || py == "" {
		return false
	}
	return px == py || (ax != "" && ax == py) || (ay != "" && px == ay)
}

var nameJW = metrics.NewJaroWinkler()

// nameJaroWinkler is the Jaro-Winkler similarity of two folded strings.
func nameJaroWinkler(x, y string) float64 { return nameJW.Compare(x, y) }

// nameMatchTokens folds a written name into comparable tokens: accents
// stripped, Cyrillic transliterated, digits read as the letters they stand
// for, punctuation split, honorifics and company suffixes dropped.
func nameMatchTokens(s string) []string {
	s = flagFold(s)
	var b strings.Builder
	for _, r := range s {
		if t, ok := nameCyrillic[r]; ok {
			b.WriteString(t)
			continue
		}
		if t, ok := nameLeet[r]; ok {
			b.WriteRune(t)
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		} else {
			b.WriteByte(' ')
		}
	}
	var out []string
	for _, t := range strings.Fields(b.String()) {
		if nameHonorifics[t] || nameCompanySuffix[t] {
			continue
		}
		out = append(out, t)
	}
	return out
}

// nameCompanySuffix are legal-form words that do not belong to a name.
var nameCompanySuffix = flagSet(`sa llc ltd inc plc gmbh ag co corp`)

// nameLeet maps digits written for look-alike letters.
var nameLeet = map[rune]rune{'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '9': 'g'}

// nameCyrillic transliterates lower-case Cyrillic letters (a simple
// scientific-style table, enough for matching).
var nameCyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'ґ': "g", 'д': "d", 'е': "e", 'ё': "e", 'є': "ye",
	'ж': "zh", 'з': "z", 'и': "i", 'і': "i", 'ї': "yi", 'й': "y", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh",
	'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e",
	'ю': "yu", 'я': "ya",
}
