package group

import "strings"

// stopWords are function words and the words every news article uses;
// they say nothing about which event an article tells.
var stopWords = wordSet(`
a about above after again against ago all almost along already also although always am among an and another any
anyone anything are around as at away back be became because become been before being below between both but by
can cannot could did do does doing done down during each either else enough even ever every few for from further
get gets got had has have having he her here hers herself him himself his how however i if in into is it its itself
just last later least less like made make makes many may me might more most much must my myself near need never new
next no nor not now of off often on once one only or other others our ours ourselves out over own per perhaps put
rather really said same say saying says see seen she should since so some still such take taken than that the their
theirs them themselves then there these they this those though through thus to told too toward two under until up
upon us very via was we well were what whatever when where whether which while who whom whose why will with within
without would yet you your yours yourself three four five six seven eight nine ten first second third
mr mrs ms dr st according added adds asked called came come comes day days week weeks month months year years
today yesterday tomorrow time times people percent including include includes told tell tells going went way
news report reports reported statement thing things lot lots part
`)

// calendarWords are capitalised in English but name no entity.
var calendarWords = wordSet(`
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december jan feb mar apr jun jul aug sep sept oct nov dec
`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
