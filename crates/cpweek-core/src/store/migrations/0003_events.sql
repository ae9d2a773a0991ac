-- Events. Instants are UTC text (YYYY-MM-DDTHH:MM:SSZ), which sorts in time
-- order; ends_at is exclusive.
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    sequence INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
    programme_id TEXT NOT NULL REFERENCES programmes(id),
    council_code TEXT NOT NULL REFERENCES councils(code),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description TEXT CHECK (description IS NULL OR length(description) <= 10000),
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    all_day INTEGER NOT NULL CHECK (all_day IN (0, 1)),
    venue TEXT,
    address TEXT,
    postcode TEXT,
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'private')),
    contact_name TEXT,
    contact_email TEXT,
    contact_phone TEXT,
    booking_url TEXT,
    capacity INTEGER CHECK (capacity IS NULL OR capacity > 0),
    status TEXT NOT NULL CHECK (status IN ('submitted', 'approved', 'returned', 'cancelled')),
    status_note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (ends_at > starts_at)
) STRICT;

CREATE INDEX events_programme_start ON events(programme_id, starts_at);
CREATE INDEX events_council ON events(council_code);

CREATE TABLE event_themes (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    theme_slug TEXT NOT NULL REFERENCES themes(slug),
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, theme_slug)
) STRICT;

CREATE TABLE event_audiences (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    audience_slug TEXT NOT NULL REFERENCES audiences(slug),
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, audience_slug)
) STRICT;

CREATE INDEX event_themes_slug ON event_themes(theme_slug);
