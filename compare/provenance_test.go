package compare

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
)

// Paragraphs of a fictional wire story used to build versions.
var provenanceWire = []string{
	"The Orrin valley rail tunnel will close for eleven weeks from June while engineers replace its drainage, the regional transport board said on Tuesday.",
	"Commuters between Halvik and Brennmoor will travel on replacement buses that add about forty minutes to each journey, according to the board.",
	"Board chair Sigrun Aasen said the water seeping through the tunnel walls had corroded the signalling cables twice in the past winter.",
	"Freight trains carrying timber from the northern mills will be diverted through the coastal line, which adds a day to deliveries.",
	"The work is budgeted at 310 million crowns and is the largest repair of the tunnel since it opened in 1961.",
	"Local traders in Brennmoor fear the closure will keep summer visitors away during the town's busiest season.",
}

func TestProvenance(t *testing.T) {
	wire := body("wire", provenanceWire...)
	wire.Published = "2026-03-03T09:00:00Z"
	short := body("short", provenanceWire[:3]...)
	short.Published = "2026-03-03T11:00:00Z"
	reprint := body("reprint", provenanceWire...)
	reprint.Published = "2026-03-04T08:00:00Z"
	american := body("american", strings.ReplaceAll(strings.Join(provenanceWire, " "), "signalling", "signaling"))
	rewrite := body("rewrite",
		"Halvik commuters face weeks of slow buses: the rail tunnel under the Orrin valley shuts in June so that crews can fix leaking drains.",
		"Sigrun Aasen, who chairs the transport board, blamed seeping water for two cable failures last winter.",
		"Shopkeepers in Brennmoor worry that tourists will stay away.")
	rewrite.Published = "2026-03-03T15:00:00Z"
	independent := body("independent",
		"Shopkeepers in Brennmoor say a summer without trains could ruin them; the town depends on day visitors from Halvik.",
		"The Orrin valley tunnel, opened in 1961, has been patched many times, and locals have little faith in the transport board.",
		"One café owner said she would close for the season rather than wait for customers who will not come.")
	quoting := body("quoting",
		"Critics of the transport board have long warned about the state of the valley's old tunnels.",
		"In a statement the board said that the water seeping through the tunnel walls had corroded the signalling cables twice in the past winter.",
		"Opposition politicians called for an inquiry into maintenance spending.")
	tests := []struct {
		name          string
		a, b          Version
		wantDirection string
		minShare      float64
		maxShare      float64
	}{
		{"shorter copy", short, wire, "a<-b", 0.99, 1},
		{"shorter copy, other order", wire, short, "a->b", 0.99, 1},
		{"later reprint", reprint, wire, "a<-b", 0.99, 1},
		{"spelling variant still verbatim", american, wire, "unknown", 0.99, 1},
		{"rewrite in the same order", rewrite, wire, "a<-b", 0, 0},
		{"independent report", independent, wire, "independent", 0, 0},
		{"shares a quoted sentence", quoting, wire, "unknown", 0.2, 0.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Compare([]Version{tc.a, tc.b})
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Provenance) != 1 {
				t.Fatalf("provenance entries = %d, want 1", len(c.Provenance))
			}
			p := c.Provenance[0]
			// Entries are in version ID order; orient them as the case
			// names them.
			if p.A != tc.a.ID {
				p.A, p.B = p.B, p.A
				switch p.Direction {
				case "a<-b":
					p.Direction = "a->b"
				case "a->b":
					p.Direction = "a<-b"
				}
			}
			if p.Direction != tc.wantDirection || p.VerbatimShare < tc.minShare || p.VerbatimShare > tc.maxShare {
				t.Errorf("got %s share %.3f (%s); want %s share in [%.2f, %.2f]", p.Direction, p.VerbatimShare, p.Reason, tc.wantDirection, tc.minShare, tc.maxShare)
			}
		})
	}
}

// TestGramSeqRolling checks the rolled run hashes against hashes computed
// from scratch, and that distinct runs of a long random text never share
// a hash.
func TestGramSeqRolling(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	vocab := syntheticWords(r, 300)
	var paras []string
	var words []string
	for range 40 {
		ws := make([]string, 5+r.IntN(30))
		for i := range ws {
			ws[i] = vocab[r.IntN(len(vocab))]
		}
		words = append(words, ws...)
		paras = append(paras, strings.Join(ws, " ")+".")
	}
	st, err := analyzeStory([]Version{body("v", paras...)})
	if err != nil {
		t.Fatal(err)
	}
	got := st.gramSeq(0)
	if len(got) != len(words)-verbatimGram+1 {
		t.Fatalf("%d hashes for %d words", len(got), len(words))
	}
	const prime = 0x100000001b3
	byHash := map[uint64]string{}
	for i, h := range got {
		var want uint64
		for _, w := range words[i : i+verbatimGram] {
			want = want*prime + mixHash(0, uint64(st.canonIDs[canonicalSpelling(normalizeWord(w))]))
		}
		if h != want {
			t.Fatalf("run %d: rolled hash %x, from scratch %x", i, h, want)
		}
		run := fmt.Sprint(words[i : i+verbatimGram])
		if other, ok := byHash[h]; ok && other != run {
			t.Fatalf("runs %s and %s share hash %x", other, run, h)
		}
		byHash[h] = run
	}
}

// TestProvenanceCloseParaphrase: a round-trip machine translation of the
// whole text, in its order, is named as such; an independent rewrite of
// part of it in another order is not.
func TestProvenanceCloseParaphrase(t *testing.T) {
	fs := loadFixtureStory(t, filepath.Join("testdata", "align", "pilot_strike"))
	c, err := Compare(fs.versions)
	if err != nil {
		t.Fatal(err)
	}
	const close = "translation or close paraphrase, same order"
	for _, p := range c.Provenance {
		pair := p.A + "~" + p.B
		switch pair {
		case "original~roundtrip":
			if p.Reason != close {
				t.Errorf("%s: reason %q, want %q", pair, p.Reason, close)
			}
		default:
			if p.Reason == close {
				t.Errorf("%s: reason %q for a loose rewrite", pair, p.Reason)
			}
		}
	}
}
