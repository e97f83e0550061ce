package compare

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	parallax "github.com/parallax-news/parallax"
)

// manyParagraphs makes two versions of n one-sentence paragraphs: a base
// and a copy with a word in ten replaced, the shape of a long document
// (minutes, a list, a transcript) that made comparison quadratic.
func manyParagraphs(n int) []Version {
	r := rand.New(rand.NewPCG(7, uint64(n)))
	vocab := syntheticWords(r, 4000)
	a := Version{ID: "a"}
	b := Version{ID: "b"}
	for i := range n {
		ws := make([]string, 8+r.IntN(8))
		for k := range ws {
			ws[k] = vocab[int(float64(len(vocab))*r.Float64()*r.Float64())]
		}
		text := strings.Join(ws, " ") + "."
		for k := range ws {
			if r.IntN(10) == 0 {
				ws[k] = vocab[r.IntN(len(vocab))]
			}
		}
		edited := strings.Join(ws, " ") + "."
		a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Ordinal: i + 1, Kind: parallax.KindBody, Text: text})
		b.Paragraphs = append(b.Paragraphs, parallax.Paragraph{Ordinal: i + 1, Kind: parallax.KindBody, Text: edited})
	}
	return []Version{a, b}
}

func benchmarkManyParagraphs(b *testing.B, n int) {
	vs := manyParagraphs(n)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compare(vs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompare2x5kParagraphs(b *testing.B) { benchmarkManyParagraphs(b, 5000) }

func BenchmarkCompare2x20kParagraphs(b *testing.B)  { benchmarkManyParagraphs(b, 20000) }
func BenchmarkCompare2x100kParagraphs(b *testing.B) { benchmarkManyParagraphs(b, 100000) }

// TestLongDocumentAligns compares two versions of 20,000 one-sentence
// paragraphs (which took minutes when every candidate was checked against
// every link) within a bound, and still links nearly every paragraph.
func TestLongDocumentAligns(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("long document: its speed is measured by BenchmarkCompare2x20kParagraphs, not by a timed test")
	}
	vs := manyParagraphs(20000)
	began := time.Now()
	c, err := Compare(vs)
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(began)
	right := 0
	for _, p := range c.PairsBetween("a", "b") {
		if p.A.Paragraph == p.B.Paragraph {
			right++
		}
	}
	t.Logf("2 × 20k paragraphs: %v, %d of %d paragraphs linked to their copy", took, right, len(vs[0].Paragraphs))
	if right < len(vs[0].Paragraphs)*9/10 {
		t.Errorf("%d of %d paragraphs linked to their copy, want 90%%", right, len(vs[0].Paragraphs))
	}
}

// TestTooLargeStory: a story beyond the bounds fails at once with a message
// saying so, rather than running for minutes.
func TestTooLargeStory(t *testing.T) {
	v := func(id string, n int) Version {
		ver := Version{ID: id}
		for i := range n {
			ver.Paragraphs = append(ver.Paragraphs, parallax.Paragraph{Ordinal: i + 1, Kind: parallax.KindBody, Text: "x"})
		}
		return ver
	}
	vs := []Version{v("a", MaxStoryParagraphs/2+1), v("b", MaxStoryParagraphs/2)}
	_, err := Compare(vs)
	var tl *TooLargeError
	if !errors.As(err, &tl) || !strings.Contains(err.Error(), "too large to compare") {
		t.Fatalf("err = %v, want a TooLargeError", err)
	}
	// "At once" is counted in allocations, not time (a loaded machine
	// makes any time bound flaky): refusing must come before the engine
	// reads a single paragraph, so it costs a handful of allocations, not
	// some per paragraph.
	if allocs := testing.AllocsPerRun(1, func() { _, _ = Compare(vs) }); allocs > 50 {
		t.Errorf("refusing a story of %d paragraphs made %.0f allocations, want it refused before any work", MaxStoryParagraphs+1, allocs)
	}
	big := strings.Repeat("word ", MaxStoryBytes/5+1)
	_, err = Compare([]Version{{ID: "a", Paragraphs: []parallax.Paragraph{{Ordinal: 1, Kind: parallax.KindBody, Text: big}}}})
	if !errors.As(err, &tl) {
		t.Fatalf("err = %v, want a TooLargeError", err)
	}
}
