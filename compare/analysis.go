package compare

import (
	"fmt"
	"math"
	"slices"
	"unicode"
	"unicode/utf8"

	parallax "github.com/parallax-news/parallax"
)

// paraClass groups paragraph kinds that may align with each other: body and
// subheads carry content; headlines, datelines and trailers align only with
// their own kind.
type paraClass uint8

const (
	classContent paraClass = iota
	classHeadline
	classDateline
	classTrailer
)

func classOf(k parallax.ParagraphKind) paraClass {
	switch k {
	case parallax.KindHeadline:
		return classHeadline
	case parallax.KindDateline:
		return classDateline
	case parallax.KindTrailer:
		return classTrailer
	}
	return classContent
}

// story is one comparison's working state: versions sorted by ID, their
// paragraphs and sentences, and the sentences' feature vectors.
type story struct {
	vers  []verInfo
	sents []sentInfo
	// featW is each feature's weight (its inverse document frequency,
	// discounted for trigrams); a feature has the same weight in every
	// sentence that holds it.
	featW []float64
	// isName marks the features that only names carry: the stems of words
	// always capitalised, and trigrams found in no other word. A likeness made of them alone links nothing.
	isName []bool
	// units holds what is known of each distinct unit text (by unit id).
	units []unitInfo
	// canonIDs numbers the canonical forms of units (see canonicalUnit).
	canonIDs map[string]int32
}

type verInfo struct {
	v     Version
	paras []paraInfo
	// first and last+1 global sentence ids of this version.
	sentLo, sentHi int
	contentSents   int // sentences in content paragraphs
	words          int // word tokens in content paragraphs
}

// paraInfo is one paragraph as the aligner sees it: the paragraph read once
// (paraText, shared with the flag detectors) and what alignment adds.
type paraInfo struct {
	*paraText
	class   paraClass
	uids    []int32 // story-wide id of each unit's text
	sentIDs []int   // global sentence ids
	nWords  int     // word units
}

// sentInfo is one sentence (or one whole non-content paragraph).
type sentInfo struct {
	ver, para  int // indexes into story.vers and verInfo.paras
	class      paraClass
	start, end int // rune offsets in the paragraph
	pos        int // position among its version's sentences of the same class
	words      int // content words
	feats      []feature
	norm       float64
	// plainNorm is the length of the features that are not names (see
	// story.isName).
	plainNorm float64
}

type feature struct {
	id int32
	w  float64
}

// unitInfo caches, per distinct unit text, the work done on it once for
// the whole story rather than once per occurrence.
type unitInfo struct {
	text string
	word bool
	// Alignment features, filled by featurizer.unit.
	featured bool
	stop     bool
	stem     int32
	tris     []int32
	// syn is the feature of the word's synonym group (see synonymGroups),
	// when hasSyn.
	syn    int32
	hasSyn bool
	// canon is the id of the canonical form (-1 until known).
	canon int32
}

// Feature weights: a word's stem counts fully; its character trigrams
// together count about as much again, so that misspelt or transliterated
// names and inflected forms still match in part.
const trigramWeight = 0.35

// synonymWeight is the weight of a synonym group's feature relative to a
// stem's: words that may mean the same thing count, but less than the same
// word.
const synonymWeight = 0.35

func (v verInfo) out() VersionOut {
	o := VersionOut{ID: v.v.ID, Title: v.v.Title, Source: v.v.Source, Headlines: v.v.Headlines, Paragraphs: make([]ParagraphOut, len(v.paras))}
	if o.Headlines == nil {
		o.Headlines = []string{}
	}
	for i, p := range v.paras {
		o.Paragraphs[i] = ParagraphOut{Index: p.index, Kind: p.kind, Text: p.text}
	}
	return o
}

