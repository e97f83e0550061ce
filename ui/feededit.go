package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/library"
)

// validateFeedURL accepts http and https addresses with a host.
func validateFeedURL(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return errors.New("type the feed's address")
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("a feed address starts with http:// or https://")
	}
	return nil
}

// onAdd subscribes to the typed address and refreshes the new feed.
func (v *feedsView) onAdd() {
	addr := strings.TrimSpace(v.url.Text)
	if err := validateFeedURL(addr); err != nil {
		v.notice.SetText(readable(err) + ".")
		return
	}
	var id int64
	v.mw.jobs.run(job{
		title: "Subscribing",
		work: func(ctx context.Context, _ progressFunc) error {
			var err error
			id, err = v.mw.lib.AddFeed(ctx, addr, "")
			return err
		},
		done: func(err error) {
			switch {
			case errors.Is(err, library.ErrFeedExists):
				v.selected = id
				v.notice.SetText("Already subscribed to " + addr + ".")
				v.reload()
			case err != nil:
				v.mw.jobs.showError("Subscribing to "+addr, err)
			default:
				v.url.SetText("")
				v.selected = id
				v.notice.SetText("Subscribed to " + addr + "; reading it now.")
				v.refresh([]int64{id}, false)
			}
		},
	})
}

// onRename asks for a new title for the selected feed.
func (v *feedsView) onRename() {
	s, ok := v.current()
	if !ok {
		return
	}
	title := newKeyEntry(v.mw.dialogs, false)
	title.SetText(s.Title)
	title.Validator = func(t string) error {
		if strings.TrimSpace(t) == "" {
			return errors.New("a title is needed")
		}
		return nil
	}
	v.mw.dialogs.form("Rename the feed", "Rename", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Title", title)}, func(ok bool) {
			if ok {
				v.renameFeed(s.ID, title.Text)
			}
		}, fyne.NewSize(480, 160))
	v.mw.win.Canvas().Focus(title)
}

// renameFeed stores a feed's new title.
func (v *feedsView) renameFeed(id int64, title string) {
	title = strings.TrimSpace(title)
	v.mw.jobs.run(job{
		title: "Renaming the feed",
		work: func(ctx context.Context, _ progressFunc) error {
			return v.mw.lib.RenameFeed(ctx, id, title)
		},
		done: func(err error) {
			if err != nil {
				v.mw.jobs.showError("Renaming the feed", err)
			}
			v.reload()
		},
	})
}

// onRemove asks before unsubscribing from the selected feed.
func (v *feedsView) onRemove() {
	s, ok := v.current()
	if !ok {
		return
	}
	msg := fmt.Sprintf("Unsubscribe from “%s”?\n\nThe %s already imported from it stay in the library.", feedName(s), plural(len(v.articles), "article"))
	if len(v.articles) == feedItemLimit {
		msg = fmt.Sprintf("Unsubscribe from “%s”?\n\nThe articles already imported from it stay in the library.", feedName(s))
	}
	v.mw.dialogs.confirm("Remove the feed", msg, func(ok bool) {
		if ok {
			v.removeFeed(s)
		}
	})
}

// removeFeed unsubscribes from s; Undo subscribes again and reads the
// feed back (its articles were kept, so they are linked, not copied).
func (v *feedsView) removeFeed(s parallax.Subscription) {
	v.mw.jobs.run(job{
		title: "Removing the feed",
		work: func(ctx context.Context, _ progressFunc) error {
			return v.mw.lib.RemoveFeed(ctx, s.ID)
		},
		done: func(err error) {
			if err != nil {
				v.mw.jobs.showError("Removing the feed", err)
				v.reload()
				return
			}
			label := "removing the feed " + feedName(s)
			undone := false
			restore := func() {
				if undone {
					return
				}
				undone = true
				v.undo = nil
				v.undoRemove.Hide()
				v.restoreFeed(s)
			}
			v.undo = restore
			v.undoLabel = label
			v.mw.undo.push(label, restore)
			v.notice.SetText("Removed “" + feedName(s) + "”; its articles stay in the library.")
			v.undoRemove.Show()
			v.selected = 0
			v.reload()
		},
	})
}

// onUndoRemove brings back the feed removed last.
func (v *feedsView) onUndoRemove() {
	if v.undo == nil {
		return
	}
	// The same step is on the window's undo stack: take it off, so that
	// Ctrl+Z takes back the step before it.
	acts := v.mw.undo.actions
	for i := len(acts) - 1; i >= 0; i-- {
		if acts[i].label == v.undoLabel {
			v.mw.undo.actions = append(acts[:i:i], acts[i+1:]...)
			break
		}
	}
	v.mw.status.SetText("Undone: " + v.undoLabel)
	v.undo()
}

// restoreFeed subscribes to s again, with its title, and refreshes it.
func (v *feedsView) restoreFeed(s parallax.Subscription) {
	var id int64
	v.mw.jobs.run(job{
		title: "Subscribing again",
		work: func(ctx context.Context, _ progressFunc) error {
			var err error
			id, err = v.mw.lib.AddFeed(ctx, s.URL, s.Title)
			return err
		},
		done: func(err error) {
			if err != nil && !errors.Is(err, library.ErrFeedExists) {
				v.mw.jobs.showError("Subscribing again to "+s.URL, err)
				return
			}
			v.selected = id
			v.notice.SetText("“" + feedName(s) + "” is back; reading it again.")
			v.refresh([]int64{id}, false)
		},
	})
}

func (v *feedsView) onRefreshOne() {
	if v.selected != 0 {
		v.refresh([]int64{v.selected}, false)
	}
}

func (v *feedsView) onRefreshAll() { v.refresh(nil, false) }

// onMarkAllRead marks every listed item of the selected feed read.
func (v *feedsView) onMarkAllRead() {
	id := v.selected
	var ids []int64
	for _, a := range v.articles {
		if !a.Read {
			ids = append(ids, a.ID)
		}
	}
	if len(ids) == 0 {
		return
	}
	v.mw.jobs.run(job{
		title: "Marking as read",
		work: func(ctx context.Context, _ progressFunc) error {
			for _, a := range ids {
				if err := v.mw.lib.SetRead(ctx, a, true); err != nil {
					return err
				}
			}
			return nil
		},
		done: func(err error) {
			if err != nil {
				v.mw.jobs.showError("Marking as read", err)
			}
			if mw := v.mw; mw.story != nil {
				for _, a := range mw.story.articles {
					for _, r := range ids {
						if a.ID == r {
							a.Read = true
							mw.versions.refreshArticle(a.ID)
						}
					}
				}
			}
			if v.selected == id {
				v.reload()
			}
		},
	})
}
