"""Data steps of schema migrations: rows rewritten into a new form, run after the version's SQL file in the same
transaction (so a file is either fully upgraded to that version or left as it was).

Each step takes the store and works through its `_execute`; it must be safe on a database with no rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .packing import pack_raw

BATCH = 200  # rows read at once: bounds memory on large files


def pack_raw_texts(store: Any) -> None:
    """Version 70: every stored raw_text becomes a raw_z blob (and raw_chars), raw_text NULL."""
    while True:
        rows = store._execute("SELECT id, text, raw_text FROM reports WHERE raw_text IS NOT NULL AND raw_z IS NULL "
                              "LIMIT ?", (BATCH,))
        if not rows:
            return
        store._executemany("UPDATE reports SET raw_z = ?, raw_chars = ?, raw_text = NULL WHERE id = ?",
                           [(pack_raw(r["raw_text"], r["text"] or ""), len(r["raw_text"]), r["id"]) for r in rows])


UPGRADES: dict[int, Callable[[Any], None]] = {70: pack_raw_texts}
