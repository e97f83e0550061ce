package compare

import (
	"strings"
	"sync"
)

// synonymGroups are words that news rewrites and machine translations
// commonly put for one another. Each line is one group; a word may sit in
// one group only. The list is general English written for Parallax, not
// taken from any corpus: it lets a paraphrase ("walkout", "stoppage") or a
// round-trip translation ("travellers", "voyagers") keep some of the
// likeness that identical stems alone would lose.
var synonymGroups = `
strike walkout stoppage
begin start commence launch
end finish conclude halt
rise increase raise hike jump climb grow
fall drop decline decrease slump plunge
cut reduce lower trim
pay salary wage wages earnings
company firm business enterprise
airline carrier
chief head boss director leader
president chairman chair
spokesman spokeswoman spokesperson representative
minister secretary
government administration authorities state
talk negotiation discussion
agreement deal accord pact
mediator arbitrator
demand claim call
offer propose proposal
passenger traveller traveler voyager
holiday vacation
ground grounded
kill dead death die
injure injured hurt wound wounded injury
people persons individuals residents
child kid children kids
police officers
arrest detain detained custody
charge accuse accused
court tribunal
judge justice
law legislation act
vote ballot election poll
win victory triumph
lose defeat loss
attack assault strike
fire blaze flames
storm gale tempest
flood flooding deluge
quake earthquake tremor
bridge crossing span
road route highway
car vehicle automobile
ship vessel boat
port harbour harbor
town city municipality
village hamlet
country nation
area region zone
building structure
house home dwelling
school college
hospital clinic
doctor physician
money funds cash
cost price expense
budget spending
buy purchase acquire
sell sale
big large huge major
small little minor
quick fast rapid swift
show reveal indicate demonstrate
announce declare state
warn caution alert
plan scheme project
build construct
repair fix mend restore
close shut
open reopen
allow permit let
stop prevent block
help aid assist support
ask request
answer reply respond response
report account
reporter journalist
investigate probe inquiry investigation
evidence proof
study research survey
scientist researcher
official officer
worker employee staff
job post position
member councillor
council assembly
meeting session
year annual
today yesterday
morning dawn
night evening
percent per cent pct
million mln
billion bn
about around approximately roughly some nearly almost
more additional extra further
many numerous several
protest demonstration rally
crowd throng
soldier troops army military
weapon arms gun
bomb explosive device
blast explosion
missing disappeared lost
rescue save
search hunt
find discover found
destroy wreck ruin demolish
damage harm
danger risk threat
safe secure
tired exhausted fatigue weary
angry furious outraged
happy glad pleased
sad upset
family relatives
wife spouse
husband partner
`

// synonymOf maps a stemmed word to its group number (from 1). It is built
// on first use: stemming the list costs a fifth of a command's start-up.
var synonymOf = sync.OnceValue(func() map[string]int {
	m := map[string]int{}
	for i, line := range strings.Split(strings.TrimSpace(synonymGroups), "\n") {
		for _, w := range strings.Fields(line) {
			s := stemWord(normalizeWord(w))
			if _, ok := m[s]; !ok {
				m[s] = i + 1
			}
		}
	}
	return m
})
