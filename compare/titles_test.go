package compare

import (
	"strings"
	"testing"
)

func TestTitleRelation(t *testing.T) {
	cases := []struct {
		name string
		a, b string
		want string
	}{
		{"same words", "Vice Premier", "vice premier", "same"},
		{"nationality dropped", "China's vice premier", "Vice Premier", "same"},
		{"word order", "Minister of Finance", "Finance Minister", "same"},
		{"synonym", "Deputy Prime Minister", "Vice Premier", "synonym"},
		{"synonym spokesman", "spokesman", "spokeswoman", "synonym"},
		{"former", "former U.S. President", "President", "former"},
		{"ex prefix", "ex-president", "president", "former"},
		{"different office", "Trade Secretary", "Commerce Secretary", "different"},
		{"fewer words", "minister", "Finance Minister", "subset"},
		{"lieutenant", "Lieutenant Governor", "Governor", "different"},
		{"deputy against office", "Deputy Minister", "Minister", "different"},
		{"vice against office", "Vice President", "President", "different"},
		{"acting", "acting director", "director", "different"},
		{"interim", "interim chief executive", "chief executive", "different"},
		{"assistant", "assistant secretary", "secretary", "different"},
		{"under-secretary", "Under-Secretary", "Secretary", "different"},
		{"deputy and vice agree", "Deputy Governor", "Vice Governor", "synonym"},
		{"former deputy", "former Deputy Governor", "Deputy Governor", "former"},
		{"ex prefix on rank", "ex-Vice President", "Vice President", "former"},
		{"then is not former", "then-President", "President", "same"},
		{"seat and leadership", "Senator", "Senate Majority Leader", "subset"},
		{"seat and assistant leader", "Representative", "Assistant Democratic Leader", "subset"},
		{"under as a preposition", "under President", "President", "same"},
		{"majority against minority", "Majority Leader", "Minority Leader", "different"},
		{"possessive owner dropped", "President Kell's security adviser", "security adviser", "same"},
		{"press secretary", "press secretary", "spokesman", "synonym"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := titleRelation(titleReduce(tc.a), titleReduce(tc.b)); got != tc.want {
				t.Errorf("titleRelation(%q, %q) = %q, want %q", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func TestTitleReduceHeads(t *testing.T) {
	cases := []struct {
		name   string
		phrase string
		heads  string
		former bool
	}{
		{"office", "Commerce Secretary", "secretary", false},
		{"adjective only", "senior", "", false},
		{"generic rank", "top", "", false},
		{"ex prefix", "ex-Vice President", "president", true},
		{"owner's office dropped", "Premier Ostrov's spokesman", "spokesperson", false},
		{"owner's former dropped", "former President Ostrov's adviser", "advisor", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := titleReduce(tc.phrase)
			if got := strings.Join(r.Heads, " "); got != tc.heads || r.Former != tc.former {
				t.Errorf("titleReduce(%q): heads %q former %v, want %q %v", tc.phrase, got, r.Former, tc.heads, tc.former)
			}
		})
	}
}

func TestTitleAppositive(t *testing.T) {
	cases := []struct {
		name string
		text string // the name is the first two words
		want string
	}{
		{"plain", "Mara Voss, the trade minister, said", "trade minister"},
		{"office of a place", "Mara Voss, governor of Elbria, said", "governor of Elbria"},
		{"someone else's office", "Mara Voss, whose spokesman, Ed Lane, said", ""},
		{"another titled person", "Mara Voss, Senator Ed Lane and others", ""},
		{"title then name", "Mara Voss, former Interior Minister Ed Lane, said", ""},
		{"body before office", "Mara Voss, Harbor Board chairman, said", "Harbor Board chairman"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rs := []rune(tc.text)
			got, _, _ := titleAppositive(rs, flagWords(rs), 2)
			if got != tc.want {
				t.Errorf("titleAppositive(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}
