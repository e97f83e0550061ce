package compare

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// nameForm is one spelling of a name across the story (folded), with the
// versions that write it.
type nameForm struct {
	key     string
	folds   []string
	display string
	count   map[int]int         // version → mentions
	first   map[int]nameOccur   // version → first mention
	all     map[int][]nameOccur // version → every mention
}

// nameOccur locates one mention.
type nameOccur struct {
	p *flagPara
	m int // index into p.names
}

func (o nameOccur) mention() nameMention { return o.p.names[o.m] }

// nameVariant is a pair of forms judged to be one name spelt two ways.
type nameVariant struct {
	a, b    int // form indexes
	sim     float64
	aligned bool
}

// nameEntities groups the forms into entities (people, organisations,
// places): full names, surname-only references, initials and misspellings
// of one name share an entity.
type nameEntities struct {
	forms    []*nameForm
	byKey    map[string]int
	parent   []int
	variants []nameVariant
	multi    map[int]bool // entities written with two or more words; built on first use
	persons  map[int]bool // entities surely people; built on first use
}

// entity returns the entity id of a mention's form, or -1.
func (e *nameEntities) entity(m nameMention) int {
	i, ok := e.byKey[m.Key()]
	if !ok {
		return -1
	}
	return e.find(i)
}

func (e *nameEntities) find(i int) int {
	for e.parent[i] != i {
		e.parent[i] = e.parent[e.parent[i]]
		i = e.parent[i]
	}
	return i
}

func (e *nameEntities) union(a, b int) {
	e.multi, e.persons = nil, nil
	ra, rb := e.find(a), e.find(b)
	if ra == rb {
		return
	}
	if ra > rb {
		ra, rb = rb, ra
	}
	e.parent[rb] = ra
}

// multiWord reports whether entity ent is written with two or more words
// somewhere in the story.
func (e *nameEntities) multiWord(ent int) bool {
	if e.multi == nil {
		e.multi = map[int]bool{}
		for i, f := range e.forms {
			if len(f.folds) > 1 {
				e.multi[e.find(i)] = true
			}
		}
	}
	return e.multi[ent]
}

// surelyPerson reports whether entity ent is surely a person: written
// with two or more words somewhere, and either given a title or referred to
// by its last word alone ("Renner" for "Tobias Renner"). Places and bodies
// ("White House", "Georgetown University") are rarely either.
func (e *nameEntities) surelyPerson(ent int) bool {
	if e.persons == nil {
		e.persons = map[int]bool{}
		titled, lasts := map[int]bool{}, map[int]map[string]bool{}
		for i, f := range e.forms {
			r := e.find(i)
			if len(f.folds) > 1 {
				if lasts[r] == nil {
					lasts[r] = map[string]bool{}
				}
				lasts[r][f.folds[len(f.folds)-1]] = true
			}
			for _, occs := range f.all {
				for _, o := range occs {
					if m := o.mention(); m.Title != "" || m.Appositive != "" {
						titled[r] = true
					}
				}
			}
		}
		for i, f := range e.forms {
			r := e.find(i)
			if lasts[r] == nil {
				continue
			}
			if titled[r] || (len(f.folds) == 1 && lasts[r][f.folds[0]]) {
				e.persons[r] = true
			}
		}
	}
	return e.persons[ent]
}

// canonical returns the entity's most written multi-word form, or its most
// written form.
func (e *nameEntities) canonical(ent int) string {
	best, bestV, bestN, bestT := "", -1, -1, -1
	for i, f := range e.forms {
		if e.find(i) != ent {
			continue
		}
		n := 0
		for _, c := range f.count {
			n += c
		}
		t := min(len(f.folds), 2)
		if t > bestT || (t == bestT && len(f.count) > bestV) || (t == bestT && len(f.count) == bestV && n > bestN) {
			best, bestV, bestN, bestT = f.display, len(f.count), n, t
		}
	}
	return best
}

