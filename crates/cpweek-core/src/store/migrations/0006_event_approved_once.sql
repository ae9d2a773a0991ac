-- Whether an event has ever been in the national programme (approved). A
-- cancelled event stays in the national feed only if it was ever there, so
-- that subscribers' calendars drop it; one cancelled before approval never
-- appears there.
ALTER TABLE events ADD COLUMN approved_once INTEGER NOT NULL DEFAULT 0 CHECK (approved_once IN (0, 1));
UPDATE events SET approved_once = 1 WHERE status = 'approved';
