package library

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	parallax "github.com/parallax-news/parallax"
)

func groupArticle(title, text string, published time.Time) *parallax.Article {
	return &parallax.Article{Title: title, Text: text, Published: published,
		Paragraphs: []parallax.Paragraph{{Ordinal: 1, Kind: parallax.KindBody, Text: text}}}
}

// Articles arriving one at a time (as feed items do) join the story of the
// same event, not one of the same kind that week nor an unrelated one; the
// analyst's split sticks; articles put in a story by hand are found too.
func TestAddArticleGrouped(t *testing.T) {
	lib := openTestLibrary(t)
	ctx := context.Background()
	day := time.Date(2031, 5, 6, 9, 0, 0, 0, time.UTC)
	quakeA := "A magnitude 5.8 earthquake struck near Varnhaven in Oskel Province on Tuesday, killing 14 people, said rescue chief Milo Tarrant. Governor Hedda Lindqvar declared an emergency in Varnhaven."
	quakeB := "Rescue chief Milo Tarrant said 14 people died when a magnitude 5.8 quake hit Varnhaven. Governor Hedda Lindqvar asked for army help as aftershocks shook Varnhaven and Oskel Province."
	quakeOther := "A magnitude 4.9 earthquake struck near Dellmouth in Oskel Province on Friday, injuring 3 people, said fire officer Goran Pellaway. Mayor Tilde Ansgar said Dellmouth schools would reopen."
	choir := "The Brenholt Lakeside Choir won the national choral prize in Oskarsfeld, conductor Teodor Amsel said after the final."

	steps := []struct {
		name   string
		a      *parallax.Article
		sameAs int // index of an earlier step whose story it must join, -1 for a new story
	}{
		{"first quake report", groupArticle("Quake kills 14 in Varnhaven", quakeA, day), -1},
		{"second outlet, same quake", groupArticle("Varnhaven earthquake toll at 14", quakeB, day.Add(5*time.Hour)), 0},
		{"another quake that week", groupArticle("Quake hits Dellmouth", quakeOther, day.Add(72*time.Hour)), -1},
		{"unrelated", groupArticle("Choir wins prize", choir, day), -1},
	}
	var stories []int64
	for i, st := range steps {
		if err := lib.AddArticleGrouped(ctx, st.a); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		stories = append(stories, st.a.StoryID)
		if st.sameAs >= 0 && st.a.StoryID != stories[st.sameAs] {
			t.Errorf("%s: story %d, want %d", st.name, st.a.StoryID, stories[st.sameAs])
		}
		if st.sameAs < 0 {
			for j := 0; j < i; j++ {
				if stories[j] == st.a.StoryID {
					t.Errorf("%s joined the story of %q", st.name, steps[j].name)
				}
			}
		}
	}

	t.Run("split sticks and later arrivals follow their closest article", func(t *testing.T) {
		newStory, _, err := lib.SplitStory(ctx, stories[0], []int64{steps[1].a.ID}, "")
		if err != nil {
			t.Fatal(err)
		}
		a, _ := lib.Article(ctx, steps[1].a.ID)
		if a.StoryID != newStory {
			t.Errorf("split article in story %d, want %d", a.StoryID, newStory)
		}
		// An updated copy of the first report still joins the first story.
		late := groupArticle("Quake kills 14 in Varnhaven (updated)", quakeA+" Schools in Varnhaven stay closed.", day.Add(24*time.Hour))
		if err := lib.AddArticleGrouped(ctx, late); err != nil {
			t.Fatal(err)
		}
		if late.StoryID != stories[0] {
			t.Errorf("updated report in story %d, want %d", late.StoryID, stories[0])
		}
	})
	t.Run("articles put in a story by hand are filed and found", func(t *testing.T) {
		a := groupArticle("Choir tour announced", choir+" The Brenholt Lakeside Choir will tour Oskarsfeld again.", day.Add(2*time.Hour))
		if err := lib.AddArticle(ctx, a, "Stored by hand"); err != nil {
			t.Fatal(err)
		}
		if err := lib.DeleteArticle(ctx, steps[3].a.ID); err != nil { // only the hand-placed choir story is left
			t.Fatal(err)
		}
		next := groupArticle("Choir prize", choir, day.Add(3*time.Hour))
		if err := lib.AddArticleGrouped(ctx, next); err != nil {
			t.Fatal(err)
		}
		if next.StoryID != a.StoryID {
			t.Errorf("joined story %d, want the hand-placed choir story %d", next.StoryID, a.StoryID)
		}
	})
}

