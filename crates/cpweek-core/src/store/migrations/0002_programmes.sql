-- Programmes (one Corporate Parenting Week each) and linked conferences.
-- Seeded once; after that they are LGA staff's data and init leaves them be.
CREATE TABLE conferences (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    starts_on TEXT,
    ends_on TEXT,
    venue TEXT,
    confirmed INTEGER NOT NULL DEFAULT 0,
    CHECK (starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on)
) STRICT;

CREATE TABLE programmes (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    is_current INTEGER NOT NULL DEFAULT 0,
    conference_id TEXT REFERENCES conferences(id),
    CHECK (starts_on <= ends_on)
) STRICT;

CREATE UNIQUE INDEX programmes_one_current ON programmes(is_current) WHERE is_current = 1;
