package compare

import (
	"strings"
	"unicode"
)

// nameMention is one mention of a person, organisation or place in one
// paragraph: the rune range [Start,End) of the name as written (possessive
// "'s" excluded), its tokens, and the title written before it, if any.
type nameMention struct {
	Start, End int
	Text       string
	Tokens     []string // as written
	Folds      []string // folded tokens
	Title      string   // title phrase before the name ("Vice Premier"), as written
	TitleStart int      // rune offset of Title; equals Start when there is none
	Appositive string   // title phrase after the name (", the trade minister,")
	AppStart   int
	AppEnd     int
	Initial    bool   // the mention opens a sentence
	key        string // Folds joined, set when Folds are
}

// Key is the mention's folded form, the unit names are counted by.
func (m nameMention) Key() string {
	if m.key != "" {
		return m.key
	}
	return strings.Join(m.Folds, " ")
}

// nameLexicon tells the mention finder which capitalised words are common
// words: those also written in lower case somewhere in the story.
type nameLexicon map[string]bool

// newNameLexicon collects the lower-case words of the given texts.
func newNameLexicon(texts ...[]flagWord) nameLexicon {
	lex := nameLexicon{}
	for _, ws := range texts {
		for _, w := range ws {
			if !flagIsCap(w.Text) {
				lex[w.Fold] = true
			}
		}
	}
	return lex
}

// nameFunctionWords are words that, capitalised at a sentence start, open no
// name ("In Beijing", "The White House").
var nameFunctionWords = flagSet(`the a an in on at by for from with of to as and but or nor if
when while after before since during under over about this that these those there here then yet
so also still however meanwhile although though because both each every all some many most no not
what which who whom whose where why how such its last next earlier later according despite amid
among until unless between against across through into upon without within than more less only
even just now today yesterday tomorrow new other another his her their our my your once instead
asked speaking under-secretary`)

// namePronouns are pronouns that are also surnames: "He" opens a name only
// when another capitalised name word follows ("He Lifeng", not "He said").
var namePronouns = flagSet(`he she we you they it`)

// nameParticles may stand in lower case inside a name ("bin", "van der").
var nameParticles = flagSet(`bin ibn al el de del della der den van von da di du la le dos das ben abu`)

// nameHonorifics are courtesy titles dropped from the name itself.
var nameHonorifics = flagSet(`mr mr. mrs mrs. ms ms. dr dr. sir dame lord lady prof prof. professor madam monsieur mme herr shaikh sheikh`)

// flagSet builds a set from space-separated words.
func flagSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// nameIsNameWord reports whether a capitalised word may be part of a name:
// not a month, weekday or the pronoun "I".
func nameIsNameWord(w flagWord) bool {
	if !flagIsCap(w.Text) {
		return false
	}
	f := strings.TrimSuffix(w.Fold, ".")
	if _, ok := dateMonths[f]; ok {
		return false
	}
	if _, ok := dateWeekdays[f]; ok {
		return false
	}
	return f != "i"
}

// findNameMentions finds the name mentions of one paragraph. sents are the
// paragraph's sentences; lex says which words are common words.
func findNameMentions(rs []rune, words []flagWord, sents []Sentence, lex nameLexicon) []nameMention {
	starts := flagSentenceStarts(words, sents)
	var out []nameMention
	for i := 0; i < len(words); {
		if !nameIsNameWord(words[i]) {
			i++
			continue
		}
		// A run of capitalised words (with lower-case particles inside),
		// broken by punctuation or a possessive.
		j := i + 1
		_, poss := flagStripPossessive(words[i].Text)
		for !poss && j < len(words) && words[j].Gap == "" {
			if nameIsNameWord(words[j]) {
				_, poss = flagStripPossessive(words[j].Text)
				j++
				continue
			}
			// "Minister of Finance Su Lanning": "of" after a title word.
			ofTitle := (words[j].Fold == "of" || words[j].Fold == "for") && titleHead(words[j-1].Fold)
			if nameParticles[words[j].Fold] || ofTitle {
				// One or more particles, then a name word: "van der Berg".
				k := j
				for k < len(words) && words[k].Gap == "" && (nameParticles[words[k].Fold] || k == j) {
					k++
				}
				if k < len(words) && k > j && words[k].Gap == "" && nameIsNameWord(words[k]) {
					j = k
					continue
				}
			}
			break
		}
		out = appendNameRun(out, rs, words, i, j, starts[i], lex)
		i = j
	}
	return out
}

