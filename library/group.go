package library

import (
	"context"

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
	opt, err := l.placement(ctx, []*parallax.Article{a})
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
// group.Place), as options for AddArticles.
func (l *Library) placement(ctx context.Context, arts []*parallax.Article) (store.AddOptions, error) {
	if err := l.FileUnfiled(ctx); err != nil {
		return store.AddOptions{}, err
	}
	docs := make([]group.Doc, len(arts))
	for i, a := range arts {
		docs[i] = group.Doc{Title: a.Title, Text: a.Text, Published: a.Published, Group: a.StoryID}
	}
	p, err := group.Place(ctx, l.Grouping(), docs, group.Options{})
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
