package report

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare"
)

// JSONFormat and JSONFormatVersion identify the JSON report; the version
// changes only when a field is removed or changes meaning (see JSON.md).
const (
	JSONFormat        = "parallax-report"
	JSONFormatVersion = 1
)

// model is the report as every format presents it; the JSON format is this
// struct marshalled, so its tags are the documented contract in JSON.md.
type model struct {
	Format        string         `json:"format"`
	FormatVersion int            `json:"format_version"`
	Title         string         `json:"title"`
	Generated     time.Time      `json:"generated"`
	AppVersion    string         `json:"app_version"`
	Engine        string         `json:"engine"`
	Included      Options        `json:"included"`
	Versions      []versionModel `json:"versions"`
	FlagSummary   []kindCount    `json:"flag_summary"`
	Flags         []flagModel    `json:"flags"`
	Passages      []passageModel `json:"passages"`
	Notes         []noteModel    `json:"notes"`

	versionIdx map[string]int // version id -> index in Versions
	labels     parallax.Labels
}

// versionModel is one version with its metadata and provenance hints.
type versionModel struct {
	ID        string          `json:"id"`
	Label     string          `json:"label"`
	ArticleID int64           `json:"article_id,omitempty"`
	Title     string          `json:"title"`
	Source    string          `json:"source,omitempty"`
	URL       string          `json:"url,omitempty"`
	Published string          `json:"published,omitempty"`
	Byline    string          `json:"byline,omitempty"`
	Words     int             `json:"words"`
	Headlines []string        `json:"headlines"`
	Relations []relationModel `json:"relations"`
}

// relationModel is the provenance guessed between this version and another.
type relationModel struct {
	Other         string  `json:"other"`
	Relation      string  `json:"relation"` // copies, copied_by, independent, unknown
	VerbatimShare float64 `json:"verbatim_share"`
	Reason        string  `json:"reason,omitempty"`
}

// kindCount counts one kind of flag by decision.
type kindCount struct {
	Kind      compare.FlagKind `json:"kind"`
	Confirmed int              `json:"confirmed"`
	Open      int              `json:"open"`
	Dismissed int              `json:"dismissed"`
}

// flagModel is one flag with the analyst's decision.
type flagModel struct {
	Number       int                 `json:"number"`
	Key          string              `json:"key"`
	Kind         compare.FlagKind    `json:"kind"`
	Severity     compare.Severity    `json:"severity"`
	Version      string              `json:"version"`
	Paragraph    int                 `json:"paragraph"`
	Start        int                 `json:"start"`
	End          int                 `json:"end"`
	Found        string              `json:"found"`
	Expected     string              `json:"expected"`
	Support      compare.Support     `json:"support"`
	Message      string              `json:"message"`
	Passage      int                 `json:"passage"` // passage number (from 1), 0 if none
	Status       parallax.FlagStatus `json:"status"`
	DecisionNote string              `json:"decision_note,omitempty"`
	DecidedAt    *time.Time          `json:"decided_at,omitempty"`
}

// passageModel is one passage: the reference member's text and every other
// member's text with its changes against the reference.
type passageModel struct {
	Number    int           `json:"number"`
	Reference string        `json:"reference"`
	Missing   []string      `json:"missing"`
	Flags     []int         `json:"flags"`
	Members   []memberModel `json:"members"`
}

// memberModel is one version's share of a passage.
type memberModel struct {
	Version    string           `json:"version"`
	Paragraphs []paragraphModel `json:"paragraphs"`
}

// paragraphModel is one paragraph cut into segments by change, flag and note.
type paragraphModel struct {
	Index   int                    `json:"index"`
	Kind    parallax.ParagraphKind `json:"kind"`
	Text    string                 `json:"text"`
	Against *compare.ParaRef       `json:"against,omitempty"`
	Score   float64                `json:"score,omitempty"`
	// LinkedByHand: the analyst paired it with Against (see Pair.Manual).
	LinkedByHand bool      `json:"linked_by_hand,omitempty"`
	Segments     []segment `json:"segments"`
	Flags        []int     `json:"flags,omitempty"` // flags on the paragraph without a span
	Notes        []int     `json:"notes,omitempty"` // notes on the paragraph, shown after it
}

