-- Automatic grouping reads only the articles that could matter to a new
-- one: each article is filed under a few keys (its weightiest words, its
-- names, its LSH bands: see compare/group Filing), and the document
-- frequency of each key is kept as articles are filed, in the same
-- transaction as the article. Placing an article then costs the same at
-- any library size, and nothing is loaded at start. This replaces the
-- whole-library index snapshot and its change log (008).

DROP TRIGGER group_index_article_added;
DROP TRIGGER group_index_article_moved;
DROP TRIGGER group_index_article_deleted;
DROP TABLE group_index_log;
DROP TABLE group_index_snapshot;

-- Posting lists, read newest first within a window of publication. No
-- foreign key (it would need a second index on article_id): entries of a
-- deleted article are skipped on reading, since candidates are read back
-- through the article table.
CREATE TABLE group_posting (
    key        INTEGER NOT NULL, -- compare/group Key
    published  INTEGER NOT NULL, -- the article's, Unix seconds; 0 when unknown
    article_id INTEGER NOT NULL,
    PRIMARY KEY (key, published, article_id)
) WITHOUT ROWID;

-- How many filed articles count each key.
CREATE TABLE group_term (
    key INTEGER PRIMARY KEY,
    df  INTEGER NOT NULL
);

-- How many articles are filed.
CREATE TABLE group_stats (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    articles INTEGER NOT NULL
);
INSERT INTO group_stats (id, articles) VALUES (1, 0);

-- Articles not filed yet: every article is, until grouping files it (at
-- once when it was grouped on arrival; before the next grouping when it
-- was put in a story by hand or stored before this migration).
CREATE TABLE group_unfiled (
    article_id INTEGER PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE
);

CREATE TRIGGER group_article_added AFTER INSERT ON article
BEGIN
    INSERT INTO group_unfiled (article_id) VALUES (new.id);
END;

CREATE TRIGGER group_article_deleted BEFORE DELETE ON article
WHEN NOT EXISTS (SELECT 1 FROM group_unfiled WHERE article_id = old.id)
BEGIN
    UPDATE group_stats SET articles = articles - 1 WHERE id = 1;
END;

INSERT INTO group_unfiled (article_id) SELECT id FROM article;
