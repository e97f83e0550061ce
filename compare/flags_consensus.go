package compare

import (
	"fmt"
	"strings"
)

// flagValue is one version's value in a slot (a unit in a passage, a date in
// a passage, a header date): its comparison key and where it is written.
type flagValue struct {
	Key        string
	Ver        int
	Para       *flagPara
	Start, End int
	Text       string
}

// flagConflict is a value one version writes that the others contradict.
type flagConflict struct {
	Found       flagValue
	Expected    flagValue // the first occurrence of the consensus value
	SupFound    int       // versions writing the found value
	SupExpected int       // versions writing the expected value
	Times       int       // occurrences of the found value in its version
}

// flagConsensus compares the values of one slot across versions. A value
// of version v conflicts when fewer versions write it than write some other
// value v lacks: that other value is the expected one. Values that v shares
// with another version, and values the others do not contradict (v simply
// says more), are not conflicts. equal decides whether two keys agree; nil
// means plain equality.
func flagConsensus(values []flagValue, equal func(a, b string) bool) []flagConflict {
	if equal == nil {
		equal = func(a, b string) bool { return a == b }
	}
	byVer := map[int][]flagValue{}
	var order []int
	for _, v := range values {
		if _, ok := byVer[v.Ver]; !ok {
			order = append(order, v.Ver)
		}
		byVer[v.Ver] = append(byVer[v.Ver], v)
	}
	if len(order) < 2 {
		return nil
	}
	has := func(ver int, key string) bool {
		for _, x := range byVer[ver] {
			if equal(x.Key, key) {
				return true
			}
		}
		return false
	}
	support := func(key string) int {
		n := 0
		for _, ver := range order {
			if has(ver, key) {
				n++
			}
		}
		return n
	}
	var out []flagConflict
	for _, ver := range order {
		// Values the others write and this version lacks, most supported
		// first.
		var lacking []flagValue
		var lackSup []int
		for _, w := range order {
			if w == ver {
				continue
			}
			for _, x := range byVer[w] {
				if has(ver, x.Key) {
					continue
				}
				dup := false
				for _, l := range lacking {
					if equal(l.Key, x.Key) {
						dup = true
						break
					}
				}
				if dup {
					continue
				}
				s := support(x.Key)
				pos := len(lacking)
				for pos > 0 && lackSup[pos-1] < s {
					pos--
				}
				lacking = append(lacking[:pos], append([]flagValue{x}, lacking[pos:]...)...)
				lackSup = append(lackSup[:pos], append([]int{s}, lackSup[pos:]...)...)
			}
		}
		if len(lacking) == 0 {
			continue
		}
		n := 0
		var seen []string
		for _, x := range byVer[ver] {
			dup := false
			for _, s := range seen {
				if equal(s, x.Key) {
					dup = true
				}
			}
			if dup {
				continue
			}
			seen = append(seen, x.Key)
			sup := support(x.Key)
			if sup > 1 {
				continue
			}
			k := min(n, len(lacking)-1)
			if lackSup[k] < sup {
				continue
			}
			times := 0
			for _, y := range byVer[ver] {
				if equal(y.Key, x.Key) {
					times++
				}
			}
			out = append(out, flagConflict{Found: x, Expected: lacking[k], SupFound: sup, SupExpected: lackSup[k], Times: times})
			n++
		}
	}
	return out
}

// flagSettled is a conflict after ties are weighed: Tie marks a conflict
// between as many versions on each side that no evidence decides, flagged
// once for both; Why holds the evidence that decided one otherwise.
type flagSettled struct {
	flagConflict
	Tie bool
	Why string
}

// flagSettleTies weighs the conflicts between as many versions on each side
// (the others stand as they are). For such a pair of values the evidence
// is the version others copy verbatim, and third versions that write one
// of the values elsewhere and not the other (others(key, other, a, b)
// lists them, leaving out versions a and b): the value with
// more evidence stands and only the other is flagged. Without evidence the
// pair is flagged once, on the later version, naming both. With no
// majority to say the two values are about one thing, they must also stand
// in the same place of their aligned paragraphs; each value is weighed in
// one pair only.
func (d *preparedStory) flagSettleTies(cs []flagConflict, others func(key, other string, a, b int) []int) []flagSettled {
	type side struct {
		ver int
		key string
	}
	used := map[side]bool{} // values already in a weighed pair
	var out []flagSettled
	for _, c := range cs {
		if c.SupFound != c.SupExpected {
			out = append(out, flagSettled{flagConflict: c})
			continue
		}
		f, e := side{c.Found.Ver, c.Found.Key}, side{c.Expected.Ver, c.Expected.Key}
		if used[f] || used[e] || !d.flagSameSlot(c.Found, c.Expected) {
			continue
		}
		used[f], used[e] = true, true
		fWhy, fScore := d.flagTieEvidence(c.Found, others(c.Found.Key, c.Expected.Key, c.Found.Ver, c.Expected.Ver))
		eWhy, eScore := d.flagTieEvidence(c.Expected, others(c.Expected.Key, c.Found.Key, c.Found.Ver, c.Expected.Ver))
		switch {
		case fScore < eScore:
			out = append(out, flagSettled{flagConflict: c, Why: eWhy})
		case fScore > eScore:
			out = append(out, flagSettled{flagConflict: flagMirror(c, cs), Why: fWhy})
		case c.Found.Ver > c.Expected.Ver:
			out = append(out, flagSettled{flagConflict: c, Tie: true})
		default:
			out = append(out, flagSettled{flagConflict: flagMirror(c, cs), Tie: true})
		}
	}
	return out
}