// segment is a run of text with one change kind and the same flags and
// notes over all of it. Delete segments hold the reference's text that this
// version lacks; equal and insert segments are this version's own text.
type segment struct {
	Op      compare.OpKind `json:"op"`
	Text    string         `json:"text"`
	Trivial bool           `json:"trivial,omitempty"`
	// Moved marks words the other side has elsewhere (word order changed).
	Moved bool  `json:"moved,omitempty"`
	Flags []int `json:"flags,omitempty"`
	Notes []int `json:"notes,omitempty"`
}

// noteModel is one analyst note and where the report shows it.
type noteModel struct {
	Number    int       `json:"number"`
	ID        int64     `json:"id"`
	ArticleID int64     `json:"article_id,omitempty"`
	Version   string    `json:"version,omitempty"` // empty when the article is not in the comparison
	Paragraph int       `json:"paragraph,omitempty"`
	Start     int       `json:"start,omitempty"`
	End       int       `json:"end,omitempty"`
	Quote     string    `json:"quote,omitempty"`
	Text      string    `json:"text"`
	Passage   int       `json:"passage"` // passage number it is shown in, 0 if listed apart
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func kindRank(k compare.FlagKind) int { return k.Rank() }

func statusRank(s parallax.FlagStatus) int {
	switch s {
	case parallax.StatusConfirmed:
		return 0
	case parallax.StatusDismissed:
		return 2
	}
	return 1
}

// build turns a Document into the model every format renders.
func build(doc Document, opt Options) (*model, error) {
	c := doc.Comparison
	if c == nil {
		return nil, errors.New("report: document: no comparison")
	}
	m := &model{
		Format:        JSONFormat,
		FormatVersion: JSONFormatVersion,
		Title:         strings.TrimSpace(doc.Title),
		Generated:     doc.Generated.UTC().Truncate(time.Second),
		AppVersion:    cmp.Or(doc.AppVersion, BuildVersion()),
		Engine:        c.Engine,
		Included:      opt,
		Versions:      []versionModel{},
		FlagSummary:   []kindCount{},
		Flags:         []flagModel{},
		Passages:      []passageModel{},
		Notes:         []noteModel{},
		versionIdx:    map[string]int{},
	}
	if m.Title == "" && len(c.Versions) > 0 {
		m.Title = c.Versions[0].Title
	}
	paras := map[compare.ParaRef]compare.ParagraphOut{}
	m.labels = labels(doc)
	for i, v := range publishedOrder(c.Versions, doc.Meta) {
		if _, dup := m.versionIdx[v.ID]; dup {
			return nil, fmt.Errorf("report: version %q: listed twice", v.ID)
		}
		m.versionIdx[v.ID] = i
		for _, p := range v.Paragraphs {
			paras[compare.ParaRef{Version: v.ID, Paragraph: p.Index}] = p
		}
		m.Versions = append(m.Versions, buildVersion(v, doc, m.labels))
	}
	for _, p := range c.Provenance {
		ia, okA := m.versionIdx[p.A]
		ib, okB := m.versionIdx[p.B]
		if !okA || !okB {
			return nil, fmt.Errorf("report: provenance %s/%s: unknown version", p.A, p.B)
		}
		ra := relationModel{Other: p.B, Relation: p.Direction, VerbatimShare: p.VerbatimShare, Reason: p.Reason}
		rb := relationModel{Other: p.A, Relation: p.Direction, VerbatimShare: p.VerbatimShare, Reason: p.Reason}
		switch p.Direction {
		case "a<-b":
			ra.Relation, rb.Relation = "copies", "copied_by"
		case "a->b":
			ra.Relation, rb.Relation = "copied_by", "copies"
		case "independent":
		default:
			ra.Relation, rb.Relation = "unknown", "unknown"
		}
		m.Versions[ia].Relations = append(m.Versions[ia].Relations, ra)
		m.Versions[ib].Relations = append(m.Versions[ib].Relations, rb)
	}
	for i := range m.Versions {
		slices.SortStableFunc(m.Versions[i].Relations, func(a, b relationModel) int {
			return cmp.Compare(m.versionIdx[a.Other], m.versionIdx[b.Other])
		})
	}

	if opt.Flags {
		if err := m.buildFlags(c, doc.Decisions); err != nil {
			return nil, err
		}
	}
	var notes []noteModel
	if opt.Notes {
		notes = m.numberNotes(doc)
	}
	if opt.Passages {
		if err := m.buildPassages(c, paras, notes); err != nil {
			return nil, err
		}
	}
	m.Notes = append(m.Notes, notes...)
	return m, nil
}

// publishedOrder lists the versions oldest first, those without a date
// last, otherwise in the comparison's order. The first version carrying a
// passage is its reference, so the original a story started from is the
// one the others are read against.
func publishedOrder(vs []compare.VersionOut, meta map[string]VersionMeta) []compare.VersionOut {
	out := slices.Clone(vs)
	slices.SortStableFunc(out, func(a, b compare.VersionOut) int {
		ta, tb := meta[a.ID].Published, meta[b.ID].Published
		switch {
		case ta.IsZero() && tb.IsZero():
			return 0
		case ta.IsZero():
			return 1
		case tb.IsZero():
			return -1
		}
		return ta.Compare(tb)
	})
	return out
}

// labels returns the document's version labels, else labels in order of
// publication, which do not depend on the comparison's order.
func labels(doc Document) parallax.Labels {
	if doc.Labels != nil {
		return doc.Labels
	}
	vs := publishedOrder(doc.Comparison.Versions, doc.Meta)
	ids := make([]string, len(vs))
	for i, v := range vs {
		ids[i] = v.ID
	}
	return parallax.NewLabels(ids)
}

func buildVersion(v compare.VersionOut, doc Document, labels parallax.Labels) versionModel {
	meta := doc.Meta[v.ID]
	vm := versionModel{
		ID:        v.ID,
		Label:     labels.Of(v.ID),
		ArticleID: doc.ArticleOf[v.ID],
		Title:     v.Title,
		Source:    cmp.Or(meta.Source, v.Source),
		URL:       meta.URL,
		Byline:    meta.Byline,
		Words:     meta.Words,
		Headlines: slices.Clone(v.Headlines),
		Relations: []relationModel{},
	}
	if vm.Headlines == nil {
		vm.Headlines = []string{}
	}
	if !meta.Published.IsZero() {
		vm.Published = meta.Published.Format(time.RFC3339)
	}
	if vm.Words == 0 {
		for _, p := range v.Paragraphs {
			if p.Kind == parallax.KindBody {
				vm.Words += countWords(p.Text)
			}
		}
	}
	return vm
}

// countWords counts runs of letters and digits; each Han, Hiragana or
// Katakana character counts as a word, as word processors count them.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		switch {
		case isCJK(r):
			n++
			in = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if !in {
				n++
			}
			in = true
		case r == '\'' || r == '’' || r == '-':
			// inside a word: don't split "don't" or "well-known"
		default:
			in = false
		}
	}
	return n
}

