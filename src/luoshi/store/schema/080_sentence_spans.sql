-- luoshi database, version 80: sentences as offsets only, one row per report.
-- A row per sentence repeated the 64-character report id in each of them (~40 kB per report for ~425 sentences);
-- sentence_spans holds a report's sentences as one JSON array of [start, "end", section_idx] (~5 kB). The upgrade
-- step (store/upgrades.py) moves the rows of the old table there, then `sentences` becomes a view of the same
-- columns (json_each on SQLite, jsonb_array_elements on PostgreSQL), and `sentences_text` adds the text cut from
-- reports.text, so SQL and Datasette read sentences as before.
CREATE TABLE sentence_spans (
    report_id TEXT PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
    spans TEXT NOT NULL
);
