package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/parallax-news/parallax/library"
)

// onImportOPML subscribes to the feeds of an OPML file.
func (v *feedsView) onImportOPML() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			v.jobs.showError("Choosing an OPML file", err)
			return
		}
		if r == nil {
			return
		}
		v.importOPMLFrom(r)
	}, v.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".opml", ".xml"}))
	d.Resize(fyne.NewSize(800, 560))
	v.dialogs.show(d, nil)
}

// importOPMLFrom reads r (and closes it), subscribes to the feeds it
// lists, and offers to read the new ones at once.
func (v *feedsView) importOPMLFrom(r fyne.URIReadCloser) {
	name := r.URI().Name()
	var res library.OPMLImport
	v.jobs.run(job{
		title: "Importing " + name,
		work: func(ctx context.Context, _ progressFunc) error {
			defer r.Close()
			var err error
			res, err = v.lib.ImportOPMLList(ctx, r)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			return nil
		},
		done: func(err error) {
			v.reload()
			if err != nil {
				v.jobs.showError("Importing "+name, err)
				return
			}
			msg := fmt.Sprintf("%s: %s added, %d already followed", name, plural(len(res.Added), "feed"), res.Known)
			if len(res.Refused) > 0 {
				msg += fmt.Sprintf(", %d refused (not http or https)", len(res.Refused))
			}
			msg += "."
			v.setNotice(msg)
			if len(res.Added) == 0 {
				return
			}
			v.dialogs.confirm("OPML imported", msg+"\n\nRead the new feeds now?", func(ok bool) {
				if ok {
					v.refresh(res.Added, false)
				}
			})
		},
	})
}

// onExportOPML writes the subscriptions to an OPML file.
func (v *feedsView) onExportOPML() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			v.jobs.showError("Choosing where to export", err)
			return
		}
		if w == nil {
			return
		}
		v.exportOPMLTo(w)
	}, v.win)
	d.SetFileName("parallax-feeds.opml")
	d.Resize(fyne.NewSize(800, 560))
	v.dialogs.show(d, nil)
}

// exportOPMLTo writes the subscriptions to w and closes it.
func (v *feedsView) exportOPMLTo(w fyne.URIWriteCloser) {
	n := 0
	v.jobs.run(job{
		title: "Exporting the feeds",
		work: func(ctx context.Context, _ progressFunc) error {
			subs, err := v.lib.Feeds(ctx)
			n = len(subs)
			if err == nil {
				err = v.lib.ExportOPML(ctx, w)
			}
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			return err
		},
		done: func(err error) {
			if err != nil {
				v.jobs.showError("Exporting the feeds", err)
				return
			}
			v.setNotice(fmt.Sprintf("%s written to %s.", plural(n, "feed"), w.URI().Path()))
		},
	})
}
