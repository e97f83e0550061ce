package compare

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/lazyregexp"
)

// quoteRef locates one quote.
type quoteRef struct {
	p *flagPara
	q int
}

func (r quoteRef) quote() *quoteMention { return &r.p.quotes[r.q] }

// Thresholds for treating two quotes of different versions as one quote.
const (
	// quoteSameOverlap is the share of the shorter quote's words the longer
	// one must hold for the two to be one quote wherever they stand.
	quoteSameOverlap = 0.6
	// quoteParaphraseDice is the similarity of content-word stems (Dice) a
	// paraphrase (a translated or reworded quote) must keep, when the two
	// quotes stand in aligned paragraphs at the same place or with the
	// same speaker.
	quoteParaphraseDice = 0.4
	// quoteSpeakersDice is the similarity of words (Dice) two quotes given
	// to two different people must keep to be one quote misattributed.
	quoteSpeakersDice = 0.8
)

// quoteOverlap is the share of the shorter list's items found in the
// longer one; a and b are sorted.
func quoteOverlap(a, b []string) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return 0
	}
	return float64(quoteShared(a, b)) / float64(len(a))
}

// quoteVerbatim reports whether two wordings can both be verbatim: one is
// an excerpt of the other, or they are overlapping excerpts of one longer
// statement (the end of one is the start of the other, over at least
// quoteJoinWords words). A partial quote is no rewording.
func quoteVerbatim(a, b []string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return true
	}
	for i := 0; i+len(a) <= len(b); i++ {
		if b[i] == a[0] && slices.Equal(b[i:i+len(a)], a) {
			return true
		}
	}
	for n := len(a) - 1; n >= quoteJoinWords; n-- {
		if slices.Equal(a[len(a)-n:], b[:n]) || slices.Equal(b[len(b)-n:], a[:n]) {
			return true
		}
	}
	return false
}

// quoteTieOverlap is the similarity of content words (Dice) two wordings
// backed by as many versions each must keep to be flagged as one quote
// worded two ways: below it they are two quotes.
const quoteTieOverlap = 0.5

// quoteJoinWords is the overlap, in words, that makes two quotes pieces of
// one statement.
const quoteJoinWords = 4

// quoteAgree reports whether two quotes can both be verbatim, piece by
// piece when one leaves words out ("we would be remiss … if we did not").
func quoteAgree(a, b *quoteMention) bool {
	if quoteVerbatim(a.Norm, b.Norm) {
		return true
	}
	return quoteSegmentsIn(a, b.Norm) || quoteSegmentsIn(b, a.Norm)
}

// quoteSegmentsIn reports whether q has left words out and each of its
// pieces stands verbatim in words.
func quoteSegmentsIn(q *quoteMention, words []string) bool {
	if len(q.Segs) < 2 {
		return false
	}
	for _, s := range q.Segs {
		if len(s) > len(words) || !quoteVerbatim(s, words) || (len(s) < len(words) && !quoteContains(words, s)) {
			return false
		}
	}
	return true
}

// quoteContains reports whether words holds part as a contiguous run.
func quoteContains(words, part []string) bool {
	for i := 0; i+len(part) <= len(words); i++ {
		if slices.Equal(words[i:i+len(part)], part) {
			return true
		}
	}
	return false
}

// quoteShared counts the items two sorted lists share.
func quoteShared(a, b []string) int {
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
	return n
}

// quotePairKey names an aligned paragraph pair, A before B.
type quotePairKey struct{ a, b ParaRef }

// pairOps returns the diff ops of the aligned pair (a, b), oriented from a
// to b, and whether the pair exists.
func (d *preparedStory) pairOps(a, b ParaRef) ([]Op, bool) {
	if d.pairs == nil {
		d.pairs = make(map[quotePairKey]int, len(d.c.Pairs))
		for i, p := range d.c.Pairs {
			d.pairs[quotePairKey{p.A, p.B}] = i
		}
	}
	if i, ok := d.pairs[quotePairKey{a, b}]; ok {
		return d.c.Pairs[i].Ops, true
	}
	if i, ok := d.pairs[quotePairKey{b, a}]; ok {
		return d.c.Pairs[i].Swapped().Ops, true
	}
	return nil, false
}

