package report

import (
	"strings"
	"testing"
	"time"
	"unicode"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare"
)

// The fixture story is fictional: a town council approves a ferry
// terminal; a shortened copy changes a figure and strips diacritics, a
// rewrite changes a title, a date and a quote, and cites a Chinese paper.

var fixtureGenerated = time.Date(2025, 3, 6, 9, 30, 0, 0, time.UTC)

type fixtureVersion struct {
	id, title, source string
	headlines         []string
	paras             []compare.ParagraphOut
}

func body(i int, text string) compare.ParagraphOut {
	return compare.ParagraphOut{Index: i, Kind: parallax.KindBody, Text: text}
}

var fixtureVersions = []fixtureVersion{
	{"w1", "Council approves Riverside ferry terminal", "Northgate Wire", []string{"Elmsford backs ferry plan"}, []compare.ParagraphOut{
		body(1, "The Elmsford council on Tuesday approved a new ferry terminal at Riverside, a project costing 42 million crowns, mayor Zoë Kováčová said."),
		body(2, "“This terminal will connect the whole valley,” Kováčová told reporters after the vote, which passed 9 to 4."),
		body(3, "Construction is due to start in May and finish in 2027, according to the harbour authority."),
		{Index: 4, Kind: parallax.KindTrailer, Text: "(Reporting by Ida Lund; editing by Tom Ash)"},
	}},
	{"v2", "Riverside gets ferry terminal", "Valley Daily", nil, []compare.ParagraphOut{
		body(1, "The Elmsford council on Tuesday approved a new ferry terminal at Riverside, a project costing 24 million crowns, mayor Zoe Kovacova said."),
		body(2, "“This terminal will connect the whole valley,” Kovacova said."),
	}},
	{"r3", "Elmsford backs 42m ferry hub", "Harbour Times 港口时报", nil, []compare.ParagraphOut{
		body(1, "Councillors in Elmsford backed a Riverside ferry terminal on Tuesday, a 42 million crown project championed by deputy mayor Zoë Kováčová."),
		body(2, "Kováčová, quoted in the local paper 河谷日报, said the terminal would “link the valley”."),
		body(3, "Construction is due to start in June and finish in 2027, according to the harbour authority."),
	}},
}

// wordTokens cuts s into alternating runs of spaces and non-spaces, with
// each CJK character a token of its own.
func wordTokens(s string) []string {
	var toks []string
	var cur []rune
	kind := -1
	for _, r := range s {
		k := 0
		if unicode.IsSpace(r) {
			k = 1
		}
		if isCJK(r) {
			k = 2
		}
		if k != kind || k == 2 {
			if len(cur) > 0 {
				toks = append(toks, string(cur))
			}
			cur = cur[:0]
		}
		cur = append(cur, r)
		kind = k
	}
	if len(cur) > 0 {
		toks = append(toks, string(cur))
	}
	return toks
}

// wordOps diffs a and b word by word (longest common subsequence) into ops
// with rune offsets, as the compare package hands them over.
func wordOps(a, b string) []compare.Op {
	ta, tb := wordTokens(a), wordTokens(b)
	n, m := len(ta), len(tb)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if ta[i] == tb[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []compare.Op
	ap, bp := 0, 0
	emit := func(kind compare.OpKind, al, bl int) {
		if k := len(ops); k > 0 && ops[k-1].Op == kind {
			ops[k-1].AEnd += al
			ops[k-1].BEnd += bl
		} else {
			ops = append(ops, compare.Op{Op: kind, AStart: ap, AEnd: ap + al, BStart: bp, BEnd: bp + bl})
		}
		ap += al
		bp += bl
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && ta[i] == tb[j]:
			l := len([]rune(ta[i]))
			emit(compare.OpEqual, l, l)
			i, j = i+1, j+1
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			emit(compare.OpInsert, 0, len([]rune(tb[j])))
			j++
		default:
			emit(compare.OpDelete, len([]rune(ta[i])), 0)
			i++
		}
	}
	return ops
}

