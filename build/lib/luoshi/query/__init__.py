"""Answering questions over reports: targets tables, series, comparisons, search, trends, exports."""
