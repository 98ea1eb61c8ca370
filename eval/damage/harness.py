"""Damage harness: real bulk reports damaged as the web damages them, cleaned and compared with the undamaged copy.

    .venv/bin/python eval/damage/harness.py [--n 24] [--seed 14] [--kinds ads_seen,wrap,...]

For each kind, `n` reports are drawn from ../shared/corpus/bulk (never the blind files of eval/stratified/sample.tsv),
damaged, and both copies go through luoshi.pipeline.process. Per kind it prints: sentences back (share of the
undamaged copy's sentences found verbatim in the damaged copy's), injected phrases left (and copies with none
left), facts F1 against the undamaged copy's facts, and (lossy mojibake) guesses logged. Phrase families and
chrome layouts marked heldout in phrases.tsv are in no word list and no training text: their rows are the measure
of generalization.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import opencc

from luoshi.ingest import read_bytes
from luoshi.ingest.decode import decode_bytes
from luoshi.models import Document
from luoshi.pipeline import process

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED = ROOT.parent / "shared"
_HANZI2 = re.compile("[\u4e00-\u9fff]{2}")


@dataclass
class Phrase:
    kind: str
    family: str
    split: str
    text: str


def phrases() -> list[Phrase]:
    out = []
    for ln in (HERE / "phrases.tsv").read_text(encoding="utf-8").splitlines():
        if ln.strip() and not ln.startswith("#"):
            out.append(Phrase(*ln.split("\t")))
    return out


def blind_files() -> set[str]:
    rows = (ROOT / "eval" / "stratified" / "sample.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return {r.split("\t")[-1] for r in rows if r.strip()}


def in_harness_pool(rel: str) -> bool:
    """One bulk file in five (by a hash of its path under corpus/) is the harness's: scripts/build_clean_model.py
    leaves these out of the model of report prose."""
    return zlib.crc32(rel.encode("utf-8")) % 5 == 0


def report_paths(shared: Path = SHARED) -> list[Path]:
    """Bulk work reports of the harness pool outside the blind set (communiqués and plans are other documents)."""
    corpus = shared / "corpus"
    blind = blind_files()
    return [p for p in sorted((corpus / "bulk" / "lawtext-gov").rglob("*.md"))
            if "政府工作报告" in p.parts[-3] and str(p.relative_to(corpus)) not in blind
            and in_harness_pool(str(p.relative_to(corpus)))]


def _fill(text: str, rng: random.Random) -> str:
    brands = ["bet365", "AG", "BBIN", "ky", "vip8", "MG", "yabo"]
    text = text.replace("{w}", rng.choice(brands))
    text = re.sub(r"\{n\}", lambda _: str(rng.randrange(2, 9999)), text)
    text = text.replace("{d}", f"20{rng.randrange(10, 24)}-{rng.randrange(1, 13)}-{rng.randrange(1, 29)}")
    text = text.replace("{t}", f"{rng.randrange(0, 24):02d}:{rng.randrange(0, 60):02d}")
    return text.replace("{u}", rng.choice(["admin", "小王爱学习", "zhangsan88", "清风徐来", "论坛管理员"]))


# --- damage kinds: each (text, rng, split) -> (damaged text or bytes, the injected strings to look for) ----------


def _paragraphs(text: str) -> list[str]:
    return text.split("\n")


def inject_ads(text: str, rng: random.Random, split: str) -> tuple[str, list[str]]:
    pool = [p for p in phrases() if p.kind == "ad" and p.split == split]
    out, injected = [], []
    for para in _paragraphs(text):
        if len(para) > 40 and "，" in para and rng.random() < 0.35:
            spots = [m.start() + 1 for m in _HANZI2.finditer(para, 5)]
            if spots:
                i = rng.choice(spots)
                ad = _fill(rng.choice(pool).text, rng)
                para = para[:i] + ad + para[i:]
                injected.append(ad)
        out.append(para)
    return "\n".join(out), injected


def forum_page(text: str, rng: random.Random, split: str) -> tuple[str, list[str]]:
    """The report as a forum/site post of one layout: head lines, chrome between paragraphs ("floors"), foot."""
    fams = sorted({p.family for p in phrases() if p.kind != "ad" and p.split == split})
    fam = rng.choice(fams)
    lines = {k: [p.text for p in phrases() if p.family == fam and p.kind == k] for k in ("head", "floor", "foot")}
    injected: list[str] = []

    def pick(kind: str, k: int) -> list[str]:
        got = [_fill(t, rng) for t in rng.sample(lines[kind], min(k, len(lines[kind])))] if lines[kind] else []
        injected.extend(got)
        return got

    out = pick("head", 3)
    paras = _paragraphs(text)
    for i, para in enumerate(paras):
        out.append(para)
        if 3 < i < len(paras) - 3 and rng.random() < 0.08:
            out.extend(pick("floor", 1))
    out.extend(pick("foot", 3))
    return "\n".join(out), injected


def big5_taiwan(text: str, rng: random.Random, split: str) -> tuple[bytes, list[str]]:
    """Taiwan-standard Traditional (OpenCC s2tw) in Big5: 〇 becomes ○ (Big5 has no 〇), and what else Big5 lacks
    (‰, 馕) becomes an HTML character reference, as browsers and Big5 pages write it."""
    tw = opencc.OpenCC("s2tw").convert(text).replace("〇", "○")
    return tw.encode("big5", errors="xmlcharrefreplace"), []


def hongkong(text: str, rng: random.Random, split: str) -> tuple[str, list[str]]:
    return opencc.OpenCC("s2hk").convert(text), []


def hard_wrap(text: str, rng: random.Random, split: str) -> tuple[str, list[str]]:
    """Every paragraph cut at one width of 35-40 characters, numbers included ("145.\\n5亿元"); paragraphs
    separated by a blank line in half the copies."""
    width = rng.randrange(35, 41)
    sep = "\n\n" if rng.random() < 0.5 else "\n"
    return sep.join("\n".join(p[i:i + width] for i in range(0, len(p), width)) for p in _paragraphs(text)), []


_HEAD = re.compile(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)")


def markdown(text: str, rng: random.Random, split: str) -> tuple[str, list[str]]:
    """Headings as ## or **…**, bold phrases inside sentences, HTML comments (captions, editor notes), rules."""
    out, injected = [], []
    for i, para in enumerate(_paragraphs(text)):
        if _HEAD.match(para) and len(para) < 40:
            mark = rng.choice(["## ", "### ", "**"])
            para = mark + para + ("**" if mark == "**" else "")
        elif len(para) > 60 and rng.random() < 0.2:
            a = rng.randrange(5, len(para) - 20)
            para = para[:a] + "**" + para[a:a + 8] + "**" + para[a + 8:]
        if i and rng.random() < 0.04:
            c = rng.choice(["<!-- 图为会议现场 -->", "<!-- 编辑：{u} -->", "<!-- more -->", "---",
                            "<!-- 来源：政府网站 {d} -->"])
            c = _fill(c, rng)
            out.append(c)
            injected.append(c)
        out.append(para)
    return "\n".join(out), injected


