-- The story list's order, kept in the story table so that the window can
-- read the newest page of stories without listing the library: newest
-- first by the newest publication date of a story's articles, else by the
-- newest import date, else by when the story was made (a story without
-- articles); ties put the newer story first. Each date is kept as
-- nanoseconds since 1970 (the stored dates are RFC 3339 with their zones,
-- whose text does not sort by instant), worked out by the same expression
-- throughout this file:
--   strftime('%s', the date to the second, with its zone) * 1e9 + the
--   fraction's digits padded to nine.
-- Triggers keep the columns current whoever writes: an article added or
-- moved in raises its story's dates; one deleted or moved out makes its
-- story recompute them from its articles (only when it held the newest).
ALTER TABLE story ADD COLUMN latest_published INTEGER; -- NULL: no article has a publication date
ALTER TABLE story ADD COLUMN latest_imported INTEGER;  -- NULL: no article
ALTER TABLE story ADD COLUMN listed_at INTEGER;        -- the sort key

UPDATE story SET
    latest_published = (SELECT max((CASE WHEN a.published = '' THEN NULL ELSE strftime('%s', substr(a.published, 1, 19) || CASE WHEN substr(a.published, -1) = 'Z' THEN 'Z' ELSE substr(a.published, -6) END) * 1000000000 + CASE WHEN substr(a.published, 20, 1) = '.' THEN CAST(substr(substr(a.published, 21, length(a.published) - CASE WHEN substr(a.published, -1) = 'Z' THEN 21 ELSE 26 END) || '000000000', 1, 9) AS INTEGER) ELSE 0 END END)) FROM article a WHERE a.story_id = story.id),
    latest_imported = (SELECT max((CASE WHEN a.imported_at = '' THEN NULL ELSE strftime('%s', substr(a.imported_at, 1, 19) || CASE WHEN substr(a.imported_at, -1) = 'Z' THEN 'Z' ELSE substr(a.imported_at, -6) END) * 1000000000 + CASE WHEN substr(a.imported_at, 20, 1) = '.' THEN CAST(substr(substr(a.imported_at, 21, length(a.imported_at) - CASE WHEN substr(a.imported_at, -1) = 'Z' THEN 21 ELSE 26 END) || '000000000', 1, 9) AS INTEGER) ELSE 0 END END)) FROM article a WHERE a.story_id = story.id);
UPDATE story SET listed_at = coalesce(latest_published, latest_imported, (CASE WHEN created_at = '' THEN NULL ELSE strftime('%s', substr(created_at, 1, 19) || CASE WHEN substr(created_at, -1) = 'Z' THEN 'Z' ELSE substr(created_at, -6) END) * 1000000000 + CASE WHEN substr(created_at, 20, 1) = '.' THEN CAST(substr(substr(created_at, 21, length(created_at) - CASE WHEN substr(created_at, -1) = 'Z' THEN 21 ELSE 26 END) || '000000000', 1, 9) AS INTEGER) ELSE 0 END END));

-- Newest first, ties by id (the rowid, which the index holds).
CREATE INDEX story_listing ON story (listed_at);

CREATE TRIGGER story_listing_made AFTER INSERT ON story
BEGIN
    UPDATE story SET listed_at = coalesce(latest_published, latest_imported, (CASE WHEN NEW.created_at = '' THEN NULL ELSE strftime('%s', substr(NEW.created_at, 1, 19) || CASE WHEN substr(NEW.created_at, -1) = 'Z' THEN 'Z' ELSE substr(NEW.created_at, -6) END) * 1000000000 + CASE WHEN substr(NEW.created_at, 20, 1) = '.' THEN CAST(substr(substr(NEW.created_at, 21, length(NEW.created_at) - CASE WHEN substr(NEW.created_at, -1) = 'Z' THEN 21 ELSE 26 END) || '000000000', 1, 9) AS INTEGER) ELSE 0 END END)) WHERE id = NEW.id;
END;

