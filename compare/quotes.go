package compare

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// quoteMention is one quoted passage of a paragraph: the rune range of the
// words between the quotation marks, its folded words, and the speaker it
// is attributed to (an entity, -1 when unknown).
type quoteMention struct {
	Start, End     int
	Text           string
	Words          []string
	Sorted         []string // Words sorted, for overlap
	Speaker        int
	SpeakerText    string
	SpStart, SpEnd int
}

// quoteSpeechVerbs attribute a quote to a speaker.
var quoteSpeechVerbs = flagSet(`said says told added stated asked warned wrote declared noted insisted
explained argued claimed replied remarked announced tweeted posted say tells adds`)

// findQuoteMentions finds the quoted passages of a paragraph, with straight
// or curly double quotes. A quote left open runs to the paragraph end, as
// in a quote that goes on in the next paragraph. Quotes of fewer than three
// words (scare quotes) are left out.
func findQuoteMentions(rs []rune) []quoteMention {
	var out []quoteMention
	open := -1
	for i, r := range rs {
		switch {
		case open < 0 && (r == '“' || r == '„' || r == '«' || (r == '"' && quoteOpensAt(rs, i))):
			open = i + 1
		case open >= 0 && (r == '”' || r == '»' || r == '"' || (r == '“' && quoteClosesAt(rs, i))):
			out = quoteAppend(out, rs, open, i)
			open = -1
		}
	}
	if open >= 0 {
		out = quoteAppend(out, rs, open, len(rs))
	}
	return out
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

func quoteAppend(out []quoteMention, rs []rune, s, e int) []quoteMention {
	for s < e && unicode.IsSpace(rs[s]) {
		s++
	}
	for e > s && unicode.IsSpace(rs[e-1]) {
		e--
	}
	ws := flagWords(rs[s:e])
	if len(ws) < 3 {
		return out
	}
	q := quoteMention{Start: s, End: e, Text: string(rs[s:e]), Speaker: -1}
	for _, w := range ws {
		q.Words = append(q.Words, w.Fold)
	}
	q.Sorted = slices.Clone(q.Words)
	slices.Sort(q.Sorted)
	return append(out, q)
}

// attributeQuotes finds the speaker of each quote of version v: the name
// next to the nearest speech verb outside the quotes ("said He Lifeng",
// "Lutnick told reporters", "according to Lutnick").
func (d *flagDoc) attributeQuotes(v *flagVersion) {
	for _, p := range v.paras {
		if len(p.quotes) == 0 {
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
		// Speech verbs outside quotes, with the speaker of each.
		type cue struct{ pos, sent, name int }
		var cues []cue
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
			if sp := d.quoteSpeakerOf(p, k, inQuote); sp >= 0 {
				cues = append(cues, cue{w.Start, flagSentenceOf(p.sents, w.Start), sp})
			}
		}
		for qi := range p.quotes {
			q := &p.quotes[qi]
			best, bestDist := -1, 1<<30
			qs := flagSentenceOf(p.sents, q.Start)
			for _, c := range cues {
				if c.sent != qs && c.sent != flagSentenceOf(p.sents, max(q.End-1, q.Start)) {
					continue
				}
				dist := c.pos - q.End
				if c.pos < q.Start {
					dist = q.Start - c.pos
				}
				if dist < bestDist {
					best, bestDist = c.name, dist
				}
			}
			if best < 0 {
				continue
			}
			m := p.names[best]
			q.Speaker = d.ents.entity(m)
			q.SpeakerText, q.SpStart, q.SpEnd = m.Text, m.Start, m.End
		}
	}
}

// quoteSpeakerOf finds who speaks with the speech verb words[k]: a name
// right before it ("Lutmann said"), right after it, past a title ("said
// Vice Premier He Lanfeng"), else the first person named earlier in the
// sentence (its subject). It returns an index into p.names, or -1.
func (d *flagDoc) quoteSpeakerOf(p *flagPara, k int, inQuote func(int) bool) int {
	w := p.words[k]
	sent := flagSentenceOf(p.sents, w.Start)
	subject := -1
	for mi, m := range p.names {
		if inQuote(m.Start) || flagSentenceOf(p.sents, m.Start) != sent {
			continue
		}
		if m.End <= w.Start && w.Start-m.End <= 2 {
			return mi
		}
		if m.End > w.End && m.TitleStart-w.End <= 2 {
			return mi
		}
		if subject < 0 && m.End <= w.Start && d.namePerson(m) {
			subject = mi
		}
	}
	return subject
}

// namePerson reports whether a mention names a person rather than a place
// or body: its entity is written with two or more words somewhere, or with
// a title.
func (d *flagDoc) namePerson(m nameMention) bool {
	if len(m.Folds) > 1 || m.Title != "" || m.Appositive != "" {
		return true
	}
	ent := d.ents.entity(m)
	for i, f := range d.ents.forms {
		if len(f.folds) > 1 && d.ents.find(i) == ent {
			return true
		}
	}
	return false
}

// quoteRef locates one quote.
type quoteRef struct {
	p *flagPara
	q int
}

func (r quoteRef) quote() quoteMention { return r.p.quotes[r.q] }

// quoteOverlap is the share of the shorter quote's words found in the
// longer one; a and b are the quotes' words sorted.
func quoteOverlap(a, b []string) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return 0
	}
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(n) / float64(len(a))
}