// groupNames collects the name forms of every version and groups them.
func (d *preparedStory) groupNames() *nameEntities {
	e := &nameEntities{byKey: map[string]int{}}
	for vi, v := range d.vers {
		for _, p := range v.paras {
			for mi, m := range p.names {
				k := m.Key()
				fi, ok := e.byKey[k]
				if !ok {
					fi = len(e.forms)
					e.byKey[k] = fi
					e.forms = append(e.forms, &nameForm{key: k, folds: m.Folds, display: m.Text,
						count: map[int]int{}, first: map[int]nameOccur{}, all: map[int][]nameOccur{}})
				}
				f := e.forms[fi]
				if f.count[vi] == 0 {
					f.first[vi] = nameOccur{p, mi}
				}
				f.count[vi]++
				f.all[vi] = append(f.all[vi], nameOccur{p, mi})
			}
		}
	}
	e.parent = make([]int, len(e.forms))
	for i := range e.parent {
		e.parent[i] = i
	}
	// Full names first, so that a surname-only form joins only when it fits
	// exactly one person.
	single := map[int][]int{}
	for i, f := range e.forms {
		for j := i + 1; j < len(e.forms); j++ {
			g := e.forms[j]
			switch nameFormRelation(f.folds, g.folds) {
			case "compatible":
				if len(f.folds) == 1 || len(g.folds) == 1 {
					s, o := i, j
					if len(g.folds) == 1 && len(f.folds) > 1 {
						s, o = j, i
					}
					single[s] = append(single[s], o)
					continue
				}
				e.union(i, j)
			case "variant":
				slip := nameOnceSlip(f, g) || nameOnceSlip(g, f)
				if (nameCoOccur(f, g) && !slip) || !nameShapesMatch(f.display, g.display) {
					continue
				}
				if e.fullNamesDiffer(i, j) {
					continue // "Warner" and "Warren" when "Mark Warner" and "Elizabeth Warren" are written
				}
				sim, aligned := d.nameVariantEvidence(f, g)
				if !aligned && !slip && sim < nameVariantThreshold(f.folds, g.folds) {
					continue
				}
				e.variants = append(e.variants, nameVariant{a: i, b: j, sim: sim, aligned: aligned})
				e.union(i, j)
			}
		}
	}
	for s, others := range single {
		roots := map[int]bool{}
		for _, o := range others {
			roots[e.find(o)] = true
		}
		if len(roots) == 1 {
			e.union(s, others[0])
		}
	}
	return e
}

// nameFormRelation compares two folded name forms: "compatible" when one is
// a shorter or initialled form of the other ("lutnick", "h. lutnick",
// "howard lutnick"), "variant" when they have as many tokens and every
// differing token is similar ("hen lifeng", "he lifeng"), else "none".
func nameFormRelation(a, b []string) string {
	if len(a) > len(b) {
		a, b = b, a
	}
	if nameSubsequence(a, b) || (len(a) == len(b) && nameSubsequence(b, a)) {
		return "compatible"
	}
	if len(a) != len(b) {
		return "none"
	}
	differ := 0
	for k := range a {
		if a[k] == b[k] {
			continue
		}
		if k == len(a)-1 && (nameInflected(a[k], b[k]) || nameDerivedApart(a[k], b[k])) {
			// "Democrat" and "Democrats", "Ostland" and "Ostlander", and
			// inside a longer form "Senate Republican" (an adjective) and
			// "Senate Republicans".
			return "none"
		}
		if nameIsInitial(a[k]) || nameIsInitial(b[k]) {
			return "none"
		}
		if titleWord(strings.TrimSuffix(a[k], ".")) || titleWord(strings.TrimSuffix(b[k], ".")) {
			return "none" // "Texas Rep" and "Texas Republican": an office, not a name misspelt
		}
		if strings.Count(a[k], "-") != strings.Count(b[k], "-") {
			return "none" // a compound ("Ostland-based", "R-Ostland") is not the name misspelt
		}
		if nameTokenSim(a[k], b[k]) < nameTokenThreshold {
			return "none"
		}
		differ++
	}
	if differ == 0 {
		return "compatible"
	}
	return "variant"
}

// nameInflectionSuffixes turn a name word into a plural, demonym or
// adjective: such pairs are two words, not one misspelt.
var nameInflectionSuffixes = []string{"s", "es", "'s", "n", "an", "ans", "ian", "ians", "ic", "ns", "ese", "ish", "i", "er", "ers", "ern"}

// nameInflected reports whether one word is the other plus an inflection.
func nameInflected(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if !strings.HasPrefix(b, a) {
		return false
	}
	for _, suf := range nameInflectionSuffixes {
		if b[len(a):] == suf {
			return true
		}
	}
	return false
}

