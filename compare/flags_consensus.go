package compare

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
