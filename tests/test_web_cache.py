"""The web app's answer cache: bounded LRU, one computation per key at a time, background prefetch."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from luoshi.web.cache import LRUCache


def test_a_key_being_computed_is_computed_once():
    cache, calls, release = LRUCache(), [], threading.Event()

    def slow():
        calls.append(1)
        release.wait(5)
        return "answer"

    results = []
    threads = [threading.Thread(target=lambda: results.append(cache.get_or_compute("k", slow))) for _ in range(4)]
    for t in threads:
        t.start()
    while not calls:
        time.sleep(0.01)
    release.set()
    for t in threads:
        t.join(5)
    assert results == ["answer"] * 4 and len(calls) == 1
    assert cache.get_or_compute("k", lambda: "other") == "answer"


def test_a_failed_computation_is_not_cached_and_reaches_the_caller():
    cache = LRUCache()
    with pytest.raises(ZeroDivisionError):
        cache.get_or_compute("k", lambda: 1 / 0)
    assert "k" not in cache
    assert cache.get_or_compute("k", lambda: 2) == 2


def test_least_recently_used_keys_leave_first():
    cache = LRUCache(size=2)
    for k in "abc":
        cache.get_or_compute(k, lambda k=k: k.upper())
    assert "a" not in cache and "b" in cache and "c" in cache


def test_prefetch_computes_in_the_background_and_a_request_waits_for_it():
    cache, calls = LRUCache(), []
    with ThreadPoolExecutor(max_workers=1) as pool:
        cache.prefetch(pool, "k", lambda: calls.append(1) or "early")
        cache.prefetch(pool, "k", lambda: calls.append(1) or "again")  # already cached or under way: not queued
        assert cache.get_or_compute("k", lambda: "late") in ("early", "late")
    assert cache.get_or_compute("k", lambda: "never") in ("early", "late") and len(calls) <= 1
    with ThreadPoolExecutor(max_workers=1) as pool:
        cache.prefetch(pool, "bad", lambda: 1 / 0)  # a failing prefetch is silent; the request sees the error
    with pytest.raises(ZeroDivisionError):
        cache.get_or_compute("bad", lambda: 1 / 0)