// authority counts, for each version, the versions that copy it near
// verbatim (from the comparison's provenance): evidence that its wording
// is the original one.
func (d *preparedStory) authority() []int {
	if d.auth != nil {
		return d.auth
	}
	d.auth = make([]int, len(d.vers))
	for _, pr := range d.c.Provenance {
		if pr.VerbatimShare < copyShare {
			continue
		}
		a, okA := d.byID[pr.A]
		b, okB := d.byID[pr.B]
		if !okA || !okB {
			continue
		}
		switch pr.Direction {
		case "a<-b":
			d.auth[b]++
		case "a->b":
			d.auth[a]++
		}
	}
	return d.auth
}

// quotesSame reports whether two quotes of different versions are one
// quote: mostly the same words wherever they stand, or a paraphrase in
// aligned paragraphs (the same passage) keeping enough content words, at
// the same place in the pair's diff or said by the same person. Quotes
// clearly given to two different people are two quotes unless worded
// alike.
func (d *quoteDetector) quotesSame(ra, rb quoteRef) bool {
	qa, qb := ra.quote(), rb.quote()
	la, lb := len(qa.Norm), len(qb.Norm)
	// A short excerpt of a longer quote is no rewording of it.
	if 2*min(la, lb) < max(la, lb) {
		return false
	}
	shared := quoteShared(qa.Stems, qb.Stems)
	words := quoteOverlap(qa.Sorted, qb.Sorted)
	if qa.Speaker >= 0 && qb.Speaker >= 0 && qa.Speaker != qb.Speaker && !qa.SpeakerWeak && !qb.SpeakerWeak {
		// Two people named as speakers: two remarks on one talking point
		// ("a power grab for the people"), unless the words are nearly
		// the same, as when one version gives them to the wrong person.
		return quoteAgree(qa, qb) || quoteDice(qa.Sorted, qb.Sorted) >= quoteSpeakersDice
	}
	if words >= quoteSameOverlap && shared >= 2 && quoteOverlap(qa.Stems, qb.Stems) >= quoteSameOverlap {
		return true
	}
	pa, okA := d.passageOf[ra.p.ref]
	pb, okB := d.passageOf[rb.p.ref]
	ops, paired := d.pairOps(ra.p.ref, rb.p.ref)
	if !paired && (!okA || !okB || pa != pb) {
		return false
	}
	dice := 0.0
	if n := len(qa.Stems) + len(qb.Stems); n > 0 {
		dice = float64(2*shared) / float64(n)
	}
	slot := paired && quoteSameSlot(ops, qa, qb)
	sameSpeaker := qa.Speaker >= 0 && qa.Speaker == qb.Speaker
	switch {
	case slot && (words >= 0.5 || (shared >= 2 && dice >= 0.25)):
		return true
	case shared >= 2 && dice >= quoteParaphraseDice && (sameSpeaker || slot):
		return true
	}
	return false
}

// quoteSameSlot reports whether quote qa of a pair's A paragraph stands
// where qb stands in B: mapped through the diff, with positions inside a
// reworded stretch carried over in proportion, qa's range covers at least
// half of the shorter of the two.
func quoteSameSlot(ops []Op, qa, qb *quoteMention) bool {
	lo, ok1 := flagMapProportional(ops, qa.Start)
	hi, ok2 := flagMapProportional(ops, qa.End-1)
	if !ok1 || !ok2 {
		return false
	}
	over := min(hi+1, qb.End) - max(lo, qb.Start)
	return 2*over >= min(qb.End-qb.Start, qa.End-qa.Start)
}

// flagMapProportional maps a rune offset of a pair's A text to B's text:
// exactly inside an equal op; inside a stretch of deletes and inserts, to
// the same proportion of the stretch B writes in its place.
func flagMapProportional(ops []Op, pos int) (int, bool) {
	for i, o := range ops {
		if pos < o.AStart || pos >= o.AEnd {
			continue
		}
		if o.Op == OpEqual {
			return o.BStart + pos - o.AStart, true
		}
		aLo, aHi, bLo, bHi := o.AStart, o.AEnd, o.BStart, o.BEnd
		for j := i + 1; j < len(ops) && ops[j].Op != OpEqual; j++ {
			aHi, bHi = max(aHi, ops[j].AEnd), max(bHi, ops[j].BEnd)
		}
		for j := i - 1; j >= 0 && ops[j].Op != OpEqual; j-- {
			aLo, bLo = min(aLo, ops[j].AStart), min(bLo, ops[j].BStart)
		}
		if aHi <= aLo {
			return bLo, true
		}
		return bLo + (pos-aLo)*(bHi-bLo)/(aHi-aLo), true
	}
	return 0, false
}

