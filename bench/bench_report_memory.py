"""Peak memory of one worker job (`process_for_store`) by report size, and what one more MB of text adds.

    .venv/bin/python bench/bench_report_memory.py [--sizes 0.25 0.5 1 2] [--text bulk|varied]

Each size in a fresh process (peak RSS only goes up), after a small report has loaded what every report needs
(data files, patterns, code-point tables): the rise of ru_maxrss over that. `bulk`: bulk reports of the shared corpus
run together (bench_hostile.report_text); `varied`: the sample's lines with figures changed, as
tests/test_hostile_inputs.py's memory test makes them. The per-MB figure is the slope between the smallest and the
largest size.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from bench_hostile import MB, SAMPLE, report_text
from test_hostile_inputs import MEASURE, varied_report


def rise_and_seconds(warm: Path, path: Path) -> tuple[float, float]:
    script = MEASURE.replace("print(", "import time; print(time.process_time(), ")
    out = subprocess.run([sys.executable, "-c", script, str(warm), str(path)], capture_output=True, text=True,
                         timeout=3600, check=True).stdout.split()
    return int(out[1]) / 1024, float(out[0])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="*", type=float, default=[0.25, 0.5, 1, 2])
    parser.add_argument("--text", choices=("bulk", "varied"), default="bulk")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.txt"
        warm.write_text(SAMPLE, encoding="utf-8")
        rises, sizes = [], []
        print("| text | size | peak rise | CPU of the process |\n|---|---:|---:|---:|")
        for size in args.sizes:
            path = Path(tmp) / f"{size}.txt"
            make = report_text if args.text == "bulk" else varied_report
            text = make(int(size * MB))
            path.write_text(text, encoding="utf-8")
            rise, cpu = rise_and_seconds(warm, path)
            rises.append(rise)
            sizes.append(len(text.encode()) / MB)
            print(f"| {args.text} | {len(text.encode()) / MB:.2f} MB ({len(text):,} characters) | {rise:.0f} MB | "
                  f"{cpu:.1f} s |", flush=True)
        if len(rises) > 1:
            print(f"\none more MB of text: {(rises[-1] - rises[0]) / (sizes[-1] - sizes[0]):.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
