-- The full-text index again, with two options a search over a large
-- library needs (see store/rank.go):
--   order = DESC keeps each word's list of articles newest first, so a
--     search reads the newest matches and stops, instead of loading the
--     list of a common word whole (tens of thousands of articles);
--   prefix = "3" indexes every word's first three letters as well, so
--     "gov*" reads one list rather than merging the lists of every word
--     it starts.
-- Every article is queued to be indexed again; Open indexes the queue.
DROP TABLE article_fts;

CREATE VIRTUAL TABLE article_fts USING fts4 (
    title,
    body,
    tokenize = unicode61 "remove_diacritics=2",
    prefix="3",
    order=desc
);

INSERT OR IGNORE INTO search_pending (article_id) SELECT id FROM article;

-- article_listing (006) leads with story_id, so it serves every lookup
-- this index did; without it an import writes one page less per article.
DROP INDEX article_story;
