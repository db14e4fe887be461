-- Stakemap map format 1: the domain model.
-- Lists (tags, required roles) are JSON arrays; dates are ISO 8601 text.

CREATE TABLE organizations (
    id    TEXT PRIMARY KEY NOT NULL,
    name  TEXT NOT NULL CHECK (length(name) > 0),
    notes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE teammates (
    id    TEXT PRIMARY KEY NOT NULL,
    name  TEXT NOT NULL CHECK (length(name) > 0),
    email TEXT NOT NULL DEFAULT ''
);

CREATE TABLE contacts (
    id           TEXT PRIMARY KEY NOT NULL,
    name         TEXT NOT NULL CHECK (length(name) > 0),
    title        TEXT NOT NULL DEFAULT '',
    organization TEXT REFERENCES organizations (id) ON DELETE SET NULL,
    email        TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    location     TEXT NOT NULL DEFAULT '',
    tags         TEXT NOT NULL DEFAULT '[]',
    notes        TEXT NOT NULL DEFAULT '',
    cadence_days INTEGER CHECK (cadence_days BETWEEN 1 AND 3650)
);
CREATE INDEX contacts_organization ON contacts (organization);

CREATE TABLE projects (
    id             TEXT PRIMARY KEY NOT NULL,
    name           TEXT NOT NULL CHECK (length(name) > 0),
    organization   TEXT REFERENCES organizations (id) ON DELETE SET NULL,
    status         TEXT NOT NULL,
    stage          TEXT NOT NULL DEFAULT '',
    target_date    TEXT,
    required_roles TEXT NOT NULL DEFAULT '[]',
    notes          TEXT NOT NULL DEFAULT '',
    frame_x        REAL NOT NULL,
    frame_y        REAL NOT NULL,
    frame_width    REAL NOT NULL,
    frame_height   REAL NOT NULL
);

CREATE TABLE stakes (
    id        TEXT PRIMARY KEY NOT NULL,
    project   TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    contact   TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    role      TEXT NOT NULL,
    stance    INTEGER NOT NULL CHECK (stance BETWEEN -2 AND 2),
    influence INTEGER NOT NULL CHECK (influence BETWEEN 1 AND 5),
    interest  INTEGER NOT NULL CHECK (interest BETWEEN 1 AND 5),
    owner     TEXT REFERENCES teammates (id) ON DELETE SET NULL,
    health    INTEGER CHECK (health BETWEEN -2 AND 2),
    notes     TEXT NOT NULL DEFAULT '',
    x         REAL NOT NULL,
    y         REAL NOT NULL,
    UNIQUE (project, contact)
);
CREATE INDEX stakes_contact ON stakes (contact);

CREATE TABLE relationships (
    id         TEXT PRIMARY KEY NOT NULL,
    from_contact TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    to_contact   TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    strength   INTEGER NOT NULL CHECK (strength BETWEEN 1 AND 5),
    notes      TEXT NOT NULL DEFAULT '',
    CHECK (from_contact <> to_contact)
);
CREATE INDEX relationships_from ON relationships (from_contact);
CREATE INDEX relationships_to ON relationships (to_contact);

CREATE TABLE interactions (
    id        TEXT PRIMARY KEY NOT NULL,
    date      TEXT NOT NULL,
    channel   TEXT NOT NULL,
    project   TEXT REFERENCES projects (id) ON DELETE SET NULL,
    sentiment INTEGER CHECK (sentiment BETWEEN -2 AND 2),
    notes     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX interactions_date ON interactions (date);

CREATE TABLE interaction_contacts (
    interaction TEXT NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
    contact     TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    PRIMARY KEY (interaction, contact)
) WITHOUT ROWID;
CREATE INDEX interaction_contacts_contact ON interaction_contacts (contact);

CREATE TABLE interaction_teammates (
    interaction TEXT NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
    teammate    TEXT NOT NULL REFERENCES teammates (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    PRIMARY KEY (interaction, teammate)
) WITHOUT ROWID;
CREATE INDEX interaction_teammates_teammate ON interaction_teammates (teammate);

-- Map-wide settings (coverage weights and the like), one JSON value per key.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