// quoteDetector holds the quote checks (detector "quote") over the
// prepared story.
type quoteDetector struct{ *preparedStory }

// quoteFlags flags quotes worded differently across versions, and quotes
// attributed to different speakers.
func (d *quoteDetector) quoteFlags() []Flag {
	var refs []quoteRef
	for _, v := range d.vers {
		for _, p := range v.paras {
			for qi := range p.quotes {
				refs = append(refs, quoteRef{p, qi})
			}
		}
	}
	if len(refs) < 2 {
		return nil
	}
	out := d.quoteShortFlags()
	for _, members := range d.quoteClusters(refs) {
		if len(members) < 2 {
			continue
		}
		out = append(out, d.quoteClusterFlags(refs, members)...)
	}
	return out
}

// quoteClusters groups the quotes that are one quote told by several
// versions. Pairs are joined most alike first, and two groups join only
// when every quote of one is the same quote as every quote of the other
// and no version would give two of them: a chain of look-alikes ("no
// one-on-one meeting" ~ "a priority in the meeting" ~ "meet with the Russian
// president alone") is not one remark.
func (d *quoteDetector) quoteClusters(refs []quoteRef) [][]int {
	n := len(refs)
	same := make([][]bool, n)
	type link struct {
		i, j int
		sim  float64
	}
	var links []link
	for i := range refs {
		same[i] = make([]bool, n)
	}
	for i := range refs {
		for j := i + 1; j < n; j++ {
			if refs[i].p.ver == refs[j].p.ver || !d.quotesSame(refs[i], refs[j]) {
				continue
			}
			same[i][j], same[j][i] = true, true
			qa, qb := refs[i].quote(), refs[j].quote()
			links = append(links, link{i, j, quoteDice(qa.Sorted, qb.Sorted)})
		}
	}
	slices.SortStableFunc(links, func(a, b link) int {
		switch {
		case a.sim > b.sim:
			return -1
		case a.sim < b.sim:
			return 1
		}
		return 0
	})
	group := make([]int, n) // quote → group index
	members := make([][]int, n)
	for i := range refs {
		group[i] = i
		members[i] = []int{i}
	}
	for _, l := range links {
		a, b := group[l.i], group[l.j]
		if a == b {
			continue
		}
		ok := true
		for _, x := range members[a] {
			for _, y := range members[b] {
				if refs[x].p.ver == refs[y].p.ver || !same[x][y] {
					ok = false
				}
			}
		}
		if !ok {
			continue
		}
		if a > b {
			a, b = b, a
		}
		for _, y := range members[b] {
			group[y] = a
		}
		members[a] = append(members[a], members[b]...)
		members[b] = nil
	}
	var out [][]int
	for _, m := range members {
		if len(m) > 0 {
			slices.Sort(m)
			out = append(out, m)
		}
	}
	return out
}

// quoteCluster is one quote as the versions give it: the first quote of
// each version that carries it.
type quoteCluster struct {
	byVer map[int]quoteRef
	vers  []int // sorted
}

func (c *quoteCluster) q(v int) *quoteMention { return c.byVer[v].quote() }

// support counts the versions whose wording agrees with version v's (one is
// a verbatim excerpt of the other, spelling and hyphens aside).
func (c *quoteCluster) support(v int) int {
	n := 0
	for _, u := range c.vers {
		if quoteAgree(c.q(v), c.q(u)) {
			n++
		}
	}
	return n
}

