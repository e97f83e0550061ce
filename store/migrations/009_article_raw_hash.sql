-- The SHA-256 of each article's original bytes, so that a file imported
-- again is recognised before it is parsed (the content hash needs the
-- parsed text). Articles stored before this have none and are recognised
-- by content hash as before.
CREATE TABLE article_raw_hash (
    hash       BLOB PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX article_raw_hash_article ON article_raw_hash (article_id);
