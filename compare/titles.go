package compare

import (
	"fmt"
	"slices"
	"strings"
)

// titleHeads are the words that end a title before a name ("Commerce
// Secretary", "Vice Premier"): a small general list of offices and roles.
var titleHeads = flagSet(`minister president secretary premier chairman chairwoman chair governor
spokesperson spokesman spokeswoman senator mayor chancellor ambassador envoy representative
negotiator director chief ceo commissioner king queen speaker treasurer adviser advisor
attorney-general judge justice leader prosecutor officer general secretary-general
vice-president vice-premier sen. sen rep. rep gov. gov pres. lawmaker congressman congresswoman
economist analyst founder head whip undersecretary under-secretary attorney`)

// titleModifiers are the other words a title is made of: departments,
// ranks and the time qualifiers that matter ("former").
var titleModifiers = flagSet(`vice deputy prime foreign commerce trade finance treasury defense
defence state interior home health economy economic energy agriculture labor labour education
transport transportation security national central bank executive assistant acting former ex
then late incoming outgoing junior senior first top lead federal party general u.s. us u.k. uk
eu chinese american british french german russian japanese environment justice industry
affairs commercial international chief-executive then-president ex-president lieutenant
interim associate majority minority press`)

// titleFormerWords mark a past office. "then" is not one: "then-President
// X" dates an office to the events told, which "President X" does not
// contradict.
var titleFormerWords = flagSet(`former ex late erstwhile onetime one-time outgoing`)

// titleRankWords turn an office into another one: a lieutenant governor,
// a deputy minister or an acting director is not the governor, minister or
// director. Two titles that differ in one of these name different offices.
var titleRankWords = flagSet(`vice lieutenant acting assistant under interim associate`)

// titleLegislators and titleLeaders are offices one person commonly holds
// together ("Senator X, the majority leader"): one against the other is no
// contradiction.
var (
	titleLegislators = flagSet(`senator representative lawmaker congressman congresswoman`)
	titleLeaders     = flagSet(`leader chair speaker whip`)
)

// titleOwnerWords open a phrase about someone else's office ("Steele,
// whose spokesman, ..."), never the named person's title.
var titleOwnerWords = flagSet(`whose his her their its our my your`)

// titleSynonyms map role phrases to one canonical spelling; two titles that
// differ only through this table are synonyms, not different offices.
var titleSynonyms = []struct{ from, to string }{
	{"deputy prime minister", "vice premier"},
	{"prime minister", "premier"},
	{"deputy", "vice"},
	{"vice-premier", "vice premier"},
	{"vice-president", "vice president"},
	{"spokesman", "spokesperson"},
	{"spokeswoman", "spokesperson"},
	{"chairman", "chair"},
	{"chairwoman", "chair"},
	{"adviser", "advisor"},
	{"defence", "defense"},
	{"labour", "labor"},
	{"sen.", "senator"},
	{"sen", "senator"},
	{"rep.", "representative"},
	{"rep", "representative"},
	{"gov.", "governor"},
	{"gov", "governor"},
	{"pres.", "president"},
	{"chief executive", "ceo"},
	{"press secretary", "spokesperson"},
	{"undersecretary", "under secretary"},
	{"under-secretary", "under secretary"},
	{"lt.", "lieutenant"},
	{"congressman", "representative"},
	{"congresswoman", "representative"},
}

// titleHead reports whether a folded word ends a title.
func titleHead(f string) bool { return titleHeads[f] }

// titleWord reports whether a folded word may be part of a title,
// including a prefixed office ("ex-president", "then-senator").
func titleWord(f string) bool {
	if titleHeads[f] || titleModifiers[f] {
		return true
	}
	pre, rest, ok := strings.Cut(f, "-")
	return ok && (titleFormerWords[pre] || pre == "then" || titleRankWords[pre]) && (titleHeads[rest] || titleModifiers[rest])
}

