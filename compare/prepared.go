package compare

import (
	parallax "github.com/parallax-news/parallax"
)

// paraText is one paragraph read once for the whole comparison: its runes,
// its diff units (words and single punctuation marks, which the aligner and
// the word diff read), its words as the flag detectors read them, and its
// sentences. The aligner (paraInfo) and the detectors (flagPara) both embed
// it, so no step tokenises or splits a paragraph again.
type paraText struct {
	index int // ordinal, from 1
	kind  parallax.ParagraphKind
	text  string
	valid string // text as UTF-8 (see validText): what units' byte offsets index
	rs    []rune
	units []unit
	words []flagWord
	sents []Sentence
}

// readParagraph reads one paragraph's text (see paraText).
func readParagraph(index int, kind parallax.ParagraphKind, text string) *paraText {
	valid := validText(text)
	rs := []rune(valid)
	units := scanUnits(valid)
	return &paraText{
		index: index,
		kind:  kind,
		text:  text,
		valid: valid,
		rs:    rs,
		units: units,
		words: flagWordsOfUnits(valid, rs, units),
		sents: splitSentences(rs),
	}
}

// storyText is a story's versions read once, in the comparison's version
// order: what the aligner and every flag detector start from.
type storyText [][]*paraText

// unitText is the text of one of the paragraph's units.
func (p *paraText) unitText(u unit) string { return u.in(p.valid) }

// readComparison reads the versions of a comparison made elsewhere (a
// cached one, or one under test), as alignStory would have.
func readComparison(c *Comparison) storyText {
	out := make(storyText, len(c.Versions))
	for vi, v := range c.Versions {
		out[vi] = make([]*paraText, len(v.Paragraphs))
		for pi, p := range v.Paragraphs {
			out[vi][pi] = readParagraph(p.Index, p.Kind, p.Text)
		}
	}
	return out
}

// text returns the paragraphs the aligner read, for the detectors.
func (st *story) text() storyText {
	out := make(storyText, len(st.vers))
	for vi, v := range st.vers {
		out[vi] = make([]*paraText, len(v.paras))
		for pi, p := range v.paras {
			out[vi][pi] = p.paraText
		}
	}
	return out
}
