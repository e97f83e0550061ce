package ui

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest/feed"
	"github.com/parallax-news/parallax/library"
)

// onImportOPML subscribes to the feeds of an OPML file.
func (v *feedsView) onImportOPML() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			v.mw.jobs.showError("Choosing an OPML file", err)
			return
		}
		if r == nil {
			return
		}
		v.importOPMLFrom(r)
	}, v.mw.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".opml", ".xml"}))
	d.Resize(fyne.NewSize(800, 560))
	v.mw.dialogs.show(d, nil)
}

// importOPMLFrom reads r (and closes it), subscribes to the feeds it
// lists, and offers to read the new ones at once.
func (v *feedsView) importOPMLFrom(r fyne.URIReadCloser) {
	name := r.URI().Name()
	var added []int64
	listed := 0
	v.mw.jobs.run(job{
		title: "Importing " + name,
		work: func(ctx context.Context, _ progressFunc) error {
			defer r.Close()
			subs, err := feed.ReadOPML(r)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			listed = len(subs)
			for _, s := range subs {
				id, err := v.mw.lib.AddFeed(ctx, s.URL, s.Title)
				switch {
				case errors.Is(err, library.ErrFeedExists):
					continue
				case err != nil:
					return err
				}
				added = append(added, id)
			}
			return nil
		},
		done: func(err error) {
			v.reload()
			if err != nil {
				v.mw.jobs.showError("Importing "+name, err)
				return
			}
			msg := fmt.Sprintf("%s: %s added, %d already followed.", name, plural(len(added), "feed"), listed-len(added))
			v.notice.SetText(msg)
			if len(added) == 0 {
				return
			}
			v.mw.dialogs.confirm("OPML imported", msg+"\n\nRead the new feeds now?", func(ok bool) {
				if ok {
					v.refresh(added, false)
				}
			})
		},
	})
}

// onExportOPML writes the subscriptions to an OPML file.
func (v *feedsView) onExportOPML() {
	subs := v.subs
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			v.mw.jobs.showError("Choosing where to export", err)
			return
		}
		if w == nil {
			return
		}
		v.exportOPMLTo(w, subs)
	}, v.mw.win)
	d.SetFileName("parallax-feeds.opml")
	d.Resize(fyne.NewSize(800, 560))
	v.mw.dialogs.show(d, nil)
}

// exportOPMLTo writes subs to w and closes it.
func (v *feedsView) exportOPMLTo(w fyne.URIWriteCloser, subs []parallax.Subscription) {
	v.mw.jobs.run(job{
		title: "Exporting the feeds",
		work: func(context.Context, progressFunc) error {
			err := feed.WriteOPML(w, subs)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			return err
		},
		done: func(err error) {
			if err != nil {
				v.mw.jobs.showError("Exporting the feeds", err)
				return
			}
			v.notice.SetText(fmt.Sprintf("%s written to %s.", plural(len(subs), "feed"), w.URI().Path()))
		},
	})
}
