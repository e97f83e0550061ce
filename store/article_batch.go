package store

import (
	"context"
	"errors"
	"fmt"
	"sync"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare/group"
)

// AddOptions says where AddArticles puts articles whose StoryID is 0.
type AddOptions struct {
	// Grouped: each joins the story automatic grouping picked for it
	// (Targets), its grouping features and filing stored with it.
	Grouped bool
	// Targets, when Grouped, is the decision for the batch (see
	// group.Place): Targets[i] > 0 is the story arts[i] joins, a negative
	// number is a new story the articles sharing it start together, 0 (or
	// no entry) a new story of its own.
	Targets []int64
	// Features and Filings, when Grouped, are the articles' grouping
	// features and filings (group.Place); features missing are computed.
	Features []group.Features
	Filings  []group.Filing
	// NewStory, when Grouped is false: the first makes a new story with
	// this title and the others join it (each makes its own story titled
	// after itself when NewStory is empty).
	NewStory string
	// RawHashes, when RawHashes[i] is not nil, is the SHA-256 of
	// arts[i].Raw as the caller worked it out reading it (see
	// ingest.Result.RawSum): the store does not hash the bytes again.
	RawHashes [][]byte
	// CommitGate, when set, is held while the transaction commits, so
	// that a reader holding it can tell the library before the batch from
	// the library after it (see library.Importer.AddBatches).
	CommitGate sync.Locker
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
	}
	if err := s.markDuplicates(ctx, work, errs); err != nil {
		return errs, err
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
	}
	prep := prepareBatch(work, errs, opt.RawHashes)
	s.index.docs.waitForRoom()
	var stored []parallax.Article
	for range lockRetries {
		if stored, err = s.addArticles(ctx, work, errs, feats, data, opt, prep); !errors.Is(err, ErrLocked) {
			break
		}
	}
	if err != nil {
		return errs, err
	}
	for i := range arts {
		if errs[i] == nil {
			*arts[i] = stored[i]
			s.articleStored()
		}
	}
	s.index.wake()
	return errs, nil
}

// preparedBatch is what AddArticles works out before its transaction, so
// that the write lock is held for the writes alone.
type preparedBatch struct {
	// docs are the articles' search documents, handed to the indexer
	// once the batch is stored.
	docs []searchDoc
	// rawHashes are the SHA-256 of each article's original bytes (nil
	// for none).
	rawHashes [][]byte
}

// prepareBatch prepares the articles of work not yet refused; known[i],
// when there and not nil, is the SHA-256 of work[i].Raw.
func prepareBatch(work []parallax.Article, errs []error, known [][]byte) preparedBatch {
	p := preparedBatch{docs: make([]searchDoc, len(work)), rawHashes: make([][]byte, len(work))}
	for i := range work {
		if errs[i] != nil {
			continue
		}
		p.docs[i] = newSearchDoc(&work[i])
		if i < len(known) && known[i] != nil && len(work[i].Raw) > 0 {
			p.rawHashes[i] = known[i]
		} else {
			p.rawHashes[i] = rawHash(work[i].Raw)
		}
	}
	return p
}

// addArticles is one attempt at AddArticles' transaction (its search
// index entries are queued by a trigger, see migration 017). Articles the batch itself duplicates get their errs entry; stored[i] is
// what was stored for work[i]. With grouping, each article's filing is
// stored in the same transaction, so the postings never disagree with the
// library.
func (s *Store) addArticles(ctx context.Context, work []parallax.Article, errs []error, feats []group.Features, data [][]byte, opt AddOptions, prep preparedBatch) (stored []parallax.Article, err error) {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return nil, s.fail("add article", err)
	}
	defer tx.Rollback()
	var fl *filer
	if opt.Grouped {
		fl = s.newFiler(tx)
	}
	stored = make([]parallax.Article, len(work))
	inBatch := make([]bool, len(work)) // duplicates found in the transaction, reset on each attempt
	defer func() {
		if err != nil {
			s.clearBatchErrors(errs, inBatch)
		}
	}()
	// The library's copies of the batch are looked up again inside the
	// transaction (another process may have stored one since
	// markDuplicates), all at once; the batch's own duplicates are found
	// as it is stored.
	err = s.findDuplicates(ctx, tx, work, errs, func(i int, dup *DuplicateError) { errs[i], inBatch[i] = dup, true })
	if err != nil {
		return nil, err
	}
	queueBefore, err := queueNewest(ctx, tx)
	if err != nil {
		return nil, s.fail("add article", err)
	}
	seen := newTxLookups()
	seen.stored = map[string]DuplicateError{}
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
			}
		}
		title := ""
		if !opt.Grouped && opt.NewStory != "" && a.StoryID == 0 {
			a.StoryID, title = newStory, opt.NewStory
		}
		makesStory := a.StoryID == 0
		out, err := s.addArticle(ctx, tx, &a, articleInsert{newStory: title, seen: seen, rawHash: prep.rawHashes[i]})
		var dup *DuplicateError
		if errors.As(err, &dup) {
			errs[i], inBatch[i] = err, true
			continue
		}
		if err != nil {
			return nil, err
		}
		if opt.Grouped {
			if s.testHookBeforeFeatures != nil {
				s.testHookBeforeFeatures()
			}
			if err := s.insertFeatures(ctx, tx, &out, data[i]); err != nil {
				return nil, err
			}
			if i < len(opt.Filings) {
				if _, err := fl.file(ctx, out.ID, opt.Filings[i]); err != nil {
					return nil, err
				}
			}
		}
		if makesStory && newStory == 0 {
			newStory = out.StoryID
		}
		if makesStory && target < 0 {
			created[target] = out.StoryID
		}
		stored[i] = out
	}
	if fl != nil {
		if err := fl.finish(ctx); err != nil {
			return nil, err
		}
	}
	var ids []int64
	for i := range stored {
		if errs[i] == nil {
			ids = append(ids, stored[i].ID)
		}
	}
	if err := s.listStoredArticles(ctx, tx, ids); err != nil {
		return nil, err
	}
	queueAfter, err := queueNewest(ctx, tx)
	if err != nil {
		return nil, s.fail("add article", err)
	}
	// The indexer has the documents before the commit shows it the ids.
	s.index.publish(stored, prep.docs, errs)
	if opt.CommitGate != nil {
		opt.CommitGate.Lock()
	}
	err = tx.Commit()
	if opt.CommitGate != nil {
		opt.CommitGate.Unlock()
	}
	if err != nil {
		s.index.unpublish(stored, errs)
		return nil, s.fail("add article", err)
	}
	s.index.committed(stored, errs, queueEntry(queueBefore, queueAfter, len(ids)))
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
