package compare

import (
	"fmt"
	"math"
	"slices"

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
	// dropped counts features left out as too common (shared by more than
	// maxDF sentences); kept for tests and tuning.
	dropped int
}

type verInfo struct {
	v     Version
	paras []paraInfo
	// first and last+1 global sentence ids of this version.
	sentLo, sentHi int
	words          int // word tokens in content paragraphs
}

type paraInfo struct {
	index int // ordinal, from 1
	kind  parallax.ParagraphKind
	class paraClass
	text  string
	runes []rune
	units []unit  // words and punctuation, for diffs
	uids  []int32 // story-wide id of each unit's text
	sents []int   // global sentence ids
	words int
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
}

type feature struct {
	id int32
	w  float64
}

// Feature weights: a word's stem counts fully; its character trigrams
// together count about as much again, so that misspelt or transliterated
// names and inflected forms still match in part.
const trigramWeight = 0.35

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
	st := &story{vers: make([]verInfo, len(vs))}
	fx := newFeaturizer()
	unitIDs := map[string]int32{}
	var raw [][]int32 // per sentence: word-stem feature ids
	var rawTri [][]int32
	for vi, v := range vs {
		vinf := verInfo{v: v, sentLo: len(st.sents)}
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
			pinf := paraInfo{index: idx, kind: kind, class: classOf(kind), text: p.Text, runes: []rune(p.Text)}
			pinf.units = scanUnits(pinf.runes)
			pinf.uids = make([]int32, len(pinf.units))
			for i, u := range pinf.units {
				id, ok := unitIDs[u.text]
				if !ok {
					id = int32(len(unitIDs))
					unitIDs[u.text] = id
				}
				pinf.uids[i] = id
			}
			var spans []Sentence
			if pinf.class == classContent {
				spans = SplitSentences(p.Text)
			} else if len(pinf.units) > 0 {
				spans = []Sentence{{Start: pinf.units[0].start, End: pinf.units[len(pinf.units)-1].end}}
			}
			ui := 0
			for _, sp := range spans {
				s := sentInfo{ver: vi, para: pi, class: pinf.class, start: sp.Start, end: sp.End, pos: classPos[pinf.class]}
				classPos[pinf.class]++
				var ids, tris []int32
				for ; ui < len(pinf.units) && pinf.units[ui].start < sp.End; ui++ {
					u := pinf.units[ui]
					if !u.word || u.start < sp.Start {
						continue
					}
					pinf.words++
					wf := fx.word(u.text)
					if wf.stop {
						continue
					}
					s.words++
					ids = append(ids, wf.stem)
					tris = append(tris, wf.tris...)
				}
				ids = uniq(ids)
				tris = uniq(tris)
				for _, id := range ids {
					fx.df[id]++
				}
				for _, id := range tris {
					fx.df[id]++
				}
				pinf.sents = append(pinf.sents, len(st.sents))
				st.sents = append(st.sents, s)
				raw = append(raw, ids)
				rawTri = append(rawTri, tris)
			}
			if pinf.class == classContent {
				vinf.words += pinf.words
			}
			vinf.paras = append(vinf.paras, pinf)
		}
		vinf.sentHi = len(st.sents)
		st.vers[vi] = vinf
	}
	n := float64(len(st.sents))
	maxDF := int32(max(32, len(st.sents)/10))
	for si := range st.sents {
		s := &st.sents[si]
		fs := make([]feature, 0, len(raw[si])+len(rawTri[si]))
		for _, id := range raw[si] {
			if fx.df[id] > maxDF {
				st.dropped++
				continue
			}
			fs = append(fs, feature{id, math.Log(1 + n/float64(fx.df[id]))})
		}
		for _, id := range rawTri[si] {
			if fx.df[id] > maxDF {
				continue
			}
			fs = append(fs, feature{id, trigramWeight * math.Log(1+n/float64(fx.df[id]))})
		}
		slices.SortFunc(fs, func(a, b feature) int { return int(a.id - b.id) })
		var sq float64
		for _, f := range fs {
			sq += f.w * f.w
		}
		s.feats, s.norm = fs, math.Sqrt(sq)
	}
	return st, nil
}

// featurizer turns words into feature ids, remembering each distinct
// spelling so that stemming and trigram extraction run once per word, not
// once per occurrence.
type featurizer struct {
	words map[string]wordFeatures
	stems map[string]int32
	tris  map[[3]rune]int32
	df    []int32 // sentences holding each feature
}

type wordFeatures struct {
	stop bool
	stem int32
	tris []int32
}

func newFeaturizer() *featurizer {
	return &featurizer{words: map[string]wordFeatures{}, stems: map[string]int32{}, tris: map[[3]rune]int32{}}
}

func (fx *featurizer) newID() int32 {
	fx.df = append(fx.df, 0)
	return int32(len(fx.df) - 1)
}

func (fx *featurizer) word(text string) wordFeatures {
	if wf, ok := fx.words[text]; ok {
		return wf
	}
	n := normalizeWord(text)
	wf := wordFeatures{stop: isStopWord(n)}
	if !wf.stop {
		stem := stemWord(n)
		id, ok := fx.stems[stem]
		if !ok {
			id = fx.newID()
			fx.stems[stem] = id
		}
		wf.stem = id
		for _, g := range trigrams(n) {
			id, ok := fx.tris[g]
			if !ok {
				id = fx.newID()
				fx.tris[g] = id
			}
			wf.tris = append(wf.tris, id)
		}
	}
	fx.words[text] = wf
	return wf
}

func uniq(ids []int32) []int32 {
	slices.Sort(ids)
	return slices.Compact(ids)
}

// trigrams returns the character trigrams of a word padded with boundary
// marks; words shorter than four letters have none, being too short to
// tell a misspelling from another word.
func trigrams(w string) [][3]rune {
	rs := []rune(w)
	if len(rs) < 4 {
		return nil
	}
	p := make([]rune, 0, len(rs)+2)
	p = append(p, '^')
	p = append(p, rs...)
	p = append(p, '$')
	out := make([][3]rune, 0, len(p)-2)
	for i := 0; i+3 <= len(p); i++ {
		out = append(out, [3]rune{p[i], p[i+1], p[i+2]})
	}
	return out
}

// sentSimilarity is the similarity of two sentences (see similarity),
// computed from their sorted feature vectors.
func sentSimilarity(a, b *sentInfo) float64 {
	if a.norm == 0 || b.norm == 0 {
		return 0
	}
	var dot float64
	i, j := 0, 0
	for i < len(a.feats) && j < len(b.feats) {
		switch {
		case a.feats[i].id < b.feats[j].id:
			i++
		case a.feats[i].id > b.feats[j].id:
			j++
		default:
			dot += a.feats[i].w * b.feats[j].w
			i++
			j++
		}
	}
	return similarity(dot, a, b)
}
