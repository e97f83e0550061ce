// Package library owns what a user does with a Parallax library: import
// (with grouping into stories), open a story (its versions, each with its
// one label, the comparison, decisions and notes), story edits, flag
// decisions and notes, report documents, feed refresh and search. The CLI
// (cmd/parallax) and the window (ui) both call it and nothing else for
// these, so the two front ends cannot drift apart.
//
// It sits between the front ends and the packages that do the work: store
// keeps data and decides nothing, ingest reads inputs, compare and
// compare/group compute, report renders. Policy (which story an article
// joins, how versions are labelled) lives here.
package library

import (
	"errors"

	"github.com/parallax-news/parallax/store"
)

// Library is one open library file and the use cases over it. The store's
// plain reads and writes (listings, read and starred marks, feeds) are
// reached through the embedded Store; the use cases with policy are
// Library's own methods.
type Library struct {
	*store.Store
}

// New wraps an open store.
func New(st *store.Store) *Library {
	return &Library{Store: st}
}

// OpenOption changes how Open opens a library.
type OpenOption = store.Option

// DeferCheck lets Open leave the check that a library not closed cleanly
// gets to run after it, when opening writes nothing into the file: reads
// work at once, writes wait for the check, and FinishCheck runs it. The
// window opens so; a command checks at open.
func DeferCheck() OpenOption { return store.WithDeferredCheck() }

// Open opens the library file at path, else $PARALLAX_DB, else the one in
// the user data directory (see store.ResolvePath).
func Open(path string, opts ...OpenOption) (*Library, error) {
	st, err := store.OpenDefault(path, opts...)
	if err != nil {
		return nil, err
	}
	return New(st), nil
}

// ResolvePath is the library file that path names (see store.ResolvePath).
func ResolvePath(path string) string { return store.ResolvePath(path) }

// SearchIndexPath is the search index file beside the library at path
// (see store.SearchIndexPath).
func SearchIndexPath(path string) string { return store.SearchIndexPath(path) }

// Errors and types of the storage layer that callers test for or hold.
var (
	ErrNotFound   = store.ErrNotFound
	ErrDuplicate  = store.ErrDuplicate
	ErrFeedExists = store.ErrFeedExists
)

type (
	// DuplicateError says which article an input duplicates.
	DuplicateError = store.DuplicateError
	// Hit is one search result.
	Hit = store.Hit
	// Revision is one text an article had.
	Revision = store.Revision
)

// DefaultSearchLimit is how many hits Search returns when not told.
const DefaultSearchLimit = store.DefaultSearchLimit

// asDuplicate returns the duplicate error inside err, if any.
func asDuplicate(err error) (*DuplicateError, bool) {
	var dup *DuplicateError
	if errors.As(err, &dup) {
		return dup, true
	}
	return nil, false
}

func isNotFound(err error) bool { return errors.Is(err, ErrNotFound) }
