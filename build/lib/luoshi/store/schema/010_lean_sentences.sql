-- luoshi database, version 10: a sentence's text is no longer stored twice.
-- sentences.text repeated reports.text (a fifth of the file); reports stored from now on leave it NULL (the
-- column stays, so SQL that reads it with a fallback keeps working; rows stored before keep their text) and the
-- view sentences_text derives it from the offsets (Datasette shows it as a table). substr counts characters on
-- both databases.
CREATE VIEW sentences_text AS
SELECT s.report_id, s.idx, s.start, s."end", s.section_idx, substr(r.text, s.start + 1, s."end" - s.start) AS text
FROM sentences s JOIN reports r ON r.id = s.report_id;