// groupCorpus is a small fictional wire: events told by several outlets
// in reworded versions, among unrelated single reports.
func groupCorpus(n int) []*parallax.Article {
	places := []string{"Varnhaven", "Dellmouth", "Oskarsfeld", "Brenholt", "Tamsk", "Ulverby", "Korrin", "Saldemar"}
	people := []string{"Milo Tarrant", "Hedda Lindqvar", "Goran Pellaway", "Tilde Ansgar", "Teodor Amsel", "Ivo Tamberg", "Runa Kestel", "Aksel Vinter"}
	things := []string{"bridge collapse", "harbour strike", "council vote", "museum fire", "rail merger", "flood warning", "school closure", "choir prize"}
	day := time.Date(2031, 5, 6, 9, 0, 0, 0, time.UTC)
	var out []*parallax.Article
	for i := 0; len(out) < n; i++ {
		place, person, thing := places[i%len(places)], people[(i/3)%len(people)], things[(i/2)%len(things)]
		for v := 0; v < 1+i%4 && len(out) < n; v++ {
			text := fmt.Sprintf("The %s in %s on day %d left %d people affected, said %s. Officials in %s met %s again on the %s; event number %d.",
				thing, place, i, 10+i, person, place, person, thing, i)
			if v%2 == 1 {
				text = fmt.Sprintf("%s said %d people were affected by the %s in %s. Event number %d, day %d. Officials in %s spoke about the %s.",
					person, 10+i, thing, place, i, i, place, thing)
			}
			text += fmt.Sprintf(" Outlet %d.", v)
			out = append(out, groupArticle(fmt.Sprintf("%s in %s (%d)", thing, place, i), text, day.Add(time.Duration(i)*6*time.Hour)))
		}
	}
	return out
}

