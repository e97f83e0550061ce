// Package ui is the Parallax desktop window: the library of stories with
// full-text search, a reader, the side-by-side compare view, the story
// overview heat map, the flags and notes panels, import and export. It
// presents what the store holds and what compare computes; it never
// aligns text itself.
package ui

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strconv"
	"strings"

	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/assets"
	"github.com/parallax-news/parallax/library"
)

// loadDemo fills an empty library with the demo stories; the empty state
// offers it. Tests replace it.
var loadDemo = func(ctx context.Context, lib *library.Library) error {
	_, err := lib.LoadDemo(ctx)
	return err
}

// appIcon is the icon the window shows in the task bar and title.
var appIcon = fyne.NewStaticResource("parallax.png", assets.Icon)

// Preference keys.
const (
	prefWidth     = "window.width"
	prefHeight    = "window.height"
	prefLastStory = "story.last"
	prefTheme     = "theme"
	prefPairStem  = "pair." // + story id: "versionA|versionB"
)

// Run opens the main window on the library and blocks until it closes.
// defaultWidth and defaultHeight are the window's size on first start.
const defaultWidth, defaultHeight = 1200, 640

func Run(a fyne.App, lib *library.Library) {
	mw := newMainWindow(a, lib)
	a.Lifecycle().SetOnStarted(func() { mw.trace.mark("window started") })
	mw.feeds.startAutoRefresh()
	mw.feeds.start() // the unread count on the Feeds tab; a refresh if due
	defer mw.feeds.stopAutoRefresh()
	mw.watch.start(func() { mw.jobs.handBack(mw.onLibraryChanged) })
	defer mw.watch.stop()
	mw.win.ShowAndRun()
}

// mainWindow holds the window, the views, and the selected story.
type mainWindow struct {
	app fyne.App
	win fyne.Window
	lib *library.Library
	// listing lists the stories: the library, but for tests that count
	// what the start reads.
	listing storyLister
	jobs    *jobRunner
	// dialogs shows every dialog, so that Escape and Enter work in it.
	dialogs *dialogKeys
	edits   *storyEdits
	libKey  string // names this library in per-library settings
	watch   *libraryWatch
	prefs   fyne.Preferences

	status   *widget.Label
	sidebar  *sidebarView
	versions *versionsView
	reader   *readerView
	compare  *compareView
	overview *overviewView
	flags    *flagsPanel
	notes    *notesPanel
	feeds    *feedsView
	counter  *flagCounter
	center   *container.AppTabs
	right    *container.AppTabs
	body     *fyne.Container // the split view, or the empty state
	split    fyne.CanvasObject

	// The sidebar's tabs: the stories, or the feeds with the feed page in
	// the main area (feedswindow.go).
	leftTabs   *container.AppTabs
	storiesTab *container.TabItem
	feedsTab   *container.TabItem
	main       *fyne.Container   // the story's views, or the feed page
	storyViews fyne.CanvasObject // the centre and right tabs
	feedPage   fyne.CanvasObject

	story     *storyData
	storySeq  int    // counts story loads, so only the latest one is shown
	afterOpen func() // runs once the story being opened is shown
	// afterFirstStory runs once the first story is shown (or failed to
	// open): the rest of the start-up's work, which waits so as not to
	// slow it.
	afterFirstStory func()
	// stopSearchPrep stops prepareSearch's build of the search index;
	// stopCheck stops waiting for the library's check (librarycheck.go).
	stopSearchPrep context.CancelFunc
	stopCheck      context.CancelFunc
	demoButton     *widget.Button // in the empty state
	undo           undoStack
	trace          *startupTrace
}

