-- The fresh postings (migration 019) go into the posting lists, and new
-- postings go there straight: since migration 024 a filing's postings
-- wait in group_pending and are written out about 2,000 articles at a
-- time, in the lists' order, which is what group_fresh was for; writing
-- them into group_fresh and then again into the lists cost a write-out
-- about 100 ms of its 200. group_fresh and group_fresh_count stay,
-- empty, for the migrations before this one; group_stats.fresh stays 0.
-- The migration can run twice.
INSERT OR IGNORE INTO group_posting (period, key, published, article_id)
    SELECT published >> 21, key, published, article_id FROM group_fresh
    ORDER BY published >> 21, key, published, article_id;
DELETE FROM group_fresh;
DELETE FROM group_fresh_count;
UPDATE group_stats SET fresh = 0;
