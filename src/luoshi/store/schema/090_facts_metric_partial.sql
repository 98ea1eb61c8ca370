-- luoshi database, version 90: the facts_metric index holds only the facts with a metric.
-- Most facts have none (86% of 7,573 on 40 bulk reports: plans and actions without a tracked metric), and each
-- entry repeats the 64-character report id: 16 kB per report for entries no query reads. A query on
-- `metric = ?` (or IN, or IS NOT NULL) implies the condition, so SQLite and PostgreSQL still use the index.
DROP INDEX IF EXISTS facts_metric;
CREATE INDEX facts_metric ON facts (metric) WHERE metric IS NOT NULL;
