"""The interface language: English source strings, Vietnamese from ``resources/i18n``.

Every user-visible string in ``ui/`` goes through ``QCoreApplication.translate(context, text)``
(bound as ``translate`` in each module, which ``pyside6-lupdate`` recognises). Switching language
installs a different QTranslator; Qt then sends every widget a ``LanguageChange`` event and each one
re-reads its strings in ``retranslate()``.

Translations live in ``resources/i18n/rusus_desktop_<lang>.ts`` (Qt Linguist XML, the source of
truth) and are compiled to ``.qm`` with ``python -m rusus_desktop.ui.i18n``, which runs
``pyside6-lupdate`` to pick up new strings and ``pyside6-lrelease`` to compile. When a ``.qm`` is
missing (a source tree that was never compiled), :class:`TsTranslator` reads the ``.ts`` directly.
"""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, QTranslator, Signal

from rusus_desktop.resources import resource_path

LANGUAGES: dict[str, str] = {"en": "English", "vi": "Tiếng Việt"}  # each named in its own language
SOURCE_LANGUAGE = "en"
CATALOGUE = "rusus_desktop"


def catalogue_path(lang: str, suffix: str) -> Path:
    return resource_path("i18n") / f"{CATALOGUE}_{lang}.{suffix}"


def system_language() -> str:
    """The system locale's language if the app speaks it, else English."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


class TsTranslator(QTranslator):
    """A translator fed from a Qt Linguist ``.ts`` file (used when no compiled ``.qm`` exists)."""

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        import xml.etree.ElementTree as ET

        super().__init__(parent)
        self._messages: dict[tuple[str, str, str], str | list[str]] = {}
        self._language = ""
        root = ET.parse(path).getroot()
        self._language = root.get("language", "")
        for context in root.iter("context"):
            ctx = context.findtext("name") or ""
            for message in context.iter("message"):
                source = message.findtext("source") or ""
                comment = message.findtext("comment") or ""
                node = message.find("translation")
                if node is None or node.get("type") in ("unfinished", "obsolete", "vanished"):
                    continue
                forms = [f.text or "" for f in node.iter("numerusform")]
                value: str | list[str] = forms if forms else (node.text or "")
                if value:
                    self._messages[(ctx, source, comment)] = value

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return not self._messages

    def language(self) -> str:
        return self._language

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        value = self._messages.get((context, source, disambiguation or ""))
        if value is None:
            return ""  # Qt falls back to the source text
        if isinstance(value, list):
            # Vietnamese has a single plural form; take the last form for other languages' "many".
            return value[0] if len(value) == 1 or n == 1 else value[-1]
        return value


def make_translator(lang: str) -> QTranslator | None:
    if lang == SOURCE_LANGUAGE:
        return None
    qm = catalogue_path(lang, "qm")
    if qm.is_file():
        translator = QTranslator()
        if translator.load(str(qm)):
            return translator
    ts = catalogue_path(lang, "ts")
    if ts.is_file():
        return TsTranslator(ts)
    return None


class LanguageManager(QObject):
    """Installs the translator for the chosen language and says when it changed."""

    language_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._translator: QTranslator | None = None
        self.language = SOURCE_LANGUAGE
        self.choice = "system"  # what the analyst picked: "system" or a language code

    def set_language(self, choice: str | None) -> str:
        """Switch to ``choice`` ("system", "en", "vi"); returns the language now in use."""
        choice = choice if choice in LANGUAGES or choice == "system" else "system"
        lang = system_language() if choice == "system" else choice
        self.choice = choice
        if lang == self.language and (self._translator is not None or lang == SOURCE_LANGUAGE):
            return lang
        app = QCoreApplication.instance()
        if self._translator is not None and app is not None:
            app.removeTranslator(self._translator)
        self._translator = make_translator(lang)
        if self._translator is not None and app is not None:
            app.installTranslator(self._translator)
        if app is not None:
            # Qt posts LanguageChange; deliver it now so every widget is retranslated on return.
            # (The application re-posts it to each top-level window, hence the second call.)
            QCoreApplication.sendPostedEvents(app, QEvent.Type.LanguageChange)
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        self.language = lang
        QLocale.setDefault(QLocale(lang))
        self.language_changed.emit(lang)
        return lang


def update_catalogues(root: Path | None = None) -> None:
    """Developer tool: refresh the ``.ts`` files from the sources and compile them to ``.qm``."""
    import subprocess

    root = root or Path(__file__).resolve().parents[2]
    bindir = Path(sys.executable).parent
    sources = sorted(str(p) for p in (root / "rusus_desktop" / "ui").rglob("*.py"))
    for lang in LANGUAGES:
        if lang == SOURCE_LANGUAGE:
            continue
        ts = catalogue_path(lang, "ts")
        subprocess.run([str(bindir / "pyside6-lupdate"), "-locations", "none", "-no-obsolete", *sources,
                        "-target-language", lang, "-ts", str(ts)], check=True)
        subprocess.run([str(bindir / "pyside6-lrelease"), str(ts), "-qm", str(catalogue_path(lang, "qm"))],
                       check=True)


if __name__ == "__main__":
    update_catalogues()