// quoteClusterFlags compares one quote as the versions give it.
func (d *quoteDetector) quoteClusterFlags(refs []quoteRef, members []int) []Flag {
	c := &quoteCluster{byVer: map[int]quoteRef{}}
	for _, i := range members {
		v := refs[i].p.ver
		if _, ok := c.byVer[v]; !ok {
			c.byVer[v] = refs[i]
			c.vers = append(c.vers, v)
		}
	}
	if len(c.vers) < 2 {
		return nil
	}
	slices.Sort(c.vers)
	out := d.quoteWordingFlags(c)
	return append(out, d.quoteSpeakerFlags(c)...)
}

// quoteWordingFlags flags versions whose wording of the quote differs from
// the consensus one. When as many versions write each wording, evidence
// decides: the wording other versions also use in their own sentences, or
// that of a version others copy verbatim; without evidence one flag names
// both wordings.
func (d *quoteDetector) quoteWordingFlags(c *quoteCluster) []Flag {
	sup := map[int]int{}
	maxSup := 0
	for _, v := range c.vers {
		sup[v] = c.support(v)
		maxSup = max(maxSup, sup[v])
	}
	var top []int
	for _, v := range c.vers {
		if sup[v] == maxSup {
			top = append(top, v)
		}
	}
	compat := func(a, b int) bool { return quoteAgree(c.q(a), c.q(b)) }
	allCompat := func(vs []int) bool {
		for _, a := range vs {
			for _, b := range vs {
				if !compat(a, b) {
					return false
				}
			}
		}
		return true
	}
	longest := func(vs []int) int {
		best := vs[0]
		for _, v := range vs {
			if len(c.q(v).Norm) > len(c.q(best).Norm) {
				best = v
			}
		}
		return best
	}
	var evidence map[int]string
	if !allCompat(top) {
		// A tie: weigh the evidence for each wording.
		score := map[int]int{}
		evidence = map[int]string{}
		best := 0
		for _, v := range top {
			para := d.quoteParaphrases(c, v)
			auth := 0
			var copiers []string
			for _, u := range c.vers {
				if compat(u, v) && d.authority()[u] > auth {
					auth = d.authority()[u]
					copiers = []string{d.vers[u].id}
				}
			}
			score[v] = len(para) + auth
			var why []string
			if len(para) > 0 {
				why = append(why, fmt.Sprintf("%s also write%s these words", d.quoteJoinVersions(para), quoteVerbS(len(para))))
			}
			if auth > 0 {
				why = append(why, fmt.Sprintf("%s is copied verbatim by %d other version(s)", strings.Join(copiers, ", "), auth))
			}
			evidence[v] = strings.Join(why, "; ")
			best = max(best, score[v])
		}
		var winners []int
		for _, v := range top {
			if score[v] == best {
				winners = append(winners, v)
			}
		}
		if best == 0 || !allCompat(winners) {
			return d.quoteDisagreement(c, top, sup)
		}
		top = winners
	}
	cons := longest(top)
	cq := c.q(cons)
	var out []Flag
	for _, v := range c.vers {
		if compat(v, cons) {
			continue
		}
		q := c.q(v)
		sev := SeverityMedium
		msg := fmt.Sprintf("%s quotes %s; %d of %d versions quote %s (a quote should be verbatim)",
			d.flagVersionsPhrase(v), flagQuoted(q.Text), sup[cons], len(d.vers), flagQuoted(cq.Text))
		if quoteOneWordApart(q.Norm, cq.Norm) {
			sev = SeverityLow // one word changed: worth a look, not first
		}
		if sup[v] >= sup[cons] {
			sev = SeverityLow
			msg = fmt.Sprintf("%s quotes %s; %s quotes %s, as many versions each; the other wording looks original: %s",
				d.flagVersionsPhrase(v), flagQuoted(q.Text), d.flagVersionsPhrase(cons), flagQuoted(cq.Text), evidence[cons])
		}
		out = append(out, d.newFlag(flagSpec{Kind: FlagQuote, Severity: sev, Ver: v, Para: c.byVer[v].p, Start: q.Start, End: q.End, Slot: "quote:" + strings.Join(cq.Norm, " "), Found: q.Text, Expected: cq.Text, Support: Support{Found: sup[v], Expected: sup[cons]}, Message: msg}))
	}
	return out
}

