-- luoshi database, version 110: a report's sentences as rows under its number, the one table of sentence spans.
-- Before, the spans were stored twice: as one JSON array per report (sentence_spans, version 80, ~7.5 kB per
-- report) for the record, and as the search index's rows (search_rows, ~8.8 kB) for search hits. sentence_rows is
-- both: `pos` is the span's place in the report and the sentence's index (the search index's row id is
-- report_num * 2^12 + pos); `split` is 1 for a span cut only for search (a report stored without sentences: such
-- rows are not sentences of the record) and NULL otherwise (no byte). WITHOUT ROWID on
-- (report_num, pos): a report's rows are found by the key, no other index. The data step (store/upgrades.py)
-- moves the JSON arrays here and makes `sentences` (and `sentences_text`) views of this table.
CREATE TABLE sentence_rows (
    report_num INTEGER NOT NULL REFERENCES report_keys (num) ON DELETE CASCADE,
    pos INTEGER NOT NULL,
    split INTEGER,
    start INTEGER,
    "end" INTEGER,
    section_idx INTEGER,
    PRIMARY KEY (report_num, pos)
) /*sqlite: WITHOUT ROWID*/;
