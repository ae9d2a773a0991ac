-- Joint events: an event has its lead council (events.council_code) and
-- partner councils, in the order the council gave them. A partner is never
-- the lead council and appears once (checked in the core, where the
-- message names the field; the key and the trigger below hold the store to
-- it too). The event shows in each partner's list, feed and take-up.
CREATE TABLE event_partners (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    council_code TEXT NOT NULL REFERENCES councils(code),
    position INTEGER NOT NULL CHECK (position >= 0),
    PRIMARY KEY (event_id, council_code)
) STRICT;

-- A council feed or list reads an event by a partner's code.
CREATE INDEX event_partners_council ON event_partners(council_code, event_id);

CREATE TRIGGER event_partners_not_lead BEFORE INSERT ON event_partners
WHEN NEW.council_code = (SELECT council_code FROM events WHERE id = NEW.event_id)
BEGIN SELECT RAISE(ABORT, 'a partner council cannot be the lead council'); END;

-- The window shows an event's partners (migration 10's stamp).
CREATE TRIGGER event_partners_insert_stamp AFTER INSERT ON event_partners
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER event_partners_update_stamp AFTER UPDATE ON event_partners
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER event_partners_delete_stamp AFTER DELETE ON event_partners
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
