package group

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// MinHash layout: SigLen hashes cut into lshBands bands of lshRows rows.
// Three rows per band make a pair with shingle Jaccard 0.5 a candidate in
// three cases out of four and one with Jaccard 0.05 almost never.
const (
	SigLen   = lshBands * lshRows
	lshBands = 10
	lshRows  = 3
	// shingleWords is the number of words in one shingle.
	shingleWords = 3
	// maxFeatureTerms bounds the terms kept per article (by count), so a
	// huge page cannot make one article cost more than a few kilobytes.
	maxFeatureTerms = 400
	maxEntities     = 64
	// MaxFeatureText bounds how much of an article's text its features
	// are computed from: news articles are far shorter, and a huge input
	// (a 19 MB one-line file) would otherwise cost seconds and hundreds of
	// megabytes of tokens for features the first part already determines.
	MaxFeatureText = 256 << 10
)

// Signature is the MinHash signature of an article's word shingles.
type Signature [SigLen]uint32

// Term is one content word (lower-cased, lightly stemmed) and how often it
// occurs in the article.
type Term struct {
	Word  string
	Count int
}

// Features is what grouping needs to know of one article; it can be
// computed once, persisted and reloaded.
type Features struct {
	Terms     []Term   // sorted by Word
	Entities  []string // lower-cased capitalised words of the text, sorted, unique
	Sig       Signature
	Shingles  int // how many distinct shingles the signature summarises
	Published time.Time
}

// Extract computes the features of an article from its title and text.
// Only the first MaxFeatureText bytes of text count (cut back to a whole
// UTF-8 character), so its cost is bounded whatever the article's size.
func Extract(title, text string, published time.Time) Features {
	buf := tokensPool.Get().(*[]token)
	toks := tokenize((*buf)[:0], featureText(text))
	defer func() {
		clear(toks) // let the texts the words point into go
		*buf = toks[:0]
		tokensPool.Put(buf)
	}()
	titleToks := tokenize(nil, title)

	counts := countsPool.Get().(map[string]int)
	defer func() {
		clear(counts)
		countsPool.Put(counts)
	}()
	for _, t := range toks {
		if w, ok := contentWord(t.lower); ok {
			counts[w]++
		}
	}
	// Title words count once more: the headline names the event.
	for _, t := range titleToks {
		if w, ok := contentWord(t.lower); ok {
			counts[w]++
		}
	}
	terms := make([]Term, 0, len(counts))
	for w, c := range counts {
		terms = append(terms, Term{w, c})
	}
	if len(terms) > maxFeatureTerms {
		// Words are distinct, so these orders are total.
		slices.SortFunc(terms, func(a, b Term) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Word, b.Word))
		})
		terms = terms[:maxFeatureTerms]
	}
	slices.SortFunc(terms, func(a, b Term) int { return strings.Compare(a.Word, b.Word) })

	f := Features{Terms: terms, Entities: entities(toks), Published: published}
	f.Sig, f.Shingles = minHash(toks)
	return f
}

// tokensPool holds the slices of tokens Extract splits texts into (four
// bytes of tokens for each byte of text, the most an import allocated).
var tokensPool = sync.Pool{New: func() any { return new([]token) }}

// hashesPool holds minHash's scratch of word and shingle hashes.
var hashesPool = sync.Pool{New: func() any { return new([]uint64) }}

// countsPool holds the word counts' maps Extract fills and empties: a map
// made for each article was a quarter of what extracting allocated.
var countsPool = sync.Pool{New: func() any { return map[string]int{} }}

// featureText is text, or its first MaxFeatureText bytes ending on a
// whole UTF-8 character.
func featureText(text string) string {
	if len(text) <= MaxFeatureText {
		return text
	}
	n := MaxFeatureText
	for n > 0 && !utf8.RuneStart(text[n]) {
		n--
	}
	return text[:n]
}

// token is one word of a text: what Extract needs of it (a text of a
// few kilobytes has hundreds, so it is kept small).
type token struct {
	lower   string
	initial bool // first word of a sentence (or of a line)
	capital bool // as written, it starts with an upper-case letter
	long    bool // it has two characters or more
}

// newToken is the token of word (a run of word characters, so valid UTF-8).
func newToken(word string, initial bool) token {
	r, size := runeAt(word, 0)
	return token{lower: strings.ToLower(word), initial: initial, capital: unicode.IsUpper(r), long: len(word) > size}
}

