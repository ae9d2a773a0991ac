-- The good-practice toolkit (issue 11): the LGA's introduction to each
-- programme's toolkit, as the Markdown an LGA officer gave
-- (`cpweek toolkit intro`), checked by crate::publish::toolkit::intro
-- before it is stored. One per programme; a new one replaces the old.
CREATE TABLE toolkit_intros (
    programme_id TEXT PRIMARY KEY REFERENCES programmes(id),
    markdown TEXT NOT NULL CHECK (length(markdown) BETWEEN 1 AND 50000),
    -- Who gave it (the settings' name, or "unnamed") and when (UTC).
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The window's toolkit preview shows it, with the practice entries: it
-- raises the same part of the app stamp as they do.
CREATE TRIGGER toolkit_intros_insert_stamp AFTER INSERT ON toolkit_intros
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER toolkit_intros_update_stamp AFTER UPDATE ON toolkit_intros
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
CREATE TRIGGER toolkit_intros_delete_stamp AFTER DELETE ON toolkit_intros
BEGIN UPDATE app_stamp SET changes = changes + 1 WHERE part = 'events'; END;
