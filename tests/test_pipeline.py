import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample_report.txt"


def test_extract_sample_prints_one_record_with_sha256_id():
    out = subprocess.run(
        [sys.executable, "-m", "luoshi.cli", "extract", str(SAMPLE), "--format", "jsonl"],
        capture_output=True, text=True, check=True,
    ).stdout.strip().splitlines()
    assert len(out) == 1
    rec = json.loads(out[0])
    assert rec["id"] == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    assert set(rec) >= {"id", "source", "meta", "quality", "sections", "facts"}
