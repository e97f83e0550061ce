package library

import (
	"context"
	"runtime"
	"sync"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare/group"
	"github.com/parallax-news/parallax/store"
)

// fileBatch is how many articles not yet filed for grouping are filed per
// transaction when they are caught up.
const fileBatch = 500

// AddArticleGrouped stores a in the story automatic grouping picks (a new
// one titled a.Title when none fits) unless a.StoryID is already set, with
// its grouping features and filing in the same transaction. Duplicates
// fail with a *DuplicateError.
func (l *Library) AddArticleGrouped(ctx context.Context, a *parallax.Article) error {
	opt, err := l.placement(ctx, []*parallax.Article{a}, nil)
	if err != nil {
		return err
	}
	errs, err := l.AddArticles(ctx, []*parallax.Article{a}, opt)
	if err != nil {
		return err
	}
	return errs[0]
}

// placement decides where arts go by automatic grouping (jointly, see
// group.Place), as options for AddArticles. Grouping features already
// computed for them (see extractAhead) are taken from ahead.
func (l *Library) placement(ctx context.Context, arts []*parallax.Article, ahead *featuresAhead) (store.AddOptions, error) {
	if err := l.FileUnfiled(ctx); err != nil {
		return store.AddOptions{}, err
	}
	return l.placeAgainst(ctx, l.Grouping(), arts, ahead)
}

// placementOf is placement for arts whose features are known (feats, one
// each).
func (l *Library) placementOf(ctx context.Context, arts []*parallax.Article, feats []group.Features) (store.AddOptions, error) {
	ahead := &featuresAhead{feats: make(map[*parallax.Article]*group.Features, len(arts))}
	for i, a := range arts {
		ahead.feats[a] = &feats[i]
	}
	return l.placement(ctx, arts, ahead)
}

// placeAgainst is placement against lib, with nothing filed first.
func (l *Library) placeAgainst(ctx context.Context, lib group.Library, arts []*parallax.Article, ahead *featuresAhead) (store.AddOptions, error) {
	docs := make([]group.Doc, len(arts))
	for i, a := range arts {
		docs[i] = group.Doc{Title: a.Title, Text: a.Text, Published: a.Published, Group: a.StoryID, Features: ahead.take(a)}
	}
	p, err := group.Place(ctx, lib, docs, group.Options{})
	if err != nil {
		return store.AddOptions{}, err
	}
	return store.AddOptions{Grouped: true, Targets: p.Targets, Features: p.Features, Filings: p.Filings}, nil
}

// FileUnfiled files, for grouping, the articles stored without a filing
// (put in a story by hand, or stored before the library kept postings),
// so that later arrivals can join them. Automatic grouping does it before
// it places anything; each article is filed once, so it costs nothing
// once caught up (the first grouping after an upgrade files the whole
// library, about a minute per 100,000 articles, and rewrites its recent
// postings in binary, a few seconds).
func (l *Library) FileUnfiled(ctx context.Context) error {
	if err := l.CompactRecentPostings(ctx); err != nil {
		return err
	}
	var after int64
	for {
		us, err := l.UnfiledArticles(ctx, after, fileBatch)
		if err != nil || len(us) == 0 {
			return err
		}
		docs := make([]group.Doc, len(us))
		for i, u := range us {
			docs[i] = group.Doc{ID: u.ID, Features: u.Features, Title: u.Title, Text: u.Text, Published: u.Published}
		}
		p, err := group.File(ctx, l.Grouping(), docs)
		if err != nil {
			return err
		}
		filed := make([]store.FiledArticle, len(us))
		for i, u := range us {
			filed[i] = store.FiledArticle{ID: u.ID, Filing: p.Filings[i]}
			if u.Features == nil {
				filed[i].Features = &p.Features[i]
			}
		}
		if err := l.FileArticles(ctx, filed); err != nil {
			return err
		}
		after = us[len(us)-1].ID
	}
}

// featuresAhead holds the grouping features of articles read for an
// import with automatic grouping, computed as they are read (on every
// core, while the batch before is being placed and stored) rather than
// when their batch is placed: that much less work on the storing
// goroutine. A nil *featuresAhead holds none.
type featuresAhead struct {
	mu    sync.Mutex
	feats map[*parallax.Article]*group.Features
}

// take returns a's features, if computed, and forgets them.
func (fa *featuresAhead) take(a *parallax.Article) *group.Features {
	if fa == nil {
		return nil
	}
	fa.mu.Lock()
	defer fa.mu.Unlock()
	f := fa.feats[a]
	delete(fa.feats, a)
	return f
}

// forget drops what is kept for the articles of inputs not placed
// (refused, or the import stopped).
func (fa *featuresAhead) forget(rs []Input) {
	if fa == nil {
		return
	}
	fa.mu.Lock()
	defer fa.mu.Unlock()
	for _, r := range rs {
		delete(fa.feats, r.Article)
	}
}

// extractAhead hands on the inputs of in, in order, each once its
// article's grouping features (group.Extract of its title, text and
// date, as placing computes them) are in fa, computed on every core.
func (fa *featuresAhead) extractAhead(in <-chan Input) <-chan Input {
	type job struct {
		r    Input
		done chan struct{}
	}
	work := make(chan job, 64)
	order := make(chan job, 64)
	go func() {
		for r := range in {
			j := job{r, make(chan struct{})}
			work <- j
			order <- j
		}
		close(work)
		close(order)
	}()
	for range runtime.GOMAXPROCS(0) {
		go func() {
			for j := range work {
				if a := j.r.Article; a != nil && j.r.Err == nil {
					f := group.Extract(a.Title, a.Text, a.Published)
					fa.mu.Lock()
					fa.feats[a] = &f
					fa.mu.Unlock()
				}
				close(j.done)
			}
		}()
	}
	out := make(chan Input)
	go func() {
		defer close(out)
		for j := range order {
			<-j.done
			out <- j.r
		}
	}()
	return out
}

// startWritingOut writes the library's pending filings into the
// grouping's tables on a goroutine of its own when they are due (see
// store.WritePendingFilings), and returns a channel closed once it is
// done; nil when nothing is due. A grouped import calls it as it starts:
// the writing out then runs beside the reading and placing of its first
// batch, which only read the library, instead of on the storing thread
// of the batch that would bring the pending filings to the mark. What
// grouping reads is the same either way, so a failure (the library
// locked by another program) is left for a later filing to meet.
func (l *Library) startWritingOut(ctx context.Context) <-chan struct{} {
	due, err := l.PendingFilingsDue(ctx)
	if err != nil || !due {
		return nil
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = l.WritePendingFilings(ctx)
	}()
	return done
}