// isCJK reports whether r is written in a script without spaces between
// words, which wraps between any two characters.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

func (m *model) buildFlags(c *compare.Comparison, decisions map[string]parallax.Decision) error {
	flags := make([]flagModel, 0, len(c.Flags))
	for i, f := range c.Flags {
		if _, ok := m.versionIdx[f.Version]; !ok {
			return fmt.Errorf("report: flag %d (%s): unknown version %q", i, f.Key, f.Version)
		}
		if f.Passage >= len(c.Passages) || f.Passage < -1 {
			return fmt.Errorf("report: flag %d (%s): passage %d out of range (%d passages)", i, f.Key, f.Passage, len(c.Passages))
		}
		fm := flagModel{
			Key: f.Key, Kind: f.Kind, Severity: f.Severity, Version: f.Version,
			Paragraph: f.Paragraph, Start: f.Start, End: f.End,
			Found: f.Found, Expected: f.Expected, Support: f.Support, Message: f.Message,
			Passage: f.Passage + 1, Status: parallax.StatusOpen,
		}
		if d, ok := decisions[f.Key]; ok {
			if d.Status != "" {
				fm.Status = d.Status
			}
			fm.DecisionNote = d.Note
			if !d.UpdatedAt.IsZero() {
				t := d.UpdatedAt.UTC().Truncate(time.Second)
				fm.DecidedAt = &t
			}
		}
		flags = append(flags, fm)
	}
	slices.SortStableFunc(flags, func(a, b flagModel) int {
		return cmp.Or(
			cmp.Compare(statusRank(a.Status), statusRank(b.Status)),
			cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)),
			strings.Compare(string(a.Kind), string(b.Kind)),
			cmp.Compare(a.Severity.Rank(), b.Severity.Rank()),
			cmp.Compare(m.versionIdx[a.Version], m.versionIdx[b.Version]),
			cmp.Compare(a.Paragraph, b.Paragraph),
			cmp.Compare(a.Start, b.Start),
			strings.Compare(a.Key, b.Key),
		)
	})
	counts := map[compare.FlagKind]*kindCount{}
	for i := range flags {
		flags[i].Number = i + 1
		f := &flags[i]
		kc := counts[f.Kind]
		if kc == nil {
			kc = &kindCount{Kind: f.Kind}
			counts[f.Kind] = kc
		}
		switch statusRank(f.Status) {
		case 0:
			kc.Confirmed++
		case 1:
			kc.Open++
		default:
			kc.Dismissed++
		}
	}
	for _, kc := range counts {
		m.FlagSummary = append(m.FlagSummary, *kc)
	}
	slices.SortFunc(m.FlagSummary, func(a, b kindCount) int {
		return cmp.Or(cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)), strings.Compare(string(a.Kind), string(b.Kind)))
	})
	m.Flags = flags
	return nil
}

