"""Light and dark palettes, reading fonts, and the colours of highlight types.

Highlight colours come from the Okabe–Ito palette, chosen to stay distinguishable for the common
forms of colour blindness; every type also has its own underline style, so colour is never the only
cue. Each colour has a light-theme and a dark-theme variant with the same hue.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtGui import QTextCharFormat

translate = QCoreApplication.translate

THEMES = ("system", "light", "dark")


class HighlightStyle(NamedTuple):
    """How one highlight type looks: a colour per theme and an underline style.

    A NamedTuple rather than a dataclass: this module is loaded for the window's first paint, and
    importing ``dataclasses`` (nothing else needs it that early) costs ~2 ms of start-up.
    """

    key: str
    name: str  # untranslated; shown through translate("HighlightTypes", name)
    light: str
    dark: str
    underline_name: str  # a QTextCharFormat.UnderlineStyle member, see ``underline``
    tint: int  # alpha (0–255) of the background tint in the light theme; dark adds a little

    @property
    def underline(self) -> QTextCharFormat.UnderlineStyle:
        # Kept by name and looked up here: this module is loaded for the window's first paint,
        # which draws no highlight, and creating QTextCharFormat's Python enums costs ~1 ms.
        from PySide6.QtGui import QTextCharFormat

        return QTextCharFormat.UnderlineStyle[self.underline_name]

    def color(self, dark: bool) -> QColor:
        return QColor(self.dark if dark else self.light)

    def background(self, dark: bool) -> QColor:
        c = self.color(dark)
        c.setAlpha(self.tint + (14 if dark else 0))
        return c

    @property
    def label(self) -> str:
        return translate("HighlightTypes", self.name)


HIGHLIGHT_STYLES: dict[str, HighlightStyle] = {
    "PER": HighlightStyle("PER", QT_TRANSLATE_NOOP("HighlightTypes", "Person"),
                          "#0072B2", "#6CC0F0", "SingleUnderline", 30),
    "ORG": HighlightStyle("ORG", QT_TRANSLATE_NOOP("HighlightTypes", "Organisation"),
                          "#CC4B0C", "#F3905C", "DashUnderline", 30),
    "LOC": HighlightStyle("LOC", QT_TRANSLATE_NOOP("HighlightTypes", "Place"),
                          "#008A63", "#3FD3A6", "DotLine", 30),
    "MISC": HighlightStyle("MISC", QT_TRANSLATE_NOOP("HighlightTypes", "Other name"),
                           "#B3478A", "#E7A1CC", "DashDotLine", 30),
    "DATE": HighlightStyle("DATE", QT_TRANSLATE_NOOP("HighlightTypes", "Date"),
                           "#8A6D00", "#E8C451", "WaveUnderline", 34),
}
ENTITY_KEYS = ("PER", "ORG", "LOC", "MISC")
DATE_KEY = "DATE"

# Readable serif and sans faces that cover Vietnamese well, best first; DejaVu is the fallback on
# every Linux. Chosen at run time from what is installed.
READING_FAMILIES = ("Noto Serif", "Source Serif 4", "Source Serif Pro", "Literata", "Georgia",
                    "Cambria", "Liberation Serif", "DejaVu Serif")
READING_SANS_FAMILIES = ("Noto Sans", "Source Sans 3", "Segoe UI", "Inter", "Roboto", "Helvetica Neue",
                         "Arial", "Liberation Sans", "DejaVu Sans")
READING_POINT_SIZE = 12.0


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def reading_font(prefer_serif: bool = False) -> QFont:
    """The reader's body font: a well-hinted face with full Vietnamese coverage."""
    from PySide6.QtGui import QFontDatabase  # the reader's, not needed for the window's first paint

    available = set(QFontDatabase.families(QFontDatabase.WritingSystem.Vietnamese))
    order = (READING_FAMILIES + READING_SANS_FAMILIES) if prefer_serif else (
        READING_SANS_FAMILIES + READING_FAMILIES)
    family = next((f for f in order if f in available), None)
    font = QFont(family) if family else QGuiApplication.font()
    font.setPointSizeF(READING_POINT_SIZE)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    font.setHintingPreference(QFont.HintingPreference.PreferVerticalHinting)
    return font


