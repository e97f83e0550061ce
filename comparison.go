package parallax

import (
	"cmp"
	"slices"
)

// Comparison is what the engine makes of one story: its versions, the
// passages they share, the aligned paragraph pairs with their word diffs,
// the provenance guessed between versions, and the flags. Offsets count
// runes into one paragraph's text.
type Comparison struct {
	Engine     string       `json:"engine"`
	Versions   []VersionOut `json:"versions"`
	Passages   []Passage    `json:"passages"`
	Pairs      []Pair       `json:"pairs"`
	Provenance []Provenance `json:"provenance"`
	Flags      []Flag       `json:"flags"`
}

// VersionOut is a version as written in the JSON document.
type VersionOut struct {
	ID         string         `json:"id"`
	Title      string         `json:"title"`
	Source     string         `json:"source,omitempty"`
	Headlines  []string       `json:"headlines"`
	Paragraphs []ParagraphOut `json:"paragraphs"`
}

// ParagraphOut is one paragraph of a version; Index counts from 1 over that
// version's paragraphs of every kind.
type ParagraphOut struct {
	Index int           `json:"index"`
	Kind  ParagraphKind `json:"kind"`
	Text  string        `json:"text"`
}

// Passage is one unit of content across the story: which paragraphs of which
// versions carry it. Versions absent from Members lack it (Missing lists them).
type Passage struct {
	Members []Member `json:"members"`
	Missing []string `json:"missing"`
}

// Member is one version's share of a passage.
type Member struct {
	Version    string `json:"version"`
	Paragraphs []int  `json:"paragraphs"`
}

// ParaRef names one paragraph of one version.
type ParaRef struct {
	Version   string `json:"version"`
	Paragraph int    `json:"paragraph"`
}

// Pair is one aligned paragraph pair with its word-level diff. Manual
// marks a pair the analyst linked by hand (see ParaLink).
type Pair struct {
	A      ParaRef `json:"a"`
	B      ParaRef `json:"b"`
	Score  float64 `json:"score"`
	Ops    []Op    `json:"ops"`
	Manual bool    `json:"manual,omitempty"`
}

// ParaLink is the analyst's correction of the alignment between two
// paragraphs of two versions: they belong together, where the engine
// missed it, or with Unlink they must not be paired.
type ParaLink struct {
	A, B   ParaRef
	Unlink bool
}

// OpKind is a diff operation.
type OpKind string

// The diff operations.
const (
	OpEqual  OpKind = "equal"
	OpDelete OpKind = "delete"
	OpInsert OpKind = "insert"
)

// Op is one diff operation: the range [AStart,AEnd) of A's paragraph and
// [BStart,BEnd) of B's paragraph (runes). A delete has an empty B range at
// the point of deletion; an insert an empty A range. Trivial marks a change a
// reader would not care about (quote or dash style, whitespace, spelling
// variant). Moved marks a delete or insert whose words the other side has
// too, elsewhere in the pair (a rewrite that reorders): shared, not lost.
// A pair's ops come in the order of A's text and their ranges do not
// overlap on either side; B's ranges follow A's order only where the two
// paragraphs keep their sentences in the same order (pairs are diffed
// sentence by sentence, so two sentences given in another order still
// show their shared words as equal).
type Op struct {
	Op      OpKind `json:"op"`
	AStart  int    `json:"a_start"`
	AEnd    int    `json:"a_end"`
	BStart  int    `json:"b_start"`
	BEnd    int    `json:"b_end"`
	Trivial bool   `json:"trivial"`
	Moved   bool   `json:"moved,omitempty"`
}

// Provenance is the relation guessed between two versions.
type Provenance struct {
	A             string  `json:"a"`
	B             string  `json:"b"`
	VerbatimShare float64 `json:"verbatim_share"`
	// Direction is one of "a<-b" (A copies B), "a->b" (B copies A),
	// "independent" or "unknown"; Reason says why in a short phrase.
	Direction string `json:"direction"`
	Reason    string `json:"reason,omitempty"`
}

// Version returns the version with the given id, or nil.
func (c *Comparison) Version(id string) *VersionOut {
	for i := range c.Versions {
		if c.Versions[i].ID == id {
			return &c.Versions[i]
		}
	}
	return nil
}

// Paragraph returns the paragraph ref names, or nil.
func (c *Comparison) Paragraph(ref ParaRef) *ParagraphOut {
	v := c.Version(ref.Version)
	if v == nil {
		return nil
	}
	if i := ref.Paragraph - 1; i >= 0 && i < len(v.Paragraphs) && v.Paragraphs[i].Index == ref.Paragraph {
		return &v.Paragraphs[i]
	}
	for i := range v.Paragraphs {
		if v.Paragraphs[i].Index == ref.Paragraph {
			return &v.Paragraphs[i]
		}
	}
	return nil
}

// PassageOf returns the index into Passages of the passage holding the
// paragraph, or -1.
func (c *Comparison) PassageOf(ref ParaRef) int {
	for i, p := range c.Passages {
		for _, m := range p.Members {
			if m.Version == ref.Version && slices.Contains(m.Paragraphs, ref.Paragraph) {
				return i
			}
		}
	}
	return -1
}

// PairsBetween returns the aligned paragraph pairs of versions a and b,
// oriented so that each returned Pair's A is in version a (ops swapped as
// needed), ordered by a's paragraph then b's.
func (c *Comparison) PairsBetween(a, b string) []Pair {
	var out []Pair
	for _, p := range c.Pairs {
		switch {
		case p.A.Version == a && p.B.Version == b:
			out = append(out, p)
		case p.A.Version == b && p.B.Version == a:
			out = append(out, p.Swapped())
		}
	}
	slices.SortFunc(out, func(x, y Pair) int {
		return cmp.Or(cmp.Compare(x.A.Paragraph, y.A.Paragraph), cmp.Compare(x.B.Paragraph, y.B.Paragraph))
	})
	return out
}

// Swapped returns the pair seen from B's side.
func (p Pair) Swapped() Pair {
	q := Pair{A: p.B, B: p.A, Score: p.Score, Ops: make([]Op, len(p.Ops)), Manual: p.Manual}
	for i, o := range p.Ops {
		k := o.Op
		switch k {
		case OpDelete:
			k = OpInsert
		case OpInsert:
			k = OpDelete
		}
		q.Ops[i] = Op{Op: k, AStart: o.BStart, AEnd: o.BEnd, BStart: o.AStart, BEnd: o.AEnd, Trivial: o.Trivial, Moved: o.Moved}
	}
	// Ops come in A's order; B's follows it only where the sentences keep
	// their order (see diffPair).
	slices.SortStableFunc(q.Ops, func(x, y Op) int { return cmp.Compare(x.AStart, y.AStart) })
	return q
}