// nameDerivedSuffixes end adjectives, demonyms and plurals made from a
// name, longest first.
var nameDerivedSuffixes = []string{"ians", "ian", "ans", "an", "ese", "ish", "ic", "s", "i"}

// nameDerivedApart reports whether two words end in different derivation
// suffixes ("Ostlandic" and "Ostlanders", "Veranian" and "Veraqi"): two
// words formed apart, not one word misspelt.
func nameDerivedApart(a, b string) bool {
	suffix := func(w string) string {
		for _, s := range nameDerivedSuffixes {
			if strings.HasSuffix(w, s) && len(w)-len(s) >= 3 {
				return s
			}
		}
		return ""
	}
	sa, sb := suffix(a), suffix(b)
	return sa != "" && sb != "" && sa != sb
}

// nameShapesMatch reports whether two written forms have tokens of the same
// shape: as many words, each with as many capitals right after a letter, so that a
// camel-case coinage ("OstCare") is never taken for a name misspelt.
func nameShapesMatch(a, b string) bool {
	ta, tb := strings.Fields(a), strings.Fields(b)
	if len(ta) != len(tb) {
		return true // forms of different lengths are compared token by token elsewhere
	}
	inner := func(w string) int {
		n, prev := 0, ' '
		for _, r := range w {
			if unicode.IsUpper(r) && unicode.IsLetter(prev) {
				n++ // a capital inside a word, not after a hyphen or apostrophe
			}
			prev = r
		}
		return n
	}
	for k := range ta {
		if inner(ta[k]) != inner(tb[k]) {
			return false
		}
	}
	return true
}

// nameSubsequence reports whether the tokens of a appear in b in order, each
// equal or as an initial of the b token.
func nameSubsequence(a, b []string) bool {
	k := 0
	for _, x := range a {
		for k < len(b) && !nameTokenFits(x, b[k]) {
			k++
		}
		if k == len(b) {
			return false
		}
		k++
	}
	return true
}

// nameTokenFits reports whether x is y or an initial of y.
func nameTokenFits(x, y string) bool {
	lx, ly := nameLetters(x), nameLetters(y)
	if lx == ly {
		return true
	}
	if nameIsInitial(x) && !nameIsInitial(y) && lx != "" && strings.HasPrefix(ly, lx) {
		return true
	}
	return false
}

// nameVariantThreshold is the whole-form similarity a variant needs when no
// aligned slot supports it: stricter for a lone word, which has no shared
// given name or surname to lean on.
func nameVariantThreshold(a, b []string) float64 {
	if len(a) == 1 {
		if len([]rune(a[0])) < 4 || len([]rune(b[0])) < 4 {
			return 2 // never without alignment
		}
		return 0.88
	}
	return 0.85
}

// nameOnceSlip reports whether form f looks like a one-time slip for form
// g: f is written once in the whole story, g at least three times in two
// versions or more, f is part of no longer name, and the two differ by one
// letter left out, added or swapped ("Tump" for "Trump", "Rourke" for
// "O'Rourke"). Such a pair is one name even when a version writes both.
func nameOnceSlip(f, g *nameForm) bool {
	nf, ng := 0, 0
	for _, c := range f.count {
		nf += c
	}
	for _, c := range g.count {
		ng += c
	}
	if nf != 1 || ng < 3 || len(g.count) < 2 || len(f.folds) != len(g.folds) {
		return false
	}
	if nameInflected(f.folds[len(f.folds)-1], g.folds[len(g.folds)-1]) {
		return false // "Trumps" is the name inflected, not misspelt
	}
	return nameOneEdit(nameLetters(strings.Join(f.folds, "")), nameLetters(strings.Join(g.folds, "")))
}

// nameOneEdit reports whether two words of four letters or more differ by
// one letter inserted, deleted, or two neighbours swapped. A substitution
// does not count: it too often makes another real name ("Reid", "Read").
func nameOneEdit(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < 4 || len(rb) < 4 {
		return false
	}
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	switch len(rb) - len(ra) {
	case 1:
		i := 0
		for i < len(ra) && ra[i] == rb[i] {
			i++
		}
		return string(ra[i:]) == string(rb[i+1:])
	case 0:
		i := 0
		for i < len(ra) && ra[i] == rb[i] {
			i++
		}
		return i+1 < len(ra) && ra[i] == rb[i+1] && ra[i+1] == rb[i] && string(ra[i+2:]) == string(rb[i+2:])
	}
	return false
}

