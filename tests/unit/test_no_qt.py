"""The core imports and works with Qt made unimportable (napari's headless job, in one test)."""
from __future__ import annotations

import subprocess
import sys
import textwrap

CORE = ["rusus_desktop", "rusus_desktop.corpus.reader", "rusus_desktop.corpus.text", "rusus_desktop.store",
        "rusus_desktop.cli.main", "rusus_desktop.nlp", "rusus_desktop.project_setup", "rusus_desktop.resources"]


def test_core_imports_without_qt(tmp_path):
    script = textwrap.dedent(f"""
        import sys
        for name in ("PySide6", "PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "qtawesome", "shiboken6"):
            sys.modules[name] = None   # any import of these now raises ImportError
        import importlib
        for module in {CORE!r}:
            importlib.import_module(module)
        import pkgutil, rusus_desktop
        for info in pkgutil.walk_packages(rusus_desktop.__path__, "rusus_desktop."):
            if ".ui" in info.name or info.name.endswith("cli.screenshot") or info.name.endswith("cli.open_window"):
                continue
            importlib.import_module(info.name)
        from rusus_desktop.cli.main import main
        from rusus_desktop.store import Store
        from rusus_desktop.corpus.reader import load_corpus
        s = Store({str(tmp_path / 'p.rusus')!r})
        s.add_documents(load_corpus([{str(tmp_path)!r}]).documents)
        assert not any(m.startswith("PySide6") and sys.modules[m] is not None for m in sys.modules)
        print("ok")
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")


def test_import_contracts_hold():
    """import-linter: corpus, nlp, store and export never import Qt or the ui package."""
    import shutil
    from pathlib import Path

    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "import-linter is a test dependency"
    out = subprocess.run([exe], capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2])
    assert out.returncode == 0, out.stdout + out.stderr