// flagMirror is conflict c seen from the other side: its expected value
// found against its found one (the listed conflict when there is one).
func flagMirror(c flagConflict, cs []flagConflict) flagConflict {
	for _, x := range cs {
		if x.Found.Ver == c.Expected.Ver && x.Found.Key == c.Expected.Key && x.Expected.Ver == c.Found.Ver {
			return x
		}
	}
	times := 0
	for _, x := range cs {
		if x.Found.Ver == c.Expected.Ver && x.Found.Key == c.Expected.Key {
			times = max(times, x.Times)
		}
	}
	return flagConflict{Found: c.Expected, Expected: c.Found, SupFound: c.SupExpected, SupExpected: c.SupFound, Times: max(times, 1)}
}

// flagTieEvidence scores the evidence for value v: the versions copying
// its version verbatim, and the third versions (thirds) that write it
// elsewhere. It says what the evidence is in words.
func (d *preparedStory) flagTieEvidence(v flagValue, thirds []int) (string, int) {
	var why []string
	auth := d.authority()[v.Ver]
	if auth > 0 {
		why = append(why, fmt.Sprintf("%s is copied verbatim by %d other version(s)", d.flagVersionsPhrase(v.Ver), auth))
	}
	if len(thirds) > 0 {
		ids := make([]string, len(thirds))
		for i, t := range thirds {
			ids[i] = d.vers[t].id
		}
		verb := "writes"
		if len(thirds) > 1 {
			verb = "write"
		}
		why = append(why, fmt.Sprintf("version %s also %s %s", strings.Join(ids, ", "), verb, flagQuoted(v.Text)))
	}
	return strings.Join(why, "; "), auth + len(thirds)
}

// flagTieMessage is the message of a settled conflict between as many
// versions on each side.
func (d *preparedStory) flagTieMessage(s flagSettled) string {
	f, e := s.Found, s.Expected
	if s.Tie {
		return fmt.Sprintf("versions %s and %s disagree: %s writes %s, %s writes %s; as many versions write each and nothing shows which is right",
			d.vers[f.Ver].id, d.vers[e.Ver].id, d.vers[f.Ver].id, flagQuoted(f.Text), d.vers[e.Ver].id, flagQuoted(e.Text))
	}
	return fmt.Sprintf("%s writes %s where %s writes %s%s; as many versions write each, but the other value looks right: %s",
		d.flagVersionsPhrase(f.Ver), flagQuoted(f.Text), d.flagVersionsPhrase(e.Ver), flagQuoted(e.Text), flagTimes(s.Times), s.Why)
}

// flagThirds lists the versions other than a and b for which has(v, key)
// holds and has(v, other) does not.
func (d *preparedStory) flagThirds(key, other string, a, b int, has func(v int, key string) bool) []int {
	var out []int
	for v := range d.vers {
		if v != a && v != b && has(v, key) && !has(v, other) {
			out = append(out, v)
		}
	}
	return out
}

// flagSameSlot reports whether values a and b stand in the same place of
// their paragraphs: a maps through the aligned pair's diff onto b, or, in
// a reworded stretch, lands near b at the same proportion of it. Paragraphs not aligned as
// a pair give no evidence either way and count as the same slot.
func (d *preparedStory) flagSameSlot(a, b flagValue) bool {
	return d.flagSlotMatch(a, b, true)
}

// flagSlotMatch is flagSameSlot; unpaired says what paragraphs not aligned
// as a pair count as.
func (d *preparedStory) flagSlotMatch(a, b flagValue, unpaired bool) bool {
	if a.Para == nil || b.Para == nil {
		return unpaired
	}
	ops, ok := d.pairOps(a.Para.ref, b.Para.ref)
	if !ok {
		return unpaired
	}
	lo, ok1 := flagMapProportional(ops, a.Start)
	hi, ok2 := flagMapProportional(ops, max(a.End-1, a.Start))
	return ok1 && ok2 && lo <= b.End+flagSlotSlack && hi >= b.Start-flagSlotSlack
}

// flagSlotSlack is how far, in runes, a value mapped through a reworded
// stretch may land from the other value and still count as its slot.
const flagSlotSlack = 12
