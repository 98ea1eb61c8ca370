-- luoshi database, version 120: a fact's sentence as a span of the report's text, not a copy of it. Each fact row
-- repeated its sentence's characters (15 kB per report on the corpus), which reports.text already holds.
-- sentence_start/sentence_end are character offsets into reports.text (the span whose text is the fact's
-- `sentence`: the clause or sentence it was read from); `sentence` keeps the text only for a fact whose sentence is
-- not found verbatim in the text (NULL otherwise). The view `facts` gives the same `sentence` column as before,
-- cut from the text (upgrades.FACTS_VIEW); the data step (store/upgrades.py) finds the spans of stored facts.
ALTER TABLE fact_rows ADD COLUMN sentence_start INTEGER;
ALTER TABLE fact_rows ADD COLUMN sentence_end INTEGER
