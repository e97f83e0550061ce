package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
)

// shortcut is Ctrl (Cmd on macOS) plus key, with shift when asked.
func shortcut(key fyne.KeyName, shift bool) fyne.Shortcut {
	mod := fyne.KeyModifierShortcutDefault
	if shift {
		mod |= fyne.KeyModifierShift
	}
	return &desktop.CustomShortcut{KeyName: key, Modifier: mod}
}

// menuItem is a menu entry with a keyboard shortcut (nil for none).
func menuItem(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, action)
	it.Shortcut = sc
	return it
}

// quitItem is File ▸ Quit with Ctrl+Q; marked as the quit item, so Fyne
// adds no second one.
func quitItem(quit func()) *fyne.MenuItem {
	it := menuItem("Quit", shortcut(fyne.KeyQ, false), quit)
	it.IsQuit = true
	return it
}

// mainMenu is the window's menu bar; the shortcuts shown in it work from
// anywhere in the window.
func (mw *mainWindow) mainMenu() *fyne.MainMenu {
	file := fyne.NewMenu("File",
		menuItem("Import files…", shortcut(fyne.KeyO, false), mw.onImportFiles),
		menuItem("Import folder…", shortcut(fyne.KeyO, true), mw.onImportFolder),
		menuItem("Paste as new version", shortcut(fyne.KeyV, true), mw.onPasteVersion),
		fyne.NewMenuItemSeparator(),
		menuItem("Export report…", shortcut(fyne.KeyE, false), mw.onExport),
		fyne.NewMenuItemSeparator(),
		quitItem(mw.onClose),
	)
	edit := fyne.NewMenu("Edit",
		menuItem("Undo", &fyne.ShortcutUndo{}, mw.onUndo),
		fyne.NewMenuItemSeparator(),
		menuItem("Search the library", shortcut(fyne.KeyF, false), mw.sidebar.focusSearch),
		menuItem("Note on the selected paragraph…", shortcut(fyne.KeyN, false), mw.compare.onAddNote),
		menuItem("Link or unlink the picked paragraphs", shortcut(fyne.KeyL, false), func() { mw.showTab("Compare"); mw.compare.onLink() }),
	)
	story := fyne.NewMenu("Story",
		menuItem("Rename story…", nil, mw.onRenameStory),
		menuItem("Move version to story…", shortcut(fyne.KeyM, false), mw.onMoveVersion),
		menuItem("Split version into new story", nil, mw.onSplitVersion),
		menuItem("Merge stories…", shortcut(fyne.KeyM, true), mw.onMergeStories),
	)
	view := fyne.NewMenu("View",
		menuItem("Read", shortcut(fyne.Key1, false), func() { mw.showTab("Read") }),
		menuItem("Compare", shortcut(fyne.Key2, false), func() { mw.showTab("Compare") }),
		menuItem("Story overview", shortcut(fyne.Key3, false), func() { mw.showTab("Overview") }),
		fyne.NewMenuItemSeparator(),
		menuItem("Next change", shortcut(fyne.KeyRightBracket, false), func() { mw.showTab("Compare"); mw.compare.stepChange(1) }),
		menuItem("Previous change", shortcut(fyne.KeyLeftBracket, false), func() { mw.showTab("Compare"); mw.compare.stepChange(-1) }),
		fyne.NewMenuItemSeparator(),
		menuItem("Theme: follow the system", nil, func() { mw.applyTheme(themeSystem) }),
		menuItem("Theme: light", nil, func() { mw.applyTheme(themeLight) }),
		menuItem("Theme: dark", nil, func() { mw.applyTheme(themeDark) }),
		menuItem("Toggle light/dark", shortcut(fyne.KeyT, false), mw.onToggleTheme),
	)
	flags := fyne.NewMenu("Flags",
		menuItem("Next flag", shortcut(fyne.KeyJ, false), func() { mw.flags.step(1) }),
		menuItem("Previous flag", shortcut(fyne.KeyK, false), func() { mw.flags.step(-1) }),
		menuItem("Compare the flag with the next version", shortcut(fyne.KeyJ, true), mw.flags.onNextWitness),
		fyne.NewMenuItemSeparator(),
		menuItem("Confirm flag", shortcut(fyne.KeyReturn, false), mw.flags.onConfirm),
		menuItem("Dismiss flag", shortcut(fyne.KeyD, false), mw.flags.onDismiss),
		menuItem("Reopen flag", shortcut(fyne.KeyR, false), mw.flags.onReopen),
	)
	return fyne.NewMainMenu(file, edit, story, view, flags, mw.feedsMenu())
}

// onToggleTheme switches between light and dark, leaving "follow the
// system" behind.
func (mw *mainWindow) onToggleTheme() {
	dark := mw.app.Settings().ThemeVariant() == theme.VariantDark
	switch mw.prefs.String(prefTheme) {
	case themeDark:
		dark = true
	case themeLight:
		dark = false
	}
	if dark {
		mw.applyTheme(themeLight)
		return
	}
	mw.applyTheme(themeDark)
}

// undoAction is one step the analyst can take back.
type undoAction struct {
	label string
	run   func()
}

// undoStack holds the steps that lose data (a decision, a deleted note).
type undoStack struct{ actions []undoAction }

func (u *undoStack) push(label string, run func()) {
	u.actions = append(u.actions, undoAction{label, run})
	if len(u.actions) > 50 {
		u.actions = u.actions[1:]
	}
}

// remove takes the last step labelled label off the stack, when a view
// undid it by its own button.
func (u *undoStack) remove(label string) {
	for i := len(u.actions) - 1; i >= 0; i-- {
		if u.actions[i].label == label {
			u.actions = append(u.actions[:i:i], u.actions[i+1:]...)
			return
		}
	}
}

func (u *undoStack) pop() (undoAction, bool) {
	if len(u.actions) == 0 {
		return undoAction{}, false
	}
	a := u.actions[len(u.actions)-1]
	u.actions = u.actions[:len(u.actions)-1]
	return a, true
}

// onUndo takes back the last decision or note deletion; with nothing to
// take back, an entry with the focus gets its own undo.
func (mw *mainWindow) onUndo() {
	if a, ok := mw.undo.pop(); ok {
		mw.status.SetText("Undone: " + a.label)
		a.run()
		return
	}
	if f, ok := mw.win.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(&fyne.ShortcutUndo{})
	}
}
