"""scripts/facts_diff.py leaves every labelled or blind-drawn report out of what a rule's author reads."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load():
    spec = importlib.util.spec_from_file_location("facts_diff", ROOT / "scripts" / "facts_diff.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_blind_draw_is_left_out():
    """Each eval/stratified/sample*.tsv (the draws labelled blind, the latest included) is in the left-out set."""
    skip = load().labelled()
    draws = sorted((ROOT / "eval" / "stratified").glob("sample*.tsv"))
    assert len(draws) >= 5
    for draw in draws:
        with draw.open(encoding="utf-8") as f:
            files = [row["file"] for row in csv.DictReader(f, delimiter="\t")]
        assert files and all(path in skip for path in files), draw.name
