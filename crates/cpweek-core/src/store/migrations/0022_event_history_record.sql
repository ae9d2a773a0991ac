-- Each history row keeps the event as it stood after the change: its pack
-- record (docs/pack-format.md) as JSON, so the LGA's review queue can say
-- which fields changed since the LGA last decided on an event. Rows made
-- before this migration have none (the queue says "not recorded").
ALTER TABLE event_history ADD COLUMN record TEXT;
