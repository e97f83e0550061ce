-- Articles stored but not yet in the full-text index. An import writes
-- each article in its own transaction but adds them to the index in
-- batches (one FTS4 segment per batch instead of one per article, several
-- times faster); Search, Close and Open index whatever is pending first,
-- so a crash between the two loses nothing.
CREATE TABLE search_pending (
    article_id INTEGER PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE
);
