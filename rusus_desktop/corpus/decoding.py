"""Turn a file's bytes into text: UTF-8 (with or without BOM), UTF-16/32 with BOM, or a legacy
Vietnamese code page (Windows-1258 above all), and say clearly when it is none of these."""
from __future__ import annotations

import codecs
import unicodedata

from rusus_desktop.errors import RususError

# Letters of the Vietnamese alphabet once tone marks are split off (NFD base letters plus the
# modified vowels that have no decomposition), and the marks themselves.
_VIETNAMESE_BASE = set("abcdefghijklmnopqrstuvwxyzđABCDEFGHIJKLMNOPQRSTUVWXYZĐ")
_VIETNAMESE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b"}
# Legacy code pages Vietnamese text has been written in, most likely first.
_LEGACY_CANDIDATES = ("cp1258", "cp1252", "latin-1")
_ALLOWED_CONTROLS = set("\t\n\r\f\v")


class UndecodableText(RususError):
    pass


class BinaryContent(RususError):
    pass


def _letters_score(text: str) -> float:
    """Share of letters that belong to Vietnamese (or plain Latin) writing: 1.0 for clean text."""
    total = good = 0
    for ch in unicodedata.normalize("NFD", text[:200_000]):
        if ch in _VIETNAMESE_MARKS:
            good += 1
            total += 1
        elif ch.isalpha():
            total += 1
            good += ch in _VIETNAMESE_BASE
    return good / total if total else 0.0


def _control_ratio(text: str) -> float:
    sample = text[:200_000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
    return bad / len(sample)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding name)``.

    Raises:
        BinaryContent: the bytes are not text (NUL bytes, control characters).
        UndecodableText: text, but in no encoding we can read with confidence.
    """
    for bom, name in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                      (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise UndecodableText(f"starts with a {name.upper()} byte-order mark but is not valid "
                                      f"{name.upper()} (byte {exc.start})") from exc
    if b"\x00" in data[:65536]:
        raise BinaryContent("binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _control_ratio(text) > 0.01:
            raise BinaryContent("binary file (control characters), not text")
        return text, "utf-8"

    # Not UTF-8: try legacy code pages and keep the one that reads as Vietnamese. Windows-1258
    # writes tones as combining marks, which Unicode normalisation then composes.
    best: tuple[float, str, str] | None = None
    candidates = list(_LEGACY_CANDIDATES)
    try:
        from charset_normalizer import from_bytes

        guess = from_bytes(data[:200_000]).best()
        if guess is not None and guess.encoding not in candidates:
            candidates.append(guess.encoding)
    except Exception:  # noqa: BLE001 - detection is a hint only; the candidates above still run
        pass
    for name in candidates:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if _control_ratio(text) > 0.01:
            continue
        score = _letters_score(text)
        if best is None or score > best[0]:
            best = (score, name, text)
    if best is None or best[0] < 0.97:
        raise UndecodableText("undecodable bytes: not UTF-8, UTF-16 or a Vietnamese legacy code page "
                              "(Windows-1258)")
    return best[2], best[1]
