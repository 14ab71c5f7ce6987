"""Guard against the PySide6 6.12.0 crash on CPython 3.11 (STYLE §2.3).

With that build every call of a void Qt method drops a reference to ``None``; after ~5,000 calls the
interpreter aborts with ``none_dealloc``. pyproject pins PySide6 below 6.12; this test fails loudly
if a future install brings the bug back. On 3.12+ ``None`` is immortal and the count cannot move.
"""
from __future__ import annotations

import os
import sys

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CALLS = 100_000


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal on 3.12+, hiding the bug")
def test_void_qt_calls_keep_none_refcount():
    from PySide6.QtCore import QObject
    from PySide6.QtGui import QTextCursor, QTextDocument

    obj = QObject()
    doc = QTextDocument("Xin chào thế giới")
    cursor = QTextCursor(doc)
    before = sys.getrefcount(None)
    for i in range(CALLS // 2):
        obj.setObjectName("a" if i & 1 else "b")  # void
        cursor.setPosition(i % 10)  # void
    after = sys.getrefcount(None)
    # A handful of Nones may be held by unrelated interpreter activity; the bug loses one per call.
    assert abs(after - before) < 100, f"None refcount moved by {after - before} over {CALLS} void calls"


def test_installed_pyside_is_not_the_broken_release():
    import PySide6

    major, minor, *_ = (int(p) for p in PySide6.__version__.split(".")[:3])
    if sys.version_info < (3, 12):
        assert (major, minor) < (6, 12), f"PySide6 {PySide6.__version__} aborts CPython 3.11"
