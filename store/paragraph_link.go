package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	parallax "github.com/parallax-news/parallax"
)

// SetParagraphLink stores the analyst's link (or unlink) of two
// paragraphs, replacing the one stored for the same two paragraphs, and
// returns the one it replaced (nil when none). The cached comparisons of
// the articles' stories are dropped in the same transaction: they were
// made without it.
func (s *Store) SetParagraphLink(ctx context.Context, l parallax.ParagraphLink) (*parallax.ParagraphLink, error) {
	l, err := checkParagraphLink(l)
	if err != nil {
		return nil, err
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return nil, s.fail("save paragraph link", err)
	}
	defer tx.Rollback()
	before, err := paragraphLinkTx(ctx, tx, l)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	if err := dropLinkedComparisons(ctx, tx, l); err != nil {
		return nil, err
	}
	if l.CreatedAt.IsZero() {
		l.CreatedAt = s.now()
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO paragraph_link (article_a, hash_a, paragraph_a, article_b, hash_b, paragraph_b, unlink, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (article_a, hash_a, article_b, hash_b) DO UPDATE SET paragraph_a = excluded.paragraph_a,
			paragraph_b = excluded.paragraph_b, unlink = excluded.unlink, created_at = excluded.created_at`,
		l.ArticleA, l.HashA, l.ParagraphA, l.ArticleB, l.HashB, l.ParagraphB, l.Unlink, formatTime(l.CreatedAt.UTC()))
	if err != nil {
		return nil, s.fail("save paragraph link", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, s.fail("save paragraph link", err)
	}
	return before, nil
}

// DeleteParagraphLink removes the link stored for the two paragraphs l
// names and returns it, or ErrNotFound when there was none. The cached
// comparisons of the articles' stories are dropped with it.
func (s *Store) DeleteParagraphLink(ctx context.Context, l parallax.ParagraphLink) (*parallax.ParagraphLink, error) {
	l, err := checkParagraphLink(l)
	if err != nil {
		return nil, err
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return nil, s.fail("delete paragraph link", err)
	}
	defer tx.Rollback()
	before, err := paragraphLinkTx(ctx, tx, l)
	if err != nil {
		return nil, err
	}
	if err := dropLinkedComparisons(ctx, tx, l); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `
		DELETE FROM paragraph_link WHERE article_a = ? AND hash_a = ? AND article_b = ? AND hash_b = ?`,
		l.ArticleA, l.HashA, l.ArticleB, l.HashB); err != nil {
		return nil, s.fail("delete paragraph link", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, s.fail("delete paragraph link", err)
	}
	return before, nil
}

// ParagraphLinks returns the links between articles of story storyID, in
// the order they were made.
func (s *Store) ParagraphLinks(ctx context.Context, storyID int64) ([]parallax.ParagraphLink, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT l.article_a, l.hash_a, l.paragraph_a, l.article_b, l.hash_b, l.paragraph_b, l.unlink, l.created_at
		FROM paragraph_link l
		JOIN article a ON a.id = l.article_a
		JOIN article b ON b.id = l.article_b
		WHERE a.story_id = ? AND b.story_id = ?
		ORDER BY l.created_at, l.article_a, l.article_b, l.paragraph_a, l.paragraph_b`, storyID, storyID)
	if err != nil {
		return nil, s.fail("read paragraph links", err)
	}
	defer rows.Close()
	var out []parallax.ParagraphLink
	for rows.Next() {
		l, err := scanParagraphLink(rows)
		if err != nil {
			return nil, s.fail("read paragraph links", err)
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail("read paragraph links", err)
	}
	return out, nil
}

// checkParagraphLink refuses a link that names no two paragraphs of two
// articles, and puts the lower article id first, as the table keeps it.
func checkParagraphLink(l parallax.ParagraphLink) (parallax.ParagraphLink, error) {
	switch {
	case l.ArticleA <= 0 || l.ArticleB <= 0:
		return l, fmt.Errorf("store: paragraph link: no article")
	case l.ArticleA == l.ArticleB:
		return l, fmt.Errorf("store: paragraph link: both paragraphs are of article %d", l.ArticleA)
	case l.HashA == "" || l.HashB == "":
		return l, fmt.Errorf("store: paragraph link: a paragraph without a hash")
	case l.ParagraphA < 1 || l.ParagraphB < 1:
		return l, fmt.Errorf("store: paragraph link: paragraph ordinals count from 1")
	}
	if l.ArticleA > l.ArticleB {
		l.ArticleA, l.ArticleB = l.ArticleB, l.ArticleA
		l.HashA, l.HashB = l.HashB, l.HashA
		l.ParagraphA, l.ParagraphB = l.ParagraphB, l.ParagraphA
	}
	return l, nil
}

// paragraphLinkTx reads the link stored for the paragraphs l names.
func paragraphLinkTx(ctx context.Context, tx *sql.Tx, l parallax.ParagraphLink) (*parallax.ParagraphLink, error) {
	row := tx.QueryRowContext(ctx, `
		SELECT article_a, hash_a, paragraph_a, article_b, hash_b, paragraph_b, unlink, created_at
		FROM paragraph_link WHERE article_a = ? AND hash_a = ? AND article_b = ? AND hash_b = ?`,
		l.ArticleA, l.HashA, l.ArticleB, l.HashB)
	got, err := scanParagraphLink(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: paragraph link of articles %d and %d: %w", l.ArticleA, l.ArticleB, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: paragraph link: %w", err)
	}
	return &got, nil
}

// dropLinkedComparisons deletes the cached comparisons of the stories of
// l's articles; it fails with ErrNotFound when an article is missing.
func dropLinkedComparisons(ctx context.Context, tx *sql.Tx, l parallax.ParagraphLink) error {
	for _, id := range []int64{l.ArticleA, l.ArticleB} {
		story, err := articleStory(ctx, tx, id)
		if err != nil {
			return fmt.Errorf("store: paragraph link: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM comparison_cache WHERE story_id = ?`, story); err != nil {
			return fmt.Errorf("store: paragraph link: %w", err)
		}
	}
	return nil
}

// scanParagraphLink reads one paragraph_link row.
func scanParagraphLink(row interface{ Scan(...any) error }) (parallax.ParagraphLink, error) {
	var l parallax.ParagraphLink
	var created string
	if err := row.Scan(&l.ArticleA, &l.HashA, &l.ParagraphA, &l.ArticleB, &l.HashB, &l.ParagraphB, &l.Unlink, &created); err != nil {
		return l, err
	}
	l.CreatedAt, _ = parseTime(created)
	return l, nil
}
