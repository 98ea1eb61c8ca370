-- Indexes for the web app's pages (luoshi.web). Portable SQL: the same file runs on SQLite and PostgreSQL.
-- /targets reads the facts with status 'target' of canonical reports: without this index every fact is read
-- (1.3 M on the 10,000-report bench corpus); with it, only the target entries, per report.
CREATE INDEX IF NOT EXISTS facts_status_report ON facts (status, report_id);
