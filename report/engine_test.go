package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare"
)

// TestWithCompareEngine reports on what compare.Compare makes of three
// small fictional versions: every format must accept the engine's output,
// and each member's segments must rebuild its text.
func TestWithCompareEngine(t *testing.T) {
	para := func(i int, kind parallax.ParagraphKind, text string) parallax.Paragraph {
		return parallax.Paragraph{Ordinal: i, Kind: kind, Text: text}
	}
	versions := []compare.Version{
		{ID: "1", Title: "Mill fire closes Brackwater road", Source: "Fen Wire", Published: "2025-05-02T08:00:00Z", Paragraphs: []parallax.Paragraph{
			para(1, parallax.KindHeadline, "Mill fire closes Brackwater road"),
			para(2, parallax.KindBody, "A fire at the old paper mill in Brackwater closed the coast road on Friday, the fire service said."),
			para(3, parallax.KindBody, "Fire chief Anneli Sørby said 35 firefighters fought the blaze for six hours and nobody was hurt."),
			para(4, parallax.KindBody, "The mill, built in 1911, had been empty since 2019."),
		}},
		{ID: "2", Title: "Brackwater mill burns", Source: "Coast Courier", Published: "2025-05-02T10:00:00Z", Paragraphs: []parallax.Paragraph{
			para(1, parallax.KindHeadline, "Brackwater mill burns"),
			para(2, parallax.KindBody, "A fire at the old paper mill in Brackwater closed the coast road on Friday, the fire service said."),
			para(3, parallax.KindBody, "Fire chief Anneli Sorby said 53 firefighters fought the blaze for six hours and nobody was hurt."),
		}},
		{ID: "3", Title: "布拉克沃特旧纸厂起火", Source: "Harbour Times", Published: "2025-05-03T08:00:00Z", Paragraphs: []parallax.Paragraph{
			para(1, parallax.KindHeadline, "布拉克沃特旧纸厂起火"),
			para(2, parallax.KindBody, "Firefighters battled a blaze at Brackwater's disused paper mill on Friday, closing the coast road."),
			para(3, parallax.KindBody, "Fire chief Anneli Sørby said 35 firefighters worked for six hours; nobody was hurt, she said. 河谷日报 first reported the fire."),
			para(4, parallax.KindBody, "The mill, built in 1911, had been empty since 2019."),
		}},
	}
	c, err := compare.Compare(versions)
	if err != nil {
		t.Fatalf("compare.Compare: %v", err)
	}
	doc := Document{Title: "Brackwater mill fire", Generated: fixtureGenerated, AppVersion: "test", Comparison: c}
	writeEveryFormat(t, doc)
	m := decode(t, doc, DefaultOptions())
	if len(m.Passages) == 0 {
		t.Fatal("no passages")
	}
	text := map[compare.ParaRef]string{}
	for _, v := range c.Versions {
		for _, p := range v.Paragraphs {
			text[compare.ParaRef{Version: v.ID, Paragraph: p.Index}] = p.Text
		}
	}
	changes := 0
	for _, p := range m.Passages {
		for _, mem := range p.Members {
			for _, para := range mem.Paragraphs {
				var own strings.Builder
				for _, s := range para.Segments {
					if s.Op != compare.OpDelete {
						own.WriteString(s.Text)
					}
					if s.Op != compare.OpEqual {
						changes++
					}
				}
				if own.String() != para.Text || para.Text != text[compare.ParaRef{Version: mem.Version, Paragraph: para.Index}] {
					t.Errorf("passage %d version %s ¶%d: segments give %q", p.Number, mem.Version, para.Index, own.String())
				}
			}
		}
	}
	if changes == 0 {
		t.Error("no changes marked between versions that differ")
	}
	// 35 firefighters in two versions, 53 in one: the Markdown strikes 35
	// out and sets 53 in, next to each other.
	md := render(t, FormatMarkdown, doc, DefaultOptions())
	if !regexp.MustCompile(`~~[^~]*\b35\b[^~]*~~ ?\*\*[^*]*\b53\b`).MatchString(md) {
		t.Errorf("the 35/53 change is not shown as a word change:\n%s", md)
	}
	// The one version writing 53 where the others write 35 is flagged, and
	// the report shows that flag on that version.
	var numberFlag *flagModel
	for i, f := range m.Flags {
		if f.Kind == compare.FlagNumber && f.Version == "2" && f.Found == "53" {
			numberFlag = &m.Flags[i]
		}
	}
	if numberFlag == nil {
		t.Fatalf("no number flag on version 2 for 53 firefighters: %+v", m.Flags)
	}
	if numberFlag.Expected != "35" || numberFlag.Support.Expected != 2 || numberFlag.Support.Found != 1 {
		t.Errorf("number flag %+v, want 35 expected by 2 versions against 1", *numberFlag)
	}
}

// TestSwappedSentences: the engine diffs pairs sentence by sentence, so a
// paragraph that gives two sentences in the other order has ops that follow
// A's order but not B's; either version as reference must still lay out,
// each member's segments rebuilding its text.
func TestSwappedSentences(t *testing.T) {
	one := "The Lowmoor ferry will stop on 3 June, the harbour office said on Monday. Repairs to the slipway are expected to take nine weeks."
	two := "Repairs to the slipway are expected to take eight weeks. The harbour office said on Monday that the Lowmoor ferry will stop on 3 June."
	for _, tc := range []struct{ name, a, b string }{{"in order first", one, two}, {"swapped first", two, one}} {
		t.Run(tc.name, func(t *testing.T) {
			mk := func(id, text string) compare.Version {
				return compare.Version{ID: id, Title: "Ferry", Paragraphs: []parallax.Paragraph{{Ordinal: 1, Kind: parallax.KindBody, Text: text}}}
			}
			c, err := compare.Compare([]compare.Version{mk("a", tc.a), mk("b", tc.b)})
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Pairs) != 1 {
				t.Fatalf("%d pairs, want 1", len(c.Pairs))
			}
			doc := Document{Title: "Ferry", Generated: fixtureGenerated, AppVersion: "test", Comparison: c}
			writeEveryFormat(t, doc)
			m := decode(t, doc, DefaultOptions())
			want := map[string]string{"a": tc.a, "b": tc.b}
			for _, p := range m.Passages {
				for _, mem := range p.Members {
					for _, para := range mem.Paragraphs {
						var own strings.Builder
						for _, s := range para.Segments {
							if s.Op != compare.OpDelete {
								own.WriteString(s.Text)
							}
						}
						if own.String() != want[mem.Version] {
							t.Errorf("version %s: segments give %q", mem.Version, own.String())
						}
					}
				}
			}
		})
	}
}

// writeEveryFormat renders doc in every report format, failing on any
// error.
func writeEveryFormat(t *testing.T, doc Document) {
	t.Helper()
	for _, f := range Formats() {
		var buf bytes.Buffer
		if err := Write(&buf, f, doc, DefaultOptions()); err != nil {
			t.Fatalf("Write(%s): %v", f, err)
		}
	}
}
