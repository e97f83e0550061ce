package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"text/tabwriter"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/library"
)

const feedsUsage = `usage: parallax feeds add URL | list | refresh [ID] | remove ID | import-opml FILE | export-opml [--db PATH]`

// runFeeds serves "parallax feeds ...": subscriptions and their refresh.
func runFeeds(args []string) int {
	fs, db := newFlagSet("feeds")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) == 0 {
		fmt.Fprintln(os.Stderr, feedsUsage)
		return 2
	}
	st, err := library.Open(*db)
	if err != nil {
		return fail(os.Stderr, "feeds", err)
	}
	defer st.Close()
	ctx := context.Background()
	verb, rest := pos[0], pos[1:]
	need := map[string]int{"add": 1, "list": 0, "remove": 1, "import-opml": 1, "export-opml": 0}
	if n, ok := need[verb]; ok && len(rest) != n {
		fmt.Fprintln(os.Stderr, feedsUsage)
		return 2
	}
	switch verb {
	case "add":
		id, err := st.AddFeed(ctx, rest[0], "")
		if err != nil {
			return fail(os.Stderr, "feeds add", err)
		}
		fmt.Printf("feed %d: %s\n", id, rest[0])
		return 0
	case "list":
		return failIf("feeds list", listFeeds(ctx, os.Stdout, st))
	case "refresh":
		return refreshFeeds(ctx, os.Stdout, os.Stderr, st, rest)
	case "remove":
		id, err := strconv.ParseInt(rest[0], 10, 64)
		if err != nil {
			return fail(os.Stderr, "feeds remove", fmt.Errorf("feed id %q is not a number", rest[0]))
		}
		return failIf("feeds remove", st.RemoveFeed(ctx, id))
	case "import-opml":
		return failIf("feeds import-opml", importOPML(ctx, os.Stdout, st, rest[0]))
	case "export-opml":
		return failIf("feeds export-opml", st.ExportOPML(ctx, os.Stdout))
	}
	fmt.Fprintln(os.Stderr, feedsUsage)
	return 2
}

func failIf(name string, err error) int {
	if err != nil {
		return fail(os.Stderr, name, err)
	}
	return 0
}

func listFeeds(ctx context.Context, w io.Writer, st *library.Library) error {
	subs, err := st.Feeds(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTITLE\tUNREAD\tCHECKED\tSTATUS\tURL")
	for _, s := range subs {
		checked := "never"
		if !s.LastChecked.IsZero() {
			checked = s.LastChecked.Local().Format("2006-01-02 15:04")
		}
		status := "ok"
		if s.LastError != "" {
			status = fmt.Sprintf("error ×%d: %s", s.ErrorCount, s.LastError)
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s\t%s\n", s.ID, s.Title, s.Unread, checked, status, s.URL)
	}
	return tw.Flush()
}

// refreshFeeds refreshes one feed or all; a failing feed is reported and
// the others go on. The exit status is 1 when any feed failed.
func refreshFeeds(ctx context.Context, out, errOut io.Writer, st *library.Library, ids []string) int {
	var subs []parallax.Subscription
	if len(ids) == 0 {
		all, err := st.Feeds(ctx)
		if err != nil {
			return fail(errOut, "feeds refresh", err)
		}
		subs = all
	}
	for _, a := range ids {
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil {
			return fail(errOut, "feeds refresh", fmt.Errorf("feed id %q is not a number", a))
		}
		s, err := st.Feed(ctx, id)
		if err != nil {
			return fail(errOut, "feeds refresh", err)
		}
		subs = append(subs, s)
	}
	client := library.NewFeedClient()
	status := 0
	for _, s := range subs {
		rep, err := st.RefreshFeed(ctx, client, s)
		if err != nil {
			return fail(errOut, "feeds refresh", err)
		}
		switch {
		case rep.Err != nil:
			fmt.Fprintf(errOut, "parallax feeds refresh: %s\n", safeLine(rep.Err.Error()))
			status = 1
		case rep.NotModified:
			fmt.Fprintf(out, "feed %d %s: not modified\n", s.ID, oneLine(rep.Feed.Title))
		default:
			fmt.Fprintf(out, "feed %d %s: %d new, %d updated, %d unchanged\n", s.ID, oneLine(rep.Feed.Title), rep.New, rep.Updated, rep.Unchanged)
		}
		if rep.Skipped > 0 {
			fmt.Fprintf(errOut, "parallax feeds refresh: feed %d: %d items left for the next refresh (this one took its whole time budget of %s)\n",
				s.ID, rep.Skipped, library.FeedRefreshBudget)
		}
		for _, e := range rep.ItemErrors {
			fmt.Fprintf(errOut, "parallax feeds refresh: skipped: %s\n", safeLine(e.Error()))
		}
	}
	return status
}

func importOPML(ctx context.Context, w io.Writer, st *library.Library, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	added, known, refused, err := st.ImportOPML(ctx, f)
	for _, u := range refused {
		fmt.Fprintf(w, "refused %s: %v\n", safeLine(u), library.ErrFeedBadURL)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	fmt.Fprintf(w, "%d feeds added, %d already followed\n", added, known)
	return nil
}
