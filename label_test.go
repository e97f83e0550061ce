package parallax

import "testing"

func TestVersionLabel(t *testing.T) {
	for i, want := range map[int]string{0: "A", 1: "B", 25: "Z", 26: "AA", 27: "AB", 51: "AZ", 52: "BA"} {
		if got := VersionLabel(i); got != want {
			t.Errorf("VersionLabel(%d) = %q, want %q", i, got, want)
		}
	}
}

func TestLabelsStableWhenAVersionIsAdded(t *testing.T) {
	before := NewLabels([]string{"7", "12", "9"})
	after := NewLabels([]string{"7", "12", "9", "30"})
	for id, l := range before {
		if after[id] != l {
			t.Errorf("version %s: %q before, %q after adding one", id, l, after[id])
		}
	}
	if after["30"] != "D" {
		t.Errorf("added version labelled %q, want D", after["30"])
	}
}

func TestLabelsMessage(t *testing.T) {
	l := NewLabels([]string{"7", "12", "courier-b", "9"})
	for _, tc := range []struct{ name, in, want string }{
		{"one version", "version 12 also writes 'Tarrant'", "version B also writes 'Tarrant'"},
		{"a list", "versions 7, 12 and 9 write '14 dead'", "versions A, B and D write '14 dead'"},
		{"serial comma", "versions 7, 12, and 9 agree", "versions A, B, and D agree"},
		{"file ids", "version courier-b: quotes differ", "version C: quotes differ"},
		{"at the end", "the figure comes from version 9", "the figure comes from version D"},
		{"sentence end", "only in version 9.", "only in version D."},
		{"numbers elsewhere stay", "12 people died, says version 7", "12 people died, says version A"},
		{"unknown ids stay", "version 99 writes 12", "version 99 writes 12"},
		{"a longer number is not an id", "version 120 writes", "version 120 writes"},
		{"not the word version", "conversion 12 applies", "conversion 12 applies"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := l.Message(tc.in); got != tc.want {
				t.Errorf("Message(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
