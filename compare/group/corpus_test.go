package group

import (
	"fmt"
	"math/rand"
	"strings"
	"time"
)

// The fixture corpus: fictional events told in several versions (wire
// original, shortened copy, reworded rewrite, clumsy round-trip
// translation, SEO rehash), mixed with unrelated single articles, some on
// the same topic in the same week and place as a story (two earthquakes in
// one week, two rulings on one law). Everything is generated from the
// templates below with invented names, so the corpus can be as large as a
// test or benchmark needs.

// fixtureDoc is a generated article with the event it tells.
type fixtureDoc struct {
	Doc
	event int
}

type topic struct {
	name      string
	headlines []string
	sentences []string
}

var topics = []topic{
	{"quake",
		[]string{"Magnitude {N1}.{N2} earthquake strikes {PLACE}", "Quake kills {N3} in {PLACE}", "{PLACE} earthquake: death toll rises to {N3}"},
		[]string{
			"A magnitude {N1}.{N2} earthquake struck near {PLACE} in {REGION} early on {DAY}, killing at least {N3} people and injuring dozens more.",
			"The tremor was centred about {N4} kilometres north of {PLACE} at a depth of {N5} kilometres, the {ORG} said.",
			"Rescue teams led by {P1} were searching collapsed buildings in the old quarter of {PLACE} through the night.",
			"\"We heard a roar and then the walls came down,\" said {P2}, a shopkeeper in {PLACE}.",
			"{P3}, the governor of {REGION}, declared a state of emergency and asked {COUNTRY} for army helicopters.",
			"Aftershocks of up to magnitude {N6} rattled the area on {DAY}, sending residents into the streets.",
			"The {ORG} warned that landslides could block the mountain roads into {PLACE} for days.",
			"Schools in {REGION} will remain closed while engineers inspect the buildings, {P1} said.",
		}},
	{"ruling",
		[]string{"Court strikes down part of the {LAW}", "{ORG} court rules against {P1} on {LAW}", "Judges limit the {LAW} in {PLACE} case"},
		[]string{
			"The {ORG} ruled on {DAY} that parts of the {LAW} breach the constitution of {COUNTRY}, in a case brought by {P1}.",
			"Judge {P2} wrote for a majority of {N1} to {N2} that the law gave the ministry powers it could not use without a warrant.",
			"{P1}, a {JOB} from {PLACE}, challenged the law after officials seized records from {ORG2} without notice.",
			"\"This ruling restores a basic protection,\" said {P4}, the lawyer who argued the case for {P1}.",
			"The justice minister, {P3}, said the government would study the decision and could rewrite the {LAW} within {N3} months.",
			"Dissenting judges warned that the ruling would slow investigations into fraud in {REGION}.",
			"The case had been heard over {N4} days in {PLACE} and drew protests outside the courthouse.",
			"Legal scholars said the decision was the most important test of the {LAW} since it was passed.",
		}},
	{"fire",
		[]string{"Fire destroys {ORG2} warehouse in {PLACE}", "Blaze at {PLACE} plant forces evacuation", "{N3} hurt as fire sweeps through {ORG2} site"},
		[]string{
			"A fire tore through a warehouse owned by {ORG2} in {PLACE} on {DAY}, injuring {N3} workers and sending smoke across {REGION}.",
			"About {N4} firefighters fought the blaze for {N1} hours before bringing it under control, fire chief {P1} said.",
			"Residents within {N2} kilometres were told to keep windows closed because of the fumes.",
			"\"The roof collapsed within minutes,\" said {P2}, a forklift driver who escaped through a side door.",
			"{ORG2} said in a statement that it was cooperating with investigators and that its {N5} employees would be paid.",
			"Investigators led by {P3} are examining whether faulty wiring in the loading bay caused the fire.",
			"The warehouse stored furniture, paint and cleaning products, according to {ORG}.",
			"It was the second serious fire at an industrial site in {REGION} this year, {P3} said.",
		}},
	{"election",
		[]string{"{P1} wins {PLACE} mayoral race", "{PARTY} takes {PLACE} as {P1} claims victory", "{P1} defeats {P2} in {PLACE} vote"},
		[]string{
			"{P1} of the {PARTY} won the race for mayor of {PLACE} on {DAY}, taking {N4} percent of the vote against {N5} percent for {P2}.",
			"Turnout was {N6} percent, the highest in the city since the boundaries were redrawn, the {ORG} said.",
			"{P1}, a former {JOB}, promised to build {N3} thousand homes and to freeze bus fares for {N1} years.",
			"\"Tonight {PLACE} voted for change,\" {P1} told supporters at a rally in the harbour district.",
			"{P2} conceded shortly after midnight and said the {PARTY2} would hold the new mayor to account.",
			"The result is a setback for the {PARTY2}, which had held {PLACE} for {N2} terms.",
			"Analysts at {ORG2} said housing costs in {REGION} had dominated the campaign.",
			"{P3}, who leads the {PARTY} nationally, called the result a warning to the government of {COUNTRY}.",
		}},
	{"takeover",
		[]string{"{ORG2} agrees to buy {ORG3} for {N3} million", "{ORG3} accepts {ORG2} takeover bid", "{ORG2} to acquire rival {ORG3}"},
		[]string{
			"{ORG2} said on {DAY} it had agreed to buy {ORG3} for {N3} million {CURRENCY}, creating the largest {SECTOR} group in {COUNTRY}.",
			"Shareholders of {ORG3} will receive {N4} {CURRENCY} a share, a premium of {N5} percent over the last closing price.",
			"{P1}, the chief executive of {ORG2}, said the deal would save {N6} million a year by combining offices in {PLACE}.",
			"\"Together we can compete with anyone in the region,\" {P1} said on a call with analysts.",
			"{P2}, who founded {ORG3} in {PLACE}, will join the board of the combined company.",
			"The deal needs the approval of the competition authority, {ORG}, which has {N1} months to decide.",
			"Unions representing {ORG3} staff asked for guarantees that no jobs would move out of {REGION}.",
			"Shares of {ORG2} fell {N2} percent in early trading as investors questioned the price.",
		}},
	{"storm",
		[]string{"Storm {STORM} floods {PLACE}", "Thousands evacuated as Storm {STORM} hits {REGION}", "Storm {STORM} leaves {N3} dead"},
		[]string{
			"Storm {STORM} brought torrential rain and winds of {N4} kilometres an hour to {REGION} on {DAY}, flooding streets in {PLACE}.",
			"At least {N3} people died and {N5} thousand homes lost power, according to {ORG}.",
			"The river through {PLACE} rose {N1} metres above its normal level, forcing {N6} families from their homes.",
			"\"The water came up faster than anyone expected,\" said {P2}, who spent the night on the roof of a school.",
			"{P1}, the head of civil protection, said crews would work around the clock to clear fallen trees.",
			"Rail services between {PLACE} and {PLACE2} were suspended and {N2} roads were closed.",
			"Forecasters expect {STORM} to weaken as it moves inland toward {PLACE2}.",
			"{P3}, the governor of {REGION}, promised emergency grants to farmers whose crops were ruined.",
		}},
	{"strike",
		[]string{"{ORG2} workers strike over pay in {PLACE}", "Strike halts {ORG2} in {PLACE}", "{UNION} calls walkout at {ORG2}"},
		[]string{
			"Thousands of workers at {ORG2} walked out on {DAY} after talks on pay collapsed, halting production in {PLACE}.",
			"The {UNION}, led by {P1}, is demanding a raise of {N4} percent; the company has offered {N1} percent.",
			"\"Our members cannot live on promises,\" {P1} told a crowd of about {N5} hundred outside the main gate.",
			"{ORG2} said the strike would cost it {N3} million {CURRENCY} a week and urged the union to return to talks.",
			"{P2}, the labour minister of {COUNTRY}, offered to mediate between the two sides.",
			"Suppliers across {REGION} said they would have to send staff home if the stoppage lasted more than {N2} days.",
			"The last strike at the {PLACE} plant, in {PLACE2}, lasted {N6} days.",
			"Economists at {ORG} said the dispute could shave growth in {REGION} this quarter.",
		}},
	{"ferry",
		[]string{"Ferry sinks off {PLACE}, {N3} missing", "{N3} missing after ferry capsizes near {PLACE}", "Rescuers search for survivors of {PLACE} ferry"},
		[]string{
			"A passenger ferry carrying {N4} people capsized off {PLACE} on {DAY}, and at least {N3} are missing, the coast guard said.",
			"The vessel, the {SHIP}, was sailing from {PLACE} to {PLACE2} when it was hit by high waves.",
			"Coast guard commander {P1} said {N5} people had been pulled from the water alive.",
			"\"People were screaming and jumping into the sea,\" said {P2}, a survivor who clung to a life raft.",
			"The ferry operator, {ORG2}, said the {SHIP} had passed a safety inspection in {N1} months ago.",
			"{P3}, the transport minister of {COUNTRY}, ordered an inquiry into why the ferry sailed in a storm warning.",
			"Families gathered at the port in {PLACE} waiting for news of relatives.",
			"Divers from {ORG} will search the wreck once the weather improves.",
		}},
	{"recall",
		[]string{"{ORG2} recalls {N3} thousand {PRODUCT}", "{PRODUCT} recall: {ORG2} cites fire risk", "{ORG} orders recall of {ORG2} {PRODUCT}"},
		[]string{
			"{ORG2} is recalling {N3} thousand {PRODUCT} sold in {COUNTRY} after reports that they can overheat, the company said on {DAY}.",
			"The {ORG} said it had received {N4} complaints, including {N1} of small fires in kitchens in {PLACE}.",
			"Customers should stop using the {PRODUCT} and return them to any store for a full refund, {ORG2} said.",
			"\"Safety comes before everything else,\" said {P1}, the head of quality at {ORG2}.",
			"{P2}, a consumer advocate in {PLACE}, said the company had known about the fault for months.",
			"The affected {PRODUCT} were made at a factory in {PLACE2} between spring and autumn.",
			"{ORG2} shares fell {N2} percent after the announcement.",
			"Regulators led by {P3} said they would review testing rules for household devices.",
		}},
	{"final",
		[]string{"{TEAM} win the cup final against {TEAM2}", "{P1} scores twice as {TEAM} beat {TEAM2}", "{TEAM2} lose final to {TEAM} in {PLACE}"},
		[]string{
			"{TEAM} beat {TEAM2} {N1}-{N2} in the cup final in {PLACE} on {DAY}, their first title in {N6} years.",
			"{P1} scored twice in the second half, the winner coming from a header in the {N4}th minute.",
			"\"I dreamed of this as a boy in {PLACE2},\" {P1} said after lifting the trophy.",
			"{TEAM2} coach {P2} said his side had been undone by mistakes at set pieces.",
			"A crowd of {N5} thousand filled the stadium, and fans celebrated in the streets of {PLACE2} until dawn.",
			"{P3}, the {TEAM} goalkeeper, saved a penalty in the first half to keep the score level.",
			"The victory earns {TEAM} a place in the continental championship next season.",
			"{TEAM2} had won the previous {N3} meetings between the clubs.",
		}},
}

