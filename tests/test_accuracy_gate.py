"""The accuracy gate: the dev answers scored with shared/tools/score.py must stay at or above eval/floors.json.

Floors only ever go up: when a change improves a score, raise the floor in the same commit.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dev_score(shared: Path, tmp_path_factory) -> dict:
    score = shared / "tools" / "score.py"
    gold = shared / "gold" / "dev"
    if not score.exists() or not any(gold.glob("*.json")):
        pytest.skip(f"needs {score} and the dev answers in {gold}")
    files = subprocess.run(
        [sys.executable, str(score), "--gold", str(gold), "--list-files"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout.split()
    pred = tmp_path_factory.mktemp("gate") / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        subprocess.run([sys.executable, "-m", "luoshi.cli", "extract", *files, "--format", "jsonl"],
                       stdout=out, check=True, cwd=ROOT)
    summary = subprocess.run(
        [sys.executable, str(score), "--gold", str(gold), "--pred", str(pred), "--json"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout
    result = json.loads(summary)
    print("dev score:", json.dumps(result, ensure_ascii=False))
    return result


def test_every_dev_report_has_a_prediction(dev_score):
    assert dev_score["missing_docs"] == []


@pytest.mark.parametrize("field", sorted(FLOORS["meta"]))
def test_metadata_field_at_or_above_floor(dev_score, field):
    assert dev_score["meta"].get(field, 0.0) >= FLOORS["meta"][field]


@pytest.mark.parametrize("family,measure", [(f, m) for f, ms in FLOORS["facts"].items() for m in ms])
def test_fact_family_at_or_above_floor(dev_score, family, measure):
    got = (dev_score["facts"].get(family) or {}).get(measure) or 0.0
    assert got >= FLOORS["facts"][family][measure], f"{family} {measure} {got} fell below its floor"
