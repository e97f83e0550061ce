-- The library: sources, stories, articles with their original bytes and
-- typed paragraphs, and the full-text index over titles and bodies.

CREATE TABLE source (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    site TEXT NOT NULL DEFAULT '',
    UNIQUE (name, site)
);

CREATE TABLE story (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    created_at TEXT NOT NULL -- RFC 3339, UTC
);

CREATE TABLE article (
    id          INTEGER PRIMARY KEY,
    story_id    INTEGER NOT NULL REFERENCES story (id),
    source_id   INTEGER REFERENCES source (id),
    title       TEXT NOT NULL DEFAULT '',
    headlines   TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    byline      TEXT NOT NULL DEFAULT '',
    dateline    TEXT NOT NULL DEFAULT '',
    published   TEXT NOT NULL DEFAULT '', -- RFC 3339 with the zone as found, or empty
    url         TEXT NOT NULL DEFAULT '',
    path        TEXT NOT NULL DEFAULT '',
    language    TEXT NOT NULL DEFAULT '',
    raw         BLOB NOT NULL,
    text        TEXT NOT NULL,
    hash        TEXT NOT NULL UNIQUE,
    read        INTEGER NOT NULL DEFAULT 0,
    starred     INTEGER NOT NULL DEFAULT 0,
    imported_at TEXT NOT NULL -- RFC 3339, UTC
);

CREATE INDEX article_story ON article (story_id);

CREATE TABLE paragraph (
    article_id INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    ordinal    INTEGER NOT NULL CHECK (ordinal >= 1),
    kind       TEXT NOT NULL CHECK (kind IN ('headline', 'dateline', 'body', 'subhead', 'trailer')),
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, ordinal)
) WITHOUT ROWID;

-- docid is the article id. The text indexed is the title (with alternative
-- headlines) and the body, with Han and kana characters spaced apart so
-- that the unicode61 tokenizer sees each as a word (see store/fts.go).
CREATE VIRTUAL TABLE article_fts USING fts4 (
    title,
    body,
    tokenize = unicode61 "remove_diacritics=2"
);
