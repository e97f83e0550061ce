-- Each key's recent postings are written in binary now (compare/group
-- Recent.MarshalBinary): about a quarter of the pages of the text
-- migration 014 wrote, so that filing a batch, which rewrites the rows of
-- every key its articles are filed under, rewrites a quarter as many
-- pages. The text rows still read; the first grouping rewrites them all
-- in binary (store CompactRecentPostings), due as this marks.
ALTER TABLE group_stats ADD COLUMN recent_text INTEGER NOT NULL DEFAULT 1;
