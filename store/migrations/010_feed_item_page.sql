-- What a refresh needs to look at a stored item's page again for edits:
-- its link, when it was published (pages are tracked for a while after),
-- and the page's HTTP validators for a conditional request.
ALTER TABLE feed_item ADD COLUMN link TEXT NOT NULL DEFAULT '';
ALTER TABLE feed_item ADD COLUMN published TEXT NOT NULL DEFAULT '';
ALTER TABLE feed_item ADD COLUMN page_etag TEXT NOT NULL DEFAULT '';
ALTER TABLE feed_item ADD COLUMN page_last_modified TEXT NOT NULL DEFAULT '';
CREATE INDEX feed_item_published ON feed_item (feed_id, published);
