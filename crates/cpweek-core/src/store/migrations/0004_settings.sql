-- The person's own settings for this database: one row per key. Only keys
-- the core knows are written (see store/settings.rs).
CREATE TABLE settings (
    key TEXT PRIMARY KEY CHECK (key IN ('my_council', 'role')),
    value TEXT NOT NULL
) STRICT;
