-- An article stored no longer raises its story's listing dates (migration
-- 016) and the listing version (migration 013) by a trigger of its own:
-- the store does both once for each transaction that stores articles
-- (store/article_listing.go), with the same results. A trigger per
-- article recomputed the dates from text and rewrote the story's row, its
-- index entry and the version's row for every article, each copied to a
-- statement journal first: a batch of 64 articles into one story updated
-- that row 64 times. Moving, changing and deleting articles keep their
-- triggers.
DROP TRIGGER IF EXISTS story_listing_article_added;
DROP TRIGGER IF EXISTS listing_article_added;