// titleAppositive reads a title written after a name: ", the deputy prime
// minister," or ", China's vice premier.". from is the index of the word
// after the name. It returns the phrase and its rune range, or "".
func titleAppositive(rs []rune, words []flagWord, from int) (string, int, int) {
	if from >= len(words) || words[from].Gap != "," {
		return "", 0, 0
	}
	k := from
	if titleOwnerWords[words[k].Fold] {
		return "", 0, 0
	}
	thenAt := -1
	if words[k].Fold == "then" && k+1 < len(words) && words[k+1].Gap == "" {
		thenAt = k // "Moore, then an assistant district attorney,": kept in the phrase
		k++
	}
	if f := words[k].Fold; f == "the" || f == "a" || f == "an" || f == "who" {
		k++
		if k < len(words) && words[k].Fold == "is" {
			k++
		}
	}
	start, last, head := -1, -1, false
	// nameRun counts capitalised words that follow a title word: two make
	// a name ("Senator Lina Voss"), so the phrase introduces someone else.
	afterTitle, nameRun := false, 0
	closed := false
	for ; !closed && k < len(words) && k < from+9; k++ {
		w := words[k]
		if k > from && w.Gap != "" {
			break
		}
		f, _ := flagStripPossessive(w.Fold)
		isTitle := titleWord(f)
		if !isTitle && flagIsCap(w.Text) && (afterTitle || nameRun > 0) {
			nameRun++
			if nameRun >= 2 {
				return "", 0, 0
			}
		} else {
			nameRun = 0
		}
		afterTitle = isTitle
		switch {
		case isTitle:
			head = head || titleHead(f)
		case (f == "and" || f == "or") && head && start >= 0:
			// "then a district attorney and later the chief justice":
			// the first office ends the phrase.
			closed = true
		case f == "of" || f == "for" || f == "and" || f == "the" || f == "to":
			if start < 0 {
				return "", 0, 0
			}
		case flagIsCap(w.Text):
		case !head && k+1 < len(words) && words[k+1].Gap == "" && k < from+4:
			// Words naming the body before the office: "the port
			// authority's chairman".
		default:
			return "", 0, 0
		}
		if closed {
			break
		}
		if start < 0 {
			start = k
		}
		last = k
	}
	if !head || start < 0 {
		return "", 0, 0
	}
	// The phrase must close with punctuation or the paragraph end.
	if !closed && k < len(words) && words[k].Gap == "" {
		return "", 0, 0
	}
	for last > start && (nameHonorifics[words[last].Fold] || (!titleWord(words[last].Fold) && !flagIsCap(words[last].Text))) {
		last--
	}
	for last > start && (words[last].Fold == "of" || words[last].Fold == "to" || words[last].Fold == "for" || words[last].Fold == "the" || words[last].Fold == "and") {
		last--
	}
	s, e := words[start].Start, words[last].End
	if thenAt >= 0 {
		s = words[thenAt].Start
	}
	return string(rs[s:e]), s, e
}

// titleRoles is a title reduced for comparison: its role words (place and
// nationality words dropped, order ignored) and whether it is a past office.
type titleRoles struct {
	Raw       string   // sorted role words as written (folded)
	Canonical string   // the same after the synonym table
	Words     []string // canonical role words, sorted
	Heads     []string // the canonical words that name an office ("minister")
	Former    bool
	Then      bool // dated to the events told ("then a district attorney")
	Ordinal   bool // "Trump's first national security adviser": says which holder, not whether current
}

// titleReduce reduces a title phrase to its roles. Words before a
// possessive belong to someone else ("President Kell's adviser" is an
// adviser) and are dropped.
func titleReduce(phrase string) titleRoles {
	var raw []string
	var t titleRoles
	for _, w := range strings.Fields(flagFold(phrase)) {
		w = strings.Trim(w, ",;:()")
		w, poss := flagStripPossessive(w)
		if poss {
			raw, t.Former = raw[:0], false
			continue
		}
		if pre, rest, ok := strings.Cut(w, "-"); ok && titleWord(rest) {
			switch {
			case titleFormerWords[pre]:
				t.Former = true
				w = rest
			case pre == "then":
				t.Then = true
				w = rest
			}
		}
		switch {
		case titleFormerWords[w]:
			t.Former = true
		case w == "then":
			t.Then = true
		case titleOrdinals[w]:
			t.Ordinal = true
		case titleWord(w) && !titleNationality(w):
			raw = append(raw, w)
		}
	}
	joined := " " + strings.Join(raw, " ") + " "
	canon := joined
	for _, s := range titleSynonyms {
		canon = strings.ReplaceAll(canon, " "+s.from+" ", " "+s.to+" ")
	}
	rawWords := strings.Fields(joined)
	slices.Sort(rawWords)
	t.Raw = strings.Join(slices.Compact(rawWords), " ")
	t.Words = strings.Fields(canon)
	slices.Sort(t.Words)
	t.Words = slices.Compact(t.Words)
	t.Canonical = strings.Join(t.Words, " ")
	for _, w := range t.Words {
		if titleHeads[w] {
			t.Heads = append(t.Heads, w)
		}
	}
	return t
}