// analyzeStory segments, tokenises and weighs every version (sorted by ID).
func analyzeStory(vs []Version) (*story, error) {
	st := &story{vers: make([]verInfo, len(vs)), canonIDs: map[string]int32{"-": canonDash, ".": canonPoint}}
	fx := newFeaturizer(st)
	unitIDs := map[string]int32{}
	textLen, paras := 0, 0
	for _, v := range vs {
		for _, p := range v.Paragraphs {
			textLen += len(p.Text)
		}
		paras += len(v.Paragraphs)
	}
	if textLen > MaxStoryBytes || paras > MaxStoryParagraphs {
		return nil, &TooLargeError{Bytes: textLen, Paragraphs: paras}
	}
	// Feature ids of every sentence, one after another: a stem and about
	// one trigram per letter for each word, so about one per byte of text.
	raw := make([]int32, 0, textLen)
	var rawEnd []int // per sentence: end of its ids in raw
	for vi, v := range vs {
		vinf := verInfo{v: v, sentLo: len(st.sents), paras: make([]paraInfo, 0, len(v.Paragraphs))}
		seen := map[int]bool{}
		classPos := [4]int{}
		for pi, p := range v.Paragraphs {
			idx := p.Ordinal
			if idx <= 0 {
				idx = pi + 1
			}
			if seen[idx] {
				return nil, fmt.Errorf("compare: version %q: paragraph %d given twice", v.ID, idx)
			}
			seen[idx] = true
			kind := p.Kind
			if !kind.Valid() {
				kind = parallax.KindBody
			}
			pinf := paraInfo{paraText: readParagraph(idx, kind, p.Text), class: classOf(kind)}
			pinf.uids = make([]int32, len(pinf.units))
			for i, u := range pinf.units {
				text := pinf.unitText(u)
				id, ok := unitIDs[text]
				if !ok {
					id = int32(len(st.units))
					unitIDs[text] = id
					st.units = append(st.units, unitInfo{text: text, word: u.word, canon: -1})
				}
				pinf.uids[i] = id
			}
			var spans []Sentence
			if pinf.class == classContent {
				spans = pinf.sents
			} else if len(pinf.units) > 0 {
				spans = []Sentence{{Start: pinf.units[0].start, End: pinf.units[len(pinf.units)-1].end}}
			}
			ui := 0
			for _, sp := range spans {
				si := int32(len(st.sents))
				s := sentInfo{ver: vi, para: pi, class: pinf.class, start: sp.Start, end: sp.End, pos: classPos[pinf.class]}
				classPos[pinf.class]++
				// Each feature once per sentence: document frequency counts
				// sentences.
				add := func(id int32) {
					if fx.lastSent[id] != si {
						fx.lastSent[id] = si
						fx.df[id]++
						raw = append(raw, id)
					}
				}
				for ; ui < len(pinf.units) && pinf.units[ui].start < sp.End; ui++ {
					u := pinf.units[ui]
					if !u.word || u.start < sp.Start {
						continue
					}
					pinf.nWords++
					wf := fx.unit(pinf.uids[ui])
					if wf.stop {
						continue
					}
					s.words++
					add(wf.stem)
					for _, id := range wf.tris {
						add(id)
					}
					if wf.hasSyn {
						add(wf.syn)
					}
				}
				pinf.sentIDs = append(pinf.sentIDs, len(st.sents))
				st.sents = append(st.sents, s)
				rawEnd = append(rawEnd, len(raw))
			}
			if pinf.class == classContent {
				vinf.words += pinf.nWords
			}
			vinf.paras = append(vinf.paras, pinf)
		}
		vinf.sentHi = len(st.sents)
		vinf.contentSents = classPos[classContent]
		st.vers[vi] = vinf
	}
	n := float64(len(st.sents))
	maxDF := int32(max(32, len(st.sents)/10))
	st.featW = make([]float64, len(fx.df))
	for id, df := range fx.df {
		if df > maxDF || df == 0 {
			continue // too common to tell sentences apart: weight 0, left out
		}
		w := math.Log(1 + n/float64(df))
		if fx.isTri[id] {
			w *= trigramWeight
		}
		if fx.isSyn[id] {
			w *= synonymWeight
		}
		st.featW[id] = w
	}
	// Names: stems capitalised and never written in lower case; trigrams
	// that only such stems hold.
	st.isName = make([]bool, len(fx.df))
	plainTri := make([]bool, len(fx.df))
	// A capitalised word is a name or a title ("Councillor Ness") unless
	// the story also writes it in lower case. Units are distinct texts, so
	// this reads each spelling once, not each occurrence.
	capital := make([]bool, len(fx.df))
	lower := make([]bool, len(fx.df))
	for uid := range st.units {
		u := &st.units[uid]
		if !u.featured || u.stop {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(u.text); unicode.IsUpper(r) {
			capital[u.stem] = true
		} else {
			lower[u.stem] = true
		}
	}
	for uid := range st.units {
		u := &st.units[uid]
		if !u.featured || u.stop {
			continue
		}
		if capital[u.stem] && !lower[u.stem] {
			st.isName[u.stem] = true
			continue
		}
		for _, id := range u.tris {
			plainTri[id] = true
		}
	}
	for uid := range st.units {
		u := &st.units[uid]
		if u.featured && !u.stop && st.isName[u.stem] {
			for _, id := range u.tris {
				st.isName[id] = !plainTri[id]
			}
		}
	}
	kept := 0
	for _, id := range raw {
		if st.featW[id] > 0 {
			kept++
		}
	}
	all := make([]feature, 0, kept) // every sentence's features, one after another
	lo := 0
	for si := range st.sents {
		ids := raw[lo:rawEnd[si]]
		lo = rawEnd[si]
		slices.Sort(ids)
		first := len(all)
		var sq, plain float64
		for _, id := range ids {
			if w := st.featW[id]; w > 0 {
				all = append(all, feature{id, w})
				sq += w * w
				if !st.isName[id] {
					plain += w * w
				}
			}
		}
		st.sents[si].feats, st.sents[si].norm = all[first:len(all):len(all)], math.Sqrt(sq)
		st.sents[si].plainNorm = math.Sqrt(plain)
	}
	return st, nil
}

// featurizer turns words into feature ids, once per distinct unit text, so
// that stemming and trigram extraction run once per word, not once per
// occurrence.
type featurizer struct {
	st       *story
	stems    map[string]int32
	tris     map[[3]rune]int32
	df       []int32 // sentences holding each feature
	lastSent []int32 // the last sentence counted in each feature's df
	isTri    []bool  // whether each feature is a trigram
	isSyn    []bool  // whether each feature is a synonym group
	syns     map[int]int32
	byNorm   map[string]int32 // normalised word → the first unit featured with it
}

func newFeaturizer(st *story) *featurizer {
	return &featurizer{st: st, stems: map[string]int32{}, tris: map[[3]rune]int32{}, syns: map[int]int32{}, byNorm: map[string]int32{}}
}

func (fx *featurizer) newID(tri bool) int32 {
	fx.isSyn = append(fx.isSyn, false)
	fx.df = append(fx.df, 0)
	fx.lastSent = append(fx.lastSent, -1)
	fx.isTri = append(fx.isTri, tri)
	return int32(len(fx.df) - 1)
}

// unit returns the features of the word with unit id uid.
func (fx *featurizer) unit(uid int32) *unitInfo {
	u := &fx.st.units[uid]
	if u.featured {
		return u
	}
	u.featured = true
	n := normalizeWord(u.text)
	// "The" and "the", "José" and "Jose": one stemming per written form.
	if first, ok := fx.byNorm[n]; ok {
		f := &fx.st.units[first]
		u.stop, u.stem, u.tris, u.syn, u.hasSyn = f.stop, f.stem, f.tris, f.syn, f.hasSyn
		return u
	}
	fx.byNorm[n] = uid
	u.stop = isStopWord(n)
	if u.stop {
		return u
	}
	stem := stemWord(n)
	id, ok := fx.stems[stem]
	if !ok {
		id = fx.newID(false)
		fx.stems[stem] = id
	}
	u.stem = id
	if g, ok := synonymOf()[stem]; ok {
		sid, ok := fx.syns[g]
		if !ok {
			sid = fx.newID(false)
			fx.isSyn[sid] = true
			fx.syns[g] = sid
		}
		u.syn, u.hasSyn = sid, true
	}
	gs := trigrams(n)
	if len(gs) > 0 {
		u.tris = make([]int32, 0, len(gs))
	}
	for _, g := range gs {
		id, ok := fx.tris[g]
		if !ok {
			id = fx.newID(true)
			fx.tris[g] = id
		}
		u.tris = append(u.tris, id)
	}
	return u
}

// trigrams returns the character trigrams of a word padded with boundary
// marks; words shorter than four letters have none, being too short to
// tell a misspelling from another word.
func trigrams(w string) [][3]rune {
	if utf8.RuneCountInString(w) < 4 {
		return nil
	}
	p := make([]rune, 0, len(w)+2)
	p = append(p, '^')
	for _, r := range w {
		p = append(p, r)
	}
	p = append(p, '$')
	out := make([][3]rune, 0, len(p)-2)
	for i := 0; i+3 <= len(p); i++ {
		out = append(out, [3]rune{p[i], p[i+1], p[i+2]})
	}
	return out
}
