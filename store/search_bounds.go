package store

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	parallax "github.com/parallax-news/parallax"
)

// Bounds that keep one huge article (a 19 MB dump) from making search
// slow or memory-hungry: the index holds the first maxSearchBody bytes of
// a body in full and, of the rest, each distinct word once (so every word
// is still found, and a phrase within the first part); snippets are cut
// from the first maxSnippetBody bytes, read from the first
// maxSnippetParagraphs paragraphs.
const (
	maxSearchBody        = 256 << 10
	maxSearchRestWords   = 100_000
	maxSnippetBody       = 64 << 10
	maxSnippetParagraphs = 200
)

// boundSearchBody returns body, or its first maxSearchBody bytes followed
// by the distinct words of the rest, in order of first appearance.
func boundSearchBody(body string) string {
	if len(body) <= maxSearchBody {
		return body
	}
	head := truncateUTF8(body, maxSearchBody)
	var b strings.Builder
	b.Grow(len(head) + 1<<16)
	b.WriteString(head)
	b.WriteString("\n\n")
	seen := map[string]bool{}
	rest := body[len(head):]
	start := -1
	flush := func(end int) {
		if start >= 0 && len(seen) < maxSearchRestWords {
			w := rest[start:end]
			if !seen[w] {
				seen[w] = true
				b.WriteString(w)
				b.WriteByte(' ')
			}
		}
		start = -1
	}
	for i, r := range rest {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(rest))
	return b.String()
}

// truncateUTF8 cuts s to at most n bytes at a character boundary.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// snippetBodies reads, for each article, the start of the body a snippet
// is cut from: at most maxSnippetParagraphs paragraphs, maxSnippetBody
// bytes in all (the article's text when it has no paragraphs).
func (s *Store) snippetBodies(ctx context.Context, ids []int64) (map[int64]string, error) {
	args := make([]any, 0, len(ids)+2)
	for _, id := range ids {
		args = append(args, id)
	}
	ph := placeholders(len(ids))
	rows, err := s.db.QueryContext(ctx, `SELECT article_id, kind, substr(text, 1, ?) FROM paragraph
		WHERE article_id IN (`+ph+`) AND ordinal <= ? ORDER BY article_id, ordinal`,
		append(append([]any{maxSnippetBody}, args...), maxSnippetParagraphs)...)
	if err != nil {
		return nil, s.fail("hits", err)
	}
	ps := map[int64][]parallax.Paragraph{}
	for rows.Next() {
		var id int64
		var p parallax.Paragraph
		var kind string
		if err := rows.Scan(&id, &kind, &p.Text); err != nil {
			rows.Close()
			return nil, s.fail("hits", err)
		}
		p.Kind = parallax.ParagraphKind(kind)
		ps[id] = append(ps[id], p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.fail("hits", err)
	}
	out := make(map[int64]string, len(ids))
	var bare []any // articles without paragraphs: their text
	for _, id := range ids {
		if len(ps[id]) == 0 {
			bare = append(bare, id)
			continue
		}
		out[id] = truncateUTF8(bodyFromParagraphs(ps[id], ""), maxSnippetBody)
	}
	if len(bare) > 0 {
		rows, err := s.db.QueryContext(ctx, `SELECT id, substr(text, 1, ?) FROM article WHERE id IN (`+
			placeholders(len(bare))+`)`, append([]any{maxSnippetBody}, bare...)...)
		if err != nil {
			return nil, s.fail("hits", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var text string
			if err := rows.Scan(&id, &text); err != nil {
				return nil, s.fail("hits", err)
			}
			out[id] = truncateUTF8(text, maxSnippetBody)
		}
		if err := rows.Err(); err != nil {
			return nil, s.fail("hits", err)
		}
	}
	return out, nil
}
