-- One stamp for everything the window shows, so that a change made by any
-- process (the window, the cpweek CLI, another window) reaches a running
-- window: one counter per part the window loads (reference data, settings,
-- events), raised by a trigger on every table that part is read from. The
-- window asks for the stamp (Store::app_stamp) and loads again only the
-- parts whose counter moved. A read changes nothing here.
--
-- A later table the window shows needs the same three triggers (a test in
-- store/tests.rs fails until it has them); a table rebuilt by copying
-- (CREATE new, DROP old, RENAME) loses its triggers and must have them made
-- again in the same migration.
CREATE TABLE app_stamp (
    part TEXT PRIMARY KEY CHECK (part IN ('reference', 'settings', 'events')),
    changes INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO app_stamp (part) VALUES ('reference'), ('settings'), ('events');

CREATE TRIGGER regions_insert_stamp AFTER INSERT ON regions
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;
CREATE TRIGGER regions_update_stamp AFTER UPDATE ON regions
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;
CREATE TRIGGER regions_delete_stamp AFTER DELETE ON regions
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;

CREATE TRIGGER councils_insert_stamp AFTER INSERT ON councils
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;
CREATE TRIGGER councils_update_stamp AFTER UPDATE ON councils
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;
CREATE TRIGGER councils_delete_stamp AFTER DELETE ON councils
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;

CREATE TRIGGER council_successors_insert_stamp AFTER INSERT ON council_successors
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;
CREATE TRIGGER council_successors_update_stamp AFTER UPDATE ON council_successors
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;
CREATE TRIGGER council_successors_delete_stamp AFTER DELETE ON council_successors
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;

CREATE TRIGGER themes_insert_stamp AFTER INSERT ON themes
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;
CREATE TRIGGER themes_update_stamp AFTER UPDATE ON themes
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;
CREATE TRIGGER themes_delete_stamp AFTER DELETE ON themes
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;

CREATE TRIGGER audiences_insert_stamp AFTER INSERT ON audiences
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;
CREATE TRIGGER audiences_update_stamp AFTER UPDATE ON audiences
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;
CREATE TRIGGER audiences_delete_stamp AFTER DELETE ON audiences
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;

CREATE TRIGGER ministers_insert_stamp AFTER INSERT ON ministers
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;
CREATE TRIGGER ministers_update_stamp AFTER UPDATE ON ministers
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;
CREATE TRIGGER ministers_delete_stamp AFTER DELETE ON ministers
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;

CREATE TRIGGER conferences_insert_stamp AFTER INSERT ON conferences
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;
CREATE TRIGGER conferences_update_stamp AFTER UPDATE ON conferences
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;
CREATE TRIGGER conferences_delete_stamp AFTER DELETE ON conferences
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;

CREATE TRIGGER programmes_insert_stamp AFTER INSERT ON programmes
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;
CREATE TRIGGER programmes_update_stamp AFTER UPDATE ON programmes
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;
CREATE TRIGGER programmes_delete_stamp AFTER DELETE ON programmes
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'reference'; END;

CREATE TRIGGER events_insert_stamp AFTER INSERT ON events
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER events_update_stamp AFTER UPDATE ON events
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER events_delete_stamp AFTER DELETE ON events
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;

CREATE TRIGGER event_themes_insert_stamp AFTER INSERT ON event_themes
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER event_themes_update_stamp AFTER UPDATE ON event_themes
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER event_themes_delete_stamp AFTER DELETE ON event_themes
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;

CREATE TRIGGER event_audiences_insert_stamp AFTER INSERT ON event_audiences
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER event_audiences_update_stamp AFTER UPDATE ON event_audiences
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER event_audiences_delete_stamp AFTER DELETE ON event_audiences
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;

CREATE TRIGGER event_series_insert_stamp AFTER INSERT ON event_series
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER event_series_update_stamp AFTER UPDATE ON event_series
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER event_series_delete_stamp AFTER DELETE ON event_series
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;

-- Settings: the screen the app was left on is kept as the person moves
-- between screens; it is not something the window shows, so it moves
-- nothing (otherwise every move would reload the settings).
CREATE TRIGGER settings_insert_stamp AFTER INSERT ON settings
WHEN NEW.key <> 'last_screen'
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'settings'; END;
CREATE TRIGGER settings_update_stamp AFTER UPDATE ON settings
WHEN NEW.key <> 'last_screen'
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'settings'; END;
CREATE TRIGGER settings_delete_stamp AFTER DELETE ON settings
WHEN OLD.key <> 'last_screen'
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'settings'; END;

-- Each event's history (migration 8) is shown on its page.
CREATE TRIGGER event_history_insert_stamp AFTER INSERT ON event_history
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER event_history_update_stamp AFTER UPDATE ON event_history
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER event_history_delete_stamp AFTER DELETE ON event_history
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
