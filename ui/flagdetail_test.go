package ui

import (
	"strings"
	"testing"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare"
)

func TestConsensusStatesMessageOnce(t *testing.T) {
	d := &storyData{
		articles: make([]*parallax.Article, 5),
		letters:  map[string]string{"41": "A", "42": "B"},
	}
	long := "Freight rates on the Osterby line rose by a third over the winter, shippers' agents said on Monday."
	cases := []struct {
		name string
		flag compare.Flag
		want string
	}{
		{"unique claim cut short", compare.Flag{Version: "41", Found: long,
			Message: "only version 41 states this: '" + long[:77] + "…'"},
			"Only version A states this:\n“" + long + "”"},
		{"unique claim quoted whole", compare.Flag{Version: "42", Found: "the pier's lights failed",
			Message: "only version 42 states this: 'the pier's lights failed'"},
			"Only version B states this:\n“the pier's lights failed”"},
		{"message quotes within a sentence", compare.Flag{Version: "41", Found: "4 March",
			Message: "version 41 writes '4 March', but 4 March is a Sunday"},
			"Version A writes '4 March', but 4 March is a Sunday"},
		{"message without the words", compare.Flag{Version: "42", Found: "Kasia Drumlyn",
			Message: "a name no other version writes"},
			"A name no other version writes\nB: “Kasia Drumlyn”"},
		{"other quote at the end", compare.Flag{Version: "42", Found: "sixty",
			Message: "version 42 lacks a passage 3 of 5 versions carry: 'Tugs refloated…'"},
			"Version B lacks a passage 3 of 5 versions carry: 'Tugs refloated…'\nB: “sixty”"},
		{"wording to compare", compare.Flag{Version: "42", Found: "five", Expected: "three",
			Support: compare.Support{Found: 1, Expected: 4}, Message: "ignored"},
			"4 of 5 versions write “three”; B writes “five” (1 of 5)."},
		{"very long claim is cut", compare.Flag{Version: "41", Found: strings.Repeat("harbour ", 40),
			Message: "only version 41 states this: '" + strings.Repeat("harbour ", 10)[:77] + "…'"},
			"Only version A states this:\n“" + strings.Repeat("harbour ", 40)[:maxEvidenceRunes] + "…”"},
		{"no message", compare.Flag{Version: "41", Found: "Vellmar"}, "A writes “Vellmar”."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := consensus(d, tc.flag)
			if got != tc.want {
				t.Errorf("consensus =\n%q\nwant\n%q", got, tc.want)
			}
			// The words are shown no more often than the message has them.
			if f := tc.flag.Found; f != "" && tc.flag.Expected == "" && strings.Count(got, f) > max(1, strings.Count(tc.flag.Message, f)) {
				t.Errorf("%q repeats the flagged words", got)
			}
		})
	}
}
