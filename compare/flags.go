package compare

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	parallax "github.com/parallax-news/parallax"
)

// DetectFlags finds the discrepancies between the versions of an aligned
// comparison: misspelt names, conflicting titles, numbers, dates and quotes,
// one-source claims and omissions. Flags are ordered by kind (names first),
// then severity, version, paragraph and offset.
func DetectFlags(c *Comparison) []Flag {
	if c == nil || len(c.Versions) == 0 {
		return nil
	}
	return detectFlags(c, readComparison(c))
}

// detectFlags is DetectFlags over the versions as the aligner read them.
func detectFlags(c *Comparison, text storyText) []Flag {
	d := prepareStory(c, text)
	var out []Flag
	for _, det := range flagDetectors {
		out = append(out, det.Run(d)...)
	}
	sortFlagsByKind(out)
	return out
}

// flagDetector is one check over the prepared story, in the shape of
// go/analysis: a name, a doc line and one run function. Each detector is a
// small type in its own file (nameDetector, titleDetector, numberDetector,
// dateDetector, quoteDetector, claimDetector) holding its own checks over
// the shared preparedStory; a new flag kind is one new file, its row here
// and its label.
type flagDetector struct {
	Name string
	Doc  string
	Run  func(*preparedStory) []Flag
}

// flagDetectors are run in this order; DetectFlags then sorts by kind.
var flagDetectors = []flagDetector{
	{Name: "name", Doc: "a name spelt differently by fewer versions, or misspelt once", Run: func(s *preparedStory) []Flag { return (&nameDetector{s}).nameFlags() }},
	{Name: "name-accent", Doc: "a name written without the accent other versions write", Run: func(s *preparedStory) []Flag { return (&nameDetector{s}).nameAccentFlags() }},
	{Name: "title", Doc: "a person given another office, or a former office as current", Run: func(s *preparedStory) []Flag { return (&titleDetector{s}).titleFlags() }},
	{Name: "number", Doc: "a figure told differently of the same fact", Run: func(s *preparedStory) []Flag { return (&numberDetector{s}).numberFlags() }},
	{Name: "date", Doc: "a date or weekday told differently of the same event, or impossible", Run: func(s *preparedStory) []Flag { return (&dateDetector{s}).dateFlags() }},
	{Name: "quote", Doc: "a quote worded differently, or given to another speaker", Run: func(s *preparedStory) []Flag { return (&quoteDetector{s}).quoteFlags() }},
	{Name: "claim", Doc: "a claim only one version makes, and content a version lacks", Run: func(s *preparedStory) []Flag { return (&claimDetector{s}).claimFlags() }},
}

// flagKindOrder is the order flags are grouped in.
var flagKindOrder = map[FlagKind]int{
	FlagName: 0, FlagTitle: 1, FlagNumber: 2, FlagDate: 3, FlagQuote: 4, FlagUnique: 5, FlagOmission: 6,
}

// sortFlagsByKind orders flags by kind group, severity, version, paragraph,
// offset and key.
func sortFlagsByKind(fs []Flag) {
	slices.SortStableFunc(fs, func(a, b Flag) int {
		return cmp.Or(
			cmp.Compare(flagKindOrder[a.Kind], flagKindOrder[b.Kind]),
			cmp.Compare(a.Severity.Rank(), b.Severity.Rank()),
			cmp.Compare(a.Version, b.Version),
			cmp.Compare(a.Paragraph, b.Paragraph),
			cmp.Compare(a.Start, b.Start),
			cmp.Compare(a.Key, b.Key),
		)
	})
}

// preparedStory is a comparison prepared for the detectors, once for all
// of them: every paragraph as the aligner read it (paraText: runes, units,
// words, sentences), with its name, number, date and quote mentions, the
// story's name entities and the passage of each paragraph. Its methods are
// what several detectors share: building a flag, reaching paragraphs and
// passages, weighing facts and settling ties.
type preparedStory struct {
	c         *Comparison
	vers      []*flagVersion
	byID      map[string]int
	passageOf map[ParaRef]int
	lex       nameLexicon
	ents      *nameEntities
	pairs     map[quotePairKey]int // aligned pair → index into c.Pairs; built on first use
	auth      []int                // versions copying each version verbatim; built on first use
}