// fullNamesDiffer reports whether forms i and j are each the short form of
// a longer name written in the story, and no longer name of one fits a
// longer name of the other: two people who share a surname-like word
// ("Mark Warner", "Elizabeth Warren"), not one name misspelt.
func (e *nameEntities) fullNamesDiffer(i, j int) bool {
	fuller := func(k int) [][]string {
		var out [][]string
		for h, g := range e.forms {
			if h != k && len(g.folds) > len(e.forms[k].folds) && nameEndsWith(e.forms[k].folds, g.folds) {
				out = append(out, g.folds)
			}
		}
		return out
	}
	fi, fj := fuller(i), fuller(j)
	if len(fi) == 0 || len(fj) == 0 {
		return false
	}
	for _, a := range fi {
		for _, b := range fj {
			if nameFormRelation(a, b) != "none" {
				return false
			}
		}
	}
	return true
}

// nameEndsWith reports whether the short form a fits the longer form b
// and ends with b's last token (a surname, not a given name).
func nameEndsWith(a, b []string) bool {
	return nameSubsequence(a, b) && a[len(a)-1] == b[len(b)-1]
}

// nameCoOccur reports whether one version writes both forms: then they are
// two people ("Li Wei" and "Li Wen"), not one misspelt.
func nameCoOccur(f, g *nameForm) bool {
	for v := range f.count {
		if g.count[v] > 0 {
			return true
		}
	}
	return false
}

// nameVariantEvidence measures two forms: the similarity of their folded
// texts (the weakest differing token counts) and whether some aligned
// paragraph pair puts them in the same slot.
func (d *preparedStory) nameVariantEvidence(f, g *nameForm) (float64, bool) {
	sim := 1.0
	for k := range f.folds {
		if f.folds[k] != g.folds[k] {
			sim = min(sim, nameTokenSim(f.folds[k], g.folds[k]))
		}
	}
	whole := nameJaroWinkler(strings.Join(f.folds, " "), strings.Join(g.folds, " "))
	if len(f.folds) > 1 {
		sim = (sim + whole) / 2
	}
	for _, pair := range d.c.Pairs {
		for _, fo := range nameOccursIn(f, pair.A) {
			for _, gocc := range nameOccursIn(g, pair.B) {
				if nameSameSlot(pair.Ops, fo.mention(), gocc.mention(), false) {
					return sim, true
				}
			}
		}
		for _, fo := range nameOccursIn(f, pair.B) {
			for _, gocc := range nameOccursIn(g, pair.A) {
				if nameSameSlot(pair.Ops, gocc.mention(), fo.mention(), false) {
					return sim, true
				}
			}
		}
	}
	return sim, false
}

// nameOccursIn lists the form's mentions in one paragraph.
func nameOccursIn(f *nameForm, ref ParaRef) []nameOccur {
	var out []nameOccur
	for _, occs := range f.all {
		for _, o := range occs {
			if o.p.ref == ref {
				out = append(out, o)
			}
		}
	}
	return out
}

// nameSameSlot reports whether mention a of a pair's A paragraph maps,
// through the diff ops, onto mention b of its B paragraph.
func nameSameSlot(ops []Op, a, b nameMention, _ bool) bool {
	lo, hi := flagMapRange(ops, a.Start)
	return lo >= 0 && lo <= b.End && hi >= b.Start-1
}

// flagMapRange maps a rune offset of a pair's A text to the range of B's
// text that stands in its place: one point inside an equal op, the whole
// replacement when the offset lies in a deleted stretch followed by an
// insertion. It returns -1, -1 when the ops do not cover the offset.
func flagMapRange(ops []Op, pos int) (int, int) {
	for i, o := range ops {
		if pos < o.AStart || pos >= o.AEnd {
			continue
		}
		if o.Op == OpEqual {
			b := o.BStart + pos - o.AStart
			return b, b
		}
		lo, hi := o.BStart, o.BEnd
		for j := i + 1; j < len(ops) && ops[j].Op != OpEqual; j++ {
			hi = max(hi, ops[j].BEnd)
		}
		for j := i - 1; j >= 0 && ops[j].Op != OpEqual; j-- {
			lo = min(lo, ops[j].BStart)
		}
		return lo, hi
	}
	return -1, -1
}

