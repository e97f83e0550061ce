package compare

import (
	"strings"
	"testing"
)

func TestFlagQuotedOnce(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain words", "Agnes Whitlow", "'Agnes Whitlow'"},
		{"a quotation", `"This is a victory," she said.`, `"This is a victory," she said.`},
		{"a curly quotation", "“We will appeal”", "“We will appeal”"},
		{"a long quotation cut", `"` + strings.Repeat("word ", 30), (`"` + strings.Repeat("word ", 30))[:77] + "…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := flagQuoted(tc.in); got != tc.want {
				t.Errorf("flagQuoted(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestOmissionOfAQuotationQuotedOnce: a version that lacks a passage
// opening with a quotation is told so without doubled marks ('"This…').
func TestOmissionOfAQuotationQuotedOnce(t *testing.T) {
	quote := `"This is a victory for common sense and for the drivers who work at night," said the hauliers' spokeswoman Irma Castell.`
	lead := "A regional appeals court on Tuesday struck down a night-time shipping ban imposed by the Calder Port Authority."
	tail := "The authority has 28 days to lodge an appeal against the ruling of the three judges."
	c, err := Compare([]Version{
		body("a", lead, quote, tail),
		body("b", lead, quote, tail),
		body("c", lead, tail),
	})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range c.Flags {
		if f.Kind != FlagOmission || f.Version != "c" {
			continue
		}
		found = true
		if strings.Contains(f.Message, `'"`) || !strings.Contains(f.Message, `"This is a victory`) {
			t.Errorf("omission message %q", f.Message)
		}
	}
	if !found {
		t.Fatalf("no omission flag on c: %+v", c.Flags)
	}
}
