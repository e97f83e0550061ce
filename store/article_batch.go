package store

import (
	"context"
	"errors"
	"fmt"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare/group"
)

// AddOptions says where AddArticles puts articles whose StoryID is 0.
type AddOptions struct {
	// Grouped: each joins the story automatic grouping picks for it (a
	// new one titled after it when none fits), its grouping features
	// stored with it.
	Grouped bool
	// Targets, when Grouped and not nil, is the joint decision for the
	// batch (GroupBatch): Targets[i] > 0 is the story arts[i] joins, a
	// negative number is a new story the articles sharing it start
	// together, 0 leaves arts[i] to the index.
	Targets []int64
	// Features, when Grouped and not nil, are the articles' grouping
	// features already computed (GroupBatchFeatures).
	Features []group.Features
	// NewStory, when Grouped is false: the first makes a new story with
	// this title and the others join it (each makes its own story titled
	// after itself when NewStory is empty).
	NewStory string
}

// AddArticles stores arts in one transaction: one commit for the lot is
// what lets an import keep up with the disk. Each article is still stored
// whole or not at all, and all of them or none are: errs[i] says why
// arts[i] was refused (a *DuplicateError, an unknown paragraph kind) while
// the others were stored; err is a failure of the library itself (locked,
// read-only, full), and then nothing was stored. Stored articles get their
// ids set as AddArticle sets them. Duplicates are found by content hash
// before any grouping work.
func (s *Store) AddArticles(ctx context.Context, arts []*parallax.Article, opt AddOptions) (errs []error, err error) {
	errs = make([]error, len(arts))
	work := make([]parallax.Article, len(arts))
	for i, a := range arts {
		work[i] = *a
		w := &work[i]
		if w.Hash == "" {
			w.Hash = ContentHash(w.Text)
		}
		for _, p := range w.Paragraphs {
			if !p.Kind.Valid() {
				errs[i] = fmt.Errorf("store: add article %q: paragraph %d has unknown kind %q", w.Title, p.Ordinal, p.Kind)
				break
			}
		}
		if errs[i] == nil {
			if errs[i] = s.checkDuplicate(ctx, w.Hash); errs[i] != nil && !errors.Is(errs[i], ErrDuplicate) {
				return errs, errs[i]
			}
		}
	}
	var feats []group.Features
	var data [][]byte
	if opt.Grouped {
		feats, data = opt.Features, make([][]byte, len(arts))
		if len(feats) != len(arts) {
			feats = make([]group.Features, len(arts))
		}
		for i := range work {
			if errs[i] == nil {
				if len(feats[i].Terms) == 0 && feats[i].Shingles == 0 {
					feats[i] = group.Extract(work[i].Title, work[i].Text, work[i].Published)
				}
				if data[i], err = feats[i].MarshalBinary(); err != nil {
					return errs, fmt.Errorf("store: features of %q: %w", work[i].Title, err)
				}
			}
		}
		s.grouping.mu.Lock()
		defer s.grouping.mu.Unlock()
	}
	var stored []parallax.Article
	for range lockRetries {
		if stored, err = s.addArticles(ctx, work, errs, feats, data, opt); !errors.Is(err, ErrLocked) {
			break
		}
	}
	if err != nil {
		return errs, err
	}
	known := map[int64]*group.Features{}
	for i := range arts {
		if errs[i] == nil {
			*arts[i] = stored[i]
			s.published(&stored[i])
			if opt.Grouped {
				known[stored[i].ID] = &feats[i]
			}
		}
	}
	if opt.Grouped {
		// The articles are stored; should the index fail to catch up
		// here, the next call replays the log again.
		_ = s.syncGroupIndex(ctx, known)
	}
	return errs, nil
}

// addArticles is one attempt at AddArticles' transaction. Articles the
// batch itself duplicates get their errs entry; stored[i] is what was
// stored for work[i]. With grouping (the caller holds s.grouping.mu), each
// stored article is added to the index at once so the next one of the
// batch can join its story; should the transaction fail, the index is
// dropped, to be loaded again from the library.
func (s *Store) addArticles(ctx context.Context, work []parallax.Article, errs []error, feats []group.Features, data [][]byte, opt AddOptions) (stored []parallax.Article, err error) {
	if opt.Grouped {
		if err := s.syncGroupIndex(ctx, nil); err != nil {
			return nil, err
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, s.fail("add article", err)
	}
	committed := false
	defer func() {
		if !committed {
			tx.Rollback()
			if opt.Grouped {
				s.grouping.ix = nil
			}
		}
	}()
	stored = make([]parallax.Article, len(work))
	inBatch := make([]bool, len(work)) // duplicates of the batch, reset on each attempt
	var newStory int64
	created := map[int64]int64{} // negative target -> the story its first article made
	for i := range work {
		if errs[i] != nil {
			continue
		}
		a := work[i]
		var target int64
		if opt.Grouped && a.StoryID == 0 {
			if i < len(opt.Targets) {
				target = opt.Targets[i]
			}
			switch {
			case target > 0:
				a.StoryID = target
			case target < 0:
				a.StoryID = created[target] // 0 for the first: it makes the story
			default:
				if m, ok := s.grouping.ix.Match(group.Doc{Features: &feats[i]}); ok {
					a.StoryID = m.Group
				}
			}
		}
		title := ""
		if !opt.Grouped && opt.NewStory != "" && a.StoryID == 0 {
			a.StoryID, title = newStory, opt.NewStory
		}
		makesStory := a.StoryID == 0
		out, err := s.addArticle(ctx, tx, &a, title)
		var dup *DuplicateError
		if errors.As(err, &dup) {
			errs[i], inBatch[i] = err, true
			continue
		}
		if err != nil {
			s.clearBatchErrors(errs, inBatch)
			return nil, err
		}
		if opt.Grouped {
			if s.testHookBeforeFeatures != nil {
				s.testHookBeforeFeatures()
			}
			if err := s.insertFeatures(ctx, tx, &out, data[i]); err != nil {
				s.clearBatchErrors(errs, inBatch)
				return nil, err
			}
			s.grouping.ix.Add(group.Doc{ID: out.ID, Group: out.StoryID, Features: &feats[i]})
		}
		if makesStory && newStory == 0 {
			newStory = out.StoryID
		}
		if makesStory && target < 0 {
			created[target] = out.StoryID
		}
		stored[i] = out
	}
	if err := tx.Commit(); err != nil {
		s.clearBatchErrors(errs, inBatch)
		return nil, s.fail("add article", err)
	}
	committed = true
	return stored, nil
}

// clearBatchErrors forgets the duplicates found inside a transaction that
// failed: the next attempt finds them again.
func (s *Store) clearBatchErrors(errs []error, inBatch []bool) {
	for i, b := range inBatch {
		if b {
			errs[i] = nil
		}
	}
}
