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

// onAdd subscribes to addr and refreshes the new feed.
func (v *feedsView) onAdd(addr string) {
	if err := validateFeedURL(addr); err != nil {
		v.setNotice(sentenceCase(readable(err)) + ".")
		return
	}
	var id int64
	v.jobs.run(job{
		title: "Subscribing",
		work: func(ctx context.Context, _ progressFunc) error {
			var err error
			id, err = v.lib.AddFeed(ctx, addr, "")
			return err
		},
		done: func(err error) {
			switch {
			case errors.Is(err, library.ErrFeedExists):
				v.selected = id
				v.setNotice("Already subscribed to " + addr + ".")
				v.reload()
			case err != nil:
				v.jobs.showError("Subscribing to "+addr, err)
			default:
				v.side.url.SetText("")
				v.selected = id
				v.setNotice("Subscribed to " + addr + "; reading it now.")
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
	title := newKeyEntry(v.dialogs, false)
	title.SetText(s.Title)
	title.Validator = func(t string) error {
		if strings.TrimSpace(t) == "" {
			return errors.New("a title is needed")
		}
		return nil
	}
	v.dialogs.form("Rename the feed", "Rename", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Title", title)}, func(ok bool) {
			if ok {
				v.renameFeed(s.ID, title.Text)
			}
		}, fyne.NewSize(480, 160))
	v.win.Canvas().Focus(title)
}

// renameFeed stores a feed's new title.
func (v *feedsView) renameFeed(id int64, title string) {
	title = strings.TrimSpace(title)
	v.jobs.run(job{
		title: "Renaming the feed",
		work: func(ctx context.Context, _ progressFunc) error {
			return v.lib.RenameFeed(ctx, id, title)
		},
		done: func(err error) {
			if err != nil {
				v.jobs.showError("Renaming the feed", err)
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
	v.dialogs.confirm("Unsubscribe", msg, func(ok bool) {
		if ok {
			v.removeFeed(s)
		}
	})
}

// removeFeed unsubscribes from s; Undo subscribes again and reads the
// feed back (its articles were kept, so they are linked, not copied).
func (v *feedsView) removeFeed(s parallax.Subscription) {
	v.jobs.run(job{
		title: "Removing the feed",
		work: func(ctx context.Context, _ progressFunc) error {
			return v.lib.RemoveFeed(ctx, s.ID)
		},
		done: func(err error) {
			if err != nil {
				v.jobs.showError("Removing the feed", err)
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
				v.undoFeed = nil
				v.page.undoRemove.Hide()
				v.restoreFeed(s)
			}
			v.undoFeed = restore
			v.undoLabel = label
			v.undo.push(label, restore)
			v.setNotice("Unsubscribed from “" + feedName(s) + "”; its articles stay in the library. Undo subscribes again.")
			v.page.undoRemove.Show()
			v.selected = 0
			v.reload()
		},
	})
}

// onUndoRemove brings back the feed removed last.
func (v *feedsView) onUndoRemove() {
	if v.undoFeed == nil {
		return
	}
	// The same step is on the window's undo stack: take it off, so that
	// Ctrl+Z takes back the step before it.
	v.undo.remove(v.undoLabel)
	v.setNotice("Undone: " + v.undoLabel)
	v.undoFeed()
}

// restoreFeed subscribes to s again, with its title, and refreshes it.
func (v *feedsView) restoreFeed(s parallax.Subscription) {
	var id int64
	v.jobs.run(job{
		title: "Subscribing again",
		work: func(ctx context.Context, _ progressFunc) error {
			var err error
			id, err = v.lib.AddFeed(ctx, s.URL, s.Title)
			return err
		},
		done: func(err error) {
			if err != nil && !errors.Is(err, library.ErrFeedExists) {
				v.jobs.showError("Subscribing again to "+s.URL, err)
				return
			}
			v.selected = id
			v.setNotice("“" + feedName(s) + "” is back; reading it again.")
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
	v.jobs.run(job{
		title: "Marking as read",
		work: func(ctx context.Context, _ progressFunc) error {
			for _, a := range ids {
				if err := v.lib.SetRead(ctx, a, true); err != nil {
					return err
				}
			}
			return nil
		},
		done: func(err error) {
			if err != nil {
				v.jobs.showError("Marking as read", err)
			}
			if v.selected == id {
				v.readChanged(ids, true)
			}
			v.reload()
		},
	})
}

// onMarkUnread marks the item in the preview unread again.
func (v *feedsView) onMarkUnread() {
	a, ok := v.page.item()
	if !ok {
		return
	}
	v.jobs.run(job{
		title: "Marking as unread",
		work: func(ctx context.Context, _ progressFunc) error {
			return v.lib.SetRead(ctx, a.ID, false)
		},
		done: func(err error) {
			if err != nil {
				v.jobs.showError("Marking as unread", err)
				return
			}
			v.readChanged([]int64{a.ID}, false)
		},
	})
}

// onOpenPage opens the item's web page in the browser.
func (v *feedsView) onOpenPage() {
	a, ok := v.page.item()
	if !ok || v.events.openURL == nil {
		return
	}
	u, err := url.Parse(a.PathOrURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		v.setNotice("This item has no web page.")
		return
	}
	if err := v.events.openURL(u); err != nil {
		v.jobs.showError("Opening "+a.PathOrURL, err)
	}
}
