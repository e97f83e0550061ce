package compare

import (
	"slices"
	"strings"
	"unicode"
)

// quoteMention is one quoted passage of a paragraph: the rune range of the
// words between the quotation marks (closing punctuation left out), its
// words in three forms, and the speaker it is attributed to (an entity, -1
// when unknown).
type quoteMention struct {
	Start, End int
	Text       string
	Words      []string   // folded
	Norm       []string   // spelling-neutral: folded, hyphens dropped, British spelling mapped to American
	Segs       [][]string // Norm cut where the quote leaves words out ("…", "...")
	Sorted     []string   // Norm sorted, for overlap
	Stems      []string   // distinct content-word stems, sorted, for similarity of paraphrases
	Speaker    int
	// SpeakerWeak marks a speaker inferred rather than named next to the
	// quote: through a pronoun ("he said") or a neighbouring sentence.
	SpeakerWeak bool
	// SpeakerNext marks a speaker named right by the speech verb ("X said",
	// "said X"), the only attribution firm enough to accuse of an error.
	SpeakerNext    bool
	SpeakerText    string
	SpStart, SpEnd int
}

// quoteSpeechVerbs attribute a quote to a speaker.
var quoteSpeechVerbs = flagSet(`said says told added stated asked warned wrote declared noted insisted
explained argued claimed replied remarked announced tweeted posted say tells adds called described
vowed pledged urged cautioned stressed recalled acknowledged admitted conceded predicted suggested`)

// quotePersonPronouns stand for the last person named.
var quotePersonPronouns = flagSet(`he she`)

// findQuoteMentions finds the quoted passages of a paragraph, with straight
// or curly double quotes. A quote left open runs to the paragraph end, as
// in a quote that goes on in the next paragraph. Quotes of fewer than three
// words (scare quotes) are left out. stems caches word stems across calls
// (nil for none).
func findQuoteMentions(rs []rune, stems flagStems) []quoteMention {
	var out []quoteMention
	open := -1
	for i, r := range rs {
		switch {
		case open < 0 && (r == '“' || r == '„' || r == '«' || (r == '"' && quoteOpensAt(rs, i))):
			open = i + 1
		case open >= 0 && (r == '”' || r == '»' || r == '"' || (r == '“' && quoteClosesAt(rs, i))):
			out = quoteAppend(out, rs, open, i, stems)
			open = -1
		}
	}
	if open >= 0 {
		out = quoteAppend(out, rs, open, len(rs), stems)
	}
	return out
}

// mayHoldQuote reports whether text holds a mark a quote may open with
// (see findQuoteMentions); a paragraph without one has no quote.
func mayHoldQuote(text string) bool {
	return strings.IndexByte(text, '"') >= 0 || strings.Contains(text, "“") || strings.Contains(text, "„") || strings.Contains(text, "«")
}

// quoteOpensAt reports whether a straight quote at i opens (it follows a
// space, an opening bracket or the paragraph start).
func quoteOpensAt(rs []rune, i int) bool {
	return i == 0 || unicode.IsSpace(rs[i-1]) || rs[i-1] == '(' || rs[i-1] == '[' || rs[i-1] == '—'
}

// quoteClosesAt reports whether a mis-typed opening curly quote at i in
// fact closes a quote (it follows a word or punctuation, not a space).
func quoteClosesAt(rs []rune, i int) bool {
	return i > 0 && !unicode.IsSpace(rs[i-1])
}

// quoteTrailing is punctuation that closes the sentence around a quote
// rather than belonging to the words quoted: "weeks." and "weeks" quote the
// same words.
func quoteTrailing(r rune) bool {
	return unicode.IsSpace(r) || r == '.' || r == ',' || r == ';' || r == ':' || r == '…'
}

