"""Throughput of the whole pipeline (entities, dates, body) against plain ``underthesea.ner``.

Both are given the same texts: the seed articles and the hand-written unseen articles.
``underthesea.ner`` gets them sentence by sentence (``split_sentences``), the way one would
run it on a document; ``analyze`` gets each whole document and does everything the window
and the CLI get: CRF tagging, entity rules, dates, body. Both are warmed up first on a text
that is in neither set (models and lists loaded), and the timed passes alternate so that
load from other processes hits both alike. The best pass of each is compared; the goal in
issue 3 is a ratio of at least 5x.

Run with ``.venv/bin/python benchmarks/bench_pipeline.py [--repeat N]``.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rusus_desktop.corpus.text import canonicalize
from rusus_desktop.nlp.pipeline import analyze
from rusus_desktop.nlp.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = (ROOT / "seeds", ROOT / "tests" / "data" / "unseen")
WARM_UP = ("Sáng 3/10, Thủ tướng Phạm Minh Chính tiếp Đại sứ Nhật Bản tại Hà Nội.\n"
           "Hai bên trao đổi về hợp tác kinh tế, đầu tư và lao động giữa hai nước.")


def _plain_underthesea(texts: list[str]) -> float:
    import underthesea

    started = time.perf_counter()
    for text in texts:
        for start, end in split_sentences(text):
            underthesea.ner(text[start:end], deep=False)
    return time.perf_counter() - started


def _pipeline(texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        analyze(text)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed passes of each")
    args = parser.parse_args()

    texts = [canonicalize(path.read_text(encoding="utf-8"))
             for folder in FOLDERS for path in sorted(folder.glob("*.txt"))]
    chars = sum(len(t) for t in texts)
    _plain_underthesea([WARM_UP])
    _pipeline([WARM_UP])

    plain_times, pipeline_times = [], []
    for _ in range(args.repeat):
        plain_times.append(_plain_underthesea(texts))
        pipeline_times.append(_pipeline(texts))
    plain, ours = min(plain_times), min(pipeline_times)
    print(f"{len(texts)} documents, {chars} characters; best of {args.repeat} passes")
    print(f"  underthesea.ner (sentence by sentence)   {plain:7.3f} s  {chars / plain:9.0f} chars/s")
    print(f"  whole pipeline (entities, dates, body)   {ours:7.3f} s  {chars / ours:9.0f} chars/s")
    print(f"  pipeline speed-up: {plain / ours:.1f}x (goal >= 5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
