-- Ministerial requests in packs (issue 10): each request gets a UID, its
-- identity across databases (made once, never changed, like an event's);
-- what each database last took of a request from the other side's pack;
-- conflicts over requests beside the events'; and the pack's actions in a
-- request's history.

-- A UID for every request: existing rows get one now (a random UUID v4,
-- in the same form as events' UIDs); new ones are made by cpweek when the
-- request is drafted or taken from a pack. A request without one, or a
-- change of one, is refused.
ALTER TABLE requests ADD COLUMN uid TEXT;
UPDATE requests SET uid =
    lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
    || substr(lower(hex(randomblob(2))), 2) || '-'
    || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
    || '-' || lower(hex(randomblob(6))) || '@cpweek.local.gov.uk'
WHERE uid IS NULL;
CREATE UNIQUE INDEX requests_uid ON requests(uid);
CREATE TRIGGER requests_uid_required BEFORE INSERT ON requests
WHEN NEW.uid IS NULL OR length(NEW.uid) = 0
BEGIN SELECT RAISE(ABORT, 'a request needs its UID'); END;
CREATE TRIGGER requests_uid_kept BEFORE UPDATE OF uid ON requests
WHEN NEW.uid IS NOT OLD.uid
BEGIN SELECT RAISE(ABORT, 'a request''s UID never changes'); END;

-- Per request UID and side ('council' or 'lga': whose pack it came from),
-- the digest of the request's content as this database last took it from
-- that side's pack (as pack_exchanges does for events).
CREATE TABLE request_exchanges (
    uid TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('council', 'lga')),
    digest TEXT NOT NULL CHECK (length(digest) = 64),
    at TEXT NOT NULL,
    PRIMARY KEY (uid, side)
) STRICT;

-- A request's conflict waits in pack_conflicts beside the events': one
-- numbering for `cpweek pack resolve ID`. Its row names the request, and
-- (as every row does) an event: the request's.
ALTER TABLE pack_conflicts ADD COLUMN request_id INTEGER REFERENCES requests(id) ON DELETE CASCADE;
CREATE INDEX pack_conflicts_request ON pack_conflicts(request_id) WHERE request_id IS NOT NULL;

-- History gains the pack's actions. SQLite cannot widen a CHECK in place:
-- the table is rebuilt with the wider list and its rows copied (as 0013
-- did for event_history), then its index and the app stamp's triggers
-- made again.
CREATE TABLE request_history_new (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    who TEXT NOT NULL CHECK (length(who) BETWEEN 1 AND 200),
    role TEXT NOT NULL CHECK (role IN ('council_organiser', 'lga_officer')),
    action TEXT NOT NULL CHECK (action IN ('drafted', 'edited', 'submitted', 'forwarded',
        'accepted', 'declined', 'withdrawn', 'held', 'event_moved', 'event_cancelled',
        'imported_from_pack', 'updated_by_pack', 'decided_by_pack',
        'conflict_kept_council', 'conflict_kept_lga')),
    from_status TEXT CHECK (from_status IS NULL OR from_status IN
        ('draft', 'submitted', 'forwarded', 'accepted', 'declined', 'withdrawn', 'held')),
    to_status TEXT NOT NULL CHECK (to_status IN
        ('draft', 'submitted', 'forwarded', 'accepted', 'declined', 'withdrawn', 'held')),
    note TEXT,
    override_reason TEXT
) STRICT;
INSERT INTO request_history_new (id, request_id, at, who, role, action, from_status, to_status,
                                 note, override_reason)
    SELECT id, request_id, at, who, role, action, from_status, to_status, note, override_reason
    FROM request_history;
DROP TABLE request_history;
ALTER TABLE request_history_new RENAME TO request_history;

CREATE INDEX request_history_request ON request_history(request_id, id);
CREATE TRIGGER request_history_insert_stamp AFTER INSERT ON request_history
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER request_history_update_stamp AFTER UPDATE ON request_history
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER request_history_delete_stamp AFTER DELETE ON request_history
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;

CREATE TRIGGER request_exchanges_insert_stamp AFTER INSERT ON request_exchanges
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER request_exchanges_update_stamp AFTER UPDATE ON request_exchanges
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER request_exchanges_delete_stamp AFTER DELETE ON request_exchanges
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
