package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/store"
)

// The parts of the store contract for decisions, notes and the comparison
// cache. The window uses them when the store provides them and otherwise
// keeps that data for the session only (annotations says which).
type (
	decisionKeeper interface {
		SetDecision(ctx context.Context, d parallax.Decision) error
		Decisions(ctx context.Context, storyID int64) (map[string]parallax.Decision, error)
	}
	noteKeeper interface {
		AddNote(ctx context.Context, n *parallax.Note) (int64, error)
		UpdateNote(ctx context.Context, n *parallax.Note) error
		DeleteNote(ctx context.Context, id int64) error
		Notes(ctx context.Context, storyID int64) ([]parallax.Note, error)
	}
	comparisonCache interface {
		CachedComparison(ctx context.Context, storyID int64, key string) ([]byte, error)
		PutComparison(ctx context.Context, storyID int64, key string, data []byte, flagKeys []string) error
	}
)

// library is the window's access to the store: the store's own methods,
// plus decisions, notes and the comparison cache through the store when it
// has them and through session memory when it does not.
type library struct {
	st        *store.Store
	decisions decisionKeeper
	notes     noteKeeper
	cache     comparisonCache // nil: no cache, every story is recomputed
	persisted bool            // decisions and notes reach the library file
}

func newLibrary(st *store.Store) *library {
	l := &library{st: st, persisted: true}
	var s any = st
	if d, ok := s.(decisionKeeper); ok {
		l.decisions = d
	} else {
		l.persisted = false
	}
	if n, ok := s.(noteKeeper); ok {
		l.notes = n
	} else {
		l.persisted = false
	}
	if c, ok := s.(comparisonCache); ok {
		l.cache = c
	}
	if l.decisions == nil || l.notes == nil {
		m := newMemoryAnnotations()
		if l.decisions == nil {
			l.decisions = m
		}
		if l.notes == nil {
			l.notes = m
		}
	}
	return l
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

// memoryAnnotations keeps decisions and notes for the session when the
// store cannot.
type memoryAnnotations struct {
	mu        sync.Mutex
	decisions map[int64]map[string]parallax.Decision
	notes     []parallax.Note
	nextID    int64
}

func newMemoryAnnotations() *memoryAnnotations {
	return &memoryAnnotations{decisions: map[int64]map[string]parallax.Decision{}}
}

func (m *memoryAnnotations) SetDecision(_ context.Context, d parallax.Decision) error {
	if d.Key == "" {
		return errors.New("ui: decision: empty flag key")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.decisions[d.StoryID] == nil {
		m.decisions[d.StoryID] = map[string]parallax.Decision{}
	}
	d.UpdatedAt = time.Now()
	m.decisions[d.StoryID][d.Key] = d
	return nil
}

func (m *memoryAnnotations) Decisions(_ context.Context, storyID int64) (map[string]parallax.Decision, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string]parallax.Decision{}
	for k, d := range m.decisions[storyID] {
		out[k] = d
	}
	return out, nil
}

func (m *memoryAnnotations) AddNote(_ context.Context, n *parallax.Note) (int64, error) {
	if strings.TrimSpace(n.Text) == "" {
		return 0, errors.New("ui: note: empty text")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.nextID++
	n.ID = m.nextID
	n.CreatedAt = time.Now()
	n.UpdatedAt = n.CreatedAt
	m.notes = append(m.notes, *n)
	return n.ID, nil
}

func (m *memoryAnnotations) UpdateNote(_ context.Context, n *parallax.Note) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := range m.notes {
		if m.notes[i].ID == n.ID {
			n.UpdatedAt = time.Now()
			m.notes[i] = *n
			return nil
		}
	}
	return fmt.Errorf("ui: note %d: %w", n.ID, store.ErrNotFound)
}

func (m *memoryAnnotations) DeleteNote(_ context.Context, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	i := slices.IndexFunc(m.notes, func(n parallax.Note) bool { return n.ID == id })
	if i < 0 {
		return fmt.Errorf("ui: note %d: %w", id, store.ErrNotFound)
	}
	m.notes = slices.Delete(m.notes, i, i+1)
	return nil
}

func (m *memoryAnnotations) Notes(_ context.Context, storyID int64) ([]parallax.Note, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []parallax.Note
	for _, n := range m.notes {
		if n.StoryID == storyID {
			out = append(out, n)
		}
	}
	return out, nil
}