// numberNotes places each note on its version (through ArticleOf) and
// numbers them in reading order: by version, paragraph, start; notes on
// articles outside the comparison come last.
func (m *model) numberNotes(doc Document) []noteModel {
	versionOf := map[int64]string{}
	for id, aid := range doc.ArticleOf {
		if aid != 0 {
			if prev, ok := versionOf[aid]; !ok || id < prev {
				versionOf[aid] = id
			}
		}
	}
	notes := make([]noteModel, 0, len(doc.Notes))
	for _, n := range doc.Notes {
		nm := noteModel{
			ID: n.ID, ArticleID: n.ArticleID, Paragraph: n.Paragraph,
			Start: n.Start, End: n.End, Quote: n.Quote, Text: n.Text,
			CreatedAt: n.CreatedAt.UTC().Truncate(time.Second),
			UpdatedAt: n.UpdatedAt.UTC().Truncate(time.Second),
		}
		if v, ok := versionOf[n.ArticleID]; ok {
			nm.Version = v
		}
		notes = append(notes, nm)
	}
	rank := func(n noteModel) int {
		if i, ok := m.versionIdx[n.Version]; ok {
			return i
		}
		return len(m.versionIdx)
	}
	slices.SortStableFunc(notes, func(a, b noteModel) int {
		return cmp.Or(
			cmp.Compare(rank(a), rank(b)),
			cmp.Compare(a.Paragraph, b.Paragraph),
			cmp.Compare(a.Start, b.Start),
			a.CreatedAt.Compare(b.CreatedAt),
			cmp.Compare(a.ID, b.ID),
		)
	})
	for i := range notes {
		notes[i].Number = i + 1
	}
	return notes
}

// VersionLabel returns the label (A, B, …) of a version id, or the id.
func (m *model) label(id string) string {
	if i, ok := m.versionIdx[id]; ok {
		return m.Versions[i].Label
	}
	return id
}

// version returns the version with id; ok is false when there is none.
func (m *model) version(id string) (versionModel, bool) {
	i, ok := m.versionIdx[id]
	if !ok {
		return versionModel{}, false
	}
	return m.Versions[i], true
}
