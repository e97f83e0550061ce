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
const EngineVersion = "5"

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

// The engine's result types live in the root package, which every layer
// may import; these names keep the engine's own spelling.
type (
	Comparison   = parallax.Comparison
	VersionOut   = parallax.VersionOut
	ParagraphOut = parallax.ParagraphOut
	Passage      = parallax.Passage
	Member       = parallax.Member
	ParaRef      = parallax.ParaRef
	Pair         = parallax.Pair
	OpKind       = parallax.OpKind
	Op           = parallax.Op
	Provenance   = parallax.Provenance
	FlagKind     = parallax.FlagKind
	Severity     = parallax.Severity
	Support      = parallax.Support
	Flag         = parallax.Flag
)

// The diff operations.
const (
	OpEqual  = parallax.OpEqual
	OpDelete = parallax.OpDelete
	OpInsert = parallax.OpInsert
)

// The flag kinds.
const (
	FlagName     = parallax.FlagName
	FlagTitle    = parallax.FlagTitle
	FlagNumber   = parallax.FlagNumber
	FlagDate     = parallax.FlagDate
	FlagQuote    = parallax.FlagQuote
	FlagUnique   = parallax.FlagUnique
	FlagOmission = parallax.FlagOmission
)

// The severities, most severe first.
const (
	SeverityHigh   = parallax.SeverityHigh
	SeverityMedium = parallax.SeverityMedium
	SeverityLow    = parallax.SeverityLow
)
