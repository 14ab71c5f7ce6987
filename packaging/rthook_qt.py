"""PyInstaller run-time hook: where the bundled Qt finds its plugins.

Used instead of PyInstaller's own ``pyi_rth_pyside6``, which imports ``PySide6.QtCore`` (and with
it shiboken's signature machinery) before the app starts: about 60 ms added to every command,
even ``--version`` and ``analyze``, which never use Qt. PySide6's wheel locates its Qt folder
itself when it is first imported (its embedded qt.conf), so only the plugin path and, on Windows,
the DLL search path are set here.
"""
import os
import sys


def _setup_qt_paths() -> None:
    base = sys._MEIPASS  # noqa: SLF001 (PyInstaller's bundle folder)
    if sys.platform.startswith("win"):
        qt = os.path.join(base, "PySide6")
        os.environ["PATH"] = base + os.pathsep + os.environ.get("PATH", "")
    else:
        qt = os.path.join(base, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")


_setup_qt_paths()
del _setup_qt_paths
