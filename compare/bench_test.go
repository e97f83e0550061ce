package compare

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	parallax "github.com/parallax-news/parallax"
)

// syntheticWords makes a fixed vocabulary of pronounceable pseudo-words.
func syntheticWords(r *rand.Rand, n int) []string {
	syl := []string{"ka", "lo", "mi", "ren", "tas", "vo", "dri", "pel", "sun", "gar", "ne", "bi", "tor", "ula", "es", "fin"}
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for range 1 + r.IntN(3) {
			b.WriteString(syl[r.IntN(len(syl))])
		}
		out[i] = b.String()
	}
	return out
}

// syntheticStory makes a base text of about words words and nv versions of
// it: the base, then edited, reordered and shortened copies in turn.
func syntheticStory(nv, words int) []Version {
	r := rand.New(rand.NewPCG(uint64(nv), uint64(words)))
	vocab := syntheticWords(r, 4000)
	var paras [][]string // paragraphs of sentences of words
	for n := 0; n < words; {
		var para []string
		for range 1 + r.IntN(3) {
			k := 10 + r.IntN(16)
			ws := make([]string, k)
			for i := range ws {
				// Zipf-like: common words often, rare words seldom.
				ws[i] = vocab[int(float64(len(vocab))*r.Float64()*r.Float64()*r.Float64())]
			}
			ws[0] = strings.ToUpper(ws[0][:1]) + ws[0][1:]
			para = append(para, strings.Join(ws, " ")+".")
			n += k
		}
		paras = append(paras, para)
	}
	out := make([]Version, nv)
	for vi := range out {
		ps := make([][]string, len(paras))
		copy(ps, paras)
		switch vi % 4 {
		case 1: // edited: a tenth of the words replaced
			for i, p := range ps {
				np := make([]string, len(p))
				for j, s := range p {
					ws := strings.Fields(s)
					for k := range ws {
						if r.IntN(10) == 0 {
							ws[k] = vocab[r.IntN(len(vocab))]
						}
					}
					np[j] = strings.Join(ws, " ")
				}
				ps[i] = np
			}
		case 2: // reordered
			r.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
		case 3: // shortened
			ps = ps[:len(ps)*2/3]
		}
		v := Version{ID: fmt.Sprintf("v%02d", vi)}
		for i, p := range ps {
			v.Paragraphs = append(v.Paragraphs, parallax.Paragraph{Ordinal: i + 1, Kind: parallax.KindBody, Text: strings.Join(p, " ")})
		}
		out[vi] = v
	}
	return out
}

func benchmarkCompare(b *testing.B, nv, words int) {
	vs := syntheticStory(nv, words)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compare(vs); err != nil {
			b.Fatal(err)
		}
	}
}

// benchmarkAlign measures the comparison without the flag detectors.
func benchmarkAlign(b *testing.B, nv, words int) {
	vs := syntheticStory(nv, words)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := alignStory(vs, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// Targets (issue 3): 5×800 ≤ 20 ms, 20×2,000 ≤ 500 ms, 2×50,000 ≤ 3 s.
func BenchmarkCompare5x800(b *testing.B)   { benchmarkCompare(b, 5, 800) }
func BenchmarkCompare20x2000(b *testing.B) { benchmarkCompare(b, 20, 2000) }
func BenchmarkCompare2x50000(b *testing.B) { benchmarkCompare(b, 2, 50000) }

// Alignment alone, to tell its cost from the detectors'.
func BenchmarkAlign5x800(b *testing.B)   { benchmarkAlign(b, 5, 800) }
func BenchmarkAlign20x2000(b *testing.B) { benchmarkAlign(b, 20, 2000) }
func BenchmarkAlign2x50000(b *testing.B) { benchmarkAlign(b, 2, 50000) }

// Growth (issue 13): the same comparison at 2, 5, 10 and 20 versions of
// 800 words, and at 2 versions of 1,000 to 50,000 words; the README gives
// the growth exponent between neighbouring sizes.
func BenchmarkCompareVersions(b *testing.B) {
	for _, nv := range []int{2, 5, 10, 20} {
		b.Run(fmt.Sprintf("%dx800", nv), func(b *testing.B) { benchmarkCompare(b, nv, 800) })
	}
}

func BenchmarkCompareWords(b *testing.B) {
	for _, words := range []int{1000, 5000, 20000, 50000} {
		b.Run(fmt.Sprintf("2x%d", words), func(b *testing.B) { benchmarkCompare(b, 2, words) })
	}
}

// TestSyntheticAlignment checks the benchmark generator's copies align: a
// reordered copy must find every paragraph of the base.
func TestSyntheticAlignment(t *testing.T) {
	vs := syntheticStory(3, 1500)
	c, err := Compare(vs)
	if err != nil {
		t.Fatal(err)
	}
	pairs := c.PairsBetween("v00", "v02")
	found := map[int]bool{}
	for _, p := range pairs {
		found[p.A.Paragraph] = true
	}
	if len(found) != len(vs[0].Paragraphs) {
		t.Errorf("reordered copy: %d of %d paragraphs aligned", len(found), len(vs[0].Paragraphs))
	}
}

// BenchmarkCompare2x12000 is a book-length pair (about the size of two
// editions of a long essay).
func BenchmarkCompare2x12000(b *testing.B) { benchmarkCompare(b, 2, 12000) }