// nameDetector holds the name checks (detectors "name" and
// "name-accent"), over the prepared story.
type nameDetector struct{ *preparedStory }

// nameFlags flags minority spellings of a name.
func (d *nameDetector) nameFlags() []Flag {
	e := d.ents
	var out []Flag
	seen := map[nameSeenKey]bool{}
	// Multi-word variants first, so that the surname-only echo of the same
	// misspelling is counted with them rather than flagged again.
	vs := slices.Clone(e.variants)
	slices.SortStableFunc(vs, func(x, y nameVariant) int {
		return len(e.forms[y.a].folds) - len(e.forms[x.a].folds)
	})
	for _, nv := range vs {
		f, g := e.forms[nv.a], e.forms[nv.b]
		sf, sg := d.nameSupport(nv.a, nv.b), d.nameSupport(nv.b, nv.a)
		switch {
		case sf < sg:
			out = d.appendNameFlag(out, seen, f, g, sf, sg, nv)
		case sg < sf:
			out = d.appendNameFlag(out, seen, g, f, sg, sf, nv)
		case nameShortForm(f.folds, g.folds):
			// As many versions each, one form a clipped spelling of the
			// other ("Calif." and "California", "Tim" and "Timothy"): an
			// abbreviation or a short name, not a slip.
		default:
			out = d.appendNameFlag(out, seen, f, g, sf, sg, nv)
			out = d.appendNameFlag(out, seen, g, f, sg, sf, nv)
		}
	}
	return out
}

// nameSupport counts the versions writing form i, or another form that
// fits i but not j: a surname-only echo of the same spelling, or a longer
// form holding it ("Dana Okafor" for "Okafor").
func (d *nameDetector) nameSupport(i, j int) int {
	e := d.ents
	vers := map[int]bool{}
	for v := range e.forms[i].count {
		vers[v] = true
	}
	for k, h := range e.forms {
		if k == i || k == j {
			continue
		}
		fi, fj := e.forms[i].folds, e.forms[j].folds
		shorter := len(h.folds) < len(fi) && nameSubsequence(h.folds, fi) && !nameSubsequence(h.folds, fj)
		longer := len(h.folds) > len(fi) && nameSubsequence(fi, h.folds) && !nameSubsequence(fj, h.folds)
		if shorter || longer {
			for v := range h.count {
				vers[v] = true
			}
		}
	}
	return len(vers)
}

// appendNameFlag flags every version writing the minority form f, once per
// version and spelling, at its first mention.
func (d *nameDetector) appendNameFlag(out []Flag, seen map[nameSeenKey]bool, f, g *nameForm, sf, sg int, nv nameVariant) []Flag {
	diffF, diffG := nameDiffTokens(f.folds, g.folds)
	vers := make([]int, 0, len(f.first))
	for v := range f.first {
		vers = append(vers, v)
	}
	slices.Sort(vers)
	for _, v := range vers {
		k := nameSeenKey{v, diffF + ">" + diffG}
		if seen[k] {
			continue
		}
		seen[k] = true
		occ := f.first[v]
		m := occ.mention()
		times := d.nameTimes(v, diffF)
		expected := g.display
		sev := flagSeverityBySupport(sf, sg)
		if sev == SeverityHigh && nv.sim < 0.85 && !nv.aligned {
			sev = SeverityMedium
		}
		msg := fmt.Sprintf("%d of %d versions write %s; %s writes %s%s",
			sg, len(d.vers), flagQuoted(expected), d.flagVersionsPhrase(v), flagQuoted(m.Text), flagTimes(times))
		if sf == sg {
			msg = fmt.Sprintf("versions disagree on a name: %d write %s, %d write %s", sf, flagQuoted(m.Text), sg, flagQuoted(expected))
		}
		slot := "name:" + diffG
		out = append(out, d.newFlag(flagSpec{Kind: FlagName, Severity: sev, Ver: v, Para: occ.p, Start: m.Start, End: m.End, Slot: slot, Found: m.Text, Expected: expected, Support: Support{Found: sf, Expected: sg}, Message: msg}))
	}
	return out
}