// newMainWindow builds the window and starts loading the library; it does
// not show the window.
func newMainWindow(a fyne.App, lib *library.Library) *mainWindow {
	mw := &mainWindow{
		libKey:  libraryKey(lib.Path()),
		app:     a,
		win:     a.NewWindow("Parallax"),
		lib:     lib,
		listing: newStoryLister(lib),
		prefs:   a.Preferences(),
		status:  widget.NewLabel(""),
		trace:   newStartupTrace(),
	}
	mw.applyTheme(mw.prefs.StringWithFallback(prefTheme, themeSystem))
	mw.status.Truncation = fyne.TextTruncateEllipsis
	mw.dialogs = newDialogKeys(mw.win, nil)
	mw.jobs = newJobRunner(mw.win, mw.status)
	mw.jobs.dialogs = mw.dialogs

	mw.edits = newStoryEdits(mw.jobs, lib, &mw.undo, editEvents{
		storiesChanged: mw.storiesChanged,
		setStatus:      mw.status.SetText,
	})
	mw.watch = newLibraryWatch(lib.Path(), func() (int64, error) {
		return lib.ListingVersion(context.Background())
	})
	mw.sidebar = newSidebarView(mw.win, mw.jobs, lib.Search, sidebarEvents{
		openStory:   mw.openStory,
		openArticle: mw.openArticle,
	})
	mw.versions = newVersionsView(mw.win, versionEvents{
		show: func(d *storyData, a *parallax.Article) {
			mw.reader.setArticle(d, a)
			mw.showTab("Read")
		},
		storyAt: func(pos fyne.Position) (int64, string) {
			id := mw.sidebar.storyAt(pos)
			if i := mw.sidebar.indexOf(id); i >= 0 {
				return id, mw.sidebar.stories[i].Title
			}
			return 0, ""
		},
		move:      mw.edits.move,
		askMove:   mw.onMoveVersion,
		split:     mw.onSplitVersion,
		setStatus: mw.status.SetText,
	})
	mw.reader = newReaderView(mw.jobs, lib, readerEvents{
		shown: func() bool {
			return !mw.feedsShown() && (mw.center == nil || mw.center.Selected() == nil || mw.center.Selected().Text == "Read")
		},
		changed: func(id int64) {
			mw.versions.refreshArticle(id)
			mw.feeds.readStateChanged()
		},
	})
	mw.compare = newCompareView(mw.win, mw.jobs, mw.dialogs, lib, &mw.undo, compareEvents{
		lastPair:     mw.lastPair,
		pairShown:    mw.rememberPair,
		saveNote:     mw.saveNote,
		linksChanged: mw.showLinked,
	})
	mw.overview = newOverviewView(func(a, b string, p int) {
		mw.compare.showPassage(a, b, p)
		mw.showTab("Compare")
	})
	mw.flags = newFlagsPanel(mw.win, mw.jobs, lib, &mw.undo, mw.compare, flagEvents{
		showCompare: func() { mw.showTab("Compare") },
		decided:     mw.decisionsChanged,
	})
	mw.notes = newNotesPanel(mw.jobs, lib, &mw.undo, noteEvents{
		showParagraph: func(ref parallax.ParaRef) {
			mw.compare.showParagraph(ref)
			mw.showTab("Compare")
		},
		changed: mw.notesChanged,
		restore: mw.saveNote,
	})
	mw.feeds = mw.newFeeds()
	mw.counter = newFlagCounter(mw.jobs, lib, counterEvents{
		selected: func() int64 { return mw.sidebar.selected },
		counted:  mw.sidebar.setOpenFlags,
	})

	mw.center = container.NewAppTabs(
		container.NewTabItem("Read", mw.reader.build()),
		container.NewTabItem("Compare", mw.compare.build()),
		container.NewTabItem("Overview", mw.overview.build()),
	)
	mw.center.OnSelected = func(it *container.TabItem) {
		if it.Text == "Read" {
			mw.reader.render()
		}
	}
	mw.right = container.NewAppTabs(
		container.NewTabItem("Flags", mw.flags.build()),
		container.NewTabItem("Notes", mw.notes.build()),
	)
	stories := container.NewVSplit(mw.sidebar.build(), mw.versions.build())
	stories.Offset = 0.62
	inner := container.NewHSplit(mw.center, mw.right)
	inner.Offset = 0.70
	outer := container.NewHSplit(mw.buildLeft(stories, inner), mw.main)
	outer.Offset = 0.22
	mw.split = outer
	mw.body = container.NewStack(outer)

	// The app's icon is every window's unless it sets its own.
	mw.app.SetIcon(appIcon)
	mw.win.SetIcon(appIcon)
	mw.win.SetContent(container.NewBorder(nil, mw.trace.withProbe(mw.status), nil, nil, mw.body))
	mw.win.SetMainMenu(mw.mainMenu())
	mw.win.SetOnDropped(mw.onDropped)
	// The first size fits a 1280×720 laptop screen with its title bar and
	// panel; after that the window keeps the size the analyst gave it.
	mw.win.Resize(fyne.NewSize(
		float32(mw.prefs.FloatWithFallback(prefWidth, defaultWidth)),
		float32(mw.prefs.FloatWithFallback(prefHeight, defaultHeight))))
	mw.win.SetCloseIntercept(mw.onClose)
	mw.restoreSidebarTab()
	if lib.ReadOnly() {
		// Reading, comparing and searching work; a mark, decision, note or
		// import would fail, so say so once instead of at every story.
		notice := readOnlyNotice
		if lib.Damaged() != "" {
			notice = damagedNotice
		}
		mw.serveReadOnly(notice)
	}
	mw.listFirstPage(int64(mw.prefs.IntWithFallback(mw.libPref(prefLastStory), 0)))
	return mw
}

