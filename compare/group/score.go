package group

import "math"

// Weights of the two similarity signals. Text alone cannot tell two
// earthquakes in one week apart (the words are the same); shared rare names
// can, and shared names alone are too few in short articles.
const (
	textWeight   = 0.40
	entityWeight = 0.60
	// entitySmoothing damps the entity overlap of articles naming only a
	// few entities, as a share of what one name new to the index, named
	// once by both, adds to the dot product (so it scales with the index).
	entitySmoothing = 0.15
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

// cosine is the tf-idf² cosine of the query's terms and the article's kept
// terms.
func (ix *Index) cosine(q *query, e *docEntry) float64 {
	ix.refreshNorms(e)
	if q.norm == 0 || e.norm == 0 {
		return 0
	}
	var dot float64
	i, j := 0, 0
	for i < len(q.terms) && j < len(e.terms) && q.terms[i].id != noTerm {
		switch a, b := q.terms[i].id, e.terms[j].id; {
		case a < b:
			i++
		case b < a:
			j++
		default:
			dot += q.weights[i] * float64(e.terms[j].w) * ix.idf2(a)
			i++
			j++
		}
	}
	return math.Min(1, dot/(q.norm*e.norm))
}

// refreshNorms recomputes an article's cached lengths when the idf table
// has changed since they were taken.
func (ix *Index) refreshNorms(e *docEntry) {
	ix.idf(noTerm) // brings the table up to date
	if e.normN == ix.idfN && e.normN != 0 {
		return
	}
	var ne, we float64
	for _, t := range e.terms {
		w := float64(t.w) * ix.idf2(t.id)
		ne += w * w
	}
	for _, t := range e.ents {
		w := float64(t.w) * ix.idf2(t.id)
		we += w * w
	}
	e.norm, e.entNorm, e.normN = math.Sqrt(ne), math.Sqrt(we), ix.idfN
}

// freeze brings the idf table and every article's cached lengths up to
// date, so that looking articles up (query, similarity) only reads the
// index and may run on several goroutines at once, until the next change.
func (ix *Index) freeze() {
	ix.idfFill()
	for i := range ix.docs {
		if !ix.docs[i].removed {
			ix.refreshNorms(&ix.docs[i])
		}
	}
}

// entityOverlap is the cosine of the two articles' entity vectors, each
// name weighted by how often the article names it (1+ln n) times its idf²:
// the names an article is about, and the rare ones, decide; names one
// article has and the other lacks count against the pair.
func (ix *Index) entityOverlap(q *query, e *docEntry) float64 {
	ix.refreshNorms(e)
	var shared float64
	i, j := 0, 0
	for i < len(q.ents) && j < len(e.ents) {
		switch a, b := q.ents[i].id, e.ents[j].id; {
		case a < b:
			i++
		case b < a:
			j++
		default:
			shared += float64(q.ents[i].w) * float64(e.ents[j].w) * q.entIDF[i] * q.entIDF[i]
			i++
			j++
		}
	}
	if shared == 0 {
		return 0
	}
	unit := ix.idf2(noTerm)
	return math.Min(1, shared/(q.entNorm*e.entNorm+entitySmoothing*unit*unit))
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
