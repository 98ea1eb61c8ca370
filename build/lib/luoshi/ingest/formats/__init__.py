"""One reader per container format; each returns Documents and IngestErrors, never raises on bad input."""