// readOnlyNotice is the status line of a library the user cannot write.
const readOnlyNotice = "This library is read-only: you can read, compare and search it, but marks, decisions, notes and imports cannot be saved."

// onClose remembers the window size and stops the feed refresh before
// closing.
func (mw *mainWindow) onClose() {
	mw.feeds.stopAutoRefresh()
	mw.watch.stop()
	mw.counter.stop()
	mw.stopPreparingSearch()
	if mw.stopCheck != nil {
		mw.stopCheck()
	}
	size := mw.win.Canvas().Size()
	if size.Width > 0 && size.Height > 0 {
		mw.prefs.SetFloat(prefWidth, float64(size.Width))
		mw.prefs.SetFloat(prefHeight, float64(size.Height))
	}
	mw.win.Close()
}

// openStory loads story id off the UI goroutine and shows it.
func (mw *mainWindow) openStory(id int64) {
	if mw.story != nil && mw.story.story.ID == id {
		return
	}
	var d *storyData
	mw.storySeq++
	seq := mw.storySeq
	mw.jobs.run(job{
		title: "Opening the story",
		work: func(ctx context.Context, _ progressFunc) error {
			var err error
			d, err = loadStory(ctx, mw.lib, id)
			return err
		},
		done: func(err error) {
			if seq != mw.storySeq {
				return // another story was asked for meanwhile
			}
			if f := mw.afterFirstStory; f != nil {
				mw.afterFirstStory = nil
				defer f()
			}
			if err != nil {
				mw.jobs.showError("Opening the story", err)
				return
			}
			mw.setStory(d)
			mw.trace.mark("story shown")
			mw.trace.markPainted("story painted")
			if f := mw.afterOpen; f != nil {
				mw.afterOpen = nil
				f()
			}
		},
	})
}

// reloadStory recomputes the shown story (after an import into it).
func (mw *mainWindow) reloadStory() {
	if mw.story == nil {
		return
	}
	id := mw.story.story.ID
	mw.story = nil
	mw.openStory(id)
}

