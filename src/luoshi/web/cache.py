"""A small, bounded, thread-safe LRU cache owned by one app (for answers that are slow to compute, like verdicts).

Keys include a fingerprint of the database state, so an upload never leaves a stale answer behind. A key being
computed is computed once: other requests for it wait for that result instead of starting the work again (which
also lets a page start work in the background that a later request will want: `prefetch`).
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Executor
from typing import Any


class _Pending:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = None
        self.failed = False


class LRUCache:
    def __init__(self, size: int = 64):
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._pending: dict[Hashable, _Pending] = {}
        self._lock = threading.Lock()

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            pending = self._pending.get(key)
            owner = pending is None
            if pending is None:
                pending = self._pending[key] = _Pending()
        if not owner:
            pending.done.wait()
            if not pending.failed:
                return pending.value
            return compute()  # the first computation raised: try ourselves, so the error reaches this request too
        try:
            value = compute()  # outside the lock: a slow computation must not block other keys
        except BaseException:
            pending.failed = True
            raise
        else:
            pending.value = value
            with self._lock:
                self._items[key] = value
                self._items.move_to_end(key)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        finally:
            with self._lock:
                self._pending.pop(key, None)
            pending.done.set()
        return value

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._items or key in self._pending

    def prefetch(self, executor: Executor, key: Hashable, compute: Callable[[], Any]) -> None:
        """Compute `key` on the executor unless it is cached or being computed (errors stay for the request)."""
        if key not in self:
            executor.submit(self._quietly, key, compute)

    def _quietly(self, key: Hashable, compute: Callable[[], Any]) -> None:
        with contextlib.suppress(Exception):  # a prefetch only saves time; the request that needs it sees the error
            self.get_or_compute(key, compute)