CREATE TRIGGER story_listing_article_added AFTER INSERT ON article
BEGIN
    UPDATE story SET
        latest_published = coalesce(max(latest_published, k.p), latest_published, k.p),
        latest_imported = coalesce(max(latest_imported, k.i), latest_imported, k.i),
        listed_at = coalesce(max(latest_published, k.p), latest_published, k.p, max(latest_imported, k.i), latest_imported, k.i, listed_at)
    FROM (SELECT (CASE WHEN NEW.published = '' THEN NULL ELSE strftime('%s', substr(NEW.published, 1, 19) || CASE WHEN substr(NEW.published, -1) = 'Z' THEN 'Z' ELSE substr(NEW.published, -6) END) * 1000000000 + CASE WHEN substr(NEW.published, 20, 1) = '.' THEN CAST(substr(substr(NEW.published, 21, length(NEW.published) - CASE WHEN substr(NEW.published, -1) = 'Z' THEN 21 ELSE 26 END) || '000000000', 1, 9) AS INTEGER) ELSE 0 END END) AS p, (CASE WHEN NEW.imported_at = '' THEN NULL ELSE strftime('%s', substr(NEW.imported_at, 1, 19) || CASE WHEN substr(NEW.imported_at, -1) = 'Z' THEN 'Z' ELSE substr(NEW.imported_at, -6) END) * 1000000000 + CASE WHEN substr(NEW.imported_at, 20, 1) = '.' THEN CAST(substr(substr(NEW.imported_at, 21, length(NEW.imported_at) - CASE WHEN substr(NEW.imported_at, -1) = 'Z' THEN 21 ELSE 26 END) || '000000000', 1, 9) AS INTEGER) ELSE 0 END END) AS i) AS k
    WHERE story.id = NEW.story_id;
END;

CREATE TRIGGER story_listing_article_removed AFTER DELETE ON article
BEGIN
    UPDATE story SET
        latest_published = (SELECT max((CASE WHEN a.published = '' THEN NULL ELSE strftime('%s', substr(a.published, 1, 19) || CASE WHEN substr(a.published, -1) = 'Z' THEN 'Z' ELSE substr(a.published, -6) END) * 1000000000 + CASE WHEN substr(a.published, 20, 1) = '.' THEN CAST(substr(substr(a.published, 21, length(a.published) - CASE WHEN substr(a.published, -1) = 'Z' THEN 21 ELSE 26 END) || '000000000', 1, 9) AS INTEGER) ELSE 0 END END)) FROM article a WHERE a.story_id = story.id),
        latest_imported = (SELECT max((CASE WHEN a.imported_at = '' THEN NULL ELSE strftime('%s', substr(a.imported_at, 1, 19) || CASE WHEN substr(a.imported_at, -1) = 'Z' THEN 'Z' ELSE substr(a.imported_at, -6) END) * 1000000000 + CASE WHEN substr(a.imported_at, 20, 1) = '.' THEN CAST(substr(substr(a.imported_at, 21, length(a.imported_at) - CASE WHEN substr(a.imported_at, -1) = 'Z' THEN 21 ELSE 26 END) || '000000000', 1, 9) AS INTEGER) ELSE 0 END END)) FROM article a WHERE a.story_id = story.id)
    WHERE id = OLD.story_id AND (latest_published IS (CASE WHEN OLD.published = '' THEN NULL ELSE strftime('%s', substr(OLD.published, 1, 19) || CASE WHEN substr(OLD.published, -1) = 'Z' THEN 'Z' ELSE substr(OLD.published, -6) END) * 1000000000 + CASE WHEN substr(OLD.published, 20, 1) = '.' THEN CAST(substr(substr(OLD.published, 21, length(OLD.published) - CASE WHEN substr(OLD.published, -1) = 'Z' THEN 21 ELSE 26 END) || '000000000', 1, 9) AS INTEGER) ELSE 0 END END) OR latest_imported IS (CASE WHEN OLD.imported_at = '' THEN NULL ELSE strftime('%s', substr(OLD.imported_at, 1, 19) || CASE WHEN substr(OLD.imported_at, -1) = 'Z' THEN 'Z' ELSE substr(OLD.imported_at, -6) END) * 1000000000 + CASE WHEN substr(OLD.imported_at, 20, 1) = '.' THEN CAST(substr(substr(OLD.imported_at, 21, length(OLD.imported_at) - CASE WHEN substr(OLD.imported_at, -1) = 'Z' THEN 21 ELSE 26 END) || '000000000', 1, 9) AS INTEGER) ELSE 0 END END));
    UPDATE story SET listed_at = coalesce(latest_published, latest_imported, (CASE WHEN created_at = '' THEN NULL ELSE strftime('%s', substr(created_at, 1, 19) || CASE WHEN substr(created_at, -1) = 'Z' THEN 'Z' ELSE substr(created_at, -6) END) * 1000000000 + CASE WHEN substr(created_at, 20, 1) = '.' THEN CAST(substr(substr(created_at, 21, length(created_at) - CASE WHEN substr(created_at, -1) = 'Z' THEN 21 ELSE 26 END) || '000000000', 1, 9) AS INTEGER) ELSE 0 END END)) WHERE id = OLD.story_id;
END;

