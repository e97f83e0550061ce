package lazyregexp

import (
	"regexp"
	"sync"
	"testing"
)

func TestCompiledOnFirstUseOnly(t *testing.T) {
	r := &Regexp{str: `b(\w+)`} // as New builds it outside tests
	if r.rx != nil {
		t.Fatal("compiled before use")
	}
	if got := r.FindStringSubmatch("abcd"); len(got) != 2 || got[1] != "cd" {
		t.Fatalf("FindStringSubmatch = %q", got)
	}
	first := r.rx
	if r.ReplaceAllString("abc", "[$1]") != "a[c]" || r.rx != first {
		t.Fatal("recompiled or wrong replacement")
	}
}

func TestSameAnswersAsRegexp(t *testing.T) {
	const expr, text = `(?i)(\p{Lu}+)-(\d+)`, "x AB-12 cd-3 EF-"
	lazy, eager := New(expr), regexp.MustCompile(expr)
	if lazy.String() != eager.String() || lazy.MatchString(text) != eager.MatchString(text) ||
		lazy.FindString(text) != eager.FindString(text) ||
		len(lazy.FindAllStringSubmatchIndex(text, -1)) != len(eager.FindAllStringSubmatchIndex(text, -1)) ||
		string(lazy.ReplaceAll([]byte(text), []byte("<$2>"))) != string(eager.ReplaceAll([]byte(text), []byte("<$2>"))) {
		t.Fatal("lazy and eager answers differ")
	}
}

func TestConcurrentFirstUse(t *testing.T) {
	r := &Regexp{str: `a+`}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if !r.MatchString("baa") {
				t.Error("no match")
			}
		})
	}
	wg.Wait()
}

func TestBadPatternPanicsAtNewInTests(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("a bad pattern did not panic in a test binary")
		}
	}()
	New(`(`)
}
