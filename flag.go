package parallax

// FlagKind is the kind of discrepancy a flag reports.
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

// flagKindInfo is every known kind in the order flags are listed in, with
// the names people read. Adding a kind adds one line here.
var flagKindInfo = []struct {
	kind           FlagKind
	name, headline string
}{
	{FlagName, "Name", "Names"},
	{FlagTitle, "Title", "Titles"},
	{FlagNumber, "Number", "Numbers"},
	{FlagDate, "Date", "Dates"},
	{FlagQuote, "Quote", "Quotes"},
	{FlagUnique, "One-source claim", "One-source claims"},
	{FlagOmission, "Omission", "Omissions"},
}

// FlagKinds lists the known kinds in the order flags are grouped in.
func FlagKinds() []FlagKind {
	out := make([]FlagKind, len(flagKindInfo))
	for i, k := range flagKindInfo {
		out[i] = k.kind
	}
	return out
}

// Rank orders kinds as FlagKinds lists them; unknown kinds rank last.
func (k FlagKind) Rank() int {
	for i, info := range flagKindInfo {
		if info.kind == k {
			return i
		}
	}
	return len(flagKindInfo)
}

// Name is the kind in words, singular: "One-source claim". An unknown kind
// is its own text, capitalised; the empty kind is "Other".
func (k FlagKind) Name() string {
	for _, info := range flagKindInfo {
		if info.kind == k {
			return info.name
		}
	}
	if k == "" {
		return "Other"
	}
	return upperFirst(string(k))
}

// Heading is the kind in words, plural, as a group of flags is headed:
// "One-source claims".
func (k FlagKind) Heading() string {
	for _, info := range flagKindInfo {
		if info.kind == k {
			return info.headline
		}
	}
	return string(k)
}

func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

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

// Flag is one discrepancy in one version. Start and End count runes into
// the paragraph's text.
type Flag struct {
	// Key is the flag's identity across recomputation: decisions and notes
	// are stored under it. It is derived from the kind, the slot, the found
	// and expected wording and the version's content hash.
	Key       string   `json:"key"`
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