def _palette(colors: dict[str, str]) -> QPalette:
    p = QPalette()
    R = QPalette.ColorRole
    G = QPalette.ColorGroup
    roles = {
        "window": R.Window, "window_text": R.WindowText, "base": R.Base, "alt_base": R.AlternateBase,
        "text": R.Text, "button": R.Button, "button_text": R.ButtonText, "highlight": R.Highlight,
        "highlighted_text": R.HighlightedText, "tooltip_base": R.ToolTipBase, "tooltip_text": R.ToolTipText,
        "placeholder": R.PlaceholderText, "link": R.Link, "mid": R.Mid, "midlight": R.Midlight,
        "dark": R.Dark, "light": R.Light, "shadow": R.Shadow, "bright_text": R.BrightText,
    }
    for key, role in roles.items():
        p.setColor(role, QColor(colors[key]))
    for role, key in ((R.WindowText, "disabled"), (R.Text, "disabled"), (R.ButtonText, "disabled")):
        p.setColor(G.Disabled, role, QColor(colors[key]))
    p.setColor(G.Inactive, R.Highlight, QColor(colors["inactive_highlight"]))
    p.setColor(G.Inactive, R.HighlightedText, QColor(colors["text"]))
    return p


LIGHT = {
    "window": "#f3f2ef", "window_text": "#23262b", "base": "#fdfcfa", "alt_base": "#f6f5f2",
    "text": "#1f2328", "button": "#eceae6", "button_text": "#23262b", "highlight": "#3c6fb0",
    "highlighted_text": "#ffffff", "inactive_highlight": "#d5dde8", "tooltip_base": "#fffef7",
    "tooltip_text": "#1f2328", "placeholder": "#8a8f96", "link": "#2a62a8", "mid": "#c9c6c0",
    "midlight": "#e2e0db", "dark": "#a5a29c", "light": "#ffffff", "shadow": "#7d7a75",
    "bright_text": "#ffffff", "disabled": "#a0a3a8",
}
DARK = {
    "window": "#202124", "window_text": "#d9dadc", "base": "#1a1b1e", "alt_base": "#232428",
    "text": "#dcdde0", "button": "#2b2c30", "button_text": "#d9dadc", "highlight": "#4a78b5",
    "highlighted_text": "#ffffff", "inactive_highlight": "#34404f", "tooltip_base": "#2b2c30",
    "tooltip_text": "#e4e5e7", "placeholder": "#7c8087", "link": "#7fb0ee", "mid": "#3a3b40",
    "midlight": "#303135", "dark": "#141517", "light": "#3c3d42", "shadow": "#0c0c0d",
    "bright_text": "#ffffff", "disabled": "#65686e",
}

def apply_theme(app: QApplication, theme: str = "system") -> str:
    """A calm light or dark palette (for the Fusion style, which ``create_application`` sets);
    returns the theme actually used.

    ``system`` follows the desktop's colour scheme where Qt can read it, else light.
    """
    from PySide6.QtCore import Qt

    if theme not in THEMES:
        theme = "system"
    resolved = theme
    if theme == "system":
        scheme = QGuiApplication.styleHints().colorScheme()
        resolved = "dark" if scheme == Qt.ColorScheme.Dark else "light"
    # No application style sheet: it would route every widget through QStyleSheetStyle (measured
    # ~50 ms at start-up and slower painting); frames are set on the widgets that need them.
    app.setPalette(_palette(DARK if resolved == "dark" else LIGHT))
    return resolved


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a fraction ``t`` of the way towards ``b``."""
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * t, a.greenF() + (b.greenF() - a.greenF()) * t,
                           a.blueF() + (b.blueF() - a.blueF()) * t)
