-- luoshi database, version 1. Portable SQL: the same file runs on SQLite and PostgreSQL.
-- /*sqlite: X*/ is X on SQLite and a comment elsewhere: the per-report tables are clustered on their keys
-- there (WITHOUT ROWID), which halves their size.
-- Offsets (start, "end") are character offsets into reports.text, the clean text.
CREATE TABLE reports (
    id TEXT PRIMARY KEY,            -- sha256 of the raw bytes
    source TEXT NOT NULL,
    fmt TEXT,
    title TEXT,
    region TEXT,
    adcode TEXT,
    level TEXT,
    province TEXT,
    year INTEGER,
    kind TEXT,
    date TEXT,
    meeting TEXT,
    speaker TEXT,
    speaker_title TEXT,
    doc_type TEXT,
    confidence DOUBLE PRECISION,
    partial INTEGER,                -- 0 or 1 (an integer so the same SQL works on both databases)
    encoding TEXT,
    canonical_id TEXT,              -- NULL, or the id of the report this one is a near-duplicate of
    n_chars INTEGER,
    n_bytes INTEGER,
    text TEXT,
    raw_text TEXT,
    record_json TEXT,               -- Report.to_dict(): the full JSON record
    minhash TEXT,                   -- near-duplicate signature (hex), see luoshi.store.neardup
    ingested_at TEXT
);
CREATE INDEX reports_region ON reports (region);
CREATE INDEX reports_province ON reports (province);
CREATE INDEX reports_year ON reports (year);
CREATE INDEX reports_level ON reports (level);
CREATE INDEX reports_source ON reports (source);
CREATE INDEX reports_canonical ON reports (canonical_id);

CREATE TABLE sections (
    report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    level INTEGER,
    number TEXT,
    title TEXT,
    role TEXT,
    start INTEGER,
    "end" INTEGER,
    PRIMARY KEY (report_id, idx)
) /*sqlite: WITHOUT ROWID*/;

CREATE TABLE sentences (
    report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER,
    "end" INTEGER,
    section_idx INTEGER,
    text TEXT,
    PRIMARY KEY (report_id, idx)
) /*sqlite: WITHOUT ROWID*/;

CREATE TABLE facts (
    report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    metric TEXT,
    metric_text TEXT,
    value DOUBLE PRECISION,
    unit TEXT,
    value_text TEXT,
    high DOUBLE PRECISION,
    growth DOUBLE PRECISION,
    growth_unit TEXT,
    bound TEXT,
    status TEXT,
    period INTEGER,
    rank_scope TEXT,
    rank_n INTEGER,
    start INTEGER,
    "end" INTEGER,
    sentence TEXT,
    action TEXT,
    object TEXT,
    scope TEXT,
    rule TEXT,
    PRIMARY KEY (report_id, idx)
) /*sqlite: WITHOUT ROWID*/;
CREATE INDEX facts_metric ON facts (metric);

CREATE TABLE repairs (
    report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    kind TEXT,
    start INTEGER,
    "end" INTEGER,
    before TEXT,
    after TEXT,
    PRIMARY KEY (report_id, idx)
) /*sqlite: WITHOUT ROWID*/;

CREATE TABLE removals (
    report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    kind TEXT,
    text TEXT,
    PRIMARY KEY (report_id, idx)
) /*sqlite: WITHOUT ROWID*/;

CREATE TABLE metrics (
    id TEXT PRIMARY KEY,
    name_zh TEXT,
    aliases TEXT,                   -- |-separated
    kind TEXT
);

-- Locality-sensitive-hash buckets of the MinHash signatures: reports sharing a bucket are near-duplicate candidates.
CREATE TABLE near_dup_bands (
    band INTEGER NOT NULL,
    hash TEXT NOT NULL,
    report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    PRIMARY KEY (band, hash, report_id)
) /*sqlite: WITHOUT ROWID*/;
