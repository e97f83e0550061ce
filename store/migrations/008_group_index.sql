-- The automatic-grouping index is kept in memory and saved now and then as
-- one snapshot. Every change to which articles exist and which story each
-- is in is logged here by triggers, in the same transaction as the change,
-- so an index loaded from an older snapshot (or held by another process)
-- catches up by replaying the log after the snapshot's seq: the index can
-- never disagree with the library, whatever crashed when.

CREATE TABLE group_index_log (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused, so "after seq" is exact
    article_id INTEGER NOT NULL                   -- no foreign key: deletions are logged too
);

CREATE TRIGGER group_index_article_added AFTER INSERT ON article
BEGIN
    INSERT INTO group_index_log (article_id) VALUES (new.id);
END;

CREATE TRIGGER group_index_article_moved AFTER UPDATE OF story_id ON article
WHEN old.story_id IS NOT new.story_id
BEGIN
    INSERT INTO group_index_log (article_id) VALUES (new.id);
END;

CREATE TRIGGER group_index_article_deleted AFTER DELETE ON article
BEGIN
    INSERT INTO group_index_log (article_id) VALUES (old.id);
END;

-- At most one row: the encoded index (compare/group snapshot) as of log
-- entry seq. Log entries up to seq are deleted when it is written.
CREATE TABLE group_index_snapshot (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    data BLOB NOT NULL
);
