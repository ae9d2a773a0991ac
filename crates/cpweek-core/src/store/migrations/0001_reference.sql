-- Reference data: regions, councils of 2014, later council names, themes,
-- audiences, the minister. Loaded from seeds/ by `cpweek init`.
CREATE TABLE regions (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE councils (
    code TEXT PRIMARY KEY CHECK (length(code) = 3),
    gss_code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    region_code TEXT NOT NULL REFERENCES regions(code)
) STRICT;

CREATE TABLE council_successors (
    name TEXT PRIMARY KEY,
    formed INTEGER NOT NULL,
    advice TEXT NOT NULL
) STRICT;

CREATE TABLE themes (
    slug TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE audiences (
    slug TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE ministers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    department TEXT NOT NULL,
    constituency TEXT NOT NULL
) STRICT;
