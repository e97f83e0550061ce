package library

import (
	"context"
	"fmt"
)

// Edit is one story edit done, with what undoing it needs: where each
// article it moved was before, and the titles it changed or stories it
// emptied. Apply it in reverse with Undo.
type Edit struct {
	What   string      // "merge story 4 into 2", for an undo menu
	Moves  []placement // articles moved, with the story each left
	Titles []titleWas  // stories renamed or deleted, with their title before
	// Decisions are the flag decisions a merge carried over, by the story
	// each was in before.
	Decisions []decisionWas
}

type placement struct {
	ArticleID, From, To int64
}

type decisionWas struct {
	StoryID int64
	Key     string
}

type titleWas struct {
	StoryID int64
	Title   string
}

// RenameStory changes a story's title.
func (l *Library) RenameStory(ctx context.Context, id int64, title string) (Edit, error) {
	st, err := l.Story(ctx, id)
	if err != nil {
		return Edit{}, err
	}
	if err := l.Store.RenameStory(ctx, id, title); err != nil {
		return Edit{}, err
	}
	return Edit{What: fmt.Sprintf("rename story %d", id), Titles: []titleWas{{id, st.Title}}}, nil
}

// MergeStories moves every article of story from into story into, pins
// them (automatic grouping leaves the analyst's choice alone), carries the
// flag decisions over and deletes story from.
func (l *Library) MergeStories(ctx context.Context, into, from int64) (Edit, error) {
	e, err := l.editOf(ctx, fmt.Sprintf("merge story %d into %d", from, into), from, nil, into)
	if err != nil {
		return Edit{}, err
	}
	decided, err := l.Decisions(ctx, from)
	if err != nil {
		return Edit{}, err
	}
	for key := range decided {
		e.Decisions = append(e.Decisions, decisionWas{StoryID: from, Key: key})
	}
	if err := l.Store.MergeStories(ctx, into, from); err != nil {
		return Edit{}, err
	}
	return e, nil
}

// SplitStory moves the given articles of a story into a new story titled
// title (the first article's title when empty), pins them, and returns the
// new story.
func (l *Library) SplitStory(ctx context.Context, storyID int64, articleIDs []int64, title string) (int64, Edit, error) {
	e, err := l.editOf(ctx, fmt.Sprintf("split story %d", storyID), storyID, articleIDs, 0)
	if err != nil {
		return 0, Edit{}, err
	}
	newID, err := l.Store.SplitStory(ctx, storyID, articleIDs, title)
	if err != nil {
		return 0, Edit{}, err
	}
	for i := range e.Moves {
		e.Moves[i].To = newID
	}
	return newID, e, nil
}

// MoveArticle puts an article into another story and pins it there. A
// story left empty is deleted.
func (l *Library) MoveArticle(ctx context.Context, articleID, toStoryID int64) (Edit, error) {
	a, err := l.Article(ctx, articleID)
	if err != nil {
		return Edit{}, err
	}
	e, err := l.editOf(ctx, fmt.Sprintf("move article %d", articleID), a.StoryID, []int64{articleID}, toStoryID)
	if err != nil {
		return Edit{}, err
	}
	if err := l.Store.MoveArticle(ctx, articleID, toStoryID); err != nil {
		return Edit{}, err
	}
	return e, nil
}

// editOf records, before an edit, the articles of story from that will
// move to story to (all of them when ids is nil) and from's title.
func (l *Library) editOf(ctx context.Context, what string, from int64, ids []int64, to int64) (Edit, error) {
	st, err := l.Story(ctx, from)
	if err != nil {
		return Edit{}, err
	}
	e := Edit{What: what, Titles: []titleWas{{from, st.Title}}}
	if ids == nil {
		arts, err := l.StoryArticles(ctx, from)
		if err != nil {
			return Edit{}, err
		}
		for _, a := range arts {
			ids = append(ids, a.ID)
		}
	}
	for _, id := range ids {
		e.Moves = append(e.Moves, placement{ArticleID: id, From: from, To: to})
	}
	return e, nil
}

// Undo reverses an edit: each moved article goes back to the story it
// left (made again, with its title, when the edit emptied it) and each
// story gets its title back. The articles stay pinned: where they are is
// still the analyst's choice. Decisions a merge carried over go back to
// the story they came from, as the analyst left them. It returns the story the edit started
// from, as it now is (its id changes when it had to be made again).
func (l *Library) Undo(ctx context.Context, e Edit) (int64, error) {
	remade := map[int64]int64{} // story deleted by the edit -> made again
	if err := l.undo(ctx, e, remade); err != nil {
		return 0, fmt.Errorf("undo %s: %w", e.What, err)
	}
	if len(e.Titles) == 0 {
		return 0, nil
	}
	if id, ok := remade[e.Titles[0].StoryID]; ok {
		return id, nil
	}
	return e.Titles[0].StoryID, nil
}

func (l *Library) undo(ctx context.Context, e Edit, remade map[int64]int64) error {
	for _, t := range e.Titles {
		_, err := l.Story(ctx, t.StoryID)
		switch {
		case isNotFound(err):
			id, err := l.CreateStory(ctx, t.Title)
			if err != nil {
				return err
			}
			remade[t.StoryID] = id
		case err != nil:
			return err
		default:
			if err := l.Store.RenameStory(ctx, t.StoryID, t.Title); err != nil {
				return err
			}
		}
	}
	for _, m := range e.Moves {
		to := m.From
		if id, ok := remade[to]; ok {
			to = id
		}
		if err := l.Store.MoveArticle(ctx, m.ArticleID, to); err != nil {
			return err
		}
	}
	keys := map[int64][]string{}
	for _, d := range e.Decisions {
		keys[d.StoryID] = append(keys[d.StoryID], d.Key)
	}
	for story, ks := range keys {
		to := story
		if id, ok := remade[story]; ok {
			to = id
		}
		if err := l.Store.MoveDecisions(ctx, to, ks); err != nil {
			return err
		}
	}
	return nil
}
