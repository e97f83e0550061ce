package report

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare"
)

// benchDocument is a fictional 5-version story of 14 paragraphs a version,
// each version rewording a few words of every paragraph, with a flag and a
// note per version.
func benchDocument(b *testing.B) Document {
	b.Helper()
	base := []string{
		"The Elmsford council on Tuesday approved a new ferry terminal at Riverside, a project costing 42 million crowns, mayor Zoë Kováčová said.",
		"“This terminal will connect the whole valley,” Kováčová told reporters after the vote, which passed 9 to 4.",
		"Construction is due to start in May and finish in 2027, according to the harbour authority.",
		"Opponents said the terminal would bring heavy traffic to the narrow streets of the old town and harm the river's wildlife.",
		"The harbour authority said it would plant 300 trees along the quay and limit lorries to the hours between 10:00 and 16:00.",
		"Ferries from Riverside will reach the coast in 40 minutes, half the time the trip takes by road, the operator Valley Lines said.",
		"The project is funded by the regional government, which will pay 30 million crowns, and by a loan from the national development bank.",
		"Local businesses welcomed the decision; the chamber of commerce said 200 jobs could follow within five years.",
		"Residents of the Quay Street houses, which will be demolished, are to be offered new flats in the Millbrook estate.",
		"A public hearing on the plans drew more than 400 people in January, when several speakers asked for a referendum.",
		"The council rejected a proposal for a referendum by 8 votes to 5 in February.",
		"The terminal is the largest public works project in Elmsford since the railway bridge was rebuilt in 1998.",
		"Kováčová said the town would publish the building contracts online, after criticism of an earlier tender.",
		"The first ferry is expected to sail from Riverside in the spring of 2028, a spokesman for Valley Lines said. 河谷日报 reported the plans first.",
	}
	swaps := [][2]string{{"approved", "backed"}, {"said", "stated"}, {"the", "a"}, {"terminal", "port"}, {"would", "will"}}
	var vs []fixtureVersion
	var passages []compare.Passage
	for i := range base {
		passages = append(passages, compare.Passage{Missing: []string{}})
		_ = i
	}
	for v := 0; v < 5; v++ {
		fv := fixtureVersion{id: fmt.Sprintf("v%d", v+1), title: fmt.Sprintf("Ferry terminal approved (%d)", v+1), source: fmt.Sprintf("Outlet %d", v+1)}
		for i, p := range base {
			text := p
			if v > 0 {
				sw := swaps[(v+i)%len(swaps)]
				text = strings.Replace(text, " "+sw[0]+" ", " "+sw[1]+" ", 1)
				text = strings.Replace(text, fmt.Sprint(v), fmt.Sprint(v+5), 1)
			}
			fv.paras = append(fv.paras, body(i+1, text))
			passages[i].Members = append(passages[i].Members, member(fv.id, i+1))
		}
		vs = append(vs, fv)
	}
	c := buildComparison(b, vs, passages)
	doc := Document{Title: "Riverside ferry terminal", Generated: fixtureGenerated, AppVersion: "bench", Comparison: c,
		Decisions: map[string]parallax.Decision{}, ArticleOf: map[string]int64{}, Meta: map[string]VersionMeta{}}
	for v, fv := range vs {
		s, e := runeSpan(b, fv.paras[1].Text, "Kováčová")
		key := "name:" + fv.id
		c.Flags = append(c.Flags, compare.Flag{Key: key, Kind: compare.FlagName, Severity: compare.SeverityMedium, Version: fv.id,
			Paragraph: 2, Start: s, End: e, Found: "Kováčová", Expected: "Kovacova", Support: compare.Support{Found: 4, Expected: 1}, Passage: 1})
		if v%2 == 0 {
			doc.Decisions[key] = parallax.Decision{Key: key, Status: parallax.StatusConfirmed, Note: "Checked."}
		}
		doc.ArticleOf[fv.id] = int64(v + 1)
		doc.Meta[fv.id] = VersionMeta{Source: fv.source, Published: time.Date(2025, 3, 4+v, 9, 0, 0, 0, time.UTC)}
		doc.Notes = append(doc.Notes, parallax.Note{ID: int64(v + 1), ArticleID: int64(v + 1), Paragraph: 3, Text: "Check the date."})
	}
	return doc
}

func BenchmarkWrite(b *testing.B) {
	doc := benchDocument(b)
	for _, f := range Formats() {
		b.Run(f, func(b *testing.B) {
			for b.Loop() {
				if err := Write(io.Discard, f, doc, DefaultOptions()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
