-- Practice entries in packs (issue 11, item 3): what each database last
-- took of an entry from the other side's pack; conflicts over entries in
-- pack_conflicts beside the events' and requests' (one numbering for
-- `cpweek pack resolve ID`); and the pack's actions in an entry's history.

-- Per entry UID and side ('council' or 'lga': whose pack it came from),
-- the digest of the entry's content as this database last took it from
-- that side's pack (as pack_exchanges does for events).
CREATE TABLE practice_exchanges (
    uid TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('council', 'lga')),
    digest TEXT NOT NULL CHECK (length(digest) = 64),
    at TEXT NOT NULL,
    PRIMARY KEY (uid, side)
) STRICT;

-- A practice entry's conflict names the entry and no event, so the event
-- becomes optional: SQLite cannot drop a NOT NULL in place, so the table
-- is rebuilt with its rows copied (as 0015 did for request_history). A row
-- names exactly one of an event alone, a request (and its event), or a
-- practice entry.
CREATE TABLE pack_conflicts_new (
    id INTEGER PRIMARY KEY,
    event_id INTEGER REFERENCES events(id) ON DELETE CASCADE,
    uid TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('council', 'lga')),
    record TEXT NOT NULL,
    digest TEXT NOT NULL CHECK (length(digest) = 64),
    opened_at TEXT NOT NULL,
    resolved_at TEXT,
    kept TEXT CHECK (kept IS NULL OR kept IN ('council', 'lga')),
    request_id INTEGER REFERENCES requests(id) ON DELETE CASCADE,
    practice_id INTEGER REFERENCES practice_entries(id) ON DELETE CASCADE,
    CHECK ((resolved_at IS NULL) = (kept IS NULL)),
    CHECK ((practice_id IS NULL) = (event_id IS NOT NULL)),
    CHECK (practice_id IS NULL OR request_id IS NULL)
) STRICT;
INSERT INTO pack_conflicts_new (id, event_id, uid, side, record, digest, opened_at, resolved_at,
                                kept, request_id)
    SELECT id, event_id, uid, side, record, digest, opened_at, resolved_at, kept, request_id
    FROM pack_conflicts;
DROP TABLE pack_conflicts;
ALTER TABLE pack_conflicts_new RENAME TO pack_conflicts;

CREATE INDEX pack_conflicts_open ON pack_conflicts(uid) WHERE resolved_at IS NULL;
CREATE INDEX pack_conflicts_request ON pack_conflicts(request_id) WHERE request_id IS NOT NULL;
CREATE INDEX pack_conflicts_practice ON pack_conflicts(practice_id) WHERE practice_id IS NOT NULL;
CREATE TRIGGER pack_conflicts_insert_stamp AFTER INSERT ON pack_conflicts
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER pack_conflicts_update_stamp AFTER UPDATE ON pack_conflicts
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER pack_conflicts_delete_stamp AFTER DELETE ON pack_conflicts
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;

-- History gains the pack's actions (the wider CHECK: rebuilt as above).
CREATE TABLE practice_history_new (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES practice_entries(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    who TEXT NOT NULL CHECK (length(who) BETWEEN 1 AND 200),
    role TEXT NOT NULL CHECK (role IN ('council_organiser', 'lga_officer')),
    action TEXT NOT NULL CHECK (action IN
        ('added', 'edited', 'corrected', 'submitted', 'approved', 'returned', 'published',
         'imported_from_pack', 'updated_by_pack', 'decided_by_pack',
         'conflict_kept_council', 'conflict_kept_lga')),
    from_status TEXT CHECK (from_status IS NULL
        OR from_status IN ('draft', 'submitted', 'returned', 'approved', 'published')),
    to_status TEXT NOT NULL CHECK (to_status IN ('draft', 'submitted', 'returned', 'approved', 'published')),
    note TEXT
) STRICT;
INSERT INTO practice_history_new (id, entry_id, at, who, role, action, from_status, to_status, note)
    SELECT id, entry_id, at, who, role, action, from_status, to_status, note
    FROM practice_history;
DROP TABLE practice_history;
ALTER TABLE practice_history_new RENAME TO practice_history;

CREATE INDEX practice_history_entry ON practice_history(entry_id, id);
CREATE TRIGGER practice_history_insert_stamp AFTER INSERT ON practice_history
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER practice_history_update_stamp AFTER UPDATE ON practice_history
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER practice_history_delete_stamp AFTER DELETE ON practice_history
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;

CREATE TRIGGER practice_exchanges_insert_stamp AFTER INSERT ON practice_exchanges
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER practice_exchanges_update_stamp AFTER UPDATE ON practice_exchanges
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER practice_exchanges_delete_stamp AFTER DELETE ON practice_exchanges
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