// setStory shows d in every view.
func (mw *mainWindow) setStory(d *storyData) {
	mw.story = d
	mw.prefs.SetInt(mw.libPref(prefLastStory), int(d.story.ID))
	mw.win.SetTitle("Parallax — " + d.story.Title)
	mw.versions.setStory(d)
	mw.compare.setStory(d)
	mw.overview.setStory(d)
	mw.flags.setStory(d)
	mw.notes.setStory(d)
	if len(d.articles) > 0 {
		mw.reader.setArticle(d, d.articles[0])
	} else {
		mw.reader.setArticle(d, nil)
	}
	mw.sidebar.setOpenFlags(d.story.ID, d.openFlags())
	mw.sidebar.setDateFlagged(d.story.ID, d.latestDateFlagged())
	mw.sidebar.setShown(d.story.ID)
}

// decisionsChanged refreshes what shows a flag's status.
func (mw *mainWindow) decisionsChanged() {
	if mw.story == nil {
		return
	}
	mw.flags.refresh()
	mw.compare.refresh()
	mw.sidebar.setOpenFlags(mw.story.story.ID, mw.story.openFlags())
}

// notesChanged reloads the story's notes and refreshes what shows them.
func (mw *mainWindow) notesChanged() {
	d := mw.story
	if d == nil {
		return
	}
	var notes []parallax.Note
	mw.jobs.run(job{
		title: "Reading notes",
		work: func(ctx context.Context, _ progressFunc) error {
			var err error
			notes, err = mw.lib.Notes(ctx, d.story.ID)
			return err
		},
		done: func(err error) {
			if err != nil {
				mw.jobs.showError("Reading notes", err)
				return
			}
			d.notes = notes
			mw.notes.refresh()
			mw.compare.refresh()
		},
	})
}

// showTab brings a centre tab ("Read", "Compare", "Overview") to the front.
func (mw *mainWindow) showTab(name string) {
	for _, it := range mw.center.Items {
		if it.Text == name {
			mw.center.Select(it)
			return
		}
	}
}

// showEmptyState swaps the views for an explanation of what to do when the
// library is empty, and back.
func (mw *mainWindow) showEmptyState(empty bool) {
	if !empty || mw.feedsShown() {
		mw.body.Objects = []fyne.CanvasObject{mw.split}
		mw.body.Refresh()
		return
	}
	title := widget.NewLabelWithStyle("Your library is empty", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	text := widget.NewLabel("Parallax compares several versions of one story: the wire original, shortened copies, translations and rewrites. Start with the versions of one story:")
	text.Wrapping = fyne.TextWrapWord
	items := []fyne.CanvasObject{title, text, newDropZone(),
		widget.NewButtonWithIcon("Import files…  (Ctrl+O)", theme.FileIcon(), mw.onImportFiles),
		widget.NewButtonWithIcon("Import a folder…  (Ctrl+Shift+O)", theme.FolderOpenIcon(), mw.onImportFolder),
		widget.NewButtonWithIcon("Paste an article's text  (Ctrl+Shift+V)", theme.ContentPasteIcon(), mw.onPasteVersion),
		widget.NewButtonWithIcon("Follow news feeds…  (Ctrl+Shift+F)", theme.MailComposeIcon(), mw.openFeeds)}
	mw.demoButton = widget.NewButtonWithIcon("Load the demo library", theme.HelpIcon(), mw.onLoadDemo)
	mw.demoButton.Importance = widget.HighImportance
	items = append(items, mw.demoButton)
	box := container.NewVBox(items...)
	mw.body.Objects = []fyne.CanvasObject{container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 520), box))}
	mw.body.Refresh()
}

