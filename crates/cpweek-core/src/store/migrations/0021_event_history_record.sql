-- The rows of the LGA's decisions (approved, returned, taken from its
-- reply) keep the event as it stood after the decision: its pack record
-- (docs/pack-format.md) as JSON, so the LGA's review queue can say which
-- fields changed since the LGA last decided on an event. Other rows, and
-- rows made before this migration, have none (the queue then says
-- nothing about the fields).
ALTER TABLE event_history ADD COLUMN record TEXT;
