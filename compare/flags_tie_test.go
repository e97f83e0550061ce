package compare

import (
	"slices"
	"strings"
	"testing"

	parallax "github.com/parallax-news/parallax"
)

// tieVersion builds a version from paragraphs, the first a headline.
func tieVersion(id string, paras ...string) Version {
	v := Version{ID: id, Title: paras[0]}
	for i, p := range paras {
		kind := parallax.KindBody
		if i == 0 {
			kind = parallax.KindHeadline
		}
		v.Paragraphs = append(v.Paragraphs, parallax.Paragraph{Ordinal: i + 1, Kind: kind, Text: p})
	}
	return v
}

// TestFlagsTieRule checks how a conflict between one version and one other
// is settled: by a version others copy verbatim, by a third version writing
// one value elsewhere, or, without evidence, by one flag naming both.
func TestFlagsTieRule(t *testing.T) {
	lead := "The Orvale harbour board voted on Tuesday to deepen the northern channel so that larger container ships can dock."
	chair := "Board chair Mirela Tosk said dredging would take two years and that the port expected traffic to grow steadily."
	fund := func(n, day string) string {
		return "The board approved " + n + " for the dredging, which will start on " + day + ", harbour engineer Pavel Drummond said."
	}
	tail := "Fishing crews, who moor in the same basin, asked the board to keep one berth free for them during the works."
	cases := []struct {
		name     string
		versions []Version
		// want lists "kind version found" for the number and date flags,
		// sorted; why is a phrase every such flag's message holds.
		want []string
		why  string
	}{
		{
			name: "no evidence: one flag naming both",
			versions: []Version{
				tieVersion("a", "Orvale to deepen channel", lead, chair, fund("$42 million", "Monday"), tail),
				tieVersion("b", "Channel money approved", lead, chair, fund("$24 million", "Thursday"), tail),
			},
			want: []string{"date b Thursday", "number b $24 million"},
			why:  "versions b and a disagree",
		},
		{
			name: "a copied version stands",
			versions: []Version{
				tieVersion("a", "Orvale to deepen channel", lead, chair, fund("$24 million", "Monday"), tail),
				tieVersion("b", "Channel money approved", "Larger ships are coming to Orvale after a vote on the harbour.", fund("$42 million", "Monday"),
					"Engineers expect the works to disturb the fishing fleet for months."),
				tieVersion("c", "Orvale deepens channel", lead, chair, tail),
			},
			want: []string{"number b $42 million"},
			why:  "version a is copied verbatim",
		},
		{
			name: "a third version backs one value",
			versions: []Version{
				tieVersion("a", "Orvale to deepen channel", lead, chair, fund("$42 million", "Monday"), tail),
				tieVersion("b", "Channel money approved", lead, chair, fund("$24 million", "Monday"), tail),
				tieVersion("c", "Orvale deepens channel", "Mirela Tosk, who chairs the Orvale harbour board, called the $42 million dredging plan the biggest in its history.",
					"Crews fishing out of the basin fear months of disruption."),
			},
			want: []string{"number b $24 million"},
			why:  "version c also writes '$42 million'",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Compare(tc.versions)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range c.Flags {
				if f.Kind == FlagNumber || f.Kind == FlagDate {
					got = append(got, string(f.Kind)+" "+f.Version+" "+f.Found)
					if !strings.Contains(f.Message, tc.why) {
						t.Errorf("message %q lacks %q", f.Message, tc.why)
					}
					if f.Severity != SeverityLow {
						t.Errorf("%s: severity %s, want low for one version against one", f.Message, f.Severity)
					}
				}
			}
			slices.Sort(got)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("flags %q, want %q", got, tc.want)
				for _, f := range c.Flags {
					t.Logf("%s %s: %s", f.Kind, f.Version, f.Message)
				}
			}
		})
	}
}
