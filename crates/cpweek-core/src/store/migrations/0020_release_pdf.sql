-- The programme's PDF as typeset when its latest release was made (issue 10).
-- Typesetting a large programme takes seconds (a 10,000-event programme is
-- 1,400 pages), and a release never changes, so its PDF is made once, when
-- the release is made, and publishing the site or exporting the release takes
-- it from here instead of typesetting it again.
--
-- A store of a pure function's result, never the only copy of anything:
-- `input` is the digest of what the PDF was made from (the cpweek version,
-- the template and the document's data: document::pdf_input_digest), and a
-- PDF whose input no longer matches the release's document (another cpweek
-- version or template) is typeset again. Only the latest release's PDF is
-- kept, so the file does not grow by a PDF a release.
CREATE TABLE release_pdfs (
    programme_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    input TEXT NOT NULL CHECK (length(input) = 64),
    pdf BLOB NOT NULL,
    PRIMARY KEY (programme_id, number),
    FOREIGN KEY (programme_id, number) REFERENCES programme_releases(programme_id, number)
) STRICT;