// background is a pool of sentences any story may carry besides its
// topic's own: context, reactions, what comes next. Events draw a few, so
// two events on one topic share topic words but not every sentence.
var background = []string{
	"{P4}, who has followed events in {REGION} for {N2} years, said the news spread quickly on local radio.",
	"Opposition leader {P4} accused the government of {COUNTRY} of ignoring earlier warnings.",
	"The {ORG} is expected to publish a fuller account within {N1} weeks.",
	"Local newspapers in {PLACE} carried the story on their front pages the next morning.",
	"{P4} said the authorities in {PLACE2} had offered help and sent a team of specialists.",
	"A spokeswoman for the prime minister of {COUNTRY} said he was being kept informed.",
	"It is the {N1}th event of its kind in {REGION} since records began, according to {ORG}.",
	"Church bells rang in {PLACE} at noon, and shops closed early.",
	"Neighbours in {PLACE2} organised collections of food and blankets.",
	"{P4}, a historian at the university in {PLACE2}, compared it to events of the previous decade.",
	"Television pictures showed crowds gathering in the main square of {PLACE}.",
	"The mayor of {PLACE}, {P4}, cancelled a planned trip abroad.",
	"Officials from {ORG} declined to comment on the figures until they had been checked.",
	"Insurers estimate the cost at {N6} million {CURRENCY}.",
	"Parliament in {COUNTRY} will debate the matter when it returns after the recess.",
	"Messages of support arrived from {PLACE2} and neighbouring towns.",
}

