-- Issue 11, items 5 and 6.
--
-- The sample week (`cpweek sample load`): exactly which rows are the
-- sample's, so that `cpweek sample remove` takes out those and nothing
-- else. The rows themselves are ordinary events, requests and practice
-- entries (their titles begin "Sample: "); their history goes with them.
CREATE TABLE sample_rows (
    kind TEXT NOT NULL CHECK (kind IN ('event', 'request', 'practice')),
    row_id INTEGER NOT NULL,
    PRIMARY KEY (kind, row_id)
) STRICT;

-- Which councils were sent which edition of the good-practice toolkit, and
-- when (an LGA officer's record; the rule is permission::check_toolkit_sent).
CREATE TABLE toolkit_sent (
    id INTEGER PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES programmes(id),
    edition INTEGER NOT NULL CHECK (edition BETWEEN 1 AND 1000),
    council_code TEXT NOT NULL REFERENCES councils(code),
    -- The day it was sent (YYYY-MM-DD, the programme's local date).
    sent_on TEXT NOT NULL,
    recorded_by TEXT NOT NULL CHECK (length(recorded_by) BETWEEN 1 AND 200),
    recorded_at TEXT NOT NULL,
    UNIQUE (programme_id, edition, council_code)
) STRICT;
CREATE INDEX toolkit_sent_council ON toolkit_sent(council_code);

CREATE TRIGGER toolkit_sent_insert_stamp AFTER INSERT ON toolkit_sent
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER toolkit_sent_update_stamp AFTER UPDATE ON toolkit_sent
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER toolkit_sent_delete_stamp AFTER DELETE ON toolkit_sent
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER sample_rows_insert_stamp AFTER INSERT ON sample_rows
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER sample_rows_update_stamp AFTER UPDATE ON sample_rows
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER sample_rows_delete_stamp AFTER DELETE ON sample_rows
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
