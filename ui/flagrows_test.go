package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	parallax "github.com/parallax-news/parallax"
)

// shownFlagRow is the rendered row of the flags list showing flag key.
func shownFlagRow(t *testing.T, fp *flagsPanel, key string) *flagRow {
	t.Helper()
	var row *flagRow
	want := ""
	for _, it := range fp.items {
		if it.flag != nil && it.flag.Key == key {
			want, _ = flagRowTexts(fp.story, *it.flag)
		}
	}
	walkObjects(fp.list, func(o fyne.CanvasObject) {
		if r, ok := o.(*flagRow); ok && r.Visible() && r.top.Text == want {
			row = r
		}
	})
	if row == nil {
		t.Fatalf("no row shows %q", want)
	}
	return row
}

// wrappedHeight is the height a label needs for text wrapped at width,
// by Fyne's own wrapping.
func wrappedHeight(text string, size fyne.ThemeSizeName, width float32) float32 {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = size
	l.Resize(fyne.NewSize(width, 1))
	return l.MinSize().Height
}

// TestFlagRowsShowTheirWholeText: a flag row is not cut to one line. Its
// texts are whole and wrap onto a second line; selected, the row grows
// to show all of them, and shrinks back when another is selected.
func TestFlagRowsShowTheirWholeText(t *testing.T) {
	mw, _, _ := openFixture(t)
	fp := mw.flags
	if fp.width <= 0 {
		t.Fatal("the flags list was never laid out")
	}
	// The flag with the longest texts, and another.
	long, other := -1, -1
	for i, it := range fp.items {
		if it.flag == nil {
			continue
		}
		if other < 0 {
			other = i
		}
		top, bottom := flagRowTexts(fp.story, *it.flag)
		if long < 0 || len(top)+len(bottom) > func() int { a, b := flagRowTexts(fp.story, *fp.items[long].flag); return len(a) + len(b) }() {
			long = i
		}
	}
	if long == other {
		for i, it := range fp.items {
			if it.flag != nil && i != long {
				other = i
			}
		}
	}
	f := *fp.items[long].flag
	top, bottom := flagRowTexts(fp.story, f)
	if what := flatten(f.Expected + f.Found); !strings.Contains(top, flatten(f.Expected)) || !strings.Contains(top, flatten(f.Found)) {
		t.Errorf("the row text %q does not hold the flag's words %q", top, what)
	}
	fp.list.ScrollTo(long)
	row := shownFlagRow(t, fp, f.Key)
	line := wrappedHeight("Mg", "", 400)
	if need := wrappedHeight(top, "", row.top.Size().Width); need > line*1.5 && row.top.Size().Height < line*1.5 {
		t.Errorf("the row's main text needs %.0f px but has one line (%.0f px)", need, row.top.Size().Height)
	}
	closed := row.Size().Height

	fp.list.Select(long)
	row = shownFlagRow(t, fp, f.Key)
	for _, c := range []struct {
		label *widget.Label
		text  string
		size  fyne.ThemeSizeName
	}{{row.top, top, ""}, {row.bottom, bottom, "caption"}} {
		if c.label.Text != c.text {
			t.Errorf("selected row shows %q, want %q", c.label.Text, c.text)
		}
		size := c.size
		if size == "caption" {
			size = row.bottom.SizeName
		}
		if need := wrappedHeight(c.text, size, c.label.Size().Width); c.label.Size().Height+1 < need {
			t.Errorf("selected, %q has %.0f px of the %.0f it needs", c.text, c.label.Size().Height, need)
		}
	}
	open := row.Size().Height
	if wrappedHeight(top, "", row.top.Size().Width)+wrappedHeight(bottom, row.bottom.SizeName, row.bottom.Size().Width) > closed+1 && open <= closed {
		t.Errorf("selecting the flag did not open its row (%.0f px, was %.0f)", open, closed)
	}
	fp.list.Select(other)
	fp.list.ScrollTo(long)
	if h := shownFlagRow(t, fp, f.Key).Size().Height; h != closed {
		t.Errorf("another flag selected, the row is %.0f px, want %.0f again", h, closed)
	}
}

// TestQuotationsNotQuotedTwice: a flag about words that open with a
// quotation mark shows them once quoted, not “"This…”.
func TestQuotationsNotQuotedTwice(t *testing.T) {
	d := &storyData{letters: parallax.Labels{"1": "A", "2": "B"}, articles: []*parallax.Article{{ID: 1}, {ID: 2}}}
	for _, f := range []parallax.Flag{
		{Kind: parallax.FlagOmission, Version: "2", Paragraph: 3, Expected: `"This is a victory," she said.`,
			Message: `version 2 lacks a passage 2 of 3 versions carry: "This is a victory," she said.`},
		{Kind: parallax.FlagQuote, Version: "1", Paragraph: 2, Found: `“We will appeal”`, Expected: `“We may appeal”`},
		{Kind: parallax.FlagName, Version: "1", Paragraph: 2, Found: "Agnes Whitlow", Expected: "Victor Lamb"},
	} {
		top, bottom := flagRowTexts(d, f)
		for _, s := range []string{top, bottom} {
			for _, doubled := range []string{`“"`, `"”`, `““`, `””`, `'"`, `"'`} {
				if strings.Contains(s, doubled) {
					t.Errorf("%s flag: %q has doubled quotes %s", f.Kind, s, doubled)
				}
			}
		}
		if f.Found == "Agnes Whitlow" && !strings.Contains(top, "“Agnes Whitlow” vs “Victor Lamb”") {
			t.Errorf("plain words are no longer quoted: %q", top)
		}
	}
}
