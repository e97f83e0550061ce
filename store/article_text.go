package store

import (
	"strings"

	parallax "github.com/parallax-news/parallax"
)

// articleText is an article's text in SQL, for a query of the article
// table under the alias a: the text column, or, for an article stored
// without it (migration 015), its paragraphs joined by blank lines, as
// ingest makes the text of every article it reads.
const articleText = `CASE WHEN a.text_from_paragraphs THEN coalesce((SELECT string_agg(p.text, char(10) || char(10) ORDER BY p.ordinal)
	FROM paragraph p WHERE p.article_id = a.id), '') ELSE a.text END`

// textFromParagraphs reports whether text is ps joined by blank lines in
// the order they are stored (by ordinal, a missing one numbered by its
// place as insertParagraphs numbers it), so that it need not be stored.
// An empty text is stored as it is.
func textFromParagraphs(text string, ps []parallax.Paragraph) bool {
	if text == "" || len(ps) == 0 {
		return false
	}
	rest, last := text, 0
	for i, p := range ps {
		ord := p.Ordinal
		if ord == 0 {
			ord = i + 1
		}
		if ord <= last {
			return false // stored in another order than given
		}
		last = ord
		if i > 0 {
			if !strings.HasPrefix(rest, "\n\n") {
				return false
			}
			rest = rest[2:]
		}
		if !strings.HasPrefix(rest, p.Text) {
			return false
		}
		rest = rest[len(p.Text):]
	}
	return rest == ""
}
