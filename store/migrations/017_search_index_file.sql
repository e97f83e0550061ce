-- The full-text index moves to a database file of its own beside the
-- library (<library>-search, see store/search_index.go), so that it has
-- its own write lock: a background indexer fills it while imports store
-- articles, instead of the import tokenising and writing the index under
-- the library's one lock. The index is a cache of the library; the
-- library stays the only thing that must be kept.
--
-- search_queue is the library's log of what the index must catch up
-- with: every article added or deleted, by its id, in order (seq). Rows
-- are written by triggers, so in the same transaction as the article:
-- after a crash the queue still says what the index lacks. The index
-- file records the newest seq it holds (its "through"); the rows up to it
-- are dropped later (pruning), always keeping the newest row, so that seq
-- (a rowid: the largest plus one) never goes back.
CREATE TABLE search_queue (
    seq        INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL
);

INSERT INTO search_queue (article_id) SELECT article_id FROM search_pending ORDER BY article_id;
DROP TABLE search_pending;

CREATE TRIGGER search_queue_added AFTER INSERT ON article
BEGIN
    INSERT INTO search_queue (article_id) VALUES (NEW.id);
END;

CREATE TRIGGER search_queue_deleted AFTER DELETE ON article
BEGIN
    INSERT INTO search_queue (article_id) VALUES (OLD.id);
END;

-- Which index file belongs to this library (token: the index file holds
-- the same), and the seq up to which the queue was pruned: an index whose
-- "through" is below it missed rows it can no longer read, and is built
-- again from the library.
CREATE TABLE search_index_state (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    token          TEXT NOT NULL,
    pruned_through INTEGER NOT NULL DEFAULT 0
);

INSERT INTO search_index_state (id, token) VALUES (1, lower(hex(randomblob(16))));

-- article_fts itself stays until Open has copied it into the index file
-- (moveSearchIndexOut; ATTACH cannot run inside this transaction), and is
-- dropped from the library then.