// flagVersion is one version as the detectors see it.
type flagVersion struct {
	id    string
	hash  string // content hash for flag keys (see versionHash); "" until a flag needs it
	paras []*flagPara
}

// flagPara is one paragraph (read once, shared with the aligner) with its
// mentions.
type flagPara struct {
	*paraText
	ref     ParaRef
	ver     int
	names   []nameMention
	numbers []numberMention
	dates   []dateMention
	quotes  []quoteMention
}

// body reports whether the paragraph carries the story (and so may hold
// claims); headlines, datelines, subheads and trailers do not.
func (p *flagPara) body() bool { return p.kind == parallax.KindBody || p.kind == "" }

// prepareStory prepares comparison c for the detectors; text is its versions
// as read (paragraph by paragraph, in the same order).
func prepareStory(c *Comparison, text storyText) *preparedStory {
	d := &preparedStory{c: c, byID: map[string]int{}, passageOf: map[ParaRef]int{}}
	var all [][]flagWord
	for vi, v := range c.Versions {
		fv := &flagVersion{id: v.ID}
		d.byID[v.ID] = vi
		for _, pt := range text[vi] {
			fp := &flagPara{paraText: pt, ref: ParaRef{Version: v.ID, Paragraph: pt.index}, ver: vi}
			fv.paras = append(fv.paras, fp)
			if fp.body() {
				all = append(all, fp.words)
			}
		}
		d.vers = append(d.vers, fv)
	}
	for i, p := range c.Passages {
		for _, m := range p.Members {
			for _, k := range m.Paragraphs {
				ref := ParaRef{Version: m.Version, Paragraph: k}
				if _, ok := d.passageOf[ref]; !ok {
					d.passageOf[ref] = i
				}
			}
		}
	}
	d.lex = newNameLexicon(all...)
	stems := flagStems{}
	for _, v := range d.vers {
		for _, p := range v.paras {
			p.dates = findDateMentions(p.rs, p.words)
			if p.body() {
				p.names = findNameMentions(p.rs, p.words, p.sents, d.lex)
				p.numbers = findNumberMentions(p.rs, p.words, p.dates)
				if mayHoldQuote(p.valid) {
					p.quotes = findQuoteMentions(p.rs, stems)
				}
			}
		}
	}
	d.dropLoneInitialNames()
	d.splitJoinedNames()
	d.ents = d.groupNames()
	for _, v := range d.vers {
		d.attributeQuotes(v)
	}
	return d
}

// dropLoneInitialNames drops one-word mentions that open a sentence
// ("Analysts said") unless the word is written capitalised elsewhere in the
// story inside a sentence or as part of a longer name: a capital at a
// sentence start proves nothing.
func (d *preparedStory) dropLoneInitialNames() {
	known := map[string]bool{}
	for _, v := range d.vers {
		for _, p := range v.paras {
			for _, m := range p.names {
				if !m.Initial || len(m.Folds) > 1 {
					for _, f := range m.Folds {
						known[f] = true
					}
				}
			}
		}
	}
	for _, v := range d.vers {
		for _, p := range v.paras {
			kept := p.names[:0]
			for _, m := range p.names {
				if m.Initial && len(m.Folds) == 1 && !known[m.Folds[0]] && m.Title == "" && !nameSlipOfKnown(m.Folds[0], known) {
					continue
				}
				kept = append(kept, m)
			}
			p.names = kept
		}
	}
}

// nameSlipOfKnown reports whether a sentence-opening word is one letter
// off a known name ("Rourke" for "O'Rourke"): kept, so the name detector
// can weigh it as a slip.
func nameSlipOfKnown(f string, known map[string]bool) bool {
	for k := range known {
		if nameOneEdit(nameLetters(f), nameLetters(k)) {
			return true
		}
	}
	return false
}

// versionHash is version vi's content hash (flagVersionHash), computed
// when its first flag is built: a version without flags is never hashed.
func (d *preparedStory) versionHash(vi int) string {
	if v := d.vers[vi]; v.hash == "" {
		v.hash = flagVersionHash(d.c.Versions[vi])
	}
	return d.vers[vi].hash
}

