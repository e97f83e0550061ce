package compare

import "strings"

// spellingRules map British endings to American ones. Both sides of a
// replacement are mapped before comparing, so a rule that also fires on an
// unrelated word ("hour" → "hor") does no harm: it fires on both sides alike.
var spellingRules = []struct{ from, to string }{
	{"ourite", "orite"}, {"ourable", "orable"}, {"ouring", "oring"}, {"oured", "ored"}, {"ours", "ors"}, {"our", "or"},
	{"isation", "ization"}, {"isations", "izations"}, {"ising", "izing"}, {"ised", "ized"}, {"ises", "izes"}, {"ise", "ize"},
	{"yse", "yze"}, {"ysed", "yzed"}, {"ysing", "yzing"},
	{"tres", "ters"}, {"tre", "ter"},
	{"ogue", "og"}, {"ogues", "ogs"},
	{"ence", "ense"}, {"ogramme", "ogram"}, {"ogrammes", "ograms"},
}

// spellingWords are whole-word variants no ending rule covers.
var spellingWords = map[string]string{
	"grey": "gray", "aluminium": "aluminum", "tyre": "tire", "tyres": "tires",
	"cheque": "check", "cheques": "checks", "manoeuvre": "maneuver", "jewellery": "jewelry",
	"plough": "plow", "pyjamas": "pajamas", "kerb": "curb", "judgement": "judgment",
	"ageing": "aging", "enrolment": "enrollment", "fulfil": "fulfill", "skilful": "skillful",
	"whilst": "while", "amongst": "among", "storey": "story", "draught": "draft",
	"mould": "mold", "moult": "molt", "sceptic": "skeptic", "sceptical": "skeptical",
	"paediatric": "pediatric", "anaesthetic": "anesthetic", "oestrogen": "estrogen",
	"haemorrhage": "hemorrhage", "encyclopaedia": "encyclopedia", "leukaemia": "leukemia",
}

// canonicalSpelling maps a normalised word's British spelling to the
// American one, so that "colour"/"color" or "organised"/"organized" count
// as the same word.
func canonicalSpelling(w string) string {
	if v, ok := spellingWords[w]; ok {
		return v
	}
	if len(w) < 5 {
		return w
	}
	if v, ok := singleL(w); ok {
		return v
	}
	for _, r := range spellingRules {
		if strings.HasSuffix(w, r.from) {
			return w[:len(w)-len(r.from)] + r.to
		}
	}
	return w
}

// singleL undoes the British doubled l of "travelled", "cancelling",
// "labeller", "counsellor". It needs a long word with "ell" or "all" so that
// pairs of distinct words ("filled"/"filed", "tilling"/"tiling") stay apart.
func singleL(w string) (string, bool) {
	for _, end := range []string{"lled", "lling", "ller", "llers", "llor", "llors"} {
		if !strings.HasSuffix(w, end) {
			continue
		}
		stem := w[:len(w)-len(end)]
		if len(w) < 8 || !(strings.HasSuffix(stem, "e") || strings.HasSuffix(stem, "a")) {
			return w, false
		}
		return stem + end[1:], true
	}
	return w, false
}
