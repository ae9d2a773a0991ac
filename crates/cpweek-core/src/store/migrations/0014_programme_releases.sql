-- Numbered releases of the published programme (issue 10): the LGA freezes
-- the approved public programme as release 1, 2, ... of a programme. Each
-- keeps the published programme it was made from (the JSON of
-- publish::programme::PublishedProgramme, in `format` 1), so its documents
-- never change afterwards whatever happens to the events, and the UIDs of
-- the events partners' calendars showed as cancelled when it was made, so
-- its list of changes can say which events were cancelled.
--
-- A release is never changed or removed: the triggers below refuse it.
CREATE TABLE programme_releases (
    programme_id TEXT NOT NULL REFERENCES programmes(id),
    number INTEGER NOT NULL CHECK (number >= 1),
    note TEXT,
    made_at TEXT NOT NULL,
    made_by TEXT NOT NULL,
    made_by_role TEXT NOT NULL CHECK (made_by_role IN ('council_organiser', 'lga_officer')),
    events INTEGER NOT NULL CHECK (events >= 0),
    format INTEGER NOT NULL CHECK (format = 1),
    programme TEXT NOT NULL,
    cancelled TEXT NOT NULL,
    PRIMARY KEY (programme_id, number)
) STRICT;

CREATE TRIGGER programme_releases_never_change BEFORE UPDATE ON programme_releases
BEGIN SELECT RAISE(ABORT, 'a release of the programme never changes'); END;
CREATE TRIGGER programme_releases_never_go BEFORE DELETE ON programme_releases
BEGIN SELECT RAISE(ABORT, 'a release of the programme is never removed'); END;

-- The window lists releases with the events (migration 10's stamp).
CREATE TRIGGER programme_releases_insert_stamp AFTER INSERT ON programme_releases
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER programme_releases_update_stamp AFTER UPDATE ON programme_releases
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER programme_releases_delete_stamp AFTER DELETE ON programme_releases
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
