package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare"
)

// Wording shared by the HTML, Markdown and PDF formats, so that they read
// the same.

// kindName is the human name of a flag kind.
func kindName(k compare.FlagKind) string { return k.Name() }

// statusGroups are the flag sections in order, with their headings.
var statusGroups = []struct {
	status  parallax.FlagStatus
	heading string
}{
	{parallax.StatusConfirmed, "Confirmed"},
	{parallax.StatusOpen, "Open"},
	{parallax.StatusDismissed, "Dismissed"},
}

// flagsWith returns the flags in one status group.
func (m *model) flagsWith(status parallax.FlagStatus) []flagModel {
	var out []flagModel
	for _, f := range m.Flags {
		if statusRank(f.Status) == statusRank(status) {
			out = append(out, f)
		}
	}
	return out
}

// madeLine says when and with what the report was made.
func (m *model) madeLine() string {
	s := "Made " + m.Generated.Format("2 January 2006, 15:04 MST")
	if m.AppVersion != "" {
		s += " with Parallax " + m.AppVersion
	} else {
		s += " with Parallax"
	}
	if m.Engine != "" {
		s += " (comparison engine " + m.Engine + ")"
	}
	return s + "."
}

// versionName is "A · Source" or "A · id" when the source is unknown.
func (m *model) versionName(id string) string {
	v, ok := m.version(id)
	if !ok {
		return id
	}
	return v.Label + " · " + v.displaySource()
}

// displaySource names where a version came from, as the window does.
func (v versionModel) displaySource() string {
	return parallax.SourceName(v.Source, v.URL, v.Title, v.ID)
}

// sentence ends s with a full stop unless it ends with punctuation.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	if unicode.IsPunct(r) {
		return s
	}
	return s + "."
}

// publishedDate is the publication date as a reader wants it, or "".
func (v versionModel) publishedDate() string {
	if v.Published == "" {
		return ""
	}
	t, err := time.Parse(time.RFC3339, v.Published)
	if err != nil {
		return v.Published
	}
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2 Jan 2006")
	}
	return t.Format("2 Jan 2006 15:04 MST")
}

// relationText is one provenance hint in words, e.g. "copies B (87% verbatim)".
func (m *model) relationText(r relationModel) string {
	other := m.label(r.Other)
	var s string
	switch r.Relation {
	case "copies":
		s = "copies " + other
	case "copied_by":
		s = "copied by " + other
	case "independent":
		s = "independent of " + other
	default:
		s = "relation to " + other + " unclear"
	}
	s += fmt.Sprintf(" (%s verbatim", percent(r.VerbatimShare))
	if r.Reason != "" {
		s += "; " + r.Reason
	}
	return s + ")"
}

func percent(f float64) string {
	return strconv.Itoa(int(f*100+0.5)) + "%"
}

// versionsWord is "1 version" or "n versions".
func versionsWord(n int) string {
	if n == 1 {
		return "1 version"
	}
	return strconv.Itoa(n) + " versions"
}

// flagWhere is "in A · Source, paragraph 3".
func (m *model) flagWhere(f flagModel) string {
	s := "in " + m.versionName(f.Version)
	if f.Paragraph > 0 {
		s += ", paragraph " + strconv.Itoa(f.Paragraph)
	}
	return s
}

// flagMessage is the engine's message on a flag, with the versions it
// names written as their labels, as a sentence.
func (m *model) flagMessage(f flagModel) string {
	return sentence(m.labels.Message(f.Message))
}

// evidence is the competing wordings with how many versions write each.
func evidence(f flagModel) string {
	var parts []string
	if f.Found != "" {
		parts = append(parts, fmt.Sprintf("writes “%s” (%s)", f.Found, versionsWord(f.Support.Found)))
	}
	if f.Expected != "" {
		parts = append(parts, fmt.Sprintf("others write “%s” (%s)", f.Expected, versionsWord(f.Support.Expected)))
	}
	return strings.Join(parts, "; ")
}

// decisionText is the analyst's decision in words, or "" for open flags
// without a note.
func decisionText(f flagModel) string {
	var s string
	switch f.Status {
	case parallax.StatusConfirmed:
		s = "Confirmed"
	case parallax.StatusDismissed:
		s = "Dismissed"
	default:
		if f.DecisionNote == "" {
			return ""
		}
		s = "Open"
	}
	if f.DecidedAt != nil {
		s += " on " + f.DecidedAt.Format("2 Jan 2006")
	}
	if f.DecisionNote != "" {
		s += ": " + f.DecisionNote
	}
	return s
}

// noteWhere is where a note is attached, for the list of notes shown apart.
func (m *model) noteWhere(n noteModel) string {
	switch {
	case n.Version != "" && n.Paragraph > 0:
		return m.versionName(n.Version) + ", paragraph " + strconv.Itoa(n.Paragraph)
	case n.Version != "":
		return m.versionName(n.Version)
	case n.ArticleID != 0:
		return "article " + strconv.FormatInt(n.ArticleID, 10) + " (not in this comparison)"
	}
	return "the story"
}

// missingText is "Not in: C · Source, D · Source." or "".
func (m *model) missingText(p passageModel) string {
	if len(p.Missing) == 0 {
		return ""
	}
	names := make([]string, len(p.Missing))
	for i, id := range p.Missing {
		names[i] = m.versionName(id)
	}
	return "Not in " + strings.Join(names, ", ") + "."
}

// paragraphCaption is "A · Source, paragraph 3 (headline), against B ¶2".
func (m *model) paragraphCaption(version string, p paragraphModel, reference bool) string {
	s := m.versionName(version) + ", paragraph " + strconv.Itoa(p.Index)
	if p.Kind != "" && p.Kind != parallax.KindBody {
		s += " (" + string(p.Kind) + ")"
	}
	switch {
	case reference:
		s += " — reference"
	case p.Against != nil:
		s += fmt.Sprintf(" — changes against %s ¶%d", m.label(p.Against.Version), p.Against.Paragraph)
		if p.LinkedByHand {
			s += ", linked by hand"
		}
	}
	return s
}

// displaySegments prepares segments for reading: trivial deletions are
// dropped (the version's own text shows), and so are moved ones, whose
// words this version has elsewhere, marked as moved there; and each deletion is set off by
// spaces from the words around it, which the diff may have left glued
// ("Anneli~~Sørby~~" reads as "Anneli ~~Sørby~~").
func displaySegments(segs []segment) []segment {
	var kept []segment
	for _, s := range segs {
		if s.Op == compare.OpDelete && (s.Trivial || s.Moved) {
			continue
		}
		kept = append(kept, s)
	}
	out := make([]segment, 0, len(kept)+4)
	for i, s := range kept {
		if s.Op != compare.OpDelete {
			out = append(out, s)
			continue
		}
		core := strings.TrimSpace(s.Text)
		if core == "" {
			continue
		}
		if n := len(out); n > 0 {
			if r, _ := utf8.DecodeLastRuneInString(out[n-1].Text); !unicode.IsSpace(r) {
				out = append(out, segment{Op: compare.OpEqual, Text: " "})
			}
		}
		s.Text = core
		out = append(out, s)
		if i+1 < len(kept) {
			next := kept[i+1]
			r, _ := utf8.DecodeRuneInString(next.Text)
			if !unicode.IsSpace(r) && (next.Op != compare.OpEqual || unicode.IsLetter(r) || unicode.IsDigit(r)) {
				out = append(out, segment{Op: compare.OpEqual, Text: " "})
			}
		}
	}
	return out
}