// nameShortForm reports whether every token where two forms differ is, in
// one form, the beginning of the other's.
func nameShortForm(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	differ := false
	for k := range a {
		x, y := nameLetters(a[k]), nameLetters(b[k])
		if x == y {
			continue
		}
		differ = true
		if !strings.HasPrefix(x, y) && !strings.HasPrefix(y, x) {
			return false
		}
	}
	return differ
}

// nameSeenKey marks a misspelling already flagged in a version.
type nameSeenKey struct {
	ver   int
	found string
}

// nameDiffTokens returns the differing tokens of two variant forms.
func nameDiffTokens(a, b []string) (string, string) {
	var x, y []string
	for k := range a {
		if k < len(b) && a[k] != b[k] {
			x = append(x, a[k])
			y = append(y, b[k])
		}
	}
	return strings.Join(x, " "), strings.Join(y, " ")
}

// nameTimes counts the mentions in version v that contain the misspelt
// tokens tok.
func (d *nameDetector) nameTimes(v int, tok string) int {
	n := 0
	want := strings.Fields(tok)
	for _, p := range d.vers[v].paras {
		for _, m := range p.names {
			if nameSubsequence(want, m.Folds) {
				n++
			}
		}
	}
	return n
}

// nameAccentFlags flags a version that writes a name word without the
// diacritic at least two other versions write it with ("Pena" for "Peña")
// while no other version drops it. A dropped accent is a slip, not another
// person: medium severity, below a misspelt name.
func (d *nameDetector) nameAccentFlags() []Flag {
	type spot struct {
		p *flagPara
		m int
	}
	// fold → spelling as written (lower case) → version → first mention.
	spell := map[string]map[string]map[int]spot{}
	for vi, v := range d.vers {
		for _, p := range v.paras {
			for mi, m := range p.names {
				for k, tok := range m.Tokens {
					low := strings.ToLower(tok)
					f := m.Folds[k]
					if spell[f] == nil {
						spell[f] = map[string]map[int]spot{}
					}
					if spell[f][low] == nil {
						spell[f][low] = map[int]spot{}
					}
					if _, ok := spell[f][low][vi]; !ok {
						spell[f][low][vi] = spot{p, mi}
					}
				}
			}
		}
	}
	var out []Flag
	folds := make([]string, 0, len(spell))
	for f := range spell {
		folds = append(folds, f)
	}
	slices.Sort(folds)
	for _, f := range folds {
		plain, ok := spell[f][f]
		if !ok || len(plain) != 1 || !nameIsASCII(f) {
			continue
		}
		for low, accented := range spell[f] {
			if low == f || nameIsASCII(low) || flagFold(low) != f {
				continue
			}
			for v, at := range plain {
				others := 0
				for w := range accented {
					if w != v {
						others++
					}
				}
				if others < 2 {
					continue
				}
				m := at.p.names[at.m]
				expected := strings.Replace(m.Text, nameTokenAt(m, f), nameAccentLike(nameTokenAt(m, f), low), 1)
				msg := fmt.Sprintf("%d of %d versions write %s with its accent; %s writes %s",
					others, len(d.vers), flagQuoted(expected), d.flagVersionsPhrase(v), flagQuoted(m.Text))
				out = append(out, d.newFlag(flagSpec{Kind: FlagName, Severity: SeverityMedium, Ver: v, Para: at.p, Start: m.Start, End: m.End, Slot: "name-accent:" + low, Found: m.Text, Expected: expected, Support: Support{Found: 1, Expected: others}, Message: msg}))
			}
		}
	}
	return out
}

// nameIsASCII reports whether s has no byte above 0x7f.
func nameIsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// nameTokenAt returns the token of m whose fold is f, as written.
func nameTokenAt(m nameMention, f string) string {
	for k, t := range m.Tokens {
		if m.Folds[k] == f {
			return t
		}
	}
	return ""
}

// nameAccentLike writes the accented spelling low in the case of tok
// ("Pena", "peña" → "Peña").
func nameAccentLike(tok, low string) string {
	tr, lr := []rune(tok), []rune(low)
	if len(tr) != len(lr) {
		return low
	}
	for i, r := range tr {
		if unicode.IsUpper(r) {
			lr[i] = unicode.ToUpper(lr[i])
		}
	}
	return string(lr)
}