// runeSpan finds sub in text and returns its rune range.
func runeSpan(t testing.TB, text, sub string) (int, int) {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("fixture: %q not in %q", sub, text)
	}
	s := len([]rune(text[:i]))
	return s, s + len([]rune(sub))
}

func buildComparison(t testing.TB, versions []fixtureVersion, passages []compare.Passage) *compare.Comparison {
	t.Helper()
	c := &compare.Comparison{Engine: "test", Passages: passages}
	text := map[compare.ParaRef]string{}
	for _, v := range versions {
		c.Versions = append(c.Versions, compare.VersionOut{ID: v.id, Title: v.title, Source: v.source, Headlines: v.headlines, Paragraphs: v.paras})
		for _, p := range v.paras {
			text[compare.ParaRef{Version: v.id, Paragraph: p.Index}] = p.Text
		}
	}
	// Pair every member of a passage with its first member.
	for _, p := range passages {
		if len(p.Members) < 2 {
			continue
		}
		ref := p.Members[0]
		for _, mem := range p.Members[1:] {
			for k, idx := range mem.Paragraphs {
				a := compare.ParaRef{Version: ref.Version, Paragraph: ref.Paragraphs[min(k, len(ref.Paragraphs)-1)]}
				b := compare.ParaRef{Version: mem.Version, Paragraph: idx}
				ops := wordOps(text[a], text[b])
				eq := 0
				for _, op := range ops {
					if op.Op == compare.OpEqual {
						eq += op.AEnd - op.AStart
					}
				}
				score := float64(eq) / float64(max(1, len([]rune(text[a]))))
				c.Pairs = append(c.Pairs, compare.Pair{A: a, B: b, Score: float64(int(score*100)) / 100, Ops: ops})
			}
		}
	}
	return c
}

func member(v string, paras ...int) compare.Member {
	return compare.Member{Version: v, Paragraphs: paras}
}