// titleNationality reports whether a title word only says which country.
func titleNationality(w string) bool {
	switch w {
	case "u.s.", "us", "u.k.", "uk", "eu", "chinese", "american", "british", "french", "german",
		"russian", "japanese", "federal", "national", "party":
		// Which country or body ("party chairman", "chairman of the
		// national committee"), not which office.
		return true
	}
	return false
}

// titleRelation says how title a compares with title b: "same", "subset"
// (one names fewer roles, as "minister" and "trade minister", or offices
// held together, as "senator" and "majority leader"), "synonym", "former" (a
// past office against a current one), or "different" (other offices, or an
// office against its deputy, lieutenant or acting holder).
func titleRelation(a, b titleRoles) string {
	if len(a.Words) == 0 || len(b.Words) == 0 {
		return "subset"
	}
	if a.Then != b.Then {
		// "then a district attorney" dates an office to the events told:
		// it cannot contradict what the person is now.
		if a.Raw == b.Raw {
			return "same"
		}
		return "subset"
	}
	sameRoles := a.Canonical == b.Canonical
	sub := titleSubset(a.Words, b.Words) || titleSubset(b.Words, a.Words)
	switch {
	case (a.Former || b.Former) && !sameRoles && !sub:
		// Past offices add up, and a former minister may be a senator now.
		return "subset"
	case a.Former != b.Former && (sameRoles || sub) && !a.Ordinal && !b.Ordinal:
		return "former"
	case a.Raw == b.Raw:
		return "same"
	case sameRoles:
		return "synonym"
	case titleHeldTogether(a.Heads, b.Heads):
		return "subset"
	case titleRanksDiffer(a.Words, b.Words):
		return "different"
	case sub:
		return "subset"
	}
	return "different"
}

// titleRanksDiffer reports whether one title carries a rank word
// ("lieutenant", "acting") the other lacks.
func titleRanksDiffer(a, b []string) bool {
	for _, w := range a {
		if titleRankWords[w] && !slices.Contains(b, w) {
			return true
		}
	}
	for _, w := range b {
		if titleRankWords[w] && !slices.Contains(a, w) {
			return true
		}
	}
	return false
}

// titleHeldTogether reports whether one title is a legislator's seat and
// the other a leadership role in the chamber, which one person holds at
// once.
func titleHeldTogether(a, b []string) bool {
	all := func(ws []string, set map[string]bool) bool {
		for _, w := range ws {
			if !set[w] {
				return false
			}
		}
		return len(ws) > 0
	}
	return (all(a, titleLegislators) && all(b, titleLeaders)) || (all(b, titleLegislators) && all(a, titleLeaders))
}

// titleSubset reports whether every word of a is in b.
func titleSubset(a, b []string) bool {
	for _, w := range a {
		if !slices.Contains(b, w) {
			return false
		}
	}
	return true
}

// titleUse is one title written for a person in one version.
type titleUse struct {
	ver        int
	p          *flagPara
	start, end int
	phrase     string
	roles      titleRoles
	indefinite bool // "Huckabee, a Baptist minister": a calling described, not an office held now
}

// titleDetector holds the title check (detector "title") over the prepared
// story.
type titleDetector struct{ *preparedStory }

