"""The application icon, for the window title bar, the task bar and the About box."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from rusus_desktop.resources import resource_path

APP_ID = "io.github.rusus.RususDesktop"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


@lru_cache(maxsize=1)
def app_icon() -> QIcon:
    """The Rusus Desktop icon, with every rendered size from 16 to 512 pixels.

    Call after the QApplication exists, e.g. ``app.setWindowIcon(app_icon())``. The PNGs are
    rendered from ``resources/icons/rusus-desktop.svg`` by ``packaging/make_icons.py``, so the
    icon needs no SVG plugin at run time (Qt scales the nearest size for any other).
    """
    icons = resource_path("icons")
    icon = QIcon()
    for size in PNG_SIZES:
        png = icons / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        if png.is_file():
            icon.addFile(str(png), QSize(size, size))
    return icon
