// Package lazyregexp is a regexp.Regexp compiled on first use, so that a
// package-level pattern costs nothing at start-up in a process that never
// runs it: every parallax command links every pattern, and compiling them
// all while the packages initialise cost more than the work of a short
// command. The shape is cmd/go's internal/lazyregexp.
package lazyregexp

import (
	"os"
	"regexp"
	"strings"
	"sync"
)

// Regexp is a regular expression compiled the first time one of its
// methods runs. It is safe for concurrent use, like regexp.Regexp.
type Regexp struct {
	str  string
	once sync.Once
	rx   *regexp.Regexp
}

func (r *Regexp) re() *regexp.Regexp {
	r.once.Do(r.build)
	return r.rx
}

func (r *Regexp) build() {
	r.rx = regexp.MustCompile(r.str)
	r.str = ""
}

// inTest compiles every pattern at once in test binaries, so that a bad
// pattern fails the package's tests instead of the first run that needs it.
var inTest = len(os.Args) > 0 && strings.HasSuffix(strings.TrimSuffix(os.Args[0], ".exe"), ".test")

// New returns a Regexp for str, compiled when first used. Like
// regexp.MustCompile it panics then if str does not parse.
func New(str string) *Regexp {
	r := &Regexp{str: str}
	if inTest {
		r.re()
	}
	return r
}

// String returns the source text of the expression.
func (r *Regexp) String() string { return r.re().String() }

// MatchString reports whether s contains a match.
func (r *Regexp) MatchString(s string) bool { return r.re().MatchString(s) }

// FindString returns the text of the leftmost match in s.
func (r *Regexp) FindString(s string) string { return r.re().FindString(s) }

// FindStringIndex returns the location of the leftmost match in s.
func (r *Regexp) FindStringIndex(s string) []int { return r.re().FindStringIndex(s) }

// FindStringSubmatch returns the leftmost match in s and its submatches.
func (r *Regexp) FindStringSubmatch(s string) []string { return r.re().FindStringSubmatch(s) }

// FindStringSubmatchIndex returns the locations of the leftmost match in s
// and its submatches.
func (r *Regexp) FindStringSubmatchIndex(s string) []int {
	return r.re().FindStringSubmatchIndex(s)
}

// FindAllStringSubmatchIndex returns the locations of up to n successive
// matches in s (all when n < 0) and their submatches.
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return r.re().FindAllStringSubmatchIndex(s, n)
}

// FindSubmatch returns the leftmost match in b and its submatches.
func (r *Regexp) FindSubmatch(b []byte) [][]byte { return r.re().FindSubmatch(b) }

// ReplaceAllString returns s with every match replaced by repl, in which
// $1 and the like stand for submatches.
func (r *Regexp) ReplaceAllString(s, repl string) string { return r.re().ReplaceAllString(s, repl) }

// ReplaceAll returns b with every match replaced by repl, in which $1 and
// the like stand for submatches.
func (r *Regexp) ReplaceAll(b, repl []byte) []byte { return r.re().ReplaceAll(b, repl) }