// synonyms reword a version: each word listed may be swapped for its
// partner, the way a rewrite or a machine translation does.
var synonyms = map[string]string{
	"said": "stated", "killing": "leaving dead", "injuring": "hurting", "struck": "hit", "searching": "combing",
	"declared": "announced", "warned": "cautioned", "ruled": "decided", "challenged": "contested", "officials": "authorities",
	"seized": "took", "important": "significant", "promised": "pledged", "residents": "inhabitants", "workers": "employees",
	"buy": "acquire", "deal": "agreement", "fell": "dropped", "demanding": "seeking", "offered": "proposed",
	"capsized": "overturned", "vessel": "ship", "beat": "defeated", "scored": "netted", "victory": "win",
	"houses": "homes", "roads": "routes", "streets": "roads", "collapsed": "fell apart", "company": "firm",
	"expected": "anticipated", "fire": "blaze", "destroyed": "wrecked", "people": "persons", "government": "administration",
	"about": "around", "after": "following", "because": "as", "asked": "requested", "night": "evening",
	"told": "informed", "would": "will", "could": "might", "largest": "biggest", "rain": "rainfall",
}

type nameGen struct{ r *rand.Rand }

var (
	syllables  = []string{"al", "bar", "cor", "dan", "el", "fen", "gal", "hor", "is", "jan", "kel", "lor", "mar", "nev", "or", "pel", "quin", "ras", "sol", "tam", "ul", "var", "wen", "yor", "zan", "bri", "cas", "dor", "est", "fal"}
	firstNames = []string{"Aldo", "Bera", "Cato", "Dita", "Emil", "Farah", "Goran", "Hedda", "Ivo", "Jala", "Kasimir", "Lotte", "Milo", "Nadja", "Oskar", "Petra", "Rafe", "Sanne", "Tobin", "Ulla", "Vera", "Wim", "Yara", "Zeno"}
)

