"""The job journal's tables, and how a journal written by an older version is brought up to date."""

from __future__ import annotations

import sqlite3

from seedream_desktop.api import PRICE_PER_IMAGE_USD
from seedream_desktop.api.envelope import MAX_PLAUSIBLE_COST_USD

SCHEMA_VERSION = 3  # 2: jobs.api_url, jobs.cancel_requested; 3: images.cost_note

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id             TEXT PRIMARY KEY,
    task_uuid      TEXT NOT NULL,
    request        TEXT NOT NULL,          -- GenerationRequest.to_dict() as JSON
    reference_ids  TEXT,                   -- JSON list: what was sent for the references (upload UUIDs ...)
    estimated_cost REAL NOT NULL,
    state          TEXT NOT NULL,
    attempted      INTEGER NOT NULL DEFAULT 0,  -- a submit of task_uuid may have reached the server
    acked          INTEGER NOT NULL DEFAULT 0,  -- the server confirmed it has task_uuid
    task_failed    INTEGER NOT NULL DEFAULT 0,  -- getResponse reported the task itself as failed
    owner_pid      INTEGER,                -- the process running the job now (GUI and CLI share the journal)
    api_url        TEXT,                   -- API base URL the task goes to (never the key), NULL: the default
    cancel_requested INTEGER NOT NULL DEFAULT 0,  -- cancelled: save what arrived, then end CANCELLED
    error_kind     TEXT,                   -- SeedreamError subclass name
    error_code     TEXT,
    error_message  TEXT,
    error_params   TEXT,
    created        REAL NOT NULL,
    started        REAL,
    finished       REAL,
    updated        REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state);
CREATE INDEX IF NOT EXISTS jobs_created ON jobs(created);
CREATE TABLE IF NOT EXISTS images (
    image_uuid     TEXT PRIMARY KEY,
    job_id         TEXT NOT NULL REFERENCES jobs(id),
    task_uuid      TEXT NOT NULL,
    url            TEXT,
    expires_at     REAL,
    seed           INTEGER,
    cost           REAL,
    nsfw           INTEGER,
    cost_note      TEXT,                   -- why ``cost`` is the estimate: the server's figure was unusable
    sequence_index INTEGER NOT NULL,
    path           TEXT,                   -- the final name, recorded just before the rename
    sha256         TEXT,                   -- of the bytes the server sent
    size           INTEGER,
    state          TEXT NOT NULL,          -- 'pending' or 'saved'
    created        REAL NOT NULL,
    updated        REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS images_job ON images(job_id);
CREATE INDEX IF NOT EXISTS images_created ON images(created);
"""

# Columns added after version 1, for journals written by older versions (ALTER TABLE keeps their rows).
# Old jobs get api_url NULL, read as the default API: before version 2 only a key for it was asked for.
ADDED_JOB_COLUMNS = {
    "api_url": "ALTER TABLE jobs ADD COLUMN api_url TEXT",
    "cancel_requested": "ALTER TABLE jobs ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0",
}
# The cost a row counts for: the server's figure when plausible, else the per-image estimate. New rows
# are already cleaned (envelope.read_cost); this also tames rows an older version stored (-1000, Inf).
COUNTED_COST = (
    f"(CASE WHEN {{c}} IS NULL THEN NULL WHEN {{c}} >= 0 AND {{c}} <= {MAX_PLAUSIBLE_COST_USD}"
    f" THEN {{c}} ELSE {PRICE_PER_IMAGE_USD} END)"
)
ADDED_IMAGE_COLUMNS = {"cost_note": "ALTER TABLE images ADD COLUMN cost_note TEXT"}


def create_or_upgrade(db: sqlite3.Connection) -> None:
    """Create the tables, add the columns older versions lack (their rows kept), stamp the version."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
    for table, added in (("jobs", ADDED_JOB_COLUMNS), ("images", ADDED_IMAGE_COLUMNS)):
        columns = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        for name, statement in added.items():
            if name not in columns:
                db.execute(statement)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
