package ui

import (
	"context"
	"database/sql"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	_ "github.com/mattn/go-sqlite3" // to find the page to damage

	"github.com/parallax-news/parallax/library"
)

// The window on a library not closed cleanly is built, lists the library
// and shows its first story while the library's check has yet to run;
// the status line says it is checking. A check that finds damage then
// turns the window read-only with the damaged notice; one that passes
// clears the line. An article marked read as it is shown waits for the
// check; in a damaged library the mark is dropped without an error
// dialog, the notice saying why.
func TestWindowChecksAnUncleanLibraryAfterItIsShown(t *testing.T) {
	cases := []struct {
		name            string
		damaged, unread bool
	}{
		{"sound", false, false},
		{"damaged", true, false},
		{"damaged, first article unread", true, true},
	}
	for _, tc := range cases {
		damaged := tc.damaged
		t.Run(tc.name, func(t *testing.T) {
			path := readLibrary(t, 3, tc.unread)
			if damaged {
				damageTable(t, path, "article_raw_hash") // not read by the window's start
			} else {
				now := time.Now()
				os.Chtimes(path, now, now) // touched: not as its last close left it
			}
			lib, err := library.Open(path, library.DeferCheck())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { lib.Close() })
			if !lib.CheckPending() {
				t.Fatal("the library's check was not deferred")
			}

			release := make(chan struct{})
			finish, after := finishCheck, checkNoticeAfter
			t.Cleanup(func() { finishCheck, checkNoticeAfter = finish, after })
			checkNoticeAfter = 0
			finishCheck = func(ctx context.Context, lib *library.Library) error {
				select {
				case <-release:
				case <-ctx.Done():
					return ctx.Err()
				}
				return finish(ctx, lib)
			}

			mw := newMainWindow(test.NewTempApp(t), lib)
			t.Cleanup(mw.stopPreparingSearch)
			// Showing an unread article marks it read: that write runs the
			// check itself, which may end before the window asks for it.
			runHandBacksUntil(t, mw.jobs, "the first story shown with the check's notice", func() bool {
				return mw.story != nil && (tc.unread || mw.status.Text == checkingNotice)
			})
			if !tc.unread && !lib.CheckPending() {
				t.Fatal("the library was checked before the window showed its first story")
			}

			close(release)
			mw.jobs.wait()
			if damaged {
				if lib.Damaged() == "" {
					t.Fatal("the check found no damage")
				}
				if mw.status.Text != damagedNotice {
					t.Errorf("status line %q, want the damaged notice", mw.status.Text)
				}
				if !mw.reader.read.Disabled() || !mw.reader.star.Disabled() {
					t.Error("the marks of a damaged library can be changed")
				}
				if mw.win.Canvas().Overlays().Top() != nil {
					t.Error("a dialog was shown; the status line says it all")
				}
				if a := mw.reader.article; tc.unread && (a.Read || mw.reader.read.Checked) {
					t.Errorf("the article shows as read (%v, box %v), which was not stored", a.Read, mw.reader.read.Checked)
				}
				// An unread article shown next is not marked read.
				a := mw.story.articles[0]
				a.Read = false
				mw.reader.setArticle(mw.story, a)
				if mw.reader.unseen || !mw.reader.read.Disabled() {
					t.Error("showing an article of a damaged library would mark it read")
				}
				return
			}
			if lib.Damaged() != "" || lib.CheckPending() {
				t.Fatalf("sound library: damaged %q, pending %v", lib.Damaged(), lib.CheckPending())
			}
			if mw.status.Text == checkingNotice || mw.reader.read.Disabled() {
				t.Errorf("after the check passed: status line %q, marks greyed out %v", mw.status.Text, mw.reader.read.Disabled())
			}
		})
	}
}

// readLibrary makes a library of n stories whose articles are all read
// (so that showing one writes nothing), but for the newest one when
// unread, and closes it.
func readLibrary(t *testing.T, n int, unread bool) string {
	t.Helper()
	st, _ := manyStoriesLibrary(t, n)
	last := int64(n)
	if unread {
		last--
	}
	for id := int64(1); id <= last; id++ {
		if err := st.SetRead(context.Background(), id, true); err != nil {
			t.Fatal(err)
		}
	}
	path := st.Path()
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// damageTable overwrites the start of the root page of table in the
// closed library at path, which SQLite's check then reports.
func damageTable(t *testing.T, path, table string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var root, pageSize int64
	err = db.QueryRow(`SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master WHERE name = ?`, table).Scan(&root, &pageSize)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt([]byte(strings.Repeat("\xde\xad\xbe\xef", 64)), (root-1)*pageSize); err != nil {
		t.Fatal(err)
	}
}

// runHandBacksUntil runs the window's hand-backs, as its UI goroutine
// would, until cond holds (jobRunner.wait would wait for a job that is
// held).
func runHandBacksUntil(t *testing.T, r *jobRunner, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(time.Minute) // a hang, not a slow machine
	for !cond() {
		select {
		case fn := <-r.queue:
			fn()
		case <-time.After(10 * time.Millisecond):
		case <-deadline:
			t.Fatalf("never reached: %s (status line %q)", what, r.status.Text)
		}
	}
}
