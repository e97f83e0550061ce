-- The analyst's work: flag decisions, notes, and the cached comparison of
-- each story (so the sidebar can count open flags without recomputing).

-- A decision is keyed by the flag's stable key, which already names the
-- article content it is about; story_id says where it was last made.
CREATE TABLE decision (
    key        TEXT PRIMARY KEY,
    story_id   INTEGER REFERENCES story (id) ON DELETE SET NULL,
    status     TEXT NOT NULL CHECK (status IN ('open', 'confirmed', 'dismissed')),
    note       TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL -- RFC 3339, UTC
);

CREATE INDEX decision_story ON decision (story_id);

-- A note belongs to an article's paragraph, optionally to a rune range of it.
CREATE TABLE note (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    paragraph  INTEGER NOT NULL CHECK (paragraph >= 0),
    start      INTEGER NOT NULL DEFAULT 0,
    "end"      INTEGER NOT NULL DEFAULT 0,
    quote      TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX note_article ON note (article_id);

CREATE TABLE comparison_cache (
    story_id   INTEGER PRIMARY KEY REFERENCES story (id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    data       BLOB NOT NULL,
    flag_keys  TEXT NOT NULL DEFAULT '[]', -- JSON array of the comparison's flag keys
    updated_at TEXT NOT NULL
);
