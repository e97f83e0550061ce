package store

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	parallax "github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/compare/group"
)

func groupArticle(title, text string, published time.Time) *parallax.Article {
	return &parallax.Article{Title: title, Text: text, Published: published,
		Paragraphs: []parallax.Paragraph{{Ordinal: 1, Kind: parallax.KindBody, Text: text}}}
}

func TestAddArticleGrouped(t *testing.T) {
	s := openFeedTest(t)
	ctx := context.Background()
	day := time.Date(2031, 5, 6, 9, 0, 0, 0, time.UTC)
	quakeA := "A magnitude 5.8 earthquake struck near Varnhaven in Oskel Province on Tuesday, killing 14 people, said rescue chief Milo Tarrant. Governor Hedda Lindqvar declared an emergency in Varnhaven."
	quakeB := "Rescue chief Milo Tarrant said 14 people died when a magnitude 5.8 quake hit Varnhaven. Governor Hedda Lindqvar asked for army help as aftershocks shook Varnhaven and Oskel Province."
	quakeOther := "A magnitude 4.9 earthquake struck near Dellmouth in Oskel Province on Friday, injuring 3 people, said fire officer Goran Pellaway. Mayor Tilde Ansgar said Dellmouth schools would reopen."
	choir := "The Brenholt Lakeside Choir won the national choral prize in Oskarsfeld, conductor Teodor Amsel said after the final."

	steps := []struct {
		name   string
		a      *parallax.Article
		sameAs int // index of an earlier step whose story it must join, -1 for a new story
	}{
		{"first quake report", groupArticle("Quake kills 14 in Varnhaven", quakeA, day), -1},
		{"second outlet, same quake", groupArticle("Varnhaven earthquake toll at 14", quakeB, day.Add(5*time.Hour)), 0},
		{"another quake that week", groupArticle("Quake hits Dellmouth", quakeOther, day.Add(72*time.Hour)), -1},
		{"unrelated", groupArticle("Choir wins prize", choir, day), -1},
	}
	var stories []int64
	for i, st := range steps {
		if err := s.AddArticleGrouped(ctx, st.a); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		stories = append(stories, st.a.StoryID)
		if st.sameAs >= 0 && st.a.StoryID != stories[st.sameAs] {
			t.Errorf("%s: story %d, want %d", st.name, st.a.StoryID, stories[st.sameAs])
		}
		if st.sameAs < 0 {
			for j := 0; j < i; j++ {
				if stories[j] == st.a.StoryID {
					t.Errorf("%s joined the story of %q", st.name, steps[j].name)
				}
			}
		}
	}

	t.Run("split pins and later arrivals follow their closest article", func(t *testing.T) {
		newStory, err := s.SplitStory(ctx, stories[0], []int64{steps[1].a.ID}, "")
		if err != nil {
			t.Fatal(err)
		}
		if pinned, _ := s.Pinned(ctx, steps[1].a.ID); !pinned {
			t.Error("split article not pinned")
		}
		a, _ := s.Article(ctx, steps[1].a.ID)
		if a.StoryID != newStory {
			t.Errorf("split article in story %d, want %d", a.StoryID, newStory)
		}
		// An updated copy of the first report still joins the first story.
		late := groupArticle("Quake kills 14 in Varnhaven (updated)", quakeA+" Schools in Varnhaven stay closed.", day.Add(24*time.Hour))
		if err := s.AddArticleGrouped(ctx, late); err != nil {
			t.Fatal(err)
		}
		if late.StoryID != stories[0] {
			t.Errorf("updated report in story %d, want %d", late.StoryID, stories[0])
		}
	})
	t.Run("split refuses bad requests", func(t *testing.T) {
		for name, ids := range map[string][]int64{"none": nil, "unknown": {99999}, "from another story": {steps[3].a.ID}} {
			if _, err := s.SplitStory(ctx, stories[0], ids, ""); err == nil {
				t.Errorf("%s: split succeeded", name)
			}
		}
		if _, err := s.SplitStory(ctx, stories[3], []int64{steps[3].a.ID}, ""); err == nil || !strings.Contains(err.Error(), "every article") {
			t.Errorf("splitting every article: %v", err)
		}
	})
	t.Run("features are computed for articles stored without them", func(t *testing.T) {
		a := groupArticle("Choir tour announced", choir+" The Brenholt Lakeside Choir will tour Oskarsfeld again.", day.Add(2*time.Hour))
		a.StoryID = 0
		if err := s.AddArticle(ctx, a, "Stored the old way"); err != nil {
			t.Fatal(err)
		}
		target, score, err := s.GroupTarget(ctx, groupArticle("Choir prize", choir, day.Add(3*time.Hour)))
		if err != nil {
			t.Fatal(err)
		}
		if target != a.StoryID && target != stories[3] {
			t.Errorf("target %d (score %.2f), want a choir story", target, score)
		}
	})
}

