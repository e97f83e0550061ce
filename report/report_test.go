package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/compare"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func render(t *testing.T, format string, doc Document, opt Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, format, doc, opt); err != nil {
		t.Fatalf("Write(%s): %v", format, err)
	}
	return buf.String()
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct{ name, format, file string }{
		{"html", FormatHTML, "fixture.html"},
		{"markdown", FormatMarkdown, "fixture.md"},
		{"json", FormatJSON, "fixture.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := render(t, tc.format, fixtureDocument(t), DefaultOptions())
			path := filepath.Join("testdata", tc.file)
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./report -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s; run go test ./report -run TestGolden -update and review the diff", tc.name, path)
			}
			// Writing twice gives the same bytes: maps must not leak their order.
			if again := render(t, tc.format, fixtureDocument(t), DefaultOptions()); again != got {
				t.Errorf("%s output is not deterministic", tc.name)
			}
		})
	}
}

func TestWriteErrors(t *testing.T) {
	bad := func(edit func(d *Document)) Document {
		d := fixtureDocument(t)
		edit(&d)
		return d
	}
	for _, tc := range []struct {
		name, format string
		doc          Document
		want         string
	}{
		{"unknown format", "docx", fixtureDocument(t), `format "docx": unknown`},
		{"no comparison", FormatHTML, Document{Title: "x"}, "no comparison"},
		{"op past the end", FormatMarkdown, bad(func(d *Document) {
			d.Comparison.Pairs[0].Ops[len(d.Comparison.Pairs[0].Ops)-1].BEnd += 50
		}), "outside this paragraph"},
		{"overlapping ops", FormatJSON, bad(func(d *Document) {
			ops := d.Comparison.Pairs[0].Ops
			ops[1].BStart = 0
		}), "overlaps"},
		{"unknown op", FormatJSON, bad(func(d *Document) {
			d.Comparison.Pairs[0].Ops[1].Op = "move"
		}), `unknown op "move"`},
		{"pair on missing paragraph", FormatHTML, bad(func(d *Document) {
			d.Comparison.Pairs[0].B.Paragraph = 42
		}), "no paragraph 42"},
		{"flag on unknown version", FormatPDF, bad(func(d *Document) {
			d.Comparison.Flags[0].Version = "zz"
		}), `unknown version "zz"`},
		{"flag passage out of range", FormatMarkdown, bad(func(d *Document) {
			d.Comparison.Flags[0].Passage = 17
		}), "passage 17 out of range"},
		{"member of unknown version", FormatHTML, bad(func(d *Document) {
			d.Comparison.Passages[1].Members[1].Version = "nope"
		}), `unknown version "nope"`},
		{"duplicate version", FormatHTML, bad(func(d *Document) {
			d.Comparison.Versions[1].ID = "w1"
		}), "listed twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(&buf, tc.format, tc.doc, DefaultOptions())
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "report: ") {
				t.Fatalf("Write = %v, want an error with %q", err, tc.want)
			}
		})
	}
}

func TestFormats(t *testing.T) {
	for _, f := range append(Formats(), "Markdown", " HTML ") {
		var buf bytes.Buffer
		if err := Write(&buf, f, fixtureDocument(t), DefaultOptions()); err != nil {
			t.Errorf("Write(%q): %v", f, err)
		}
		if buf.Len() == 0 {
			t.Errorf("Write(%q) wrote nothing", f)
		}
	}
}