// quoteAppend appends the quote rs[s:e], trimmed, unless it is too short
// or a title.
func quoteAppend(out []quoteMention, rs []rune, s, e int, stems flagStems) []quoteMention {
	for s < e && unicode.IsSpace(rs[s]) {
		s++
	}
	for e > s && quoteTrailing(rs[e-1]) {
		e--
	}
	text := string(rs[s:e])
	ws := flagWordsOf(text, rs[s:e])
	if len(ws) < 3 || quoteIsTitle(ws) {
		return out
	}
	q := quoteMention{Start: s, End: e, Text: text, Speaker: -1,
		Words: make([]string, 0, len(ws)), Norm: make([]string, 0, len(ws))}
	seg := make([]string, 0, len(ws))
	for _, w := range ws {
		if strings.Contains(w.Gap, "…") || strings.Contains(w.Gap, "..") {
			if len(seg) > 0 {
				q.Segs = append(q.Segs, seg)
			}
			seg = nil
		}
		n := quoteNormWord(w.Fold)
		q.Words = append(q.Words, w.Fold)
		q.Norm = append(q.Norm, n)
		seg = append(seg, n)
		for part := range strings.SplitSeq(w.Fold, "-") {
			n := normalizeWord(part)
			if len(n) < 2 || isStopWord(n) {
				continue
			}
			st := stems.stem(n)
			if !slices.Contains(q.Stems, st) {
				q.Stems = append(q.Stems, st)
			}
		}
	}
	if len(seg) > 0 {
		q.Segs = append(q.Segs, seg)
	}
	q.Sorted = slices.Clone(q.Norm)
	slices.Sort(q.Sorted)
	slices.Sort(q.Stems)
	return append(out, q)
}

// quoteIsTitle reports whether every word of a quoted phrase is
// capitalised: the name of a show, book or law ("Fox News Sunday"), not
// words someone said.
func quoteIsTitle(ws []flagWord) bool {
	for _, w := range ws {
		if !flagIsCap(w.Text) && !nameFunctionWords[w.Fold] {
			return false
		}
	}
	return true
}

// quoteNormWord is a folded word in a spelling-neutral form: hyphens and
// apostrophes dropped ("night-time" = "nighttime"), British spelling mapped
// to American ("minimise" = "minimize"), a house style's abbreviated title
// written out ("Sen." = "Senator") and the points of an acronym dropped
// ("I.R.S." = "IRS").
func quoteNormWord(f string) string {
	if full, ok := quoteAbbreviations[strings.TrimSuffix(f, ".")]; ok {
		return full
	}
	if strings.Count(f, ".") >= 2 && len(f) <= 12 {
		f = strings.ReplaceAll(f, ".", "")
	}
	if strings.ContainsAny(f, "-'") {
		f = strings.NewReplacer("-", "", "'", "").Replace(f)
	}
	return canonicalSpelling(f)
}

// quoteAbbreviations are the abbreviated titles house styles write inside
// quotes for the word the speaker said.
var quoteAbbreviations = map[string]string{
	"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
	"pres": "president", "lt": "lieutenant", "sgt": "sergeant", "dr": "doctor", "prof": "professor",
}

// quotePerson is a person named in a paragraph, outside quotes.
type quotePerson struct {
	para   *flagPara
	pos    int // rune offset of the name
	name   int // index into para's names
	entity int
}

// attributeQuotes finds the speaker of each quote of version v: the name
// next to the nearest speech verb outside the quotes ("said He Lifeng",
// "Lutnick told reporters", "according to Lutnick"), a pronoun there ("he
// said") standing for the last person named in the paragraph or the one
// before, else the subject of the sentence holding the quote, else the
// speaker of the sentence before.
func (d *preparedStory) attributeQuotes(v *flagVersion) {
	var prevPersons []quotePerson
	for _, p := range v.paras {
		if !p.body() {
			continue
		}
		inQuote := func(pos int) bool {
			for _, q := range p.quotes {
				if pos >= q.Start && pos < q.End {
					return true
				}
			}
			return false
		}
		var persons []quotePerson
		for mi, m := range p.names {
			if inQuote(m.Start) || !d.namePerson(m) {
				continue
			}
			persons = append(persons, quotePerson{para: p, pos: m.Start, name: mi, entity: d.ents.entity(m)})
		}
		// lastPerson is the last person named before pos in this paragraph,
		// else the last one of the paragraph before.
		lastPerson := func(pos int) (quotePerson, bool) {
			for i := len(persons) - 1; i >= 0; i-- {
				if persons[i].pos < pos {
					return persons[i], true
				}
			}
			if len(prevPersons) > 0 {
				return prevPersons[len(prevPersons)-1], true
			}
			return quotePerson{}, false
		}
		if len(p.quotes) > 0 {
			d.attributeParagraphQuotes(p, inQuote, lastPerson)
		}
		if len(persons) > 0 {
			prevPersons = persons
		} else {
			prevPersons = nil
		}
	}
}

