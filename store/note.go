package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	parallax "github.com/parallax-news/parallax"
)

// AddNote stores a new note on an article's paragraph and returns its id.
func (s *Store) AddNote(ctx context.Context, n *parallax.Note) (int64, error) {
	if err := checkNote(n); err != nil {
		return 0, err
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return 0, s.fail("add note", err)
	}
	defer tx.Rollback()
	now := formatTime(s.now().UTC())
	res, err := tx.ExecContext(ctx, `
		INSERT INTO note (article_id, paragraph, start, "end", quote, text, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		n.ArticleID, n.Paragraph, n.Start, n.End, n.Quote, n.Text, now, now)
	if err != nil {
		return 0, s.fail("add note", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, s.fail("add note", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, s.fail("add note", err)
	}
	n.ID = id
	return id, nil
}

// UpdateNote replaces a note's text and anchor.
func (s *Store) UpdateNote(ctx context.Context, n *parallax.Note) error {
	if err := checkNote(n); err != nil {
		return err
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return s.fail("update note", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `
		UPDATE note SET paragraph = ?, start = ?, "end" = ?, quote = ?, text = ?, updated_at = ?
		WHERE id = ?`,
		n.Paragraph, n.Start, n.End, n.Quote, n.Text, formatTime(s.now().UTC()), n.ID)
	if err != nil {
		return s.fail("update note", err)
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return fmt.Errorf("store: note %d: %w", n.ID, ErrNotFound)
	}
	if err := tx.Commit(); err != nil {
		return s.fail("update note", err)
	}
	return nil
}

// DeleteNote removes a note.
func (s *Store) DeleteNote(ctx context.Context, id int64) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return s.fail("delete note", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `DELETE FROM note WHERE id = ?`, id)
	if err != nil {
		return s.fail("delete note", err)
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return fmt.Errorf("store: note %d: %w", id, ErrNotFound)
	}
	if err := tx.Commit(); err != nil {
		return s.fail("delete note", err)
	}
	return nil
}

// Notes returns the notes on a story's articles, in reading order.
func (s *Store) Notes(ctx context.Context, storyID int64) ([]parallax.Note, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT n.id, a.story_id, n.article_id, n.paragraph, n.start, n."end", n.quote, n.text,
		       n.created_at, n.updated_at
		FROM note n JOIN article a ON a.id = n.article_id
		WHERE a.story_id = ?
		ORDER BY n.article_id, n.paragraph, n.start, n.id`, storyID)
	if err != nil {
		return nil, s.fail("read notes", err)
	}
	defer rows.Close()
	var out []parallax.Note
	for rows.Next() {
		var n parallax.Note
		var created, updated string
		if err := rows.Scan(&n.ID, &n.StoryID, &n.ArticleID, &n.Paragraph, &n.Start, &n.End,
			&n.Quote, &n.Text, &created, &updated); err != nil {
			return nil, s.fail("read notes", err)
		}
		n.CreatedAt, _ = parseTime(created)
		n.UpdatedAt, _ = parseTime(updated)
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail("read notes", err)
	}
	return out, nil
}

// Note returns one note.
func (s *Store) Note(ctx context.Context, id int64) (*parallax.Note, error) {
	var n parallax.Note
	var created, updated string
	err := s.db.QueryRowContext(ctx, `
		SELECT n.id, a.story_id, n.article_id, n.paragraph, n.start, n."end", n.quote, n.text,
		       n.created_at, n.updated_at
		FROM note n JOIN article a ON a.id = n.article_id WHERE n.id = ?`, id).
		Scan(&n.ID, &n.StoryID, &n.ArticleID, &n.Paragraph, &n.Start, &n.End, &n.Quote, &n.Text, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: note %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, s.fail("read note", err)
	}
	n.CreatedAt, _ = parseTime(created)
	n.UpdatedAt, _ = parseTime(updated)
	return &n, nil
}

func checkNote(n *parallax.Note) error {
	switch {
	case n.ArticleID == 0:
		return errors.New("store: note: no article")
	case strings.TrimSpace(n.Text) == "":
		return errors.New("store: note: empty text")
	case n.Paragraph < 0 || n.Start < 0 || n.End < n.Start:
		return fmt.Errorf("store: note: bad place (paragraph %d, %d–%d)", n.Paragraph, n.Start, n.End)
	}
	return nil
}
