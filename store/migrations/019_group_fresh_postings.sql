-- Filing a batch of new articles added about 25 rows each to the posting
-- lists, at places spread over the whole current period (keys are
-- hashes): every batch rewrote most of the period's pages, which at a
-- few weeks of news is the whole table. New dated postings now go to a
-- small table of their own, merged into the posting lists in one pass
-- once it holds enough of them (store/group_filing.go): each page of the
-- period is then rewritten once per merge instead of once per batch.
-- Reading a posting list (for an article arriving late) reads both.
CREATE TABLE group_fresh (
    key        INTEGER NOT NULL, -- compare/group Key
    published  INTEGER NOT NULL, -- Unix seconds, never 0
    article_id INTEGER NOT NULL,
    PRIMARY KEY (key, published, article_id)
) WITHOUT ROWID;

-- How many rows group_fresh holds (counted as filed, so that filing
-- does not count the table).
ALTER TABLE group_stats ADD COLUMN fresh INTEGER NOT NULL DEFAULT 0;