// flagVersionHash is the version's content hash used in flag keys: a hash
// of its paragraphs' kinds and texts, so a key changes when, and only when,
// that version's text does.
func flagVersionHash(v VersionOut) string {
	h := sha256.New()
	for _, p := range v.Paragraphs {
		fmt.Fprintf(h, "%s\x00%s\x00", p.Kind, p.Text)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// flagKey is a flag's stable identity: kind, the slot it is about (the
// entity, unit or quote), the found and expected wording, and the version's
// content hash. It does not depend on positions or list order.
func flagKey(kind FlagKind, slot, found, expected, versionHash string) string {
	h := sha256.Sum256([]byte(strings.Join([]string{string(kind), slot, found, expected, versionHash}, "\x1f")))
	return hex.EncodeToString(h[:12])
}

// flagSpec is what a detector knows of one flag: kind and severity, where
// it stands (version index, paragraph or nil, rune range), the slot it is
// about (part of its key), the found and expected wording, the support,
// the message, and the versions involved when the detector knows them.
type flagSpec struct {
	Kind       FlagKind
	Severity   Severity
	Ver        int
	Para       *flagPara
	Start, End int
	Slot       string
	Found      string
	Expected   string
	Support    Support
	Message    string
	Versions   []string
}

// newFlag builds the flag of a spec, with its passage and stable key.
func (d *preparedStory) newFlag(s flagSpec) Flag {
	f := Flag{
		Kind: s.Kind, Severity: s.Severity, Version: d.vers[s.Ver].id,
		Start: s.Start, End: s.End, Found: s.Found, Expected: s.Expected,
		Support: s.Support, Message: s.Message, Passage: -1, Versions: s.Versions,
	}
	if p := s.Para; p != nil {
		f.Paragraph = p.ref.Paragraph
		if pi, ok := d.passageOf[p.ref]; ok {
			f.Passage = pi
		}
	}
	f.Key = flagKey(s.Kind, s.Slot, s.Found, s.Expected, d.versionHash(s.Ver))
	return f
}

// flagVersionsPhrase says "version X" in messages.
func (d *preparedStory) flagVersionsPhrase(v int) string { return "version " + d.vers[v].id }

// passageParas returns, for passage pi, the body paragraphs of each version
// that carries it (indexed by version).
func (d *preparedStory) passageParas(pi int) map[int][]*flagPara {
	out := map[int][]*flagPara{}
	for _, m := range d.c.Passages[pi].Members {
		vi, ok := d.byID[m.Version]
		if !ok {
			continue
		}
		for _, k := range m.Paragraphs {
			if p := d.para(vi, k); p != nil && p.body() {
				out[vi] = append(out[vi], p)
			}
		}
	}
	return out
}

// para returns paragraph index k of version vi, or nil.
func (d *preparedStory) para(vi, k int) *flagPara {
	ps := d.vers[vi].paras
	if i := k - 1; i >= 0 && i < len(ps) && ps[i].ref.Paragraph == k {
		return ps[i]
	}
	for _, p := range ps {
		if p.ref.Paragraph == k {
			return p
		}
	}
	return nil
}

// flagSeverityBySupport ranks a conflict: high when at least two versions
// agree against one, medium when more agree than not, low on a tie.
func flagSeverityBySupport(found, expected int) Severity {
	switch {
	case expected >= 2 && expected >= 2*found:
		return SeverityHigh
	case expected > found:
		return SeverityMedium
	}
	return SeverityLow
}

// flagQuoted shortens a text for a message and quotes it, unless it
// opens with a quotation mark of its own: quoted again it would read
// '"This is…', doubled.
func flagQuoted(s string) string {
	rs := []rune(s)
	if len(rs) > 80 {
		s = string(rs[:77]) + "…"
	}
	if len(rs) > 0 && strings.ContainsRune(openingQuotes, rs[0]) {
		return s
	}
	return "'" + s + "'"
}

// openingQuotes are the marks a quotation may open with.
const openingQuotes = "\"'“‘„‚«‹「『"

// flagTimes says "(2 times)" for repeated occurrences.
func flagTimes(n int) string {
	if n <= 1 {
		return ""
	}
	return fmt.Sprintf(" (%d times)", n)
}