// quoteDisagreement is the single flag for a quote worded two ways by as
// many versions, with nothing to show which is verbatim. It goes on the
// last of the tied versions and names the first.
func (d *quoteDetector) quoteDisagreement(c *quoteCluster, top []int, sup map[int]int) []Flag {
	a := top[0]
	b := -1
	for _, v := range top {
		if !quoteAgree(c.q(a), c.q(v)) {
			b = v
		}
	}
	if b < 0 {
		return nil
	}
	qa, qb := c.q(a), c.q(b)
	if quoteDice(qa.Stems, qb.Stems) < quoteTieOverlap || !quoteShareBigram(qa.Norm, qb.Norm) {
		// Two different sentences of one speaker, not one quote worded
		// two ways: with as many versions behind each, nothing to flag.
		return nil
	}
	msg := fmt.Sprintf("versions %s and %s quote this differently: %s against %s; as many versions write each and nothing shows which is verbatim",
		d.vers[b].id, d.vers[a].id, flagQuoted(qb.Text), flagQuoted(qa.Text))
	return []Flag{d.newFlag(flagSpec{Kind: FlagQuote, Severity: SeverityLow, Ver: b, Para: c.byVer[b].p, Start: qb.Start, End: qb.End, Slot: "quote:" + strings.Join(qa.Norm, " "), Found: qb.Text, Expected: qa.Text, Support: Support{Found: sup[b], Expected: sup[a]}, Message: msg})}
}