// A damaged features blob (SQLite's integrity check cannot see it) must
// neither panic nor be trusted: it is recomputed from the article.
func TestGroupTargetRecomputesDamagedFeatures(t *testing.T) {
	s := openFeedTest(t)
	ctx := context.Background()
	day := time.Date(2031, 5, 6, 9, 0, 0, 0, time.UTC)
	first := groupArticle("Quake kills 14 in Varnhaven", "A magnitude 5.8 earthquake struck near Varnhaven in Oskel Province on Tuesday, killing 14 people, said rescue chief Milo Tarrant. Governor Hedda Lindqvar declared an emergency in Varnhaven.", day)
	if err := s.AddArticleGrouped(ctx, first); err != nil {
		t.Fatal(err)
	}
	damaged := map[string][]byte{
		"length one past the end": []byte("\x01000000000000000000000000000000000\x0600000"),
		"truncated":               {1, 0xff},
		"wrong version":           {9, 0, 0},
	}
	for name, blob := range damaged {
		t.Run(name, func(t *testing.T) {
			if _, err := s.db.Exec(`UPDATE article_features SET data = ? WHERE article_id = ?`, blob, first.ID); err != nil {
				t.Fatal(err)
			}
			// Stored features are read when the grouping index is rebuilt
			// (no snapshot, or a damaged one): a fresh Store without one.
			if _, err := s.db.Exec(`DELETE FROM group_index_snapshot`); err != nil {
				t.Fatal(err)
			}
			fresh, err := Open(s.path)
			if err != nil {
				t.Fatal(err)
			}
			defer fresh.Close()
			second := groupArticle("Varnhaven earthquake toll at 14", "Rescue chief Milo Tarrant said 14 people died when a magnitude 5.8 quake hit Varnhaven. Governor Hedda Lindqvar asked for army help as aftershocks shook Varnhaven and Oskel Province.", day.Add(time.Hour))
			story, _, err := fresh.GroupTarget(ctx, second)
			if err != nil {
				t.Fatal(err)
			}
			if story != first.StoryID {
				t.Errorf("grouped into story %d, want %d (the damaged article's features were not recomputed)", story, first.StoryID)
			}
			var data []byte
			if err := s.db.QueryRow(`SELECT data FROM article_features WHERE article_id = ?`, first.ID).Scan(&data); err != nil {
				t.Fatal(err)
			}
			var f group.Features
			if err := f.UnmarshalBinary(data); err != nil {
				t.Errorf("damaged blob left in place: %v", err)
			}
		})
	}
}

// What AddArticleGrouped returns matches what the library holds: when the
// library is locked by another connection between storing the article and
// its grouping features, either both are stored and nil is returned, or
// neither is and the error says so.
func TestAddArticleGroupedAllOrNothing(t *testing.T) {
	s := openTest(t, WithBusyTimeout(200*time.Millisecond))
	ctx := context.Background()
	other, err := sql.Open(driverName, dsn(s.Path(), 50*time.Millisecond, false))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var release func()
	s.testHookBeforeFeatures = func() {
		conn, err := other.Conn(ctx)
		if err != nil {
			return
		}
		if _, err := conn.ExecContext(ctx, `BEGIN EXCLUSIVE`); err != nil {
			conn.Close()
			return // the article's transaction holds the library: nothing can cut in
		}
		release = func() { conn.ExecContext(ctx, `ROLLBACK`); conn.Close() }
	}
	a := groupArticle("Ferry strike ends", "The ferry strike in Pellin ended on Friday after talks, the union said.", time.Date(2031, 5, 6, 9, 0, 0, 0, time.UTC))
	err = s.AddArticleGrouped(ctx, a)
	if release != nil {
		release()
	}
	s.testHookBeforeFeatures = nil
	var articles, features int
	s.db.QueryRow(`SELECT count(*) FROM article`).Scan(&articles)
	s.db.QueryRow(`SELECT count(*) FROM article_features`).Scan(&features)
	if err != nil && articles != 0 {
		t.Errorf("returned %v, yet the article was stored", err)
	}
	if err == nil && (articles != 1 || features != 1) {
		t.Errorf("returned nil with %d articles and %d feature rows stored", articles, features)
	}
}
