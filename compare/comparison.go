// Package compare aligns the versions of one story, diffs them word by word,
// guesses who copied whom and flags discrepancies. It is pure Go: no SQL, no
// GUI. Callers hand it plain values and get back one Comparison.
//
// Offsets: every Start/End in this package (diff ops, flags, sentences,
// tokens) counts Unicode code points (runes) into one paragraph's Text, not
// bytes, so that "é" or "习" count as one character in JSON and in views.
package compare

import (
	parallax "github.com/parallax-news/parallax"
)

// EngineVersion changes whenever the alignment or the detectors change in a
// way that alters results; caches keyed by it are then recomputed.
const EngineVersion = "4"

// Version is one version of the story as the engine sees it.
type Version struct {
	ID         string // file name without extension, or the library article id
	Title      string
	Source     string
	Headlines  []string
	Paragraphs []parallax.Paragraph // Ordinal counts from 1 over every kind
	Hash       string               // content hash, used in flag keys
	Published  string               // as known, RFC 3339 date or empty
}

// Comparison is the whole result for one story.
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
	Index int                    `json:"index"`
	Kind  parallax.ParagraphKind `json:"kind"`
	Text  string                 `json:"text"`
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

// Pair is one aligned paragraph pair with its word-level diff.
type Pair struct {
	A     ParaRef `json:"a"`
	B     ParaRef `json:"b"`
	Score float64 `json:"score"`
	Ops   []Op    `json:"ops"`
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

// FlagKind is the kind of discrepancy.
type FlagKind string

// The flag kinds.
const (
	FlagName     FlagKind = "name"
	FlagTitle    FlagKind = "title"
	FlagNumber   FlagKind = "number"
	FlagDate     FlagKind = "date"
	FlagQuote    FlagKind = "quote"
	FlagUnique   FlagKind = "unique"
	FlagOmission FlagKind = "omission"
)

// Severity ranks flags.
type Severity string

// The severities, most severe first.
const (
	SeverityHigh   Severity = "high"
	SeverityMedium Severity = "medium"
	SeverityLow    Severity = "low"
)

// Rank orders severities: high is 0.
func (s Severity) Rank() int {
	switch s {
	case SeverityHigh:
		return 0
	case SeverityMedium:
		return 1
	}
	return 2
}

// Support counts the versions that write each wording.
type Support struct {
	Found    int `json:"found"`
	Expected int `json:"expected"`
}

// Flag is one discrepancy in one version.
type Flag struct {
	Key       string   `json:"key"` // stable identity across recomputation
	Kind      FlagKind `json:"kind"`
	Severity  Severity `json:"severity"`
	Version   string   `json:"version"`
	Paragraph int      `json:"paragraph"`
	Start     int      `json:"start"`
	End       int      `json:"end"`
	Found     string   `json:"found"`
	Expected  string   `json:"expected"`
	Support   Support  `json:"support"`
	Message   string   `json:"message"`
	Passage   int      `json:"passage"` // index into Passages, -1 if none
	// Versions lists every version the discrepancy involves (the found and
	// the expected side), when the detector knows them; Version is the one
	// this flag marks.
	Versions []string `json:"versions,omitempty"`
}