func decode(t *testing.T, doc Document, opt Options) model {
	t.Helper()
	var m model
	if err := json.Unmarshal([]byte(render(t, FormatJSON, doc, opt)), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestFlagOrder(t *testing.T) {
	m := decode(t, fixtureDocument(t), DefaultOptions())
	var got []string
	for i, f := range m.Flags {
		if f.Number != i+1 {
			t.Errorf("flag %d numbered %d", i, f.Number)
		}
		got = append(got, string(f.Status)+" "+string(f.Kind))
	}
	want := []string{"confirmed title", "open number", "open date", "open quote", "open omission", "dismissed name"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("flag order:\n got %v\nwant %v", got, want)
	}
	wantSummary := map[compare.FlagKind][3]int{"name": {0, 0, 1}, "title": {1, 0, 0}, "number": {0, 1, 0}, "date": {0, 1, 0}, "quote": {0, 1, 0}, "omission": {0, 1, 0}}
	for _, k := range m.FlagSummary {
		if w := wantSummary[k.Kind]; w != [3]int{k.Confirmed, k.Open, k.Dismissed} {
			t.Errorf("summary %s = %d/%d/%d, want %v", k.Kind, k.Confirmed, k.Open, k.Dismissed, w)
		}
		delete(wantSummary, k.Kind)
	}
	if len(wantSummary) > 0 {
		t.Errorf("summary lacks %v", wantSummary)
	}
}

// TestSegments checks that each member's segments rebuild its own text
// (equal + insert) and the reference's text (equal + delete), and that
// flag and note spans land on the words they name.
func TestSegments(t *testing.T) {
	doc := fixtureDocument(t)
	m := decode(t, doc, DefaultOptions())
	text := map[compare.ParaRef]string{}
	for _, v := range doc.Comparison.Versions {
		for _, p := range v.Paragraphs {
			text[compare.ParaRef{Version: v.ID, Paragraph: p.Index}] = p.Text
		}
	}
	flagged := map[int]string{}
	noted := map[int]string{}
	for _, p := range m.Passages {
		for _, mem := range p.Members {
			for _, para := range mem.Paragraphs {
				var own, other strings.Builder
				for _, s := range para.Segments {
					if s.Op != compare.OpDelete {
						own.WriteString(s.Text)
					}
					if s.Op != compare.OpInsert {
						other.WriteString(s.Text)
					}
					for _, f := range s.Flags {
						flagged[f] += s.Text
					}
					for _, n := range s.Notes {
						noted[n] += s.Text
					}
				}
				ref := compare.ParaRef{Version: mem.Version, Paragraph: para.Index}
				if own.String() != text[ref] {
					t.Errorf("passage %d %v: own text\n got %q\nwant %q", p.Number, ref, own.String(), text[ref])
				}
				if para.Against != nil && other.String() != text[*para.Against] {
					t.Errorf("passage %d %v: reference text\n got %q\nwant %q", p.Number, ref, other.String(), text[*para.Against])
				}
				if (mem.Version == p.Reference) != (para.Against == nil) {
					t.Errorf("passage %d %v: against %v, reference %s", p.Number, ref, para.Against, p.Reference)
				}
			}
		}
	}
	for _, f := range m.Flags {
		if f.Paragraph > 0 && flagged[f.Number] != f.Found {
			t.Errorf("flag %d (%s) marks %q, want %q", f.Number, f.Key, flagged[f.Number], f.Found)
		}
	}
	for _, n := range m.Notes {
		want := map[int64]string{7: "deputy mayor"}[n.ID]
		if noted[n.Number] != want {
			t.Errorf("note %d (id %d) marks %q, want %q", n.Number, n.ID, noted[n.Number], want)
		}
	}
	// Notes are placed where their paragraph is shown, or listed apart.
	wantPassage := map[int64]int{7: 1, 8: 2, 9: 0, 10: 0}
	for _, n := range m.Notes {
		if n.Passage != wantPassage[n.ID] {
			t.Errorf("note %d (id %d) in passage %d, want %d", n.Number, n.ID, n.Passage, wantPassage[n.ID])
		}
	}
}

func TestOptions(t *testing.T) {
	for _, tc := range []struct {
		name         string
		opt          Options
		want, absent []string
	}{
		{"everything", DefaultOptions(),
			[]string{"## Flags", "## Passages", "Note 1", "\\[flag 1\\]", "## Notes"}, nil},
		{"no flags", Options{Passages: true, Notes: true},
			[]string{"## Passages", "Note 1"}, []string{"## Flags", "\\[flag 1", "Flag 1"}},
		{"no passages", Options{Flags: true, Notes: true},
			[]string{"## Flags", "## Notes", "Note 2 on C · Harbour Times"}, []string{"## Passages", "Passage 1"}},
		{"no notes", Options{Flags: true, Passages: true},
			[]string{"## Flags", "## Passages"}, []string{"Note 1", "\\[note 1", "## Notes", "Ola Brandt"}},
		{"versions only", Options{},
			[]string{"## Versions", "Northgate Wire"}, []string{"## Flags", "## Passages", "## Notes"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			md := render(t, FormatMarkdown, fixtureDocument(t), tc.opt)
			for _, w := range tc.want {
				if !strings.Contains(md, w) {
					t.Errorf("lacks %q", w)
				}
			}
			for _, a := range tc.absent {
				if strings.Contains(md, a) {
					t.Errorf("has %q", a)
				}
			}
			html := render(t, FormatHTML, fixtureDocument(t), tc.opt)
			if got, want := strings.Contains(html, `id="flags"`), tc.opt.Flags; got != want {
				t.Errorf("HTML flags section present = %v, want %v", got, want)
			}
			if got, want := strings.Contains(html, `id="passages"`), tc.opt.Passages; got != want {
				t.Errorf("HTML passages section present = %v, want %v", got, want)
			}
		})
	}
}

func TestWordsAndLabels(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{"", 0},
		{"The council met.", 3},
		{"Zoë Kováčová didn't say well-known things", 6},
		{"河谷日报 reported", 5},
		{"9 to 4, 42 million", 5},
	} {
		if got := countWords(tc.text); got != tc.want {
			t.Errorf("countWords(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
	doc := fixtureDocument(t)
	m := decode(t, doc, DefaultOptions())
	if m.Versions[0].Words != 56 || m.Versions[2].Source != "Harbour Times 港口时报" || m.Versions[1].ArticleID != 102 {
		t.Errorf("versions: %+v", m.Versions)
	}
	if r := m.Versions[1].Relations; len(r) != 2 || r[0].Relation != "copies" || r[0].Other != "w1" {
		t.Errorf("v2 relations: %+v", r)
	}
}

func TestVersionsInPublishedOrder(t *testing.T) {
	want := render(t, FormatJSON, fixtureDocument(t), DefaultOptions())
	doc := fixtureDocument(t)
	slices.Reverse(doc.Comparison.Versions)
	if got := render(t, FormatJSON, doc, DefaultOptions()); got != want {
		t.Errorf("the report depends on the comparison's version order")
	}
	m := decode(t, doc, DefaultOptions())
	if m.Versions[0].ID != "w1" || m.Versions[2].ID != "r3" || m.Passages[0].Reference != "w1" {
		t.Errorf("order: %s %s %s, reference %s", m.Versions[0].ID, m.Versions[1].ID, m.Versions[2].ID, m.Passages[0].Reference)
	}
}
