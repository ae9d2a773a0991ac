-- Ministerial and VIP attendance (issue 9): the people who may be asked to
-- attend, councils' and the LGA's requests for them, each request's
-- history, and travel times set by hand.

-- People who may be asked to attend. Seeded people (the minister first)
-- keep their seed key so that `cpweek init` can add them once without
-- overwriting what staff have edited; people added by hand have none.
-- They replace the single-row `ministers` table, whose row becomes the
-- first person.
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    seed_key TEXT UNIQUE,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    organisation TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('minister', 'official', 'lga-member', 'other')),
    -- The office requests go through (a minister's private office).
    office TEXT,
    -- Where travel to the day's first engagement starts and the last ends.
    base_name TEXT,
    base_postcode TEXT,
    -- The least time between two engagements besides the travel.
    changeover_minutes INTEGER NOT NULL CHECK (changeover_minutes BETWEEN 0 AND 240),
    -- Background for briefing notes.
    notes TEXT,
    -- Which source document names them, and its date.
    source TEXT
) STRICT;

INSERT INTO people (seed_key, name, title, organisation, kind, changeover_minutes)
SELECT id, name, role, department, 'minister', 15 FROM ministers ORDER BY id;

DROP TRIGGER ministers_insert_stamp;
DROP TRIGGER ministers_update_stamp;
DROP TRIGGER ministers_delete_stamp;
DROP TABLE ministers;

-- A request for a person to attend: an event (the part of it wanted, the
-- whole event by default) or, for an LGA-led slot such as NCAS, a time and
-- venue of its own (slot_* columns, no event). Times are UTC.
CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES programmes(id),
    event_id INTEGER REFERENCES events(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    role TEXT NOT NULL CHECK (role IN ('visit', 'speak', 'meet-young-people', 'present-awards', 'other')),
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL CHECK (ends_at > starts_at),
    -- The whole event: its times follow the event's when it moves.
    whole_event INTEGER NOT NULL CHECK (whole_event IN (0, 1)),
    slot_title TEXT,
    slot_venue TEXT,
    slot_address TEXT,
    slot_postcode TEXT,
    slot_region TEXT REFERENCES regions(code),
    case_text TEXT,
    contact_name TEXT,
    contact_email TEXT,
    contact_phone TEXT,
    -- Who asked: a council's code, or 'lga'.
    asked_by TEXT NOT NULL CHECK (asked_by = 'lga' OR length(asked_by) = 3),
    priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 5),
    status TEXT NOT NULL CHECK (status IN
        ('draft', 'submitted', 'forwarded', 'accepted', 'declined', 'withdrawn', 'held')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((event_id IS NULL) = (slot_title IS NOT NULL)),
    CHECK (event_id IS NULL OR whole_event IN (0, 1)),
    CHECK (event_id IS NOT NULL OR whole_event = 0)
) STRICT;

-- At most one open request per event and person.
CREATE UNIQUE INDEX requests_one_open ON requests(event_id, person_id)
    WHERE event_id IS NOT NULL AND status IN ('draft', 'submitted', 'forwarded', 'accepted');
CREATE INDEX requests_person ON requests(person_id, starts_at);
CREATE INDEX requests_event ON requests(event_id);

-- Every change to a request: when, by whom (the settings name and role at
-- the time), the status before and after, the note, and any clash
-- override's reason.
CREATE TABLE request_history (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    who TEXT NOT NULL CHECK (length(who) BETWEEN 1 AND 200),
    role TEXT NOT NULL CHECK (role IN ('council_organiser', 'lga_officer')),
    action TEXT NOT NULL CHECK (action IN ('drafted', 'edited', 'submitted', 'forwarded',
        'accepted', 'declined', 'withdrawn', 'held', 'event_moved', 'event_cancelled')),
    from_status TEXT CHECK (from_status IS NULL OR from_status IN
        ('draft', 'submitted', 'forwarded', 'accepted', 'declined', 'withdrawn', 'held')),
    to_status TEXT NOT NULL CHECK (to_status IN
        ('draft', 'submitted', 'forwarded', 'accepted', 'declined', 'withdrawn', 'held')),
    note TEXT,
    override_reason TEXT
) STRICT;
CREATE INDEX request_history_request ON request_history(request_id, id);

-- Travel times set by hand between two places (normalised postcodes or
-- outcodes), either way round: stored with the smaller first.
CREATE TABLE travel_overrides (
    from_place TEXT NOT NULL,
    to_place TEXT NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 1440),
    note TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (from_place, to_place),
    CHECK (from_place < to_place)
) STRICT;

-- The window shows all of these with the events (part 'events' of the stamp).
CREATE TRIGGER people_insert_stamp AFTER INSERT ON people
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER people_update_stamp AFTER UPDATE ON people
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER people_delete_stamp AFTER DELETE ON people
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;

CREATE TRIGGER requests_insert_stamp AFTER INSERT ON requests
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER requests_update_stamp AFTER UPDATE ON requests
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER requests_delete_stamp AFTER DELETE ON requests
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;

CREATE TRIGGER request_history_insert_stamp AFTER INSERT ON request_history
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER request_history_update_stamp AFTER UPDATE ON request_history
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER request_history_delete_stamp AFTER DELETE ON request_history
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;

CREATE TRIGGER travel_overrides_insert_stamp AFTER INSERT ON travel_overrides
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER travel_overrides_update_stamp AFTER UPDATE ON travel_overrides
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER travel_overrides_delete_stamp AFTER DELETE ON travel_overrides
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
