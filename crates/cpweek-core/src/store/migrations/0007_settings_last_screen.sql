-- Settings may also keep the screen the app was left on, so that it opens
-- there next time. SQLite cannot change a CHECK constraint in place: the
-- table is rebuilt with the wider key list and its rows copied.
CREATE TABLE settings_new (
    key TEXT PRIMARY KEY CHECK (key IN ('my_council', 'role', 'last_screen')),
    value TEXT NOT NULL
) STRICT;
INSERT INTO settings_new (key, value) SELECT key, value FROM settings;
DROP TABLE settings;
ALTER TABLE settings_new RENAME TO settings;
