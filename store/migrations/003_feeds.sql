-- Feed subscriptions, the items seen in each feed, and the later texts of
-- articles whose page changed after it was first imported.

CREATE TABLE feed (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL DEFAULT '',
    site_url      TEXT NOT NULL DEFAULT '',
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '', -- as the server sent it
    last_checked  TEXT NOT NULL DEFAULT '', -- RFC 3339, UTC, empty before the first refresh
    last_error    TEXT NOT NULL DEFAULT '', -- empty when the last refresh worked
    error_count   INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);

-- One row per item a feed has carried. Removing a feed forgets its items
-- but keeps their articles; deleting an article keeps the item known (so it
-- is not fetched again) with article_id NULL.
CREATE TABLE feed_item (
    feed_id    INTEGER NOT NULL REFERENCES feed (id) ON DELETE CASCADE,
    guid       TEXT NOT NULL,
    article_id INTEGER REFERENCES article (id) ON DELETE SET NULL,
    hash       TEXT NOT NULL, -- content hash of the newest text seen
    first_seen TEXT NOT NULL,
    last_seen  TEXT NOT NULL,
    PRIMARY KEY (feed_id, guid)
);

CREATE INDEX feed_item_article ON feed_item (article_id);

-- Texts an article's page had after the one stored in article, each
-- stamped with when it was seen.
CREATE TABLE article_revision (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    seen_at    TEXT NOT NULL,
    title      TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL,
    hash       TEXT NOT NULL,
    raw        BLOB NOT NULL,
    UNIQUE (article_id, hash)
);