// quoteVerbatim reports whether one wording is a verbatim excerpt of the
// other: a partial quote is no rewording.
func quoteVerbatim(a, b []string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	sa, sb := " "+strings.Join(a, " ")+" ", " "+strings.Join(b, " ")+" "
	return strings.Contains(sb, sa)
}

// quoteFlags flags quotes worded differently across versions, and quotes
// attributed to different speakers.
func (d *flagDoc) quoteFlags() []Flag {
	var refs []quoteRef
	for _, v := range d.vers {
		for _, p := range v.paras {
			for qi := range p.quotes {
				refs = append(refs, quoteRef{p, qi})
			}
		}
	}
	parent := make([]int, len(refs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			i = parent[i]
		}
		return i
	}
	for i := range refs {
		for j := i + 1; j < len(refs); j++ {
			if refs[i].p.ver == refs[j].p.ver {
				continue
			}
			qa, qb := &refs[i].p.quotes[refs[i].q], &refs[j].p.quotes[refs[j].q]
			if 5*min(len(qa.Words), len(qb.Words)) < 3*max(len(qa.Words), len(qb.Words)) && quoteOverlap(qa.Sorted, qb.Sorted) < 0.6 {
				continue
			}
			// A short excerpt of a longer quote is no rewording of it.
			if 2*min(len(qa.Words), len(qb.Words)) < max(len(qa.Words), len(qb.Words)) {
				continue
			}
			if quoteOverlap(qa.Sorted, qb.Sorted) >= 0.6 {
				a, b := find(i), find(j)
				if a != b {
					parent[max(a, b)] = min(a, b)
				}
			}
		}
	}
	clusters := map[int][]int{}
	var roots []int
	for i := range refs {
		r := find(i)
		if _, ok := clusters[r]; !ok {
			roots = append(roots, r)
		}
		clusters[r] = append(clusters[r], i)
	}
	var out []Flag
	for _, r := range roots {
		out = append(out, d.quoteClusterFlags(refs, clusters[r])...)
	}
	return out
}

// quoteClusterFlags compares one quote as the versions give it.
func (d *flagDoc) quoteClusterFlags(refs []quoteRef, members []int) []Flag {
	// The first quote of each version stands for it.
	byVer := map[int]quoteRef{}
	var vers []int
	for _, i := range members {
		v := refs[i].p.ver
		if _, ok := byVer[v]; !ok {
			byVer[v] = refs[i]
			vers = append(vers, v)
		}
	}
	if len(vers) < 2 {
		return nil
	}
	slices.Sort(vers)
	supportOf := func(words []string) int {
		n := 0
		for _, v := range vers {
			if quoteVerbatim(words, byVer[v].quote().Words) {
				n++
			}
		}
		return n
	}
	cons, consSup := vers[0], -1
	for _, v := range vers {
		q := byVer[v].quote()
		s := supportOf(q.Words)
		if s > consSup || (s == consSup && len(q.Words) > len(byVer[cons].quote().Words)) {
			cons, consSup = v, s
		}
	}
	cq := byVer[cons].quote()
	var out []Flag
	for _, v := range vers {
		q := byVer[v].quote()
		if quoteVerbatim(q.Words, cq.Words) {
			continue
		}
		sf := supportOf(q.Words)
		sev := SeverityMedium
		if sf >= consSup {
			sev = SeverityLow
		}
		msg := fmt.Sprintf("%s quotes %s; %d of %d versions quote %s (a quote should be verbatim)",
			d.flagVersionsPhrase(v), flagQuoted(q.Text), consSup, len(d.vers), flagQuoted(cq.Text))
		out = append(out, d.newFlag(FlagQuote, sev, v, byVer[v].p, q.Start, q.End, "quote:"+strings.Join(cq.Words, " "),
			q.Text, cq.Text, Support{Found: sf, Expected: consSup}, msg))
	}
	// Speakers.
	count := map[int]int{}
	for _, v := range vers {
		if s := byVer[v].quote().Speaker; s >= 0 {
			count[s]++
		}
	}
	if len(count) < 2 {
		return out
	}
	bestSp, bestN := -1, 0
	for _, v := range vers {
		s := byVer[v].quote().Speaker
		if s >= 0 && count[s] > bestN {
			bestSp, bestN = s, count[s]
		}
	}
	expected := d.ents.canonical(bestSp)
	for _, v := range vers {
		q := byVer[v].quote()
		if q.Speaker < 0 || q.Speaker == bestSp {
			continue
		}
		sev := flagSeverityBySupport(count[q.Speaker], bestN)
		if sev == SeverityMedium {
			sev = SeverityHigh
		}
		msg := fmt.Sprintf("%s attributes the quote %s to %s; %d of %d versions attribute it to %s",
			d.flagVersionsPhrase(v), flagQuoted(q.Text), flagQuoted(q.SpeakerText), bestN, len(d.vers), flagQuoted(expected))
		out = append(out, d.newFlag(FlagQuote, sev, v, byVer[v].p, q.SpStart, q.SpEnd, "speaker:"+strings.Join(cq.Words, " "),
			q.SpeakerText, expected, Support{Found: count[q.Speaker], Expected: bestN}, msg))
	}
	return out
}
