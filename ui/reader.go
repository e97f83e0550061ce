package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/library"
)

// readerView shows one article: headlines, source, date, byline, body,
// with boilerplate paragraphs dimmed.
type readerView struct {
	jobs    *jobRunner
	marks   articleMarks
	events  readerEvents
	text    *widget.RichText
	scroll  *container.Scroll
	read    *widget.Check
	star    *widget.Check
	story   *storyData
	article *parallax.Article
	stale   bool // the article changed while the tab was hidden
	unseen  bool // the article is unread and was not shown yet
	// readOnly: the library cannot be written, so showing an article
	// does not mark it read and the marks cannot be changed.
	readOnly bool
}

// render lays out the article; wrapping a long article is slow, so a
// hidden reader waits until its tab is shown (see onShown).
func (v *readerView) render() {
	if !v.stale || v.article == nil {
		return
	}
	v.stale = false
	if v.unseen {
		// Read once it is in front, not while the analyst looks at the
		// feeds or another tab.
		v.unseen = false
		v.read.Checked = true
		v.read.Refresh()
		v.onRead(true)
	}
	v.text.Segments = articleSegments(v.story.label(strconv.FormatInt(v.article.ID, 10)), v.article)
	v.text.Refresh()
	v.scroll.ScrollToTop()
}

// articleMarks stores an article's read and starred marks (the library
// has these methods).
type articleMarks interface {
	SetRead(ctx context.Context, id int64, read bool) error
	SetStarred(ctx context.Context, id int64, starred bool) error
}

// readerEvents is what the reader asks of the window.
type readerEvents struct {
	shown   func() bool           // whether the reader's tab is in front
	changed func(articleID int64) // an article's read or starred mark changed
}

// newReaderView returns the reader; it stores marks through marks and
// reports through events, and knows nothing else of the window.
func newReaderView(jobs *jobRunner, marks articleMarks, events readerEvents) *readerView {
	return &readerView{jobs: jobs, marks: marks, events: events}
}

func (v *readerView) build() fyne.CanvasObject {
	v.text = widget.NewRichText()
	v.text.Wrapping = fyne.TextWrapWord
	v.scroll = container.NewVScroll(v.text)
	v.read = widget.NewCheck("Read", v.onRead)
	v.star = widget.NewCheck("Starred", v.onStar)
	v.read.Disable()
	v.star.Disable()
	bar := container.NewHBox(v.read, v.star)
	v.showNothing()
	return container.NewBorder(bar, nil, nil, nil, v.scroll)
}

func (v *readerView) showNothing() {
	v.text.Segments = []widget.RichTextSegment{
		plainSegment("Select a story on the left, then one of its versions.", colorDimmed, fyne.TextStyle{}, theme.SizeNameText),
	}
	v.text.Refresh()
}

// setReadOnly stops showing an article from marking it read and greys out
// the marks: the library cannot be written.
func (v *readerView) setReadOnly() {
	v.readOnly, v.unseen = true, false
	v.read.Disable()
	v.star.Disable()
}

// setArticle shows a (nil: nothing) and marks it read.
func (v *readerView) setArticle(d *storyData, a *parallax.Article) {
	v.story, v.article = d, a
	if a == nil {
		v.read.Disable()
		v.star.Disable()
		v.showNothing()
		return
	}
	v.stale = true
	v.unseen = !a.Read && !v.readOnly // showing an article marks it read
	if v.readOnly {
		v.read.Disable()
		v.star.Disable()
	} else {
		v.read.Enable()
		v.star.Enable()
	}
	v.star.Checked = a.Starred
	v.star.Refresh()
	v.read.Checked = a.Read
	v.read.Refresh()
	if v.events.shown() {
		v.render()
	}
}

// articleSegments lays out an article for reading.
func articleSegments(label string, a *parallax.Article) []widget.RichTextSegment {
	segs := []widget.RichTextSegment{
		// Headlines in full: the reader wraps them (oneLine would cut them).
		plainSegment(strings.Join(strings.Fields(a.Title), " "), theme.ColorNameForeground, fyne.TextStyle{Bold: true}, theme.SizeNameHeadingText),
	}
	for _, h := range a.Headlines {
		segs = append(segs, plainSegment(strings.Join(strings.Fields(h), " "), theme.ColorNameForeground, fyne.TextStyle{Italic: true}, theme.SizeNameSubHeadingText))
	}
	var meta []string
	meta = append(meta, label)
	if !a.Published.IsZero() {
		meta = append(meta, publishedText(a.Published, "2 January 2006"))
	}
	if a.Byline != "" {
		meta = append(meta, a.Byline)
	}
	segs = append(segs, plainSegment(strings.Join(meta, " · "), colorDimmed, fyne.TextStyle{}, theme.SizeNameText))
	if where := a.PathOrURL(); where != "" {
		segs = append(segs, plainSegment(where, colorDimmed, fyne.TextStyle{Italic: true}, theme.SizeNameCaptionText))
	}
	segs = append(segs, &widget.SeparatorSegment{})
	for _, p := range a.Paragraphs {
		switch {
		case p.Kind == parallax.KindHeadline && p.Text == a.Title:
			continue
		case p.Kind == parallax.KindSubhead || p.Kind == parallax.KindHeadline:
			segs = append(segs, plainSegment(flatSpace(p.Text), theme.ColorNameForeground, fyne.TextStyle{Bold: true}, theme.SizeNameText))
		case dimmedKind(p.Kind):
			segs = append(segs, plainSegment(flatSpace(p.Text), colorDimmed, fyne.TextStyle{Italic: true}, theme.SizeNameText))
		default:
			segs = append(segs, plainSegment(flatSpace(p.Text), theme.ColorNameForeground, fyne.TextStyle{}, theme.SizeNameText))
		}
	}
	return segs
}

func (v *readerView) onRead(on bool) {
	a := v.article
	if a == nil || a.Read == on {
		return
	}
	v.setArticleFlag(a, "Marking as read", func(ctx context.Context) error {
		return v.marks.SetRead(ctx, a.ID, on)
	}, func() { a.Read = on })
}

func (v *readerView) onStar(on bool) {
	a := v.article
	if a == nil || a.Starred == on {
		return
	}
	v.setArticleFlag(a, "Starring", func(ctx context.Context) error {
		return v.marks.SetStarred(ctx, a.ID, on)
	}, func() { a.Starred = on })
}

// setArticleFlag stores a read or star change and updates the lists.
func (v *readerView) setArticleFlag(a *parallax.Article, title string, store func(context.Context) error, apply func()) {
	v.jobs.run(job{
		title: title,
		work:  func(ctx context.Context, _ progressFunc) error { return store(ctx) },
		done: func(err error) {
			if errors.Is(err, library.ErrDamaged) {
				// The library's check found it damaged while the mark
				// waited: the status line says so (checkLibrary); the
				// mark shows what is stored.
				if v.article == a {
					v.read.SetChecked(a.Read)
					v.star.SetChecked(a.Starred)
				}
				return
			}
			if err != nil {
				v.jobs.showError(title, err)
				return
			}
			apply()
			v.events.changed(a.ID)
		},
	})
}
