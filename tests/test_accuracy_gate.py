"""The accuracy gate: each labelled set scored with shared/tools/score.py must stay at or above eval/floors.json.

Sets: `dev` (../shared/gold/dev, labelled by the project's owners) and ours in eval/gold, labelled on reports
luoshi was not tuned on, before running it on them: `blind` (blindA/B/C) and one entry per later set, each with the
file pattern it scores (`"files"` in eval/floors.json). Floors only ever go up: when a change improves a score,
raise the floor in the same commit.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))
SETS = sorted(name for name in FLOORS if not name.startswith("_"))


def gold_dir(name: str, shared: Path, workdir: Path) -> Path:
    """The set's answers: ../shared/gold/dev, or the files of eval/gold matching the set's pattern (copied apart,
    as score.py scores a whole folder)."""
    if name == "dev":
        return shared / "gold" / "dev"
    folder = workdir / "gold"
    folder.mkdir(exist_ok=True)
    for path in sorted((ROOT / "eval" / "gold").glob(FLOORS[name].get("files", "*.json"))):
        shutil.copy(path, folder / path.name)
    return folder


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


@pytest.fixture(scope="module", params=SETS)
def scored(request, shared: Path, tmp_path_factory) -> tuple[str, dict]:
    name = request.param
    workdir = tmp_path_factory.mktemp(name)
    result = score_set(shared, gold_dir(name, shared, workdir), workdir)
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