// titleFlags compares, person by person, the titles the versions give.
func (d *titleDetector) titleFlags() []Flag {
	byEnt := map[int][]titleUse{}
	var ents []int
	for vi, v := range d.vers {
		for _, p := range v.paras {
			for _, m := range p.names {
				ent := d.ents.entity(m)
				if ent < 0 {
					continue
				}
				app := m.Appositive
				if app != "" && titleOffered(p, m) {
					app = "" // "appoint Julian Assange ambassador": a post offered, not held
				}
				for _, u := range []titleUse{
					{vi, p, m.TitleStart, m.TitleStart + len([]rune(m.Title)), m.Title, titleRoles{}, false},
					{vi, p, m.AppStart, m.AppEnd, app, titleRoles{}, titleIndefinite(p, m.AppStart)},
				} {
					if u.phrase == "" {
						continue
					}
					u.roles = titleReduce(u.phrase)
					if len(u.roles.Heads) == 0 {
						// "senior", "top": no office is named.
						continue
					}
					if _, ok := byEnt[ent]; !ok {
						ents = append(ents, ent)
					}
					byEnt[ent] = append(byEnt[ent], u)
				}
			}
		}
	}
	var out []Flag
	for _, ent := range ents {
		// Offices dated to the events ("then a district attorney") are
		// weighed among themselves, apart from what the person is now.
		var now, then []titleUse
		for _, u := range byEnt[ent] {
			if u.roles.Then {
				then = append(then, u)
			} else {
				now = append(now, u)
			}
		}
		out = append(out, d.titleEntityFlags(ent, now)...)
		out = append(out, d.titleEntityFlags(ent, then)...)
	}
	return out
}

// titleKey identifies a title for counting: its role words and tense.
func titleKey(r titleRoles) string {
	if r.Former {
		return "former " + r.Raw
	}
	return r.Raw
}

// titleEntityFlags flags the titles of one person that contradict the
// title most versions give.
func (d *titleDetector) titleEntityFlags(ent int, uses []titleUse) []Flag {
	support := map[string]map[int]bool{}
	var keys []string
	first := map[string]titleUse{}
	for _, u := range uses {
		k := titleKey(u.roles)
		if support[k] == nil {
			support[k] = map[int]bool{}
			keys = append(keys, k)
			first[k] = u
		}
		support[k][u.ver] = true
	}
	if len(keys) < 2 {
		return nil
	}
	// The consensus: most versions, then the most specific, then the
	// earliest version.
	best := keys[0]
	for _, k := range keys[1:] {
		a, b := len(support[k]), len(support[best])
		if a > b || (a == b && len(first[k].roles.Words) > len(first[best].roles.Words)) ||
			(a == b && len(first[k].roles.Words) == len(first[best].roles.Words) && first[k].ver < first[best].ver) {
			best = k
		}
	}
	cons := first[best]
	name := d.ents.canonical(ent)
	var out []Flag
	for _, k := range keys {
		if k == best {
			continue
		}
		u := first[k]
		rel := titleRelation(u.roles, cons.roles)
		var sev Severity
		switch rel {
		case "former":
			if (u.roles.Former && cons.indefinite) || (cons.roles.Former && u.indefinite) {
				continue // "a former minister" against "an ordained minister"
			}
			sev = SeverityHigh
		case "different":
			if titlesGivenTogether(uses, u.roles, cons.roles) {
				continue // one version gives the person both offices
			}
			sev = SeverityMedium
		default:
			// The same office in other words ("spokesman", "press
			// secretary") or a fuller form of it is no discrepancy.
			continue
		}
		sf, se := len(support[k]), len(support[best])
		switch {
		case sf < se && rel == "former":
			sev = SeverityMedium
			if flagSeverityBySupport(sf, se) == SeverityHigh {
				sev = SeverityHigh
			}
		case sf < se:
			sev = SeverityMedium
		case rel == "former":
			sev = SeverityMedium // as many versions each: no side is the consensus
		default:
			sev = SeverityLow
		}
		what := map[string]string{
			"former":    "a former office against a current one",
			"different": "a different office",
		}[rel]
		involved := d.titleVersionIDs(support[k], support[best])
		at := func(v int, key string, dflt titleUse) titleUse {
			for _, x := range uses {
				if x.ver == v && titleKey(x.roles) == key {
					return x
				}
			}
			return dflt
		}
		if sf == se {
			// Even evidence: both sides are flagged, and the message says
			// the versions disagree rather than naming one wrong.
			msg := fmt.Sprintf("versions %s disagree on %s's office: %s against %s (%s); as many versions write each",
				strings.Join(involved, " and "), name, flagQuoted(u.phrase), flagQuoted(cons.phrase), what)
			for _, side := range []struct {
				key, other string
				dflt, opp  titleUse
			}{{k, best, u, cons}, {best, k, cons, u}} {
				for _, v := range titleSortedVersions(support[side.key]) {
					uv := at(v, side.key, side.dflt)
					f := d.newFlag(flagSpec{Kind: FlagTitle, Severity: sev, Ver: v, Para: uv.p, Start: uv.start, End: uv.end, Slot: "title:" + name, Found: uv.phrase, Expected: side.opp.phrase, Support: Support{Found: sf, Expected: se}, Message: msg})
					f.Versions = involved
					out = append(out, f)
				}
			}
			continue
		}
		for _, v := range titleSortedVersions(support[k]) {
			uv := at(v, k, u)
			msg := fmt.Sprintf("%s calls %s %s; %d of %d versions write %s (%s)",
				d.flagVersionsPhrase(v), name, flagQuoted(uv.phrase), se, len(d.vers), flagQuoted(cons.phrase), what)
			f := d.newFlag(flagSpec{Kind: FlagTitle, Severity: sev, Ver: v, Para: uv.p, Start: uv.start, End: uv.end, Slot: "title:" + name, Found: uv.phrase, Expected: cons.phrase, Support: Support{Found: sf, Expected: se}, Message: msg})
			f.Versions = involved
			out = append(out, f)
		}
	}
	return out
}

