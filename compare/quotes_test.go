package compare

import "testing"

// TestMayHoldQuote checks the quick test that lets a paragraph skip the
// quote scan: it must hold for every paragraph where the scan finds a
// quote, whatever mark opens it.
func TestMayHoldQuote(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"straight", `He said "we will rebuild the bridge" today.`, true},
		{"curly", "He said “we will rebuild the bridge” today.", true},
		{"low-nine", "Er sagte „wir bauen die Brücke wieder auf“ heute.", true},
		{"guillemets", "Il a dit « nous reconstruirons le pont » hier.", true},
		{"none", "He said they would rebuild the bridge’s deck — soon.", false},
		{"closing mark alone", "the bridge” was rebuilt", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := mayHoldQuote(tc.text); got != tc.want {
				t.Errorf("mayHoldQuote(%q) = %v, want %v", tc.text, got, tc.want)
			}
			if found := len(findQuoteMentions([]rune(tc.text), nil)) > 0; found && !mayHoldQuote(tc.text) {
				t.Errorf("%q: a quote is found but mayHoldQuote says none", tc.text)
			}
		})
	}
}
