"""Print how well the pipeline matches the hand-annotated gold, seeds and unseen set apart.

    python benchmarks/evaluate_quality.py [--only-ours] [--errors]

Entities: exact-match precision/recall/F1 (span and label both right) per file and pooled,
for plain ``underthesea.ner`` (its BIO tags turned into spans) and for our pipeline.
Dates and body, when their gold exists (``tests/data/gold/dates``, ``tests/data/gold/body``):
date span F1, date value accuracy, body character F1.

The seeds are what the rules were developed against. The *unseen* pages were annotated in
batches, each before the pipeline was first run on it (markup sources in
``tests/data/unseen/markup/``). The figure at that first run is the honest one; general
failures seen there were fixed afterwards, so the current figure of a batch is optimistic.
First-run entity exact-match figures, (correct/predicted/gold):

- ``u01``-``u06`` F1 0.942, ``u07``-``u09`` 0.893, ``u10``-``u11`` 0.833 (articles written for this).
- ``heldout_*`` (six pages in the styles of QĐND, NLĐ, Znews, VietnamPlus, CAND, KT&ĐT, written
  by a colleague for dates, entity gold added blind): P 0.766 R 0.783 F1 0.774 (180/235/230).
- ``heldout2_*`` (three more such pages): P 0.659 R 0.732 F1 0.694 (60/91/82).
- ``e_*`` (five articles far from Russia-US: provincial infrastructure, a chip maker and a
  university, Asian club football, a court case, a film festival): P 0.635 R 0.664 F1 0.649
  (160/252/241). Those three batches pooled: F1 0.707.
- ``f_*`` (three articles written after the fixes for the batches above: farm exports,
  organ transplants, SEA Games athletics): P 0.812 R 0.857 F1 0.834 (78/96/91).
- ``g_*`` (five articles in the core domain: Russia-Ukraine talks, US-China trade, Gaza,
  the National Assembly's provincial merger, FDI): P 0.951 R 0.951 F1 0.951 (235/247/247).
- ``h_*`` (three articles written after the fixes that followed ``g``: an ASEAN ministerial,
  a NATO summit, a corruption trial): P 0.924 R 0.917 F1 0.920 (121/131/132).
- ``k_*`` (five far-domain articles: stock market and banks, university admissions, a typhoon,
  an AI assistant and apps, a heritage festival): P 0.856 R 0.882 F1 0.869 (149/174/169).
- ``m_*`` (three far-domain articles written after the fixes that followed ``k``: airlines at
  Tết, rice farming, land recovery in Đà Nẵng): P 0.879 R 0.899 F1 0.889 (80/91/89).

Per-batch pooled figures are printed at the end.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from rusus_desktop.corpus.text import canonicalize, text_sha256
from rusus_desktop.nlp.evaluation import PRF, char_prf, span_prf, total, value_accuracy
from rusus_desktop.nlp.types import EntitySpan, Token

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold"
SETS = {"seeds": ROOT / "seeds", "unseen": ROOT / "tests" / "data" / "unseen"}


def raw_underthesea_entities(text: str) -> list[EntitySpan]:
    """Plain ``underthesea.ner(sentence, deep=False)``, sentence by sentence, BIO tags -> spans."""
    from rusus_desktop.nlp.crf import reference_crf_tokens  # calls underthesea.ner itself

    return bio_spans(text, reference_crf_tokens(text))


def bio_spans(text: str, tokens: Sequence[Token]) -> list[EntitySpan]:
    """Entity spans from BIO tags (an ``I-`` without a ``B-`` opens a span, as CoNLL does)."""
    spans: list[EntitySpan] = []
    current: list = []  # [start, end, label]
    for token in tokens:
        prefix, _, label = token.ner.partition("-")
        if prefix == "I" and current and current[2] == label:
            current[1] = token.end
            continue
        if current:
            spans.append(EntitySpan(current[0], current[1], text[current[0]:current[1]], current[2]))
            current = []
        if prefix in ("B", "I"):
            current = [token.start, token.end, label]
    if current:
        spans.append(EntitySpan(current[0], current[1], text[current[0]:current[1]], current[2]))
    return spans


def _documents() -> list[tuple[str, Path, str]]:
    """(set name, text path, file stem) for every text that has an entity, date or body gold."""
    docs = []
    for set_name, folder in SETS.items():
        for path in sorted(folder.glob("*.txt")):
            if any((GOLD / kind / f"{path.stem}.json").exists() for kind in ("entities", "dates", "body")):
                docs.append((set_name, path, path.stem))
    return docs


def _gold(kind: str, stem: str, text: str) -> dict | None:
    path = GOLD / kind / f"{stem}.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("text_sha256") not in (None, text_sha256(text)):
        raise SystemExit(f"{path}: gold was made for another version of the text")
    return data


def _fmt(score: PRF) -> str:
    return f"P {score.precision:5.3f}  R {score.recall:5.3f}  F1 {score.f1:5.3f}  ({score.true_positives}/{score.predicted}/{score.gold})"


def _published(gold_dates: dict | None) -> dt.date | None:
    if gold_dates and gold_dates.get("published"):
        return dt.date.fromisoformat(gold_dates["published"][:10])
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only-ours", action="store_true", help="skip the slow raw underthesea baseline")
    parser.add_argument("--errors", action="store_true", help="list every entity error of our pipeline")
    args = parser.parse_args(argv)

    from rusus_desktop.nlp.pipeline import analyze

    fields = ("start", "end", "label")
    by_set: dict[str, dict[str, list]] = {}
    batches: dict[str, list[PRF]] = {}
    print("Entities: exact match (span + label); counts are (correct/predicted/gold)")
    for set_name, path, stem in _documents():
        text = canonicalize(path.read_text(encoding="utf-8"))
        gold_entities = _gold("entities", stem, text)
        gold_dates = _gold("dates", stem, text)
        gold_body = _gold("body", stem, text)
        analysis = analyze(text, _published(gold_dates))
        scores = by_set.setdefault(set_name, {"ours": [], "raw": [], "span": [], "value": [], "body": []})
        if gold_entities is not None:
            gold = gold_entities["entities"]
            ours = span_prf(analysis.entities, gold, fields)
            scores["ours"].append(ours)
            batches.setdefault(_batch(set_name, stem), []).append(ours)
            line = f"  {set_name:6} {stem:30} ours {_fmt(ours)}"
            if not args.only_ours:
                raw = span_prf(raw_underthesea_entities(text), gold, fields)
                scores["raw"].append(raw)
                line += f"   underthesea F1 {raw.f1:5.3f}"
            print(line)
            if args.errors:
                _print_errors(analysis.entities, gold)
        if gold_dates is not None:
            scores["span"].append(span_prf(analysis.dates, gold_dates["dates"]))
            scores["value"].append(value_accuracy(analysis.dates, gold_dates["dates"]))
        if gold_body is not None:
            scores["body"].append(char_prf(analysis.body, gold_body["body"]))

    print()
    if batches:
        print("Entities by batch (file-name prefix), ours:")
        for batch, scores in batches.items():
            print(f"  {batch:9} {_fmt(total(scores))}")
        print()
    for set_name, scores in by_set.items():
        print(f"== {set_name} ==")
        if scores["ours"]:
            print(f"  entities, ours        {_fmt(total(scores['ours']))}")
        if scores["raw"]:
            print(f"  entities, underthesea {_fmt(total(scores['raw']))}")
        if scores["span"]:
            print(f"  date spans            {_fmt(total(scores['span']))}")
            right = sum(r for r, _ in scores["value"])
            count = sum(n for _, n in scores["value"])
            print(f"  date values           {right}/{count} = {right / count if count else 1:5.3f}")
        if scores["body"]:
            print(f"  body characters       {_fmt(total(scores['body']))}")
    return 0


def _batch(set_name: str, stem: str) -> str:
    """The annotation batch of a gold file: its set for the seeds, else its name's prefix."""
    if set_name == "seeds":
        return "seeds"
    head = stem.split("_", 1)[0]
    return head if head in ("heldout", "heldout2", "e", "f", "dates") else head.rstrip("0123456789") or stem


def _print_errors(predicted: Sequence[EntitySpan], gold: list[dict]) -> None:
    gold_keys = {(g["start"], g["end"], g["label"]): g for g in gold}
    pred_keys = {(p.start, p.end, p.label): p for p in predicted}
    for key in sorted(set(gold_keys) | set(pred_keys)):
        if key in gold_keys and key not in pred_keys:
            print(f"      missed   {key[2]:4} {gold_keys[key]['text']!r} @{key[0]}")
        elif key in pred_keys and key not in gold_keys:
            print(f"      spurious {key[2]:4} {pred_keys[key].text!r} @{key[0]}")


if __name__ == "__main__":
    sys.exit(main())
