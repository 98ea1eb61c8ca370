-- Fact.basis: what a growth figure is measured over — annual (the year's change), average (年均, over a span ending
-- in `period`) or cumulative (累计). Rows stored before this column existed are annual figures.
ALTER TABLE facts ADD COLUMN basis TEXT DEFAULT 'annual';
