-- The last change to an event that partners could see: made when the event
-- was in a partner feed before the change or after it (public, and not
-- returned). A public feed's Last-Modified is the latest of these, so a
-- private event's edit leaves it alone while an event leaving the feeds
-- (made private, returned) still moves it. Events written before this
-- column existed take their last change, as Last-Modified did.
ALTER TABLE events ADD COLUMN shared_at TEXT;
UPDATE events SET shared_at = updated_at;