func (g nameGen) word(min, max int) string {
	n := min + g.r.Intn(max-min+1)
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(syllables[g.r.Intn(len(syllables))])
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

func (g nameGen) person() string { return firstNames[g.r.Intn(len(firstNames))] + " " + g.word(2, 3) }
func (g nameGen) place() string {
	suffix := []string{"ford", "haven", "mouth", "burg", "vik", "stad", "ton", "ora"}
	return g.word(1, 2) + suffix[g.r.Intn(len(suffix))]
}

// world is the small fixed set of names every article may share: the
// countries and their institutions. Names that common must not group.
var world = struct {
	countries, currencies, parties, sectors, products, jobs []string
}{
	[]string{"Veldania", "Norvath", "Ostrelia", "Karsovia"},
	[]string{"crowns", "marks", "thalers"},
	[]string{"Harbour Party", "Green League", "Union of Farmers", "Civic Alliance"},
	[]string{"shipping", "insurance", "grocery", "telecoms", "steel"},
	[]string{"electric kettles", "space heaters", "baby monitors", "e-scooters", "toasters"},
	[]string{"teacher", "nurse", "engineer", "farmer", "journalist"},
}

// event is one fictional happening: a topic with its names and numbers.
type event struct {
	topic *topic
	slots map[string]string
	when  time.Time
	order []int // the sentences told, in order
	// sentences is the event's own wording of the topic's sentences: each
	// event words them a little differently, as different desks do.
	sentences []string
}

func newEvent(g nameGen, tp *topic, when time.Time) *event {
	r := g.r
	s := map[string]string{
		"P1": g.person(), "P2": g.person(), "P3": g.person(), "P4": g.person(),
		"PLACE": g.place(), "PLACE2": g.place(), "REGION": g.word(2, 3) + " Province",
		"ORG": g.word(2, 2) + " Institute", "ORG2": g.word(2, 3) + " Group", "ORG3": g.word(2, 3) + " Holdings",
		"LAW": g.word(2, 2) + " Act", "STORM": g.word(1, 2), "SHIP": g.word(2, 3) + " Star",
		"UNION": g.word(2, 2) + " Workers Union", "TEAM": g.place() + " United", "TEAM2": g.place() + " Rovers",
		"COUNTRY": pick(r, world.countries), "CURRENCY": pick(r, world.currencies),
		"PARTY": pick(r, world.parties), "PARTY2": pick(r, world.parties), "SECTOR": pick(r, world.sectors),
		"PRODUCT": pick(r, world.products), "JOB": pick(r, world.jobs),
		"DAY": when.Weekday().String(),
	}
	for i, lim := range []int{9, 9, 90, 200, 60, 40} {
		s[fmt.Sprintf("N%d", i+1)] = fmt.Sprint(2 + r.Intn(lim))
	}
	n := 4 + r.Intn(len(tp.sentences)-4)
	order := append([]int{0}, r.Perm(len(tp.sentences) - 1)[:n-1]...)
	for i := 1; i < len(order); i++ {
		order[i]++
	}
	sentences := append(append([]string(nil), tp.sentences...), background...)
	for _, k := range r.Perm(len(background))[:2+r.Intn(3)] {
		order = append(order, len(tp.sentences)+k)
	}
	return &event{topic: tp, slots: s, when: when, order: order, sentences: reword(r, sentences, 0.5)}
}

// sibling is another event on the same topic in the same week and region,
// sharing one name with e (the law, the region, the company).
func (e *event) sibling(g nameGen) *event {
	when := e.when.Add(time.Duration(1+g.r.Intn(4)) * 24 * time.Hour)
	s := newEvent(g, e.topic, when)
	for _, k := range []string{"REGION", "COUNTRY", "LAW", "ORG", "ORG2", "TEAM"} {
		if g.r.Intn(2) == 0 || k == "REGION" || k == "COUNTRY" || k == "LAW" {
			s.slots[k] = e.slots[k]
		}
	}
	return s
}

func pick(r *rand.Rand, xs []string) string { return xs[r.Intn(len(xs))] }

func (e *event) fill(t string) string {
	for k, v := range e.slots {
		t = strings.ReplaceAll(t, "{"+k+"}", v)
	}
	return t
}

// versionKind is how one outlet tells the event.
type versionKind int

const (
	wire versionKind = iota
	shortened
	rewrite
	translation
	seoRehash
	independent
)

// tell writes one version of the event.
func (e *event) tell(r *rand.Rand, kind versionKind, g nameGen) (title, text string, when time.Time) {
	paras := make([]string, 0, len(e.order)+2)
	for _, i := range e.order {
		paras = append(paras, e.fill(e.sentences[i]))
	}
	title = e.fill(e.topic.headlines[0])
	when = e.when.Add(time.Duration(r.Intn(6*60)) * time.Minute)
	switch kind {
	case shortened:
		paras = paras[:max(2, len(paras)*2/3)]
	case rewrite:
		title = e.fill(e.topic.headlines[1])
		paras = reword(r, paras, 0.6)
		r.Shuffle(len(paras)-1, func(i, j int) { paras[i+1], paras[j+1] = paras[j+1], paras[i+1] })
		if len(paras) > 4 {
			paras = append(paras[:2], paras[3:]...)
		}
		paras = append(paras, fmt.Sprintf("%s, an analyst with %s, said the events in %s would be studied for years.", g.person(), g.word(2, 2)+" Institute", e.slots["PLACE"]))
		when = when.Add(time.Duration(2+r.Intn(30)) * time.Hour)
	case translation:
		title = e.fill(e.topic.headlines[2])
		paras = reword(r, paras, 0.9)
		for i, p := range paras {
			paras[i] = strings.NewReplacer(" the ", " ", " a ", " one ", ", ", " , ").Replace(p)
		}
		when = when.Add(time.Duration(r.Intn(20)) * time.Hour)
	case independent:
		// Written from the same facts by another desk: other wording, a
		// subset of the facts in another order, other people quoted.
		title = e.fill(e.topic.headlines[2])
		paras = reword(r, paras, 1)
		r.Shuffle(len(paras)-1, func(i, j int) { paras[i+1], paras[j+1] = paras[j+1], paras[i+1] })
		paras = paras[:max(3, len(paras)*3/4)]
		paras = append(paras,
			fmt.Sprintf("\"Nobody here has seen anything like it,\" said %s, who has lived in %s for decades.", g.person(), e.slots["PLACE"]),
			fmt.Sprintf("%s of %s said the coming days would show the full picture.", g.person(), g.word(2, 2)+" Council"))
		when = when.Add(time.Duration(r.Intn(48)) * time.Hour)
	case seoRehash:
		title = "What we know about: " + e.fill(e.topic.headlines[r.Intn(3)])
		paras = reword(r, paras, 0.3)
		r.Shuffle(len(paras), func(i, j int) { paras[i], paras[j] = paras[j], paras[i] })
		paras = append([]string{"Here is everything you need to know about " + strings.ToLower(title[len("What we know about: "):]) + "."}, paras...)
		when = when.Add(time.Duration(4+r.Intn(40)) * time.Hour)
	}
	return title, strings.Join(paras, "\n\n"), when
}

func reword(r *rand.Rand, paras []string, p float64) []string {
	out := make([]string, len(paras))
	for i, para := range paras {
		words := strings.Split(para, " ")
		for j, w := range words {
			if s, ok := synonyms[w]; ok && r.Float64() < p {
				words[j] = s
			}
		}
		out[i] = strings.Join(words, " ")
	}
	return out
}

// genCorpus makes stories events told in 3 to 6 versions each (a third of
// them with a same-topic sibling story in the same week) and singles
// unrelated articles (a fifth of them same-topic siblings of a story).
// Each doc's event says which story it truly belongs to.
func genCorpus(seed int64, stories, singles int) []fixtureDoc {
	return genCorpusOver(seed, stories, singles, 30+stories/3+singles/10)
}

// genCorpusOver is genCorpus with the articles spread over days days.
func genCorpusOver(seed int64, stories, singles, days int) []fixtureDoc {
	r := rand.New(rand.NewSource(seed))
	g := nameGen{r}
	start := time.Date(2031, 3, 2, 6, 0, 0, 0, time.UTC)
	span := 24 * time.Hour * time.Duration(days)
	randomTime := func() time.Time { return start.Add(time.Duration(r.Int63n(int64(span)))) }

	var docs []fixtureDoc
	nextID := int64(1)
	emit := func(ev int, title, text string, when time.Time) {
		docs = append(docs, fixtureDoc{Doc{ID: nextID, Title: title, Text: text, Published: when}, ev})
		nextID++
	}
	tellAll := func(ev int, e *event) {
		kinds := []versionKind{wire, independent, shortened, rewrite, translation, seoRehash}
		r.Shuffle(len(kinds)-1, func(i, j int) { kinds[i+1], kinds[j+1] = kinds[j+1], kinds[i+1] })
		n := 3 + r.Intn(4)
		for v := 0; v < n; v++ {
			k := kinds[v%len(kinds)]
			title, text, when := e.tell(r, k, g)
			emit(ev, title, text, when)
		}
	}
	var storyEvents []*event
	ev := 0
	for len(storyEvents) < stories {
		e := newEvent(g, &topics[r.Intn(len(topics))], randomTime())
		storyEvents = append(storyEvents, e)
		tellAll(ev, e)
		ev++
		if len(storyEvents)%3 == 0 && len(storyEvents) < stories {
			s := e.sibling(g)
			storyEvents = append(storyEvents, s)
			tellAll(ev, s)
			ev++
		}
	}
	for i := 0; i < singles; i++ {
		var e *event
		if i%5 == 0 && len(storyEvents) > 0 {
			e = storyEvents[r.Intn(len(storyEvents))].sibling(g)
		} else {
			e = newEvent(g, &topics[r.Intn(len(topics))], randomTime())
		}
		kind := []versionKind{wire, rewrite, independent, seoRehash}[r.Intn(4)]
		title, text, when := e.tell(r, kind, g)
		emit(ev, title, text, when)
		ev++
	}
	return docs
}
