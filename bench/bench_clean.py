"""MB/s of the clean stage on the shared corpus, side by side with OpenCC t2s alone and jionlp's clean_text.

    .venv/bin/python bench/bench_clean.py [../shared/corpus] [--no-jionlp]

Input: every .txt/.md/.csv file of the corpus decoded as UTF-8 (docx is the ingest stage's business).
MB are UTF-8 bytes of the input text; times are CPU seconds of this process (the machine is shared).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from luoshi.clean import clean_document
from luoshi.models import Document


def load(root: Path) -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(root.rglob("*"))
            if p.is_file() and p.suffix in {".txt", ".md", ".csv"}]


def rate(name: str, fn, texts: list[str], size: float) -> float:
    t0 = time.process_time()
    for t in texts:
        fn(t)
    dt = time.process_time() - t0
    print(f"{name:<28} {size / dt:8.1f} MB/s  ({dt:.1f} s)", flush=True)
    return size / dt


def slowest(texts: list[str], n: int = 3) -> None:
    """The inputs luoshi cleans slowest (a second pass, one timing per text): where the time goes."""
    times = []
    for t in texts:
        t0 = time.process_time()
        clean_document(Document("b", b"", t))
        times.append((time.process_time() - t0, len(t.encode("utf-8")) / 1e6, t[:30].replace("\n", " ")))
    for dt, mb, head in sorted(times, reverse=True)[:n]:
        print(f"  slow: {mb:5.2f} MB {mb / dt:6.1f} MB/s  {head}", flush=True)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = Path(args[0] if args else Path(__file__).resolve().parents[2] / "shared" / "corpus")
    texts = load(root)
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{len(texts)} files, {size:.1f} MB")
    rate("luoshi clean_document", lambda t: clean_document(Document("b", b"", t)), texts, size)
    slowest(texts)
    import opencc

    conv = opencc.OpenCC("t2s")
    rate("opencc t2s alone", conv.convert, texts, size)
    if "--no-jionlp" not in sys.argv:
        try:
            import jionlp
        except (ImportError, OSError, RuntimeError) as err:  # heavy optional dependency: report, do not fail
            print(f"jionlp unavailable: {err}")
        else:
            rate("jionlp clean_text", jionlp.clean_text, texts, size)


if __name__ == "__main__":
    main()