// fixtureDocument is the fixture story with flags, decisions and notes.
func fixtureDocument(t testing.TB) Document {
	t.Helper()
	c := buildComparison(t, fixtureVersions, []compare.Passage{
		{Members: []compare.Member{member("w1", 1), member("v2", 1), member("r3", 1)}, Missing: []string{}},
		{Members: []compare.Member{member("w1", 2), member("v2", 2), member("r3", 2)}, Missing: []string{}},
		{Members: []compare.Member{member("w1", 3), member("r3", 3)}, Missing: []string{"v2"}},
		{Members: []compare.Member{member("w1", 4)}, Missing: []string{"v2", "r3"}},
	})
	c.Provenance = []compare.Provenance{
		{A: "w1", B: "v2", VerbatimShare: 0.82, Direction: "a->b", Reason: "v2 is a shortened copy"},
		{A: "w1", B: "r3", VerbatimShare: 0.31, Direction: "independent"},
		{A: "v2", B: "r3", VerbatimShare: 0.2, Direction: "unknown"},
	}
	p := func(v string, i int) string {
		return fixtureVersions[map[string]int{"w1": 0, "v2": 1, "r3": 2}[v]].paras[i-1].Text
	}
	flag := func(key string, kind compare.FlagKind, sev compare.Severity, v string, para int, found, expected string, sf, se, passage int, msg string) compare.Flag {
		f := compare.Flag{Key: key, Kind: kind, Severity: sev, Version: v, Paragraph: para, Found: found, Expected: expected,
			Support: compare.Support{Found: sf, Expected: se}, Passage: passage, Message: msg}
		if para > 0 && found != "" {
			f.Start, f.End = runeSpan(t, p(v, para), found)
		}
		return f
	}
	c.Flags = []compare.Flag{
		flag("number:v2:24", compare.FlagNumber, compare.SeverityHigh, "v2", 1, "24 million", "42 million", 1, 2, 0, "The cost differs."),
		flag("name:v2:kovacova", compare.FlagName, compare.SeverityMedium, "v2", 1, "Zoe Kovacova", "Zoë Kováčová", 1, 2, 0, "The name is spelt differently."),
		flag("title:r3:deputy", compare.FlagTitle, compare.SeverityMedium, "r3", 1, "deputy mayor", "mayor", 1, 2, 0, "The title differs."),
		flag("date:r3:june", compare.FlagDate, compare.SeverityHigh, "r3", 3, "June", "May", 1, 1, 2, "The start date differs."),
		flag("quote:r3:link", compare.FlagQuote, compare.SeverityMedium, "r3", 2, "link the valley", "This terminal will connect the whole valley", 1, 2, 1, "The quote is worded differently."),
		flag("omission:v2:p3", compare.FlagOmission, compare.SeverityLow, "v2", 0, "", "Construction is due to start in May", 0, 2, 2, "The construction timetable is left out."),
	}
	decided := time.Date(2025, 3, 5, 16, 0, 0, 0, time.UTC)
	qs, qe := runeSpan(t, p("r3", 1), "deputy mayor")
	return Document{
		Title:      "Riverside ferry terminal",
		Generated:  fixtureGenerated,
		AppVersion: "0.9.0-test",
		Comparison: c,
		Decisions: map[string]parallax.Decision{
			"title:r3:deputy":   {Key: "title:r3:deputy", Status: parallax.StatusConfirmed, Note: "Minutes list her as mayor.", UpdatedAt: decided},
			"name:v2:kovacova":  {Key: "name:v2:kovacova", Status: parallax.StatusDismissed, Note: "Diacritics stripped by the copy desk.", UpdatedAt: decided},
			"quote:r3:link":     {Key: "quote:r3:link", Status: parallax.StatusOpen, Note: "Ask Harbour Times for the source."},
			"unknown:not-in-it": {Key: "unknown:not-in-it", Status: parallax.StatusConfirmed},
		},
		Notes: []parallax.Note{
			{ID: 7, ArticleID: 103, Paragraph: 1, Start: qs, End: qe, Quote: "deputy mayor", Text: "Council minutes list her as mayor; the deputy is Ola Brandt.", CreatedAt: decided, UpdatedAt: decided},
			{ID: 8, ArticleID: 102, Paragraph: 2, Text: "Valley Daily drops where the remark was made.", CreatedAt: decided, UpdatedAt: decided},
			{ID: 9, Text: "Ask the harbour authority for the tender date.", CreatedAt: decided, UpdatedAt: decided},
			{ID: 10, ArticleID: 999, Paragraph: 1, Text: "An article since moved to another story.", CreatedAt: decided, UpdatedAt: decided},
		},
		ArticleOf: map[string]int64{"w1": 101, "v2": 102, "r3": 103},
		Meta: map[string]VersionMeta{
			"w1": {Source: "Northgate Wire", URL: "https://wire.example/elmsford-ferry", Published: time.Date(2025, 3, 4, 14, 5, 0, 0, time.UTC), Byline: "Ida Lund"},
			"v2": {Source: "Valley Daily", URL: "https://valley.example/news/ferry", Published: time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC)},
			"r3": {URL: "/home/analyst/clips/harbour-times.txt", Byline: "Staff"},
		},
	}
}

func TestFixtureOpsRoundTrip(t *testing.T) {
	// The fixture's diff must reproduce both texts, or every test built on
	// it would test nonsense.
	for _, tc := range []struct{ name, a, b string }{
		{"latin", fixtureVersions[0].paras[0].Text, fixtureVersions[1].paras[0].Text},
		{"cjk", fixtureVersions[0].paras[1].Text, fixtureVersions[2].paras[1].Text},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ra, rb := []rune(tc.a), []rune(tc.b)
			var ga, gb strings.Builder
			for _, op := range wordOps(tc.a, tc.b) {
				if op.Op != compare.OpInsert {
					ga.WriteString(string(ra[op.AStart:op.AEnd]))
				}
				if op.Op != compare.OpDelete {
					gb.WriteString(string(rb[op.BStart:op.BEnd]))
				}
			}
			if ga.String() != tc.a || gb.String() != tc.b {
				t.Fatalf("ops do not rebuild the texts:\n%s\n%s", ga.String(), gb.String())
			}
		})
	}
}
