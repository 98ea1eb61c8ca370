-- luoshi database, version 70: the decoded original (kept for display and audit only) as a compressed blob.
-- raw_z: packing.pack_raw (zstd with the clean text as dictionary: ~0.6 kB per report instead of ~51 kB);
-- raw_text is NULL for rows written from now on, and the upgrade step (store/upgrades.py) packs the rows stored
-- before. raw_chars: the raw text's length in characters (what the web page shows without unpacking it).
ALTER TABLE reports ADD COLUMN raw_z /*sqlite: BLOB*//*postgresql: BYTEA*/;
ALTER TABLE reports ADD COLUMN raw_chars INTEGER;
