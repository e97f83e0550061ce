-- listing_version counts the changes to what the story list shows: the
-- stories and their titles, which articles each holds, and the articles'
-- listed fields. A window watching the library for changes by other
-- processes reads it when the file changes, so that its own writes that
-- the list does not show (cached comparisons, read marks, decisions,
-- notes) do not make it list a large library again.
CREATE TABLE listing_version (
    n INTEGER NOT NULL
);
INSERT INTO listing_version (n) VALUES (0);

CREATE TRIGGER listing_story_added AFTER INSERT ON story
BEGIN UPDATE listing_version SET n = n + 1; END;
CREATE TRIGGER listing_story_removed AFTER DELETE ON story
BEGIN UPDATE listing_version SET n = n + 1; END;
CREATE TRIGGER listing_story_renamed AFTER UPDATE OF title ON story
BEGIN UPDATE listing_version SET n = n + 1; END;
CREATE TRIGGER listing_article_added AFTER INSERT ON article
BEGIN UPDATE listing_version SET n = n + 1; END;
CREATE TRIGGER listing_article_removed AFTER DELETE ON article
BEGIN UPDATE listing_version SET n = n + 1; END;
CREATE TRIGGER listing_article_changed AFTER UPDATE OF story_id, title, source_id, published, url, path ON article
BEGIN UPDATE listing_version SET n = n + 1; END;
