-- Filings of grouped articles not yet written into the grouping's tables
-- (group_term, group_recent, group_fresh): one row per filed batch, its
-- articles' keys in one blob (store/group_pending.go). Filing a batch into
-- those tables rewrote most of their pages each time (keys are hashes,
-- spread over every page): at 20,000 articles a 500-file import changed
-- 2,820 pages of the library against 1,552 with --story, 1,270 of them the
-- grouping's. Pending batches are read back beside the tables and written
-- into them together once they hold enough articles. AUTOINCREMENT: an id
-- is never given twice, so that a reader's cache of decoded batches,
-- keyed by id, cannot mistake a new batch for one already merged. The
-- migration can run twice.
CREATE TABLE IF NOT EXISTS group_pending (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    articles INTEGER NOT NULL,
    data     BLOB NOT NULL
);
