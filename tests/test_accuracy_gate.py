"""The accuracy gate: each labelled set scored with shared/tools/score.py must stay at or above eval/floors.json.

Two sets: `dev` (../shared/gold/dev, labelled by the project's owners) and `blind` (eval/gold, labelled by us on
reports luoshi was not tuned on, before running it on them). Floors only ever go up: when a change improves a
score, raise the floor in the same commit.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))
SETS = {"dev": lambda shared: shared / "gold" / "dev", "blind": lambda shared: ROOT / "eval" / "gold"}


def score_set(shared: Path, gold: Path, workdir: Path) -> dict:
    """Run `luoshi extract` on the set's reports and score the JSONL as the owners' tool does."""
    score = shared / "tools" / "score.py"
    if not score.exists() or not any(gold.glob("*.json")):
        pytest.skip(f"needs {score} and labelled answers in {gold}")
    files = subprocess.run([sys.executable, str(score), "--gold", str(gold), "--list-files"],
                           capture_output=True, text=True, check=True, cwd=ROOT).stdout.split()
    pred = workdir / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        subprocess.run([sys.executable, "-m", "luoshi.cli", "extract", *files, "--format", "jsonl"],
                       stdout=out, check=True, cwd=ROOT)
    summary = subprocess.run([sys.executable, str(score), "--gold", str(gold), "--pred", str(pred), "--json"],
                             capture_output=True, text=True, check=True, cwd=ROOT).stdout
    return json.loads(summary)


@pytest.fixture(scope="module", params=sorted(SETS))
def scored(request, shared: Path, tmp_path_factory) -> tuple[str, dict]:
    name = request.param
    result = score_set(shared, SETS[name](shared), tmp_path_factory.mktemp(name))
    print(f"{name} score:", json.dumps(result, ensure_ascii=False))
    return name, result


def test_every_labelled_report_has_a_prediction(scored):
    _name, result = scored
    assert result["missing_docs"] == []


def test_metadata_fields_at_or_above_floor(scored):
    name, result = scored
    below = {f: (result["meta"].get(f, 0.0), floor) for f, floor in FLOORS[name]["meta"].items()
             if result["meta"].get(f, 0.0) < floor}
    assert below == {}, f"{name}: metadata below its floor (got, floor): {below}"


def test_fact_families_at_or_above_floor(scored):
    name, result = scored
    below = {}
    for family, measures in FLOORS[name]["facts"].items():
        for measure, floor in measures.items():
            got = (result["facts"].get(family) or {}).get(measure) or 0.0
            if got < floor:
                below[f"{family} {measure}"] = (got, floor)
    assert below == {}, f"{name}: below its floor (got, floor): {below}"
