package compare

import (
	"reflect"
	"testing"
)

func sentenceTexts(text string) []string {
	rs := []rune(text)
	var out []string
	for _, s := range SplitSentences(text) {
		out = append(out, string(rs[s.Start:s.End]))
	}
	return out
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"two plain", "The bridge opened. Traffic flowed.", []string{"The bridge opened.", "Traffic flowed."}},
		{"U.S. mid sentence", "The U.S. Navy sent two ships. They arrived Monday.", []string{"The U.S. Navy sent two ships.", "They arrived Monday."}},
		{"title Dr.", "Dr. Anja Velt said it was safe. Others disagreed.", []string{"Dr. Anja Velt said it was safe.", "Others disagreed."}},
		{"month Jan.", "The vote is on Jan. 12 in Tarsk. Polls open early.", []string{"The vote is on Jan. 12 in Tarsk.", "Polls open early."}},
		{"a.m.", "Crews arrived at 3:40 a.m. Tuesday and stayed.", []string{"Crews arrived at 3:40 a.m. Tuesday and stayed."}},
		{"initials", "Author J. R. Hollis spoke. He left.", []string{"Author J. R. Hollis spoke.", "He left."}},
		{"quote end", `"We will rebuild." The mayor left the stage.`, []string{`"We will rebuild."`, "The mayor left the stage."}},
		{"curly quote end", "“We will rebuild.” The mayor left.", []string{"“We will rebuild.”", "The mayor left."}},
		{"question in quote then lower", `"Is it safe?" she asked. Nobody answered.`, []string{`"Is it safe?" she asked.`, "Nobody answered."}},
		{"ellipsis lower", "Pumps should... continuously run. Then stop.", []string{"Pumps should... continuously run.", "Then stop."}},
		{"decimal", "Output grew 3.5 percent. Exports fell 1.2 percent.", []string{"Output grew 3.5 percent.", "Exports fell 1.2 percent."}},
		{"no final point", "A headline without a point", []string{"A headline without a point"}},
		{"spaces around", "  First one.   Second one.  ", []string{"First one.", "Second one."}},
		{"exclamation", "Stop! Go now.", []string{"Stop!", "Go now."}},
		{"empty", "", nil},
		{"Sen. with state", "Sen. Ora Pell, R-Vt., said no. Then she left.", []string{"Sen. Ora Pell, R-Vt., said no.", "Then she left."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := sentenceTexts(tc.text)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("SplitSentences(%q)\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

func FuzzSplitSentences(f *testing.F) {
	for _, s := range []string{"A. B.", "U.S. x", "“Hi.” Ok", "3.5. 4", "…", "a… B"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		n := len([]rune(text))
		prev := 0
		for _, s := range SplitSentences(text) {
			if s.Start < prev || s.End <= s.Start || s.End > n {
				t.Fatalf("bad sentence %+v (prev end %d, len %d) in %q", s, prev, n, text)
			}
			prev = s.End
		}
	})
}
