-- Settings may keep the person's name, which history records name. SQLite
-- cannot change a CHECK constraint in place: the table is rebuilt with the
-- wider key list and its rows copied (as in 0007).
CREATE TABLE settings_new (
    key TEXT PRIMARY KEY CHECK (key IN ('my_council', 'role', 'last_screen', 'name')),
    value TEXT NOT NULL
) STRICT;
INSERT INTO settings_new (key, value) SELECT key, value FROM settings;
DROP TABLE settings;
ALTER TABLE settings_new RENAME TO settings;

-- What happened to each event, when and by whom: one row per add, edit,
-- import, approval, return and cancellation, written in the same
-- transaction as the change. `who` is the settings name at the time, or
-- "unnamed" and the role; `from_status` is empty for a new event (and for a
-- calendar's update to an event older than this history).
CREATE TABLE event_history (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    who TEXT NOT NULL CHECK (length(who) BETWEEN 1 AND 200),
    role TEXT NOT NULL CHECK (role IN ('council_organiser', 'lga_officer')),
    action TEXT NOT NULL CHECK (action IN
        ('added', 'edited', 'imported', 'updated_by_import', 'approved', 'returned', 'cancelled')),
    from_status TEXT CHECK (from_status IS NULL
        OR from_status IN ('submitted', 'approved', 'returned', 'cancelled')),
    to_status TEXT NOT NULL CHECK (to_status IN ('submitted', 'approved', 'returned', 'cancelled')),
    note TEXT
) STRICT;

CREATE INDEX event_history_event ON event_history(event_id, id);
