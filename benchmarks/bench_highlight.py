"""Showing a 1 MB document with all its highlights, against the same text shown plain, in one run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_highlight.py [--size 1000000] [--runs 5]

The document is the bundled seeds concatenated until it reaches ``--size`` code points; its
analysis is the real pipeline's analysis of each seed, shifted into place (so the spans are what
the app would show: entities, dates and page furniture, tens of thousands of spans).

"Show" means what the analyst waits for once the text is read from the project: the text set in
the reader, laid out, highlighted, and painted at the top, the middle and the end
(``viewport().grab()`` after each jump), in a 1000x800 window. Timed, median of ``--runs``:

* plain: a ``QPlainTextEdit`` with the reader's font (Qt alone, no highlighter);
* reader, no analysis: the app's ``DocumentView`` (reading layout, no spans);
* reader, highlighted: the app's ``DocumentView`` with every layer.

Goal (issue 4): highlighted <= 2x plain.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_document(size: int):
    """1 MB of corpus text and its analysis (each seed analysed once, offsets shifted per copy)."""
    from rusus_desktop.corpus.reader import load_corpus
    from rusus_desktop.nlp.pipeline import PIPELINE_VERSION, analyze
    from rusus_desktop.nlp.types import Analysis, DateSpan, EntitySpan

    docs = load_corpus([ROOT / "seeds"]).documents
    analyses = [analyze(d.text) for d in docs]
    parts, ents, dates, body = [], [], [], []
    pos = 0
    i = 0
    while pos < size:
        doc, a = docs[i % len(docs)], analyses[i % len(docs)]
        parts.append(doc.text)
        ents.extend(EntitySpan(e.start + pos, e.end + pos, e.text, e.label) for e in a.entities)
        dates.extend(DateSpan(d.start + pos, d.end + pos, d.text, d.kind, d.value, d.mod) for d in a.dates)
        body.extend((s + pos, e + pos) for s, e in a.body)
        pos += len(doc.text) + 2
        i += 1
    text = "\n\n".join(parts)
    return text, Analysis(tuple(ents), tuple(dates), tuple(body), PIPELINE_VERSION)


def show(view, app, set_text) -> float:
    start = time.perf_counter()
    set_text()
    bar = view.verticalScrollBar()
    for where in (0.0, 0.5, 1.0):
        bar.setValue(int(bar.maximum() * where))
        view.viewport().grab()
    app.processEvents()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    from PySide6.QtWidgets import QPlainTextEdit

    from rusus_desktop.corpus.reader import document_from_text
    from rusus_desktop.store import Store
    from rusus_desktop.ui.app import create_application
    from rusus_desktop.ui.document_view import DocumentView
    from rusus_desktop.ui.session import DocumentSession

    app = create_application()
    text, analysis = build_document(args.size)
    doc = document_from_text(text)
    store = Store(None)
    store.add_documents([doc])
    spans = len(analysis.entities) + len(analysis.dates)

    def plain_run() -> float:
        view = QPlainTextEdit()
        view.setReadOnly(True)
        view.setFont(DocumentView(DocumentSession(store)).font())
        view.resize(1000, 800)
        view.show()
        app.processEvents()
        elapsed = show(view, app, lambda: view.setPlainText(doc.text))
        view.close()
        view.deleteLater()
        return elapsed

    def reader_run(with_analysis: bool) -> float:
        session = DocumentSession(store)
        view = DocumentView(session)
        view.resize(1000, 800)
        view.show()
        app.processEvents()
        elapsed = show(view, app, lambda: session.open_document(doc.id, analysis if with_analysis else None,
                                                                document=doc))
        if with_analysis:
            assert len(session.layer("entities")) == len(analysis.entities)
        view.close()
        view.deleteLater()
        return elapsed

    plain, bare, highlighted = [], [], []
    plain_run(), reader_run(True)  # warm-up (fonts, glyph caches)
    for _ in range(args.runs):
        plain.append(plain_run())
        bare.append(reader_run(False))
        highlighted.append(reader_run(True))
        app.processEvents()
    p, b, h = (statistics.median(x) for x in (plain, bare, highlighted))
    print(f"1 MB document: {len(text):,} code points, {text.count(chr(10)) + 1:,} lines, {spans:,} highlighted spans "
          f"(median of {args.runs})")
    print(f"  plain QPlainTextEdit            {p * 1000:7.1f} ms")
    print(f"  reader, no analysis             {b * 1000:7.1f} ms   ratio {b / p:5.2f}")
    print(f"  reader, all highlights          {h * 1000:7.1f} ms   ratio {h / p:5.2f}   goal <= 2.00  "
          f"{'OK' if h / p <= 2.0 else 'OVER'}")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