// quoteParaphrases lists the versions outside the cluster whose paragraphs
// in the quote's passages use version v's wording in their own sentences
// ("a round is expected in the coming weeks" backs the quote "in the
// coming weeks").
func (d *quoteDetector) quoteParaphrases(c *quoteCluster, v int) []int {
	passages := map[int]bool{}
	for _, u := range c.vers {
		if pi, ok := d.passageOf[c.byVer[u].p.ref]; ok {
			passages[pi] = true
		}
	}
	want := c.q(v).Norm
	var out []int
	for vi := range d.vers {
		if _, in := c.byVer[vi]; in {
			continue
		}
	search:
		for pi := range passages {
			for _, p := range d.passageParas(pi)[vi] {
				norm := make([]string, len(p.words))
				for k, w := range p.words {
					norm[k] = quoteNormWord(w.Fold)
				}
				if len(norm) >= len(want) && quoteVerbatim(want, norm) {
					out = append(out, vi)
					break search
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// quoteSpeakerFlags flags a quote attributed to different people. Only
// speakers named next to the quote count; one inferred through a pronoun
// or a neighbouring sentence is too weak to accuse.
func (d *quoteDetector) quoteSpeakerFlags(c *quoteCluster) []Flag {
	// Every speaker named in the quote's sentence counts for support; only
	// one named right by the verb, surely a person, may be accused.
	named := func(q *quoteMention) bool { return q.Speaker >= 0 && !q.SpeakerWeak }
	firm := func(q *quoteMention) bool {
		return named(q) && q.SpeakerNext && d.ents.surelyPerson(q.Speaker)
	}
	count := map[int]int{}
	for _, v := range c.vers {
		if q := c.q(v); named(q) {
			count[q.Speaker]++
		}
	}
	if len(count) < 2 {
		return nil
	}
	bestN := 0
	for _, n := range count {
		bestN = max(bestN, n)
	}
	var tied []int // entities with the most versions
	auth := map[int]int{}
	for _, v := range c.vers {
		s := c.q(v).Speaker
		if !named(c.q(v)) || count[s] != bestN {
			continue
		}
		if !slices.Contains(tied, s) {
			tied = append(tied, s)
		}
		auth[s] = max(auth[s], d.authority()[v])
	}
	best := tied[0]
	decided := len(tied) == 1
	if !decided {
		// Evidence: the attribution of a version others copy verbatim.
		top, n := -1, 0
		for _, s := range tied {
			switch {
			case auth[s] > n:
				top, n = s, auth[s]
			case auth[s] == n:
				top = -1
			}
		}
		if top >= 0 && n > 0 {
			best, decided = top, true
		}
	}
	if !d.ents.surelyPerson(best) {
		return nil // a place or body "said" it: too unsure to accuse
	}
	expected := d.ents.canonical(best)
	cq := c.q(c.vers[0])
	var out []Flag
	for _, v := range c.vers {
		q := c.q(v)
		if !firm(q) || q.Speaker == best || q.SpEnd <= q.SpStart || quoteSameSurname(q.SpeakerText, expected) {
			continue
		}
		var sev Severity
		var msg string
		switch {
		case count[q.Speaker] < bestN:
			sev = flagSeverityBySupport(count[q.Speaker], bestN)
			if sev == SeverityMedium {
				sev = SeverityHigh
			}
			msg = fmt.Sprintf("%s attributes the quote %s to %s; %d of %d versions attribute it to %s",
				d.flagVersionsPhrase(v), flagQuoted(q.Text), flagQuoted(q.SpeakerText), bestN, len(d.vers), flagQuoted(expected))
		case decided:
			sev = SeverityMedium
			msg = fmt.Sprintf("%s attributes the quote %s to %s; as many versions attribute it to %s, among them a version others copy verbatim",
				d.flagVersionsPhrase(v), flagQuoted(q.Text), flagQuoted(q.SpeakerText), flagQuoted(expected))
		default:
			if v != c.vers[len(c.vers)-1] && d.quoteLastTied(c, v, best) {
				continue
			}
			sev = SeverityLow
			msg = fmt.Sprintf("versions disagree on who said %s: %s names %s, others %s, as many versions each",
				flagQuoted(q.Text), d.flagVersionsPhrase(v), flagQuoted(q.SpeakerText), flagQuoted(expected))
		}
		out = append(out, d.newFlag(flagSpec{Kind: FlagQuote, Severity: sev, Ver: v, Para: c.byVer[v].p, Start: q.SpStart, End: q.SpEnd, Slot: "speaker:" + strings.Join(cq.Norm, " "), Found: q.SpeakerText, Expected: expected, Support: Support{Found: count[q.Speaker], Expected: bestN}, Message: msg}))
		if !decided && count[q.Speaker] == bestN {
			break // one flag for an undecided tie
		}
	}
	return out
}

// quoteLastTied reports whether a later version than v also names a
// speaker other than best, so that the single flag of an undecided tie
// goes on the last such version.
func (d *quoteDetector) quoteLastTied(c *quoteCluster, v, best int) bool {
	for _, u := range c.vers {
		if u <= v {
			continue
		}
		if q := c.q(u); q.Speaker >= 0 && q.Speaker != best && q.SpeakerNext && q.SpEnd > q.SpStart {
			return true
		}
	}
	return false
}

// quoteSameSurname reports whether two names end with the same word ("Fox"
// and "Vicente Fox"): one person named two ways, not two speakers.
func quoteSameSurname(a, b string) bool {
	fa, fb := strings.Fields(flagFold(a)), strings.Fields(flagFold(b))
	return len(fa) > 0 && len(fb) > 0 && fa[len(fa)-1] == fb[len(fb)-1]
}

// quoteJoinVersions names versions in a message: "version a", "versions a,
// b".
func (d *quoteDetector) quoteJoinVersions(vs []int) string {
	ids := make([]string, len(vs))
	for i, v := range vs {
		ids[i] = d.vers[v].id
	}
	if len(ids) == 1 {
		return "version " + ids[0]
	}
	return "versions " + strings.Join(ids, ", ")
}

// quoteVerbS is the verb ending for n subjects.
func quoteVerbS(n int) string {
	if n == 1 {
		return "s"
	}
	return ""
}

// quoteDice is the Dice similarity of two sorted lists: twice the items
// they share over the items of both.
func quoteDice(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	return 2 * float64(quoteShared(a, b)) / float64(len(a)+len(b))
}

// quoteShareBigram reports whether two wordings share two words in a row:
// one remark reworded keeps some of its phrasing ("attack dog"), while two
// remarks on one talking point share only its key words ("a power grab",
// "grabs power").
func quoteShareBigram(a, b []string) bool {
	seen := map[[2]string]bool{}
	for i := 0; i+1 < len(a); i++ {
		seen[[2]string{a[i], a[i+1]}] = true
	}
	for i := 0; i+1 < len(b); i++ {
		if seen[[2]string{b[i], b[i+1]}] {
			return true
		}
	}
	return false
}

// quoteShortPattern finds a quoted phrase of a few words ("conquer
// Jihadism"), which the quote finder leaves aside as too short to compare.
var quoteShortPattern = lazyregexp.New(`["“]([^"“”]{3,40})["”]`)

// quoteShortFlags flags a short quoted phrase whose words a named speaker
// said, by another version's full quote, only in another order or apart
// ("conquer Jihadism" for "we will no longer try to contain Jihadism. We
// will conquer it."): the quotation marks claim words that were not said
// so. The speaker must be named in the phrase's sentence.
func (d *quoteDetector) quoteShortFlags() []Flag {
	var out []Flag
	for vi, v := range d.vers {
		for _, p := range v.paras {
			if !p.body() {
				continue
			}
			text := string(p.rs)
			for _, loc := range quoteShortPattern.FindAllStringSubmatchIndex(text, -1) {
				s, e := utf8.RuneCountInString(text[:loc[2]]), utf8.RuneCountInString(text[:loc[3]])
				ws := flagWordsOf(string(p.rs[s:e]), p.rs[s:e])
				if len(ws) < 2 || len(ws) > 3 || quoteIsTitle(ws) {
					continue
				}
				want := make([]string, len(ws))
				for k, w := range ws {
					want[k] = quoteNormWord(w.Fold)
				}
				if f, ok := d.quoteShortAgainst(vi, p, s, e, want); ok {
					out = append(out, f)
				}
			}
		}
	}
	return out
}

// quoteShortAgainst compares the short quote want (runes [s,e) of p in
// version vi) with the full quotes other versions give the speakers named
// in its sentence.
func (d *quoteDetector) quoteShortAgainst(vi int, p *flagPara, s, e int, want []string) (Flag, bool) {
	lo, hi := factSentence(flagValue{Para: p, Start: s, End: e})
	speakers := map[int]bool{}
	for _, m := range p.names {
		if m.Start >= lo && m.End <= hi && d.ents.surelyPerson(d.ents.entity(m)) {
			speakers[d.ents.entity(m)] = true
		}
	}
	if len(speakers) == 0 {
		return Flag{}, false
	}
	for ui, u := range d.vers {
		if ui == vi {
			continue
		}
		for _, op := range u.paras {
			norm := make([]string, len(op.words))
			for k, w := range op.words {
				norm[k] = quoteNormWord(w.Fold)
			}
			if quoteContains(norm, want) {
				return Flag{}, false // another version writes these words so
			}
		}
	}
	for ui, u := range d.vers {
		if ui == vi {
			continue
		}
		for _, op := range u.paras {
			for qi := range op.quotes {
				q := &op.quotes[qi]
				if q.Speaker < 0 || !speakers[q.Speaker] || len(q.Norm) < 2*len(want) {
					continue
				}
				all := true
				for _, w := range want {
					all = all && slices.Contains(q.Norm, w)
				}
				if !all || quoteContains(q.Norm, want) {
					continue
				}
				found := string(p.rs[s:e])
				msg := fmt.Sprintf("%s puts %s in quotation marks as %s's words; in %s the words are %s, not in that order",
					d.flagVersionsPhrase(vi), flagQuoted(found), d.ents.canonical(q.Speaker), d.flagVersionsPhrase(ui), flagQuoted(q.Text))
				f := d.newFlag(flagSpec{Kind: FlagQuote, Severity: SeverityMedium, Ver: vi, Para: p, Start: s, End: e, Slot: "quote-short:" + strings.Join(want, " "), Found: found, Expected: q.Text, Support: Support{Found: 1, Expected: 1}, Message: msg})
				f.Versions = []string{d.vers[vi].id, u.id}
				return f, true
			}
		}
	}
	return Flag{}, false
}

// quoteOneWordApart reports whether two wordings differ in one word at
// most, once their common beginning and end are set aside ("we reject his
// visit" and "we reject his message").
func quoteOneWordApart(a, b []string) bool {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	j := 0
	for j < len(a)-i && j < len(b)-i && a[len(a)-1-j] == b[len(b)-1-j] {
		j++
	}
	return len(a)-i-j <= 1 && len(b)-i-j <= 1
}
