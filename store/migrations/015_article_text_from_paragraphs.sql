-- An imported article's text is its paragraphs joined by blank lines, and
-- the paragraph table holds them, so the text was stored twice over (with
-- the original bytes and the search index, four copies in all).
-- text_from_paragraphs = 1 marks an article stored with an empty text
-- column for that reason; its text is read back by joining its paragraphs
-- (store/article_text.go). Articles stored before keep their text.
ALTER TABLE article ADD COLUMN text_from_paragraphs INTEGER NOT NULL DEFAULT 0;
