package store

import (
	"context"
	"testing"
	"time"
)

// TestStoryLatestPrefersPublication checks that a story's Latest is its
// newest publication date when any article has one, and falls back to the
// newest import date only when none has.
func TestStoryLatestPrefersPublication(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 9, 0, 0, 0, time.UTC) }
	type version struct{ published, imported time.Time }
	cases := []struct {
		name     string
		versions []version
		want     time.Time
	}{
		{"all published", []version{{day(3, 1), day(11, 20)}, {day(3, 4), day(11, 21)}}, day(3, 4)},
		{"undated version imported later", []version{{day(3, 1), day(11, 20)}, {time.Time{}, day(11, 22)}}, day(3, 1)},
		{"undated first", []version{{time.Time{}, day(11, 22)}, {day(3, 6), day(11, 20)}}, day(3, 6)},
		{"none published", []version{{time.Time{}, day(11, 20)}, {time.Time{}, day(11, 23)}}, day(11, 23)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := openTest(t)
			var storyID int64
			for i, v := range tc.versions {
				a := testArticle("Ferry timetable changes", "Version "+string(rune('A'+i))+" of the ferry story.")
				a.Published, a.ImportedAt, a.StoryID = v.published, v.imported, storyID
				mustAdd(t, s, a, "Ferry timetable")
				storyID = a.StoryID
			}
			st, err := s.Story(context.Background(), storyID)
			if err != nil {
				t.Fatal(err)
			}
			if !st.Latest.Equal(tc.want) {
				t.Errorf("latest %v, want %v", st.Latest, tc.want)
			}
		})
	}
}