def lossy_mojibake(text: str, rng: random.Random, split: str) -> tuple[str, list[str]]:
    """UTF-8 bytes read as GBK with undecodable bytes replaced by U+FFFD (the "骞�1鏈�" damage)."""
    return text.encode("utf-8").decode("gbk", errors="replace"), []


KINDS = {
    "ads_seen": (inject_ads, "seen"),
    "ads_heldout": (inject_ads, "heldout"),
    "ads_tune": (inject_ads, "tune"),  # families a rule's thresholds may be read from
    "ads_validate": (inject_ads, "validate"),  # checked after tuning, before the held-out families are run
    "chrome_seen": (forum_page, "seen"),
    "chrome_heldout": (forum_page, "heldout"),
    "big5_tw": (big5_taiwan, "seen"),
    "hk": (hongkong, "seen"),
    "wrap": (hard_wrap, "seen"),
    "markdown": (markdown, "seen"),
    "lossy_mojibake": (lossy_mojibake, "seen"),
}


# --- comparison -----------------------------------------------------------------------------------------------


def _sentences(report) -> Counter:
    return Counter(report.text[s.start:s.end].strip() for s in report.sentences)


def _facts(report) -> Counter:
    return Counter((f.metric, f.value, f.unit, f.growth, f.status, f.period, f.bound) for f in report.facts)