// tokenize splits text into words (into toks, emptied first): runs of
// letters and digits, keeping decimal points and thousands separators
// inside numbers and dropping a possessive "'s". It marks the words that
// start a sentence, since those are capitalised whatever they are.
func tokenize(toks []token, text string) []token {
	// News text runs at about one word per six bytes: room for that at
	// once, rather than growing the slice a dozen times.
	toks = slices.Grow(toks[:0], len(text)/6+4)
	initial := true
	i := 0
	for i < len(text) {
		r, size := runeAt(text, i)
		if !isWordRune(r) {
			switch r {
			case '.', '!', '?', '\n', ':', ';':
				initial = true
			}
			i += size
			continue
		}
		start := i
		digits := unicode.IsDigit(r)
		i += size
		for i < len(text) {
			r, size = runeAt(text, i)
			if isWordRune(r) {
				i += size
				continue
			}
			if (r == '.' || r == ',') && digits && i+size < len(text) {
				if next, _ := utf8.DecodeRuneInString(text[i+size:]); unicode.IsDigit(next) {
					i += size
					continue
				}
			}
			if r == '\'' || r == '’' {
				// Keep "don't"; drop the possessive "'s".
				rest := text[i+size:]
				if next, nsize := utf8.DecodeRuneInString(rest); isWordRune(next) {
					if (next == 's' || next == 'S') && (nsize == len(rest) || !isWordRuneAt(rest, nsize)) {
						word := text[start:i]
						toks = append(toks, newToken(word, initial))
						initial = false
						i += size + nsize
						start = -1
						break
					}
					i += size + nsize
					continue
				}
			}
			break
		}
		if start < 0 {
			continue
		}
		word := text[start:i]
		toks = append(toks, newToken(word, initial))
		initial = false
	}
	return toks
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// asciiWord is isWordRune of the ASCII characters: the letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// runeAt decodes the character at s[i:], an ASCII one without a call.
func runeAt(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isWordRuneAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r)
}

// contentWord returns the stemmed form of a lower-cased word worth
// comparing, or false for stop words and single letters.
func contentWord(w string) (string, bool) {
	if utf8.RuneCountInString(w) < 2 || stopWords[w] {
		return "", false
	}
	return stem(w), true
}

// stem strips the commonest English plural endings so that "ruling" and
// "rulings" or "city" and "cities" meet; anything more would merge words
// that mean different things more often than it helps.
func stem(w string) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:n-1]
	}
	return w
}

// entities returns the capitalised words of the text that are names: not
// stop words or calendar words, and seen capitalised inside a sentence at
// least once (a sentence's first word is capitalised whatever it is).
func entities(toks []token) []string {
	capsInside := map[string]bool{}
	for _, t := range toks {
		if t.capital && !t.initial {
			capsInside[t.lower] = true
		}
	}
	count := map[string]int{}
	for _, t := range toks {
		if !t.capital || !t.long {
			continue
		}
		if stopWords[t.lower] || calendarWords[t.lower] {
			continue
		}
		if t.initial && !capsInside[t.lower] {
			continue
		}
		count[t.lower]++
	}
	out := make([]string, 0, len(count))
	for e := range count {
		out = append(out, e)
	}
	if len(out) > maxEntities {
		// A long article names many people in passing; the ones it is
		// about are named most often.
		slices.SortFunc(out, func(a, b string) int {
			return cmp.Or(cmp.Compare(count[b], count[a]), strings.Compare(a, b))
		})
		out = out[:maxEntities]
	}
	sort.Strings(out)
	return out
}

// entityFrequency is the sub-linear frequency weight 1+ln(n) of an entity
// named n times in the article (title included), read from its term counts.
func entityFrequency(f *Features, e string) float32 {
	w := stem(e)
	i := sort.Search(len(f.Terms), func(i int) bool { return f.Terms[i].Word >= w })
	if i < len(f.Terms) && f.Terms[i].Word == w && f.Terms[i].Count > 1 {
		return float32(1 + math.Log(float64(f.Terms[i].Count)))
	}
	return 1
}

// minHash signs the set of word shingles of the text.
func minHash(toks []token) (Signature, int) {
	var sig Signature
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	if len(toks) == 0 {
		return sig, 0
	}
	buf := hashesPool.Get().(*[]uint64)
	defer hashesPool.Put(buf)
	hashes := slices.Grow((*buf)[:0], len(toks))[:len(toks)]
	*buf = hashes
	for i, t := range toks {
		hashes[i] = fnv64a(fnvOffset, t.lower)
	}
	n := len(toks) - shingleWords + 1
	if n < 1 {
		n = 1
	}
	// The distinct shingles, sorted (a set: the signature does not depend
	// on their order), in the words' hashes' place.
	shingles := hashes[:0] // each shingle is written where it no longer reads
	for i := 0; i < n; i++ {
		var sh uint64 = 0x9e3779b97f4a7c15
		for j := i; j < i+shingleWords && j < len(hashes); j++ {
			sh = mix64(sh ^ hashes[j])
		}
		shingles = append(shingles, sh)
	}
	slices.Sort(shingles)
	shingles = slices.Compact(shingles)
	for _, sh := range shingles {
		for k := range sig {
			v := uint32(mix64(sh^hashSeeds[k]) >> 32)
			if v < sig[k] {
				sig[k] = v
			}
		}
	}
	return sig, len(shingles)
}

// fnvOffset starts an FNV-1a hash.
const fnvOffset = 14695981039346656037

// fnv64a continues the 64-bit FNV-1a hash h over s (what hash/fnv's
// New64a computes, without its allocations: placing a batch hashes every
// word of every article a few times).
func fnv64a(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mix64 is the SplitMix64 finaliser: a fast, well-spread 64-bit hash step.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// hashSeeds makes SigLen independent hash functions out of mix64.
var hashSeeds = func() [SigLen]uint64 {
	var s [SigLen]uint64
	x := uint64(0x2545f4914f6cdd1d)
	for i := range s {
		x = mix64(x + 0x9e3779b97f4a7c15)
		s[i] = x
	}
	return s
}()