CREATE TRIGGER story_listing_article_changed AFTER UPDATE OF story_id, published, imported_at ON article
BEGIN
    UPDATE story SET
        latest_published = (SELECT max((CASE WHEN a.published = '' THEN NULL ELSE strftime('%s', substr(a.published, 1, 19) || CASE WHEN substr(a.published, -1) = 'Z' THEN 'Z' ELSE substr(a.published, -6) END) * 1000000000 + CASE WHEN substr(a.published, 20, 1) = '.' THEN CAST(substr(substr(a.published, 21, length(a.published) - CASE WHEN substr(a.published, -1) = 'Z' THEN 21 ELSE 26 END) || '000000000', 1, 9) AS INTEGER) ELSE 0 END END)) FROM article a WHERE a.story_id = story.id),
        latest_imported = (SELECT max((CASE WHEN a.imported_at = '' THEN NULL ELSE strftime('%s', substr(a.imported_at, 1, 19) || CASE WHEN substr(a.imported_at, -1) = 'Z' THEN 'Z' ELSE substr(a.imported_at, -6) END) * 1000000000 + CASE WHEN substr(a.imported_at, 20, 1) = '.' THEN CAST(substr(substr(a.imported_at, 21, length(a.imported_at) - CASE WHEN substr(a.imported_at, -1) = 'Z' THEN 21 ELSE 26 END) || '000000000', 1, 9) AS INTEGER) ELSE 0 END END)) FROM article a WHERE a.story_id = story.id)
    WHERE id = OLD.story_id AND (latest_published IS (CASE WHEN OLD.published = '' THEN NULL ELSE strftime('%s', substr(OLD.published, 1, 19) || CASE WHEN substr(OLD.published, -1) = 'Z' THEN 'Z' ELSE substr(OLD.published, -6) END) * 1000000000 + CASE WHEN substr(OLD.published, 20, 1) = '.' THEN CAST(substr(substr(OLD.published, 21, length(OLD.published) - CASE WHEN substr(OLD.published, -1) = 'Z' THEN 21 ELSE 26 END) || '000000000', 1, 9) AS INTEGER) ELSE 0 END END) OR latest_imported IS (CASE WHEN OLD.imported_at = '' THEN NULL ELSE strftime('%s', substr(OLD.imported_at, 1, 19) || CASE WHEN substr(OLD.imported_at, -1) = 'Z' THEN 'Z' ELSE substr(OLD.imported_at, -6) END) * 1000000000 + CASE WHEN substr(OLD.imported_at, 20, 1) = '.' THEN CAST(substr(substr(OLD.imported_at, 21, length(OLD.imported_at) - CASE WHEN substr(OLD.imported_at, -1) = 'Z' THEN 21 ELSE 26 END) || '000000000', 1, 9) AS INTEGER) ELSE 0 END END));
    UPDATE story SET listed_at = coalesce(latest_published, latest_imported, (CASE WHEN created_at = '' THEN NULL ELSE strftime('%s', substr(created_at, 1, 19) || CASE WHEN substr(created_at, -1) = 'Z' THEN 'Z' ELSE substr(created_at, -6) END) * 1000000000 + CASE WHEN substr(created_at, 20, 1) = '.' THEN CAST(substr(substr(created_at, 21, length(created_at) - CASE WHEN substr(created_at, -1) = 'Z' THEN 21 ELSE 26 END) || '000000000', 1, 9) AS INTEGER) ELSE 0 END END)) WHERE id = OLD.story_id;
    UPDATE story SET
        latest_published = coalesce(max(latest_published, k.p), latest_published, k.p),
        latest_imported = coalesce(max(latest_imported, k.i), latest_imported, k.i),
        listed_at = coalesce(max(latest_published, k.p), latest_published, k.p, max(latest_imported, k.i), latest_imported, k.i, listed_at)
    FROM (SELECT (CASE WHEN NEW.published = '' THEN NULL ELSE strftime('%s', substr(NEW.published, 1, 19) || CASE WHEN substr(NEW.published, -1) = 'Z' THEN 'Z' ELSE substr(NEW.published, -6) END) * 1000000000 + CASE WHEN substr(NEW.published, 20, 1) = '.' THEN CAST(substr(substr(NEW.published, 21, length(NEW.published) - CASE WHEN substr(NEW.published, -1) = 'Z' THEN 21 ELSE 26 END) || '000000000', 1, 9) AS INTEGER) ELSE 0 END END) AS p, (CASE WHEN NEW.imported_at = '' THEN NULL ELSE strftime('%s', substr(NEW.imported_at, 1, 19) || CASE WHEN substr(NEW.imported_at, -1) = 'Z' THEN 'Z' ELSE substr(NEW.imported_at, -6) END) * 1000000000 + CASE WHEN substr(NEW.imported_at, 20, 1) = '.' THEN CAST(substr(substr(NEW.imported_at, 21, length(NEW.imported_at) - CASE WHEN substr(NEW.imported_at, -1) = 'Z' THEN 21 ELSE 26 END) || '000000000', 1, 9) AS INTEGER) ELSE 0 END END) AS i) AS k
    WHERE story.id = NEW.story_id;
END;