// newDropZone is the framed area of the empty state that invites a drop;
// the whole window takes drops (SetOnDropped), the frame shows where.
func newDropZone() fyne.CanvasObject {
	th := fyne.CurrentApp().Settings().Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	frame := canvas.NewRectangle(color.Transparent)
	frame.StrokeColor = th.Color(theme.ColorNamePrimary, v)
	frame.StrokeWidth = 2
	frame.CornerRadius = 8
	label := widget.NewLabelWithStyle("Drop files or folders of articles here", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	hint := widget.NewLabelWithStyle("plain text, HTML and Markdown files", fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
	icon := widget.NewIcon(theme.DownloadIcon())
	return container.NewStack(frame, container.NewPadded(container.NewVBox(icon, label, hint)))
}

// onLoadDemo fills the library with the demo stories.
func (mw *mainWindow) onLoadDemo() {
	mw.jobs.run(job{
		title: "Loading the demo library",
		modal: true,
		work: func(ctx context.Context, _ progressFunc) error {
			return loadDemo(ctx, mw.lib)
		},
		done: func(err error) {
			if err != nil {
				mw.jobs.showError("Loading the demo library", err)
			}
			mw.refreshStories(0)
		},
	})
}

// pairPref is the preference key remembering the compared pair of a story.
func (mw *mainWindow) pairPref(storyID int64) string {
	return mw.libPref(prefPairStem + strconv.FormatInt(storyID, 10))
}

// lastPair is the pair of versions last compared in a story, ("", "")
// when none was.
func (mw *mainWindow) lastPair(storyID int64) (a, b string) {
	a, b, _ = strings.Cut(mw.prefs.String(mw.pairPref(storyID)), "|")
	return a, b
}

// rememberPair keeps the pair of versions compared in a story.
func (mw *mainWindow) rememberPair(storyID int64, a, b string) {
	mw.prefs.SetString(mw.pairPref(storyID), a+"|"+b)
}

// showLinked opens the shown story again after its paragraph links
// changed (it is compared anew), with paragraph ref in view.
func (mw *mainWindow) showLinked(ref parallax.ParaRef) {
	// A link undone after another story was opened concerns that story
	// alone; its cached comparison is gone, so it is compared anew when
	// opened.
	if mw.story == nil || mw.story.byVersion[ref.Version] == nil {
		return
	}
	mw.afterOpen = func() { mw.compare.showParagraph(ref) }
	mw.reloadStory()
}

// libPref makes key a setting of this library: story ids mean nothing in
// another one, so the last story and the compared pairs are kept per
// library (the window size and theme are the app's).
func (mw *mainWindow) libPref(key string) string {
	return key + "@" + mw.libKey
}

// libraryKey names a library in preference keys: a short hash of its path.
func libraryKey(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	sum := sha256.Sum256([]byte(path))
	return hex.EncodeToString(sum[:6])
}

// applyTheme sets the theme preference (system, light or dark).
func (mw *mainWindow) applyTheme(pref string) {
	mw.prefs.SetString(prefTheme, pref)
	mw.app.Settings().SetTheme(newParallaxTheme(pref))
}

// openArticle selects story storyID in the sidebar and shows article
// articleID in the reader, reloading the story when the article joined it
// after it was opened.
func (mw *mainWindow) openArticle(storyID, articleID int64) {
	reloaded := false
	var show func()
	show = func() {
		if mw.story == nil || mw.story.story.ID != storyID {
			return
		}
		for i, a := range mw.story.articles {
			if a.ID == articleID {
				mw.versions.list.Select(i) // shows it in the reader
				if mw.reader.article != a {
					mw.reader.setArticle(mw.story, a)
				}
				mw.showTab("Read")
				return
			}
		}
		if !reloaded {
			reloaded = true
			mw.afterOpen = show
			mw.reloadStory()
		}
	}
	if mw.story != nil && mw.story.story.ID == storyID {
		show()
		return
	}
	mw.afterOpen = show
	if mw.sidebar.indexOf(storyID) >= 0 {
		mw.sidebar.selectStory(storyID)
		return
	}
	mw.openStory(storyID)
}

// RunError opens a window that says why the library at path could not be
// opened, and blocks until it closes.
func RunError(a fyne.App, path string, err error) {
	w := a.NewWindow("Parallax")
	msg := widget.NewLabel("Parallax could not open the library\n" + path + "\n\n" + readable(err))
	msg.Wrapping = fyne.TextWrapWord
	w.SetContent(container.NewBorder(nil, widget.NewButton("Close", w.Close), nil, nil, msg))
	w.Resize(fyne.NewSize(520, 240))
	w.ShowAndRun()
}
