package ui

import (
	"context"
	"errors"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/store"
)

// library is the window's access to the store, with the few steps the
// window needs on top of it.
type library struct {
	st *store.Store
}

func newLibrary(st *store.Store) *library {
	return &library{st: st}
}

// importOutcome is what happened to one input of an import.
type importOutcome int

const (
	outcomeImported importOutcome = iota
	outcomeDuplicate
	outcomeRefused
)

// addArticle stores a in story storyID, or in a new story titled newStory
// when storyID is 0, and returns the story it joined.
func (l *library) addArticle(ctx context.Context, a *parallax.Article, storyID int64, newStory string) (int64, importOutcome, error) {
	a.StoryID = storyID
	err := l.st.AddArticle(ctx, a, newStory)
	switch {
	case errors.Is(err, store.ErrDuplicate):
		var dup *store.DuplicateError
		if errors.As(err, &dup) {
			return dup.StoryID, outcomeDuplicate, err
		}
		return 0, outcomeDuplicate, err
	case err != nil:
		return 0, outcomeRefused, err
	}
	return a.StoryID, outcomeImported, nil
}

// parseInput is ingest.Parse with the window's options.
func parseInput(name string, data []byte) (*parallax.Article, error) {
	return ingest.Parse(name, data, ingest.Options{})
}
