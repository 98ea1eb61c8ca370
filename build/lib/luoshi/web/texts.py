"""The database's canonical texts held once per app, for trends counted in memory (see luoshi.query.texts)."""

from __future__ import annotations

import threading
from typing import Any

from ..query.texts import DEFAULT_MAX_CHARS, ReportTexts
from .data import fingerprint


class SharedTexts:
    """Loaded on first use (or by the start-up warm-up) and again whenever the database changes (its fingerprint);
    every thread shares the one copy. None when the corpus is over `max_chars`: trends then count in SQL."""

    def __init__(self, max_chars: int = DEFAULT_MAX_CHARS):
        self.max_chars = max_chars
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._texts: ReportTexts | None = None

    def get(self, store: Any, key: tuple | None = None) -> ReportTexts | None:
        """The texts for the database state `key` (its fingerprint; read from the store when not given)."""
        key = key if key is not None else fingerprint(store)
        with self._lock:  # one load at a time; requests arriving meanwhile wait for it rather than load again
            if key != self._key:
                self._texts = ReportTexts.load(store, max_chars=self.max_chars)
                self._key = key
            return self._texts
