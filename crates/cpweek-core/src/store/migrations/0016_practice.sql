-- Practice entries (issue 11): councils' case studies for the good-practice
-- toolkit. An entry has its lead council and partner councils (as a joint
-- event has), partner organisations (free text, such as a charity), its
-- programme, themes, outcomes as measures, links to its councils' events,
-- the safeguarding and consent check, and a status:
-- draft -> submitted -> approved -> published, or returned with the LGA's
-- note. The rules are the core's (crate::practice, permission.rs); the
-- checks here hold the store to the most important of them too.
CREATE TABLE practice_entries (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE CHECK (length(uid) BETWEEN 1 AND 255),
    programme_id TEXT NOT NULL REFERENCES programmes(id),
    council_code TEXT NOT NULL REFERENCES councils(code),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    summary TEXT NOT NULL CHECK (length(summary) BETWEEN 1 AND 2000),
    what_was_done TEXT CHECK (what_was_done IS NULL OR length(what_was_done) <= 10000),
    source TEXT,
    contact_name TEXT,
    contact_role TEXT,
    contact_email TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'published')),
    -- The LGA's note when it returned the entry.
    status_note TEXT,
    -- The safeguarding and consent check: who confirmed it (a full name),
    -- when, and which: no child or care leaver can be identified, or
    -- consent is on record.
    consent_by TEXT,
    consent_at TEXT,
    consent_kind TEXT CHECK (consent_kind IS NULL OR consent_kind IN ('identified_none', 'on_record')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((consent_by IS NULL) = (consent_at IS NULL) AND (consent_by IS NULL) = (consent_kind IS NULL)),
    -- An entry is never published without its consent check.
    CHECK (status <> 'published' OR consent_by IS NOT NULL),
    -- A contact is a name and an e-mail address, or nothing.
    CHECK ((contact_name IS NULL) = (contact_email IS NULL))
) STRICT;

CREATE INDEX practice_entries_programme ON practice_entries(programme_id, status);
CREATE INDEX practice_entries_council ON practice_entries(council_code);

CREATE TABLE practice_partners (
    entry_id INTEGER NOT NULL REFERENCES practice_entries(id) ON DELETE CASCADE,
    council_code TEXT NOT NULL REFERENCES councils(code),
    position INTEGER NOT NULL CHECK (position >= 0),
    PRIMARY KEY (entry_id, council_code)
) STRICT;
CREATE INDEX practice_partners_council ON practice_partners(council_code, entry_id);

CREATE TRIGGER practice_partners_not_lead BEFORE INSERT ON practice_partners
WHEN NEW.council_code = (SELECT council_code FROM practice_entries WHERE id = NEW.entry_id)
BEGIN SELECT RAISE(ABORT, 'a partner council cannot be the lead council'); END;

CREATE TABLE practice_organisations (
    entry_id INTEGER NOT NULL REFERENCES practice_entries(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    PRIMARY KEY (entry_id, position)
) STRICT;

CREATE TABLE practice_themes (
    entry_id INTEGER NOT NULL REFERENCES practice_entries(id) ON DELETE CASCADE,
    theme_slug TEXT NOT NULL REFERENCES themes(slug),
    position INTEGER NOT NULL CHECK (position >= 0),
    PRIMARY KEY (entry_id, theme_slug)
) STRICT;
CREATE INDEX practice_themes_slug ON practice_themes(theme_slug);

-- What was measured, before, after, over what period: "Adoptions; 20; 42;
-- 2011 to 2013".
CREATE TABLE practice_outcomes (
    entry_id INTEGER NOT NULL REFERENCES practice_entries(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    measure TEXT NOT NULL CHECK (length(measure) BETWEEN 1 AND 200),
    before TEXT NOT NULL CHECK (length(before) BETWEEN 1 AND 100),
    after TEXT NOT NULL CHECK (length(after) BETWEEN 1 AND 100),
    period TEXT NOT NULL CHECK (length(period) BETWEEN 1 AND 100),
    PRIMARY KEY (entry_id, position)
) STRICT;

-- The council's events the entry tells of (each run by its lead or a
-- partner council, checked in the core). Should an event ever be removed,
-- the link goes with it and the entry stays.
CREATE TABLE practice_events (
    entry_id INTEGER NOT NULL REFERENCES practice_entries(id) ON DELETE CASCADE,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    PRIMARY KEY (entry_id, event_id)
) STRICT;
CREATE INDEX practice_events_event ON practice_events(event_id);

-- What happened to each entry, when and by whom, written in the same
-- transaction as the change (as event_history is for events).
CREATE TABLE practice_history (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES practice_entries(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    who TEXT NOT NULL CHECK (length(who) BETWEEN 1 AND 200),
    role TEXT NOT NULL CHECK (role IN ('council_organiser', 'lga_officer')),
    action TEXT NOT NULL CHECK (action IN
        ('added', 'edited', 'corrected', 'submitted', 'approved', 'returned', 'published')),
    from_status TEXT CHECK (from_status IS NULL
        OR from_status IN ('draft', 'submitted', 'returned', 'approved', 'published')),
    to_status TEXT NOT NULL CHECK (to_status IN ('draft', 'submitted', 'returned', 'approved', 'published')),
    note TEXT
) STRICT;
CREATE INDEX practice_history_entry ON practice_history(entry_id, id);

-- The window will show practice entries (migration 10's stamp). Until they
-- have a part of their own in the stamp they count with the events.
CREATE TRIGGER practice_entries_insert_stamp AFTER INSERT ON practice_entries
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER practice_entries_update_stamp AFTER UPDATE ON practice_entries
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER practice_entries_delete_stamp AFTER DELETE ON practice_entries
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;

CREATE TRIGGER practice_partners_insert_stamp AFTER INSERT ON practice_partners
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER practice_partners_update_stamp AFTER UPDATE ON practice_partners
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER practice_partners_delete_stamp AFTER DELETE ON practice_partners
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;

CREATE TRIGGER practice_organisations_insert_stamp AFTER INSERT ON practice_organisations
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER practice_organisations_update_stamp AFTER UPDATE ON practice_organisations
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER practice_organisations_delete_stamp AFTER DELETE ON practice_organisations
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;

CREATE TRIGGER practice_themes_insert_stamp AFTER INSERT ON practice_themes
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER practice_themes_update_stamp AFTER UPDATE ON practice_themes
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER practice_themes_delete_stamp AFTER DELETE ON practice_themes
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;

CREATE TRIGGER practice_outcomes_insert_stamp AFTER INSERT ON practice_outcomes
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER practice_outcomes_update_stamp AFTER UPDATE ON practice_outcomes
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER practice_outcomes_delete_stamp AFTER DELETE ON practice_outcomes
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;

CREATE TRIGGER practice_events_insert_stamp AFTER INSERT ON practice_events
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER practice_events_update_stamp AFTER UPDATE ON practice_events
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER practice_events_delete_stamp AFTER DELETE ON practice_events
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;

CREATE TRIGGER practice_history_insert_stamp AFTER INSERT ON practice_history
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER practice_history_update_stamp AFTER UPDATE ON practice_history
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER practice_history_delete_stamp AFTER DELETE ON practice_history
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
