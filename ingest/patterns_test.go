package ingest

import "testing"

// dateHeaderLines are lines dateHeaderRe must match, and a few it must not.
var dateHeaderLines = []struct {
	line  string
	match bool
}{
	{"date 2025-11-06 BEIJING:", true},
	{"Published: 6 November 2025", true},
	{"PUBLISHED : 6 November 2025", true},
	{"Posted Nov. 6, 2025", true},
	{"Nov. 6, 2025", true},
	{"November 6, 2025 - KESTRELTON:", true},
	{"06.11.2025", true},
	{"dated 2025-11-06T08:30Z", true},
	{"Updated:\t2025-11-06 08:30", true},
	{"2025-11-06", true},
	{"The 2025 budget was passed on Thursday.", false},
	{"date2025-11-06", false},
	{"Dockers said 1,200 containers were waiting.", false},
	{"On November 6, 2025 the port closed.", false},
}

func TestMayBeDateHeaderLetsEveryDateHeaderThrough(t *testing.T) {
	for _, tc := range dateHeaderLines {
		t.Run(tc.line, func(t *testing.T) {
			got := dateHeaderRe.MatchString(tc.line)
			if got != tc.match {
				t.Errorf("dateHeaderRe matches = %v, want %v", got, tc.match)
			}
			if got && !mayBeDateHeader(tc.line) {
				t.Error("mayBeDateHeader refuses a line the expression matches")
			}
		})
	}
}

func FuzzMayBeDateHeader(f *testing.F) {
	for _, tc := range dateHeaderLines {
		f.Add(tc.line)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if dateHeaderRe.MatchString(line) && !mayBeDateHeader(line) {
			t.Errorf("mayBeDateHeader(%q) refuses a line the expression matches", line)
		}
	})
}
