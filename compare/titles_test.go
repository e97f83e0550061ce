package compare

import "testing"

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
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := titleRelation(titleReduce(tc.a), titleReduce(tc.b)); got != tc.want {
				t.Errorf("titleRelation(%q, %q) = %q, want %q", tc.a, tc.b, got, tc.want)
			}
		})
	}
}
