-- An arriving article looked up each of its keys' posting lists, and
-- filing added its ~25 rows at places spread over the whole posting table:
-- once the table outgrew the page cache, every look-up and every row read
-- or wrote a page of its own, so grouping cost more the larger the library.
-- Now each key's newest postings sit in one row beside it (group_recent),
-- which answers every arrival dated near the newest (and every undated
-- one) and which filing a batch rewrites once per key; and the posting
-- lists, read only for articles arriving late, are laid out by period of
-- publication first, so that new articles' rows land together.

-- The newest 16 dated postings of each key (compare/group RecentPostings)
-- as "published:article", and the newest 16 undated as "article", newest
-- first, separated by spaces (compare/group Recent).
CREATE TABLE group_recent (
    key      INTEGER PRIMARY KEY, -- compare/group Key
    postings TEXT NOT NULL
);

INSERT INTO group_recent (key, postings)
SELECT key, group_concat(entry, ' ') FROM (
    SELECT key, CASE WHEN published = 0 THEN article_id ELSE published || ':' || article_id END AS entry
    FROM (SELECT key, published, article_id,
                 row_number() OVER (PARTITION BY key, published = 0 ORDER BY published DESC, article_id DESC) AS n
          FROM group_posting)
    WHERE n <= 16
    ORDER BY key, published = 0, published DESC, article_id DESC)
GROUP BY key;

-- Dated postings only (the undated are all in group_recent), keyed by
-- period of publication (published >> 21, about 24 days) first.
CREATE TABLE group_posting_by_period (
    period     INTEGER NOT NULL, -- published >> 21
    key        INTEGER NOT NULL,
    published  INTEGER NOT NULL, -- Unix seconds, never 0
    article_id INTEGER NOT NULL,
    PRIMARY KEY (period, key, published, article_id)
) WITHOUT ROWID;

INSERT INTO group_posting_by_period (period, key, published, article_id)
SELECT published >> 21, key, published, article_id FROM group_posting WHERE published != 0
ORDER BY published >> 21, key, published, article_id;

DROP TABLE group_posting;
ALTER TABLE group_posting_by_period RENAME TO group_posting;