// appendNameRun turns the capitalised run words[i:j] into a mention: drop
// a sentence-opening common word, split off the title, strip honorifics.
func appendNameRun(out []nameMention, rs []rune, words []flagWord, i, j int, initial bool, lex nameLexicon) []nameMention {
	first := i
	if initial {
		f := words[i].Fold
		switch {
		case namePronouns[f]:
			if j-i < 2 || titleWord(words[i+1].Fold) {
				first = i + 1
			}
		case nameFunctionWords[f] || (lex[f] && !titleWord(f)):
			first = i + 1
		}
	}
	if first >= j {
		return out
	}
	// The title ends at the last title word of the run.
	nameStart := first
	dept := false
	for k := first; k < j; k++ {
		if titleHead(words[k].Fold) {
			nameStart = k + 1
			dept = false
			// "Minister of Finance": the department follows the head.
			if k+2 < j && (words[k+1].Fold == "of" || words[k+1].Fold == "for") {
				nameStart = k + 2
				for nameStart < j-1 && titleWord(words[nameStart].Fold) {
					nameStart++
				}
				k = nameStart - 1
				dept = true
			}
		}
	}
	// "the Secretary of Commerce of the United States": a department word
	// that ends the run is the title's end, not a name.
	if dept && nameStart == j-1 {
		return out
	}
	titleFrom := nameStart
	if nameStart > first {
		titleFrom = first
	}
	for nameStart < j && nameHonorifics[words[nameStart].Fold] {
		nameStart++
	}
	if nameStart >= j {
		return out
	}
	// Lower-case title words just before ("former", "vice premier").
	for titleFrom > 0 && words[titleFrom].Gap == "" && titleWord(words[titleFrom-1].Fold) && !flagIsCapRun(words, titleFrom-1) {
		titleFrom--
	}
	if titleFrom == nameStart && nameStart > first {
		titleFrom = first
	}
	m := nameMention{Start: words[nameStart].Start, Initial: initial && nameStart == i,
		Tokens: make([]string, 0, j-nameStart), Folds: make([]string, 0, j-nameStart)}
	for k := nameStart; k < j; k++ {
		t := words[k].Text
		if k == j-1 {
			t, _ = flagStripPossessive(t)
		}
		m.Tokens = append(m.Tokens, t)
		m.Folds = append(m.Folds, flagFold(t))
	}
	m.key = strings.Join(m.Folds, " ")
	m.End = words[j-1].Start + len([]rune(m.Tokens[len(m.Tokens)-1]))
	m.Text = string(rs[m.Start:m.End])
	m.TitleStart = m.Start
	if titleFrom < nameStart {
		tEnd := nameStart - 1
		for tEnd >= titleFrom && nameHonorifics[words[tEnd].Fold] {
			tEnd--
		}
		if tEnd >= titleFrom {
			m.TitleStart = words[titleFrom].Start
			m.Title = string(rs[m.TitleStart:words[tEnd].End])
		}
	}
	if !m.Initial || len(m.Tokens) > 1 || !lex[m.Folds[0]] {
		m.Appositive, m.AppStart, m.AppEnd = titleAppositive(rs, words, j)
		out = append(out, m)
	}
	return out
}

// flagIsCapRun reports whether word k is capitalised (and so part of a run
// rather than a lower-case title before it).
func flagIsCapRun(words []flagWord, k int) bool { return flagIsCap(words[k].Text) }

// nameLetters strips everything but letters and digits from a folded name
// token, so "jong-un" and "jongun" compare alike.
func nameLetters(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// nameIsInitial reports whether a folded token is an initial ("h." or "h").
func nameIsInitial(f string) bool {
	l := nameLetters(f)
	return len([]rune(l)) == 1 || (strings.Contains(f, ".") && len([]rune(l)) <= 3 && !strings.Contains(f, "-"))
}

// splitJoinedNames splits a mention that runs two names together, as in
// "of the United States Howard Kesnik": its first words are a name written
// alone elsewhere in the story, and the rest (two words or more) is too, or
// ends with a surname written alone. The title stays with the first name,
// an appositive goes with the second.
func (d *preparedStory) splitJoinedNames() {
	known := map[string]bool{}
	for _, v := range d.vers {
		for _, p := range v.paras {
			for _, m := range p.names {
				known[m.Key()] = true
			}
		}
	}
	for _, v := range d.vers {
		for _, p := range v.paras {
			var out []nameMention // nil until a mention splits
			for i, m := range p.names {
				a, b, ok := nameSplitJoined(p, m, known)
				switch {
				case ok && out == nil:
					out = append(make([]nameMention, 0, len(p.names)+1), p.names[:i]...)
					out = append(out, a, b)
				case ok:
					out = append(out, a, b)
				case out != nil:
					out = append(out, m)
				}
			}
			if out != nil {
				p.names = out
			}
		}
	}
}

// nameSplitJoined splits m in two when its head and tail are names known
// on their own.
func nameSplitJoined(p *flagPara, m nameMention, known map[string]bool) (nameMention, nameMention, bool) {
	n := len(m.Folds)
	if n < 3 {
		return m, m, false
	}
	first := -1
	for i, w := range p.words {
		if w.Start == m.Start {
			first = i
			break
		}
	}
	if first < 0 || first+n > len(p.words) {
		return m, m, false
	}
	for k := 1; k <= n-2; k++ {
		tail := m.Folds[k:]
		if !known[strings.Join(m.Folds[:k], " ")] || !(known[strings.Join(tail, " ")] || known[tail[len(tail)-1]]) {
			continue
		}
		a, b := m, m
		a.Tokens, a.Folds = m.Tokens[:k], m.Folds[:k]
		a.key = strings.Join(a.Folds, " ")
		a.End = p.words[first+k-1].End
		a.Text = string(p.rs[a.Start:a.End])
		a.Appositive, a.AppStart, a.AppEnd = "", 0, 0
		b.Tokens, b.Folds = m.Tokens[k:], m.Folds[k:]
		b.key = strings.Join(b.Folds, " ")
		b.Start = p.words[first+k].Start
		b.Text = string(p.rs[b.Start:b.End])
		b.Title, b.TitleStart, b.Initial = "", b.Start, false
		return a, b, true
	}
	return m, m, false
}
