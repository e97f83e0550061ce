-- How many fresh postings (migration 019) each eighth of the key space
-- holds (eighth = key >> 61, -4 … 3), counted as filed: merging chose the
-- fullest eighth by counting the whole fresh table, about 50,000 rows,
-- every time a batch brought it over the mark (7–9 ms of a 500-file
-- import's critical path, once or twice per import). Counting again is
-- harmless, so the migration can run twice.
CREATE TABLE IF NOT EXISTS group_fresh_count (
    eighth INTEGER PRIMARY KEY,
    n      INTEGER NOT NULL
);
DELETE FROM group_fresh_count;
INSERT INTO group_fresh_count (eighth, n)
    SELECT key >> 61, count(*) FROM group_fresh GROUP BY 1;