// quoteCue is a speech verb outside quotes with the speaker it names.
type quoteCue struct {
	pos, sent int
	sp        quoteSpeaker
}

// quoteSpeaker is a resolved speaker: a mention of paragraph para (which
// may be the paragraph before), and whether it was inferred.
type quoteSpeaker struct {
	para   *flagPara
	name   int
	entity int
	weak   bool
	next   bool // named right by the verb
}

func (d *preparedStory) attributeParagraphQuotes(p *flagPara, inQuote func(int) bool, lastPerson func(int) (quotePerson, bool)) {
	prevParaPerson := func(pos int) (quoteSpeaker, bool) {
		qp, ok := lastPerson(pos)
		if !ok {
			return quoteSpeaker{}, false
		}
		return quoteSpeaker{para: qp.para, name: qp.name, entity: qp.entity, weak: true}, true
	}
	var cues []quoteCue
	for k, w := range p.words {
		if inQuote(w.Start) {
			continue
		}
		verb := quoteSpeechVerbs[w.Fold]
		if w.Fold == "according" && k+1 < len(p.words) && p.words[k+1].Fold == "to" {
			verb = true
		}
		if !verb {
			continue
		}
		sent := flagSentenceOf(p.sents, w.Start)
		mi, next := d.quoteSpeakerOf(p, k, inQuote)
		if !next && len(cues) > 0 && cues[len(cues)-1].sent == sent {
			// "X said ... and added ...": the second verb has X's subject.
			c := cues[len(cues)-1]
			c.pos = w.Start
			cues = append(cues, c)
			continue
		}
		if mi >= 0 {
			cues = append(cues, quoteCue{w.Start, sent, quoteSpeaker{para: p, name: mi, entity: d.ents.entity(p.names[mi]), next: next}})
			continue
		}
		// "he said", "said she": the pronoun stands for the last person.
		if pr := quotePronounNear(p.words, k, inQuote); pr >= 0 {
			if sp, ok := prevParaPerson(p.words[pr].Start); ok {
				cues = append(cues, quoteCue{w.Start, sent, sp})
			}
		}
	}
	var prevSpeaker *quoteSpeaker
	for qi := range p.quotes {
		q := &p.quotes[qi]
		first, last := flagSentenceOf(p.sents, q.Start), flagSentenceOf(p.sents, max(q.End-1, q.Start))
		var best *quoteSpeaker
		bestDist := 1 << 30
		for ci := range cues {
			c := &cues[ci]
			if c.sent < first || c.sent > last {
				continue
			}
			dist := c.pos - q.End
			if c.pos < q.Start {
				dist = q.Start - c.pos
			}
			if dist < bestDist {
				best, bestDist = &c.sp, dist
			}
		}
		if best == nil {
			// No speech verb: the sentence's subject ("He called the talks
			// '...'"), a person or a pronoun before the quote.
			best = d.quoteSubject(p, first, q.Start, inQuote, prevParaPerson)
		}
		if best == nil && prevSpeaker != nil {
			sp := *prevSpeaker
			sp.weak = true
			best = &sp
		}
		if best == nil {
			continue
		}
		m := best.para.names[best.name]
		q.Speaker, q.SpeakerWeak, q.SpeakerNext = best.entity, best.weak, best.next && !best.weak
		if best.para == p {
			q.SpeakerText, q.SpStart, q.SpEnd = m.Text, m.Start, m.End
		} else {
			// The name is in another paragraph: no span here.
			q.SpeakerText, q.SpStart, q.SpEnd = m.Text, q.Start, q.Start
		}
		prevSpeaker = best
	}
}

