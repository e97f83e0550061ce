package group

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestEntitiesKeepMostNamed(t *testing.T) {
	// More capitalised names than maxEntities: the one named most often
	// must survive the cut even though it sorts last.
	var b strings.Builder
	for i := 0; i < maxEntities+20; i++ {
		fmt.Fprintf(&b, "They met Alder%c%c today. ", 'a'+i/26, 'a'+i%26)
	}
	for i := 0; i < 5; i++ {
		b.WriteString("Then Zorvath spoke. ")
	}
	f := Extract("", b.String(), time.Time{})
	if len(f.Entities) != maxEntities {
		t.Fatalf("%d entities, want %d", len(f.Entities), maxEntities)
	}
	if !slices.Contains(f.Entities, "zorvath") {
		t.Errorf("most named entity dropped: %v", f.Entities)
	}
	if !slices.IsSorted(f.Entities) {
		t.Errorf("entities not sorted: %v", f.Entities)
	}
}

func TestEntityFrequency(t *testing.T) {
	f := Extract("Brenlow wins", "Mayor Brenlow said Brenlow and Osk met. Then Brenlow left.", time.Time{})
	cases := []struct {
		name   string
		entity string
		want   float64
	}{
		{"named four times with the title", "brenlow", 1 + math.Log(4)},
		{"named once", "osk", 1},
		{"not named", "quarnet", 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := float64(entityFrequency(&f, tc.entity)); math.Abs(got-tc.want) > 1e-6 {
				t.Errorf("entityFrequency(%q) = %.3f, want %.3f", tc.entity, got, tc.want)
			}
		})
	}
}

// fnv64a is hash/fnv's 64-bit FNV-1a: keys filed in a library must not
// change.
func TestFNV64a(t *testing.T) {
	for _, s := range []string{"", "a", "ferry", "Zürich", "\x00e"} {
		h := fnv.New64a()
		h.Write([]byte(s))
		if got := fnv64a(fnvOffset, s); got != h.Sum64() {
			t.Errorf("fnv64a(%q) = %x, want %x", s, got, h.Sum64())
		}
	}
	h := fnv.New64a()
	h.Write([]byte{'t'})
	h.Write([]byte("ferry"))
	if got := TermKey("ferry"); got != Key(h.Sum64()|1) {
		t.Errorf("TermKey changed: %x, want %x", got, h.Sum64()|1)
	}
}

// selectFirst (and heaviestFirst, its copy for the index) keeps the same
// terms, in the same order once sorted, as sorting them all does: ties of
// weight (common: new words named once) broken by id.
func TestSelectHeaviest(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	for trial := range 500 {
		list := make([]weightedTerm, 1+r.Intn(400))
		for i := range list {
			// Distinct ids in no order, few distinct weights (ties are
			// many).
			list[i] = weightedTerm{termWeight{uint32(i*7919) % 100003, 1}, float64(r.Intn(1 + trial%7))}
		}
		n := 1 + r.Intn(len(list))
		sorted := slices.Clone(list)
		slices.SortFunc(sorted, func(a, b weightedTerm) int {
			if heavier(a, b) {
				return -1
			}
			return 1
		})
		got := slices.Clone(list)
		if n < len(got) {
			selectFirst(got, n, heavier)
		}
		got = got[:n]
		slices.SortFunc(got, func(a, b weightedTerm) int {
			if heavier(a, b) {
				return -1
			}
			return 1
		})
		if !slices.Equal(got, sorted[:n]) {
			t.Fatalf("trial %d: the %d heaviest of %d: %v, want %v", trial, n, len(list), got, sorted[:n])
		}
		if got := heaviestFirst(slices.Clone(list), n); !slices.Equal(got, sorted[:n]) {
			t.Fatalf("trial %d: heaviestFirst: the %d heaviest of %d: %v, want %v", trial, n, len(list), got, sorted[:n])
		}
	}
}
