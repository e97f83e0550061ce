-- Automatic story grouping: each article's grouping features (computed
-- once, see compare/group) and the articles the analyst placed by hand.

CREATE TABLE article_features (
    article_id INTEGER PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE,
    published  INTEGER NOT NULL DEFAULT 0, -- Unix seconds, 0 when unknown
    data       BLOB NOT NULL               -- group.Features, binary
);

CREATE INDEX article_features_published ON article_features (published);

-- An article the analyst moved, split off or merged: its story is their
-- choice, and automatic regrouping leaves it there.
CREATE TABLE article_pin (
    article_id INTEGER PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE,
    pinned_at  TEXT NOT NULL
);
