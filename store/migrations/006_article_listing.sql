-- Listing stories reads only these columns of each article. Without a
-- covering index the listing walks the article table itself, whose rows
-- carry the original bytes and the text: over a page per article, 1.3 s
-- for 100,000 articles.
CREATE INDEX article_listing ON article (
    story_id, id, title, source_id, published, url, path, read, starred, imported_at
);
