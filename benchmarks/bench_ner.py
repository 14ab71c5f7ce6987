"""Throughput of ``crf_tokens`` against ``underthesea.ner`` on the seed articles.

Both tag the same sentences (those ``crf_tokens`` tags: the seed texts cut by
``split_sentences``), each pipeline is warmed up first, and the timed passes alternate
between the two so that load from other processes hits both alike. The labels (word,
POS, chunk, NER) are compared on every sentence.

Run with ``.venv/bin/python benchmarks/bench_ner.py [--repeat N]``. Exits non-zero if
any label differs.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rusus_desktop.corpus.text import canonicalize
from rusus_desktop.nlp.crf import tag_sentence
from rusus_desktop.nlp.sentences import split_sentences

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def seed_sentences() -> list[str]:
    sentences = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = canonicalize(path.read_text(encoding="utf-8"))
        sentences += [text[start:end] for start, end in split_sentences(text)]
    return sentences


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per pipeline")
    args = parser.parse_args()

    import underthesea

    sentences = seed_sentences()
    chars = sum(map(len, sentences))
    warm_up = sentences[:10]
    for sentence in warm_up:
        underthesea.ner(sentence, deep=False)
        tag_sentence(sentence)

    def time_pass(tag) -> tuple[float, list]:
        started = time.perf_counter()
        results = [tag(sentence) for sentence in sentences]
        return time.perf_counter() - started, results

    reference_times, fast_times = [], []
    for _ in range(args.repeat):
        seconds, reference = time_pass(lambda s: underthesea.ner(s, deep=False))
        reference_times.append(seconds)
        seconds, fast = time_pass(tag_sentence)
        fast_times.append(seconds)

    different = [
        sentence for sentence, expected, tokens in zip(sentences, reference, fast)
        if [tuple(row) for row in expected] != [(t.word, t.pos, t.chunk, t.ner) for t in tokens]]

    def rate(seconds: float) -> str:
        return f"{chars / seconds / 1000:6.1f}k chars/s"

    print(f"{len(sentences)} sentences, {chars} chars, {args.repeat} timed passes each")
    print(f"underthesea.ner: best {min(reference_times):.3f} s  ({rate(min(reference_times))})")
    print(f"crf_tokens:      best {min(fast_times):.3f} s  ({rate(min(fast_times))}), "
          f"first pass {fast_times[0]:.3f} s (caches cold on new words)")
    ratio = sum(reference_times) / sum(fast_times)
    first_ratio = reference_times[0] / fast_times[0]
    verdict = (f"labels identical on {len(sentences)} sentences" if not different
               else f"LABELS DIFFER on {len(different)} of {len(sentences)} sentences")
    print(f"crf_tokens: {ratio:.1f}x underthesea.ner throughput "
          f"(first pass {first_ratio:.1f}x), {verdict}")
    for sentence in different[:5]:
        print("  differs:", sentence[:100])
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
