-- Submission packs (council to LGA) and the LGA's replies (issue 10).
--
-- pack_exchanges: per event UID and side ('council' or 'lga': whose pack it
-- came from), the digest of the event's content as this database last took
-- it from that side's pack (or saw it there and kept its own, when a person
-- chose so). A record changed here since then AND changed there since then
-- is a conflict. A pack carries, for each record, the digest this database
-- last took from the other side (`seen`), so the other side can tell that
-- its own version was seen.
CREATE TABLE pack_exchanges (
    uid TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('council', 'lga')),
    digest TEXT NOT NULL CHECK (length(digest) = 64),
    at TEXT NOT NULL,
    PRIMARY KEY (uid, side)
) STRICT;

-- A record changed on both sides since the last exchange: both versions are
-- kept (the event as it is here, and the pack's record as JSON) until a
-- person chooses one. `side` is the side the pack came from.
CREATE TABLE pack_conflicts (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    uid TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('council', 'lga')),
    record TEXT NOT NULL,
    digest TEXT NOT NULL CHECK (length(digest) = 64),
    opened_at TEXT NOT NULL,
    resolved_at TEXT,
    kept TEXT CHECK (kept IS NULL OR kept IN ('council', 'lga')),
    CHECK ((resolved_at IS NULL) = (kept IS NULL))
) STRICT;

CREATE INDEX pack_conflicts_open ON pack_conflicts(uid) WHERE resolved_at IS NULL;

CREATE TRIGGER pack_exchanges_insert_stamp AFTER INSERT ON pack_exchanges
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER pack_exchanges_update_stamp AFTER UPDATE ON pack_exchanges
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER pack_exchanges_delete_stamp AFTER DELETE ON pack_exchanges
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER pack_conflicts_insert_stamp AFTER INSERT ON pack_conflicts
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER pack_conflicts_update_stamp AFTER UPDATE ON pack_conflicts
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER pack_conflicts_delete_stamp AFTER DELETE ON pack_conflicts
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;

-- History gains the pack's actions. SQLite cannot widen a CHECK in place:
-- the table is rebuilt with the wider list and its rows copied (as 0008 did
-- for the settings), then its index and the app stamp's triggers (0010)
-- made again.
CREATE TABLE event_history_new (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    who TEXT NOT NULL CHECK (length(who) BETWEEN 1 AND 200),
    role TEXT NOT NULL CHECK (role IN ('council_organiser', 'lga_officer')),
    action TEXT NOT NULL CHECK (action IN
        ('added', 'edited', 'imported', 'updated_by_import', 'approved', 'returned', 'cancelled',
         'imported_from_pack', 'updated_by_pack', 'cancelled_by_pack', 'decided_by_pack',
         'conflict_kept_council', 'conflict_kept_lga')),
    from_status TEXT CHECK (from_status IS NULL
        OR from_status IN ('submitted', 'approved', 'returned', 'cancelled')),
    to_status TEXT NOT NULL CHECK (to_status IN ('submitted', 'approved', 'returned', 'cancelled')),
    note TEXT
) STRICT;
INSERT INTO event_history_new (id, event_id, at, who, role, action, from_status, to_status, note)
    SELECT id, event_id, at, who, role, action, from_status, to_status, note FROM event_history;
DROP TABLE event_history;
ALTER TABLE event_history_new RENAME TO event_history;

CREATE INDEX event_history_event ON event_history(event_id, id);
CREATE TRIGGER event_history_insert_stamp AFTER INSERT ON event_history
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER event_history_update_stamp AFTER UPDATE ON event_history
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER event_history_delete_stamp AFTER DELETE ON event_history
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
