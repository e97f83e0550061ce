-- The analyst's corrections of the alignment: two paragraphs of two
-- articles linked by hand (unlink = 0) or kept apart (unlink = 1). A
-- paragraph is named by its article and a hash of its text, not by its
-- place, so the correction holds when the story is compared again; the
-- ordinal it had picks among paragraphs of one article with equal text.
-- article_a < article_b, so each pair has one row.
CREATE TABLE paragraph_link (
    article_a   INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    hash_a      TEXT NOT NULL,
    paragraph_a INTEGER NOT NULL CHECK (paragraph_a >= 1),
    article_b   INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    hash_b      TEXT NOT NULL,
    paragraph_b INTEGER NOT NULL CHECK (paragraph_b >= 1),
    unlink      INTEGER NOT NULL DEFAULT 0 CHECK (unlink IN (0, 1)),
    created_at  TEXT NOT NULL, -- RFC 3339, UTC
    PRIMARY KEY (article_a, hash_a, article_b, hash_b),
    CHECK (article_a < article_b)
);

CREATE INDEX paragraph_link_b ON paragraph_link (article_b);
