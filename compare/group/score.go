package group

import "math"

// Weights of the two similarity signals. Text alone cannot tell two
// earthquakes in one week apart (the words are the same); shared rare names
// can, and shared names alone are too few in short articles.
const (
	textWeight   = 0.40
	entityWeight = 0.60
	// entitySmoothing damps the entity overlap of articles naming only one
	// or two entities, in units of idf.
	entitySmoothing = 2.0
)

const (
	// sameDay is the publication gap under which time says nothing.
	sameDay = 4 * 24 * 3600
)

// similarity scores a prepared query against an indexed article, 0..1.
func (ix *Index) similarity(q *query, e *docEntry) float64 {
	tf := ix.timeFactor(q.pub, e.pub)
	if tf == 0 {
		return 0
	}
	return tf * (textWeight*ix.cosine(q, e) + entityWeight*ix.entityOverlap(q, e))
}

// idf2 is the squared idf used by cosine: in a small library the words of a
// topic are not much commoner than names, and squaring lets the rare words
// (names, places, figures) decide.
func (ix *Index) idf2(id uint32) float64 {
	v := ix.idf(id)
	return v * v
}

// cosine is the tf-idf cosine of the query's terms and the article's kept
// terms. Query terms are not sorted by id, so the article's are looked up.
func (ix *Index) cosine(q *query, e *docEntry) float64 {
	var dot, nq, ne float64
	for _, t := range e.terms {
		w := float64(t.w) * ix.idf2(t.id)
		ne += w * w
	}
	for _, t := range q.terms {
		idf := ix.idf2(t.id)
		w := float64(t.w) * idf
		nq += w * w
		if t.id == noTerm {
			continue
		}
		if ew, ok := findTerm(e.terms, t.id); ok {
			dot += w * float64(ew) * idf
		}
	}
	if nq == 0 || ne == 0 {
		return 0
	}
	return dot / math.Sqrt(nq*ne)
}

func findTerm(terms []termWeight, id uint32) (float32, bool) {
	lo, hi := 0, len(terms)
	for lo < hi {
		m := (lo + hi) / 2
		if terms[m].id < id {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(terms) && terms[lo].id == id {
		return terms[lo].w, true
	}
	return 0, false
}

// entityOverlap is the idf-weighted cosine (Ochiai) overlap of the two
// entity sets: shared weight over the geometric mean of both sets' weights,
// so names one article has and the other lacks count against the pair.
func (ix *Index) entityOverlap(q *query, e *docEntry) float64 {
	var shared, wq, we float64
	newIDF := ix.idf(noTerm)
	wq = float64(q.newEnts) * newIDF
	i, j := 0, 0
	for i < len(q.ents) || j < len(e.ents) {
		switch {
		case j == len(e.ents) || (i < len(q.ents) && q.ents[i] < e.ents[j]):
			wq += ix.idf(q.ents[i])
			i++
		case i == len(q.ents) || e.ents[j] < q.ents[i]:
			we += ix.idf(e.ents[j])
			j++
		default:
			w := ix.idf(q.ents[i])
			shared += w
			wq += w
			we += w
			i++
			j++
		}
	}
	return shared / (math.Sqrt(wq*we) + entitySmoothing)
}

// timeFactor is 1 for articles published within a few days of each other,
// falling to 0 at the window's edge; unknown dates are neutral.
func (ix *Index) timeFactor(a, b int64) float64 {
	if a == 0 || b == 0 {
		return 1
	}
	d := float64(abs64(a - b))
	window := ix.opt.Window.Seconds()
	if d <= sameDay {
		return 1
	}
	if d >= window || window <= sameDay {
		return 0
	}
	return 1 - (d-sameDay)/(window-sameDay)
}
