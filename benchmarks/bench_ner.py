"""Throughput of ``crf_tokens`` against ``underthesea.ner``, with a label check.

Both pipelines tag the same sentences: the seed articles cut by ``split_sentences``,
which ``crf_tokens`` tags one by one and ``underthesea.ner`` is given one by one. Both
are warmed up first on a text that is not in the seeds (models loaded). The timed
passes alternate between the two so that load from other processes hits both alike.
The first pass of ``crf_tokens`` is reported on its own: its per-word caches have not
seen the seed vocabulary yet, as with a new document. Words, POS, chunk and NER tags
are compared on every sentence.

Run with ``.venv/bin/python benchmarks/bench_ner.py [--repeat N]``; exits non-zero if
any label differs. A run takes about ten seconds.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rusus_desktop.corpus.text import canonicalize
from rusus_desktop.nlp.crf import crf_tokens
from rusus_desktop.nlp.sentences import split_sentences

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

WARM_UP = ("Sáng 3/10, Thủ tướng Phạm Minh Chính tiếp Đại sứ Nhật Bản tại Hà Nội.\n"
           "Hai bên trao đổi về hợp tác kinh tế, đầu tư và lao động giữa hai nước.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per pipeline")
    args = parser.parse_args()

    import underthesea

    texts = [canonicalize(path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt"))]
    sentences_by_text = [[text[start:end] for start, end in split_sentences(text)]
                         for text in texts]
    sentence_count = sum(map(len, sentences_by_text))
    chars = sum(len(sentence) for sentences in sentences_by_text for sentence in sentences)

    for sentence in WARM_UP.splitlines():
        underthesea.ner(sentence, deep=False)
    crf_tokens(WARM_UP)

    def reference_pass() -> list[list]:
        return [[underthesea.ner(sentence, deep=False) for sentence in sentences]
                for sentences in sentences_by_text]

    def fast_pass() -> list[list]:
        return [crf_tokens(text) for text in texts]

    reference_times, fast_times = [], []
    for _ in range(args.repeat):
        for run, times in ((reference_pass, reference_times), (fast_pass, fast_times)):
            started = time.perf_counter()
            results = run()
            times.append(time.perf_counter() - started)
            if run is reference_pass:
                reference = results
            else:
                fast = results

    different = []
    for text, sentences, expected, tokens in zip(texts, sentences_by_text, reference, fast, strict=True):
        by_sentence = _group_by_sentence(tokens, split_sentences(text))
        for sentence, sentence_expected, sentence_tokens in zip(sentences, expected, by_sentence, strict=True):
            if ([tuple(row) for row in sentence_expected]
                    != [(t.word, t.pos, t.chunk, t.ner) for t in sentence_tokens]):
                different.append(sentence)

    def rate(seconds: float) -> str:
        return f"{chars / seconds / 1000:.1f}k chars/s"

    best_reference, best_fast = min(reference_times), min(fast_times)
    print(f"{sentence_count} sentences, {chars} chars, {args.repeat} timed passes each "
          f"(best pass shown)")
    print(f"underthesea.ner: {best_reference:.3f} s ({rate(best_reference)})")
    print(f"crf_tokens:      {best_fast:.3f} s ({rate(best_fast)}); "
          f"first pass {fast_times[0]:.3f} s, {reference_times[0] / fast_times[0]:.1f}x")
    verdict = (f"labels identical on {sentence_count} sentences" if not different
               else f"LABELS DIFFER on {len(different)} of {sentence_count} sentences")
    print(f"crf_tokens: {best_reference / best_fast:.1f}x underthesea.ner throughput, {verdict}")
    for sentence in different[:5]:
        print("  differs:", sentence[:100])
    return 1 if different else 0


def _group_by_sentence(tokens: list, sentences: list[tuple[int, int]]) -> list[list]:
    groups: list[list] = [[] for _ in sentences]
    index = 0
    for token in tokens:
        while sentences[index][1] <= token.start:
            index += 1
        groups[index].append(token)
    return groups


if __name__ == "__main__":
    sys.exit(main())