def _f1(gold: Counter, got: Counter) -> float:
    tp = sum((gold & got).values())
    if not gold and not got:
        return 1.0
    return 2 * tp / (sum(gold.values()) + sum(got.values()))


@dataclass
class Row:
    kind: str
    copies: int = 0
    sentences: int = 0
    back: int = 0
    injected: int = 0
    left: int = 0
    clean_copies: int = 0
    fact_tp: int = 0
    fact_gold: int = 0
    fact_got: int = 0
    guesses: int = 0
    guesses_logged: int = 0

    def add(self, base, damaged, injected: list[str]) -> None:
        s0, s1 = _sentences(base), _sentences(damaged)
        self.copies += 1
        self.sentences += sum(s0.values())
        self.back += sum((s0 & s1).values())
        left = sum(min(n, _left(p, damaged.text, base.text)) for p, n in Counter(injected).items() if p.strip())
        self.injected += len(injected)
        self.left += left
        self.clean_copies += not left
        f0, f1 = _facts(base), _facts(damaged)
        self.fact_tp += sum((f0 & f1).values())
        self.fact_gold += sum(f0.values())
        self.fact_got += sum(f1.values())
        guessed = [r for r in damaged.quality.repairs if r.kind == "guessed"]
        self.guesses += len(guessed)
        self.guesses_logged += sum(1 for r in guessed if r.p is not None)

    @property
    def back_share(self) -> float:
        return self.back / max(1, self.sentences)

    @property
    def fact_f1(self) -> float:
        return 2 * self.fact_tp / max(1, self.fact_gold + self.fact_got)


def _left(phrase: str, text: str, base: str) -> int:
    """How many copies of an injected string are left: the most extra occurrences (damaged clean text over the
    undamaged copy's) of one of its two longest chunks (4+ hanzi/Latin/digits, else the whole string)."""
    chunks = sorted(re.findall(r"[\u4e00-\u9fffA-Za-z0-9]{4,}", phrase), key=len, reverse=True)
    if not chunks:
        chunks = [phrase.strip()]
    return max(0, max(text.count(c) - base.count(c) for c in chunks[:2]))


def undamaged(path: Path) -> Document:
    docs = [d for d in read_bytes(path.name, path.read_bytes()) if isinstance(d, Document)]
    return docs[0]


def damaged_doc(base: Document, kind: str, rng: random.Random) -> tuple[Document, list[str]]:
    fn, split = KINDS[kind]
    out, injected = fn(base.text, rng, split)
    if isinstance(out, bytes):
        text, enc = decode_bytes(out)
    else:
        text, enc = out, "utf-8"
    return Document(base.source, out if isinstance(out, bytes) else text.encode("utf-8"), text, enc, base.fmt,
                    dict(base.hints)), injected


def run(n: int = 24, seed: int = 14, kinds: list[str] | None = None, shared: Path = SHARED) -> dict[str, Row]:
    paths = report_paths(shared)
    picked = random.Random(seed).sample(paths, n)
    rows = {k: Row(k) for k in (kinds or list(KINDS))}
    for i, path in enumerate(picked):
        base_doc = undamaged(path)
        base = process(base_doc)
        for kind, row in rows.items():
            rng = random.Random(f"{seed}-{i}-{kind}")
            doc, injected = damaged_doc(base_doc, kind, rng)
            row.add(base, process(doc), injected)
    return rows


def table(rows: dict[str, Row]) -> str:
    out = ["| damage | copies | sentences back | injected left | copies clean | facts F1 | guesses |",
           "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows.values():
        inj = f"{r.left}/{r.injected}" if r.injected else "-"
        out.append(f"| {r.kind} | {r.copies} | {r.back_share:.3f} ({r.back}/{r.sentences}) | {inj} | "
                   f"{r.clean_copies}/{r.copies} | {r.fact_f1:.3f} | {r.guesses} |")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=24)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--kinds", default="")
    a = ap.parse_args()
    kinds = [k for k in a.kinds.split(",") if k] or None
    if not (SHARED / "corpus").is_dir():
        sys.exit(f"needs the shared corpus at {SHARED}")
    print(table(run(a.n, a.seed, kinds)))


if __name__ == "__main__":
    main()
