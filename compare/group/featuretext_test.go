package group

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestExtractBoundedText checks that only the first MaxFeatureText bytes of
// a huge text count, cut on a whole character.
func TestExtractBoundedText(t *testing.T) {
	head := strings.Repeat("Ölwerk harbour crane ", MaxFeatureText/21+1)
	text := head + strings.Repeat("zebra quartz ", 50000)
	got := Extract("Title", text, time.Time{})
	cut := featureText(text)
	if len(cut) > MaxFeatureText || !strings.HasPrefix(text, cut) || !strings.HasPrefix(head, cut) {
		t.Fatalf("featureText cut %d bytes, not a prefix of the head within the bound", len(cut))
	}
	if want := Extract("Title", cut, time.Time{}); !reflect.DeepEqual(got, want) {
		t.Errorf("features of the huge text differ from those of its bounded prefix")
	}
	for _, term := range got.Terms {
		if term.Word == "zebra" || term.Word == "quartz" {
			t.Errorf("term %q from beyond the bound", term.Word)
		}
	}
	short := "A short text."
	if featureText(short) != short {
		t.Errorf("a short text was cut")
	}
}