// titleSortedVersions lists the versions of a set in order.
func titleSortedVersions(set map[int]bool) []int {
	vs := make([]int, 0, len(set))
	for v := range set {
		vs = append(vs, v)
	}
	slices.Sort(vs)
	return vs
}

// titleVersionIDs lists the ids of the versions in either set, in order.
func (d *titleDetector) titleVersionIDs(a, b map[int]bool) []string {
	all := map[int]bool{}
	for v := range a {
		all[v] = true
	}
	for v := range b {
		all[v] = true
	}
	var ids []string
	for _, v := range titleSortedVersions(all) {
		ids = append(ids, d.vers[v].id)
	}
	return ids
}

// titleAppointVerbs are the stems of verbs that give someone a post: the
// office after their name is offered, not held ("urged Australia to
// appoint Julian Assange, ambassador to ...").
var titleAppointVerbs = flagSet(`appoint name nomin make elect offer choos chose pick tap promot instal consid`)

// titleOffered reports whether mention m is the object of a verb of
// appointing, a few words before it in the same paragraph.
func titleOffered(p *flagPara, m nameMention) bool {
	k := 0
	for k < len(p.words) && p.words[k].Start < m.Start {
		k++
	}
	for j := k - 1; j >= 0 && j >= k-5; j-- {
		w := p.words[j].Fold
		for stem := range titleAppointVerbs {
			if strings.HasPrefix(w, stem) && len(w) <= len(stem)+4 {
				return true
			}
		}
		if strings.ContainsAny(p.words[j].Gap, ".;:") {
			break
		}
	}
	return false
}

// titleIndefinite reports whether the title at rune offset start is
// introduced by "a" or "an".
func titleIndefinite(p *flagPara, start int) bool {
	for k, w := range p.words {
		if w.Start >= start {
			return k > 0 && (p.words[k-1].Fold == "a" || p.words[k-1].Fold == "an")
		}
	}
	return false
}

// titlesGivenTogether reports whether some version gives the person of uses
// an office of a and an office of b: then they are offices held together
// ("Senator Wender", "Wender, an ordained minister"), not a contradiction.
func titlesGivenTogether(uses []titleUse, a, b titleRoles) bool {
	heads := map[int]map[string]bool{}
	for _, u := range uses {
		if heads[u.ver] == nil {
			heads[u.ver] = map[string]bool{}
		}
		for _, h := range u.roles.Heads {
			heads[u.ver][h] = true
		}
	}
	for _, hs := range heads {
		ha, hb := false, false
		for _, h := range a.Heads {
			ha = ha || hs[h]
		}
		for _, h := range b.Heads {
			hb = hb || hs[h]
		}
		if ha && hb && !slices.Equal(a.Heads, b.Heads) {
			return true
		}
	}
	return false
}

// titleOrdinals say which holder of an office someone was ("his first
// national security adviser"), which a "former" does not contradict.
var titleOrdinals = flagSet(`first second third fourth fifth last previous`)