// Grouping keeps nothing in memory between calls: a library closed and
// reopened now and then, or written by two handles in turn (two
// processes), places every article exactly where one handle kept open
// does, and events told by several outlets end up together.
func TestGroupingKeepsNothingInMemory(t *testing.T) {
	ctx := context.Background()
	arts := groupCorpus(120)
	dir := t.TempDir()
	kept, err := Open(filepath.Join(dir, "kept.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer kept.Close()
	path := filepath.Join(dir, "shared.db")
	var handles [2]*Library
	for i := range handles {
		if handles[i], err = Open(path); err != nil {
			t.Fatal(err)
		}
	}
	defer func() {
		for _, h := range handles {
			h.Close()
		}
	}()
	for i, a := range arts {
		if i%25 == 0 { // one handle closed and reopened now and then
			handles[1].Close()
			if handles[1], err = Open(path); err != nil {
				t.Fatal(err)
			}
		}
		a1, a2 := *a, *a
		if err := kept.AddArticleGrouped(ctx, &a1); err != nil {
			t.Fatal(err)
		}
		if err := handles[i%2].AddArticleGrouped(ctx, &a2); err != nil {
			t.Fatal(err)
		}
		if a1.StoryID != a2.StoryID {
			t.Fatalf("article %d: story %d kept open, %d through two handles", i, a1.StoryID, a2.StoryID)
		}
	}
	// The outlets' versions of an event found each other.
	byTitle := map[string]int64{}
	joined := 0
	for i := range arts {
		a, err := kept.Article(ctx, int64(i+1))
		if err != nil {
			t.Fatal(err)
		}
		if s, ok := byTitle[a.Title]; ok {
			if s == a.StoryID {
				joined++
			}
		} else {
			byTitle[a.Title] = a.StoryID
		}
	}
	if versions := len(arts) - len(byTitle); joined < versions*9/10 {
		t.Errorf("%d of %d later versions joined their event's story", joined, versions)
	}
}

// An import with automatic grouping computes its articles' grouping
// features as they are read (Importer.Batches); they are what placing
// would have computed, so the stories and the stored features are the
// same as when placing computes them, and none are left behind.
func TestGroupedImportFeaturesAhead(t *testing.T) {
	dir := t.TempDir()
	places := []string{"Varnhaven", "Dellmouth", "Oskarsfeld", "Pellin", "Tamsk", "Brenholt"}
	people := []string{"Milo Tarrant", "Hedda Lindqvar", "Goran Pellaway", "Tilde Ansgar", "Teodor Amsel", "Runa Vesk"}
	events := []string{"a ferry strike", "a bridge collapse", "a museum fire", "a court ruling", "a flood", "a mayoral race"}
	n := 0
	for e := range events {
		for v := range 3 + e%3 {
			day := time.Date(2031, 5, 1+e*2, 8+v, 0, 0, 0, time.UTC)
			text := fmt.Sprintf("%s said %s in %s had left %d people stranded on %s. Officials in %s said talks with %s would continue, version %d.",
				people[e], events[e], places[e], 10+e, day.Weekday(), places[e], people[(e+v)%len(people)], v)
			body := fmt.Sprintf("%s in %s\n\nPublished: %s\n\n%s\n", events[e], places[e], day.Format("2006-01-02 15:04"), text)
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%03d.txt", n)), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			n++
		}
	}
	ctx := context.Background()
	type result struct {
		stories  []int64
		features [][]byte
	}
	importAll := func(ahead bool) result {
		l := openTestLibrary(t)
		im := l.NewImporter(Target{Auto: true})
		in := l.ReadInputs(ctx, []string{dir}, nil, 0)
		var batches <-chan []Input
		if ahead {
			batches = im.Batches(in)
		} else {
			batches = Batches(in, 5) // placing computes the features
		}
		var res result
		var ids []int64
		for rs := range batches {
			if ahead && len(rs) > 5 { // the same batches both ways
				for start := 0; start < len(rs); start += 5 {
					for _, o := range im.AddBatch(ctx, rs[start:min(start+5, len(rs))]) {
						res.stories, ids = append(res.stories, o.StoryID), append(ids, o.ArticleID)
					}
				}
				continue
			}
			for _, o := range im.AddBatch(ctx, rs) {
				res.stories, ids = append(res.stories, o.StoryID), append(ids, o.ArticleID)
			}
		}
		docs, err := l.Grouping().Docs(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			b, _ := d.Features.MarshalBinary()
			res.features = append(res.features, b)
		}
		if ahead && (im.ahead == nil || len(im.ahead.feats) != 0) {
			t.Errorf("features ahead left behind: %v", im.ahead)
		}
		return res
	}
	placed, ahead := importAll(false), importAll(true)
	if len(placed.stories) != n || len(placed.features) != n {
		t.Fatalf("%d of %d imported, %d with features", len(placed.stories), n, len(placed.features))
	}
	if !slices.Equal(placed.stories, ahead.stories) {
		t.Errorf("stories %v with features computed ahead, %v without", ahead.stories, placed.stories)
	}
	for i := range placed.features {
		if !bytes.Equal(placed.features[i], ahead.features[i]) {
			t.Errorf("article %d: stored features differ with features computed ahead", i)
		}
	}
	if slices.Max(placed.stories) == slices.Min(placed.stories) || slices.Max(placed.stories) == int64(n) {
		t.Errorf("stories %v: the fixture does not exercise grouping", placed.stories)
	}
}

// An import places each batch while the one before it is being stored
// (Importer.AddBatches), against that batch as if stored: every article
// lands in the story placing it batch after batch does, stories the batch
// before started included. A batch not stored whole (a file twice in it)
// has the next placed again after its commit, with the same result.
func TestImportPlacesBesideTheBatchStored(t *testing.T) {
	ctx := context.Background()
	arts := groupCorpus(160)
	dup := *arts[25] // the same file twice in the second batch
	batchesOf := func() [][]Input {
		var out [][]Input
		for start := 0; start < len(arts); start += 20 {
			var rs []Input
			for i := start; i < min(start+20, len(arts)); i++ {
				a := *arts[i]
				rs = append(rs, Input{Path: fmt.Sprintf("a%03d.txt", i), Article: &a})
				if i == 25 {
					d := dup
					rs = append(rs, Input{Path: "again.txt", Article: &d})
				}
			}
			out = append(out, rs)
		}
		return out
	}
	kinds := func(outs []Outcome) (stories []int64, duplicates int) {
		for _, o := range outs {
			if o.Kind == Duplicate {
				duplicates++
			}
			stories = append(stories, o.StoryID)
		}
		return stories, duplicates
	}

	l := openTestLibrary(t)
	im := l.NewImporter(Target{Auto: true})
	var after []Outcome
	for _, rs := range batchesOf() {
		after = append(after, im.AddBatch(ctx, rs)...)
	}

	l2 := openTestLibrary(t)
	im2 := l2.NewImporter(Target{Auto: true})
	im2.holdCommits = true // every batch placed beside the store of the one before
	var beside []Outcome
	calls := 0
	im2.AddBatches(ctx, sendBatches(batchesOf()), func(outs []Outcome) {
		calls++
		beside = append(beside, outs...)
	})
	if calls != 8 {
		t.Errorf("outcomes handed on %d times for 8 batches", calls)
	}
	s1, d1 := kinds(after)
	s2, d2 := kinds(beside)
	if d1 != 1 || d2 != 1 {
		t.Errorf("%d and %d duplicates, want the file read twice refused once either way", d1, d2)
	}
	if !slices.Equal(s1, s2) {
		t.Errorf("stories placing batch after batch:\n%v\nplacing beside the batch stored:\n%v", s1, s2)
	}
	if im2.placedBeside != 7 || im2.placedAgain != 1 {
		t.Errorf("%d batches placed beside the one stored, %d again after it; want 7, and 1 again", im2.placedBeside, im2.placedAgain)
	}
	// A batch whose placing begins after the batch before has committed
	// is placed against the library, once that store has ended.
	l3 := openTestLibrary(t)
	im3 := l3.NewImporter(Target{Auto: true})
	im3.storeFirst = true
	var later []Outcome
	im3.AddBatches(ctx, sendBatches(batchesOf()), func(outs []Outcome) { later = append(later, outs...) })
	if s3, _ := kinds(later); !slices.Equal(s1, s3) || im3.placedBeside != 0 {
		t.Errorf("placing after each commit: %d batches placed beside; stories %v, want %v", im3.placedBeside, s3, s1)
	}
	// The versions of an event found each other.
	first := map[string]int64{}
	joined, versions := 0, 0
	for i, o := range beside {
		if o.Kind != Imported {
			continue
		}
		if s, ok := first[o.Article.Title]; ok {
			versions++
			if s == s2[i] {
				joined++
			}
		} else {
			first[o.Article.Title] = s2[i]
		}
	}
	if joined < versions*9/10 {
		t.Errorf("%d of %d later versions joined their event's story", joined, versions)
	}
}

// An import stopped midway (its context cancelled once the first batch's
// outcomes are in, while the next is being placed or stored) ends: every
// input gets one outcome, and exactly the articles said to be imported
// are in the library.
func TestImportBatchesStoppedMidway(t *testing.T) {
	arts := groupCorpus(120)
	l := openTestLibrary(t)
	im := l.NewImporter(Target{Auto: true})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var batches [][]Input
	for start := 0; start < len(arts); start += 20 {
		var rs []Input
		for i := start; i < min(start+20, len(arts)); i++ {
			rs = append(rs, Input{Path: fmt.Sprintf("a%03d.txt", i), Article: arts[i]})
		}
		batches = append(batches, rs)
	}
	ch := sendBatches(batches)
	outcomes, imported := 0, 0
	done := make(chan struct{})
	go func() {
		defer close(done)
		im.AddBatches(ctx, ch, func(outs []Outcome) {
			cancel() // after the first batch
			for _, o := range outs {
				outcomes++
				if o.Kind == Imported {
					imported++
				}
			}
		})
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the import did not end after it was stopped")
	}
	if outcomes != len(arts) {
		t.Errorf("%d outcomes for %d inputs", outcomes, len(arts))
	}
	n, err := l.CountArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d of %d imported before the import stopped", imported, len(arts))
	if imported == 0 || imported == len(arts) || n != imported {
		t.Errorf("%d said imported, %d stored, of %d; want the first batch or so, all of them stored", imported, n, len(arts))
	}
}

// sendBatches hands batches on, one at a time, as Importer.Batches does.
func sendBatches(batches [][]Input) <-chan []Input {
	ch := make(chan []Input)
	go func() {
		defer close(ch)
		for _, rs := range batches {
			ch <- rs
		}
	}()
	return ch
}

// A grouped import that starts with the pending filings due writes them
// out as it starts, beside its first reading and placing: afterwards only
// its own articles' filings are pending.
func TestImportWritesDueFilingsOutAsItStarts(t *testing.T) {
	ctx := context.Background()
	l := openTestLibrary(t)
	words := strings.Fields("harbour council budget ferry strike union talks river bridge tender school grant museum storm levee rail depot mayor")
	article := func(i int) *parallax.Article {
		var b strings.Builder
		for w := range 12 {
			b.WriteString(words[(i*7+w*3)%len(words)] + " ")
		}
		fmt.Fprintf(&b, "Case %d was heard.", i)
		return &parallax.Article{Title: fmt.Sprintf("Item %d", i), Text: b.String(), Published: time.Date(2031, 2, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour),
			Paragraphs: []parallax.Paragraph{{Ordinal: 1, Kind: parallax.KindBody, Text: b.String()}}}
	}
	batches := func(from, n int) [][]Input {
		var out [][]Input
		for at := from; at < from+n; at += 256 {
			var rs []Input
			for i := at; i < min(at+256, from+n); i++ {
				rs = append(rs, Input{Path: fmt.Sprintf("a%d.txt", i), Article: article(i)})
			}
			out = append(out, rs)
		}
		return out
	}
	imported := 0
	count := func(outs []Outcome) {
		for _, o := range outs {
			if o.Kind == Imported {
				imported++
			}
		}
	}
	l.NewImporter(Target{Auto: true}).AddBatches(ctx, sendBatches(batches(0, 1560)), count)
	if due, err := l.PendingFilingsDue(ctx); err != nil || !due {
		t.Fatalf("1,560 filings pending, yet due %v (%v)", due, err)
	}
	l.NewImporter(Target{Auto: true}).AddBatches(ctx, sendBatches(batches(1560, 20)), count)
	if imported != 1580 {
		t.Fatalf("%d of 1,580 imported", imported)
	}
	if n, err := l.PendingArticles(ctx); err != nil || n != 20 {
		t.Errorf("%d filings pending after the second import (%v), want its own 20", n, err)
	}
	if due, _ := l.PendingFilingsDue(ctx); due {
		t.Error("filings still due")
	}
}
