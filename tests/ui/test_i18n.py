"""Every string of the reader window has a Vietnamese translation, and the shipped .qm is current."""
from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from rusus_desktop.ui.i18n import TsTranslator, catalogue_path

UI = Path(__file__).resolve().parents[2] / "rusus_desktop" / "ui"
# The reader window's modules (issue 4). Other ui modules are checked by their own tests.
READER_MODULES = ("actions", "app", "corpus_panel", "document_view", "entities_panel", "find_bar",
                  "highlighter", "legend", "main_window", "models", "status", "theme")


def _strings(module: str) -> set[tuple[str, str]]:
    tree = ast.parse((UI / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in ("translate", "QT_TRANSLATE_NOOP") or len(node.args) < 2:
            continue
        ctx, src = node.args[0], node.args[1]
        if isinstance(ctx, ast.Constant) and isinstance(src, ast.Constant) and isinstance(src.value, str):
            found.add((ctx.value, src.value))
    return found


def _catalogue() -> dict[tuple[str, str], str]:
    root = ET.parse(catalogue_path("vi", "ts")).getroot()
    out = {}
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            node = message.find("translation")
            if node.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            forms = [f.text or "" for f in node.iter("numerusform")]
            out[(name, message.findtext("source"))] = forms[0] if forms else (node.text or "")
    return out


@pytest.mark.parametrize("module", READER_MODULES)
def test_every_string_has_a_vietnamese_translation(module):
    catalogue = _catalogue()
    missing = sorted(s for s in _strings(module) if not catalogue.get(s))
    assert not missing, (f"untranslated strings in ui/{module}.py (run `python -m rusus_desktop.ui.i18n` "
                         f"and translate them in resources/i18n/rusus_desktop_vi.ts): {missing}")


def test_placeholders_survive_translation():
    import re

    for (ctx, source), text in _catalogue().items():
        assert set(re.findall(r"\{\w+\}", source)) == set(re.findall(r"\{\w+\}", text)), (ctx, source, text)


def test_compiled_catalogue_matches_the_source(qapp):
    from PySide6.QtCore import QTranslator

    qm = QTranslator()
    assert qm.load(str(catalogue_path("vi", "qm")))
    ts = TsTranslator(catalogue_path("vi", "ts"))
    for (ctx, source), text in _catalogue().items():
        assert ts.translate(ctx, source) == text
        assert qm.translate(ctx, source) == text, f"{ctx}: {source!r} – recompile the .qm"