// quotePronounNear returns the index of a personal pronoun right before or
// right after the speech verb words[k] ("he said", "said she"), or -1.
func quotePronounNear(words []flagWord, k int, inQuote func(int) bool) int {
	if k > 0 && quotePersonPronouns[words[k-1].Fold] && !inQuote(words[k-1].Start) && words[k].Gap == "" {
		return k - 1
	}
	if k+1 < len(words) && quotePersonPronouns[words[k+1].Fold] && !inQuote(words[k+1].Start) && words[k+1].Gap == "" {
		return k + 1
	}
	return -1
}

// quoteSubject finds the person a sentence without a speech verb puts
// before its quote: a named person, or a pronoun standing for the last one.
func (d *preparedStory) quoteSubject(p *flagPara, sent, qStart int, inQuote func(int) bool, prevPerson func(int) (quoteSpeaker, bool)) *quoteSpeaker {
	if sent < 0 || sent >= len(p.sents) {
		return nil
	}
	s := p.sents[sent]
	for mi, m := range p.names {
		if m.Start >= s.Start && m.Start < qStart && !inQuote(m.Start) && d.namePerson(m) {
			return &quoteSpeaker{para: p, name: mi, entity: d.ents.entity(m)}
		}
	}
	for _, w := range p.words {
		if w.Start < s.Start || w.Start >= qStart || inQuote(w.Start) {
			continue
		}
		if quotePersonPronouns[w.Fold] {
			if sp, ok := prevPerson(w.Start); ok {
				return &sp
			}
			return nil
		}
	}
	return nil
}

// quoteSpeakerOf finds who speaks with the speech verb words[k]: a name
// right before it ("Lutmann said"), or before it past an appositive
// ("Lutmann, the minister, said"), right after it, past a title ("said
// Vice Premier He Lanfeng"), else the first person named earlier in the
// sentence (its subject). It returns an index into p.names, or -1, and
// whether the name stands right by the verb.
func (d *preparedStory) quoteSpeakerOf(p *flagPara, k int, inQuote func(int) bool) (int, bool) {
	w := p.words[k]
	sent := flagSentenceOf(p.sents, w.Start)
	subject, adjacent := -1, -1
	for mi, m := range p.names {
		if inQuote(m.Start) || flagSentenceOf(p.sents, m.Start) != sent {
			continue
		}
		person := d.namePerson(m)
		next := (m.End <= w.Start && w.Start-m.End <= 2) ||
			(m.Appositive != "" && m.AppEnd <= w.Start && w.Start-m.AppEnd <= 3) ||
			(m.TitleStart >= w.End && m.TitleStart-w.End <= 2)
		switch {
		case next && person:
			return mi, true
		case next && adjacent < 0:
			// A place or body right by the verb ("..., of Beijing, said")
			// speaks only when no person does.
			adjacent = mi
		case subject < 0 && m.End <= w.Start && person:
			subject = mi
		}
	}
	if subject >= 0 {
		return subject, false
	}
	return adjacent, adjacent >= 0
}

// namePerson reports whether a mention names a person rather than a place
// or body: its entity is written with two or more words somewhere, or with
// a title.
func (d *preparedStory) namePerson(m nameMention) bool {
	if len(m.Folds) > 1 || m.Title != "" || m.Appositive != "" {
		return true
	}
	ent := d.ents.entity(m)
	if ent < 0 {
		return false
	}
	return d.ents.multiWord(ent)
}

// flagStems caches the stems of normalised words (spelling unified first),
// which the detectors ask for again and again across versions.
type flagStems map[string]string

// stem returns the stem of normalised word n; a nil cache stems afresh.
func (c flagStems) stem(n string) string {
	if st, ok := c[n]; ok {
		return st
	}
	st := stemWord(canonicalSpelling(n))
	if c != nil {
		c[n] = st
	}
	return st
}
