package main

import (
	"context"
	"fmt"
	"os"
	"strconv"

	"github.com/parallax-news/parallax/library"
)

const storiesEditUsage = `usage: parallax stories merge INTO FROM | split STORY ARTICLE... | move ARTICLE STORY [--db PATH]`

// runStoriesEdit serves "stories merge|split|move": the analyst's
// corrections of automatic grouping. args starts with the verb. Every
// article touched is pinned, so later arrivals do not undo the choice.
func runStoriesEdit(args []string) int {
	fs, db := newFlagSet("stories")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) < 3 {
		fmt.Fprintln(os.Stderr, storiesEditUsage)
		return 2
	}
	verb := pos[0]
	ids := make([]int64, 0, len(pos)-1)
	for _, a := range pos[1:] {
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil || id <= 0 {
			return fail(os.Stderr, "stories "+verb, fmt.Errorf("%q is not an id", a))
		}
		ids = append(ids, id)
	}
	st, err := library.Open(*db)
	if err != nil {
		return fail(os.Stderr, "stories "+verb, err)
	}
	defer st.Close()
	ctx := context.Background()
	switch {
	case verb == "split":
		newID, _, err := st.SplitStory(ctx, ids[0], ids[1:], "")
		if err != nil {
			return fail(os.Stderr, "stories split", err)
		}
		fmt.Printf("story %d: %d articles split from story %d\n", newID, len(ids)-1, ids[0])
		return 0
	case (verb == "merge" || verb == "move") && len(ids) != 2:
		fmt.Fprintln(os.Stderr, storiesEditUsage)
		return 2
	case verb == "merge":
		into, from := ids[0], ids[1]
		before, err := st.StoryArticles(ctx, from)
		if err != nil {
			return fail(os.Stderr, "stories merge", err)
		}
		// MergeStories pins every article of both stories.
		if _, err := st.MergeStories(ctx, into, from); err != nil {
			return fail(os.Stderr, "stories merge", err)
		}
		fmt.Printf("story %d: merged %d articles from story %d\n", into, len(before), from)
		return 0
	case verb == "move":
		article, story := ids[0], ids[1]
		// MoveArticle pins the article in its new story.
		if _, err := st.MoveArticle(ctx, article, story); err != nil {
			return fail(os.Stderr, "stories move", err)
		}
		fmt.Printf("article %d: moved to story %d\n", article, story)
		return 0
	}
	fmt.Fprintln(os.Stderr, storiesEditUsage)
	return 2
}
