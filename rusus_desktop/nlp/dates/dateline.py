"""The document's own dateline near the top of the page."""
from __future__ import annotations

import datetime as dt
import re

from rusus_desktop.nlp.dates.vocabulary import WEEKDAY

_I = re.IGNORECASE

# "Cập nhật: ", "Cập nhật lúc ", "Ngày đăng: ", a bare "lúc ".
_DATELINE_LABEL = re.compile(r"^(?:(?:cập\s+nhật|ngày\s+đăng|đăng\s+ngày|đăng\s+lúc|thời\s+gian|xuất\s+bản|"
                             r"published|posted|updated)\s*:?\s*)?(?:lúc\s+)?", _I)
_DL_DATE = r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
_DL_TIME = r"(?P<h>\d{1,2})[:hg](?P<mi>\d{2})(?::(?P<s>\d{2}))?"
_DL_TZ = r"(?:\s*\(?\s*(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d\d)?\s*\)?)?"
_DL_WEEKDAY = rf"(?:{WEEKDAY}\s*[,-]?\s*)?"
_DATELINE_FORMS = [
    re.compile(rf"{_DL_WEEKDAY}(?:ngày\s+)?{_DL_DATE}(?:\s*[|,–-]?\s*(?:lúc\s+)?{_DL_TIME})?{_DL_TZ}", _I),
    re.compile(rf"{_DL_WEEKDAY}{_DL_TIME}{_DL_TZ}\s*(?:[|,–-]\s*)?{_DL_WEEKDAY}(?:ngày\s+)?{_DL_DATE}{_DL_TZ}", _I),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?)?"
               r"(?:Z|[+-]\d\d:?\d\d)?", _I),
]
_DATELINE_LINES = 12
_DATELINE_MAX_LENGTH = 90


def find_dateline(text: str) -> dt.datetime | None:
    """The document's own publication date and time, read from its dateline near the top.

    Looks at the first few non-empty lines for one that is (after an optional label such as
    "Cập nhật:" or a short byline before "|") a date with an optional weekday, clock time and
    time zone: "14/04/2021 - 08:54", "20:43 | 29/07/2021", "Thứ Hai, 13/3/2023 09:12 (GMT+7)",
    "Thứ năm, 29/7/2021, 20:43 (GMT+7)". Only the top of the text is read, so this is cheap
    enough for the corpus reader to call on every file.

    Args:
        text: Canonical document text.

    Returns:
        A naive datetime in the time written (midnight when the dateline has no time), or
        None when the top of the document has no dateline.
    """
    seen = 0
    for line in text[:3000].split("\n"):
        line = line.strip()
        if not line:
            continue
        seen += 1
        if seen > _DATELINE_LINES:
            break
        if len(line) > _DATELINE_MAX_LENGTH:
            continue
        found = _dateline_in(line)
        if found is not None:
            return found
    return None


def _dateline_in(line: str) -> dt.datetime | None:
    candidates = [line]
    if "|" in line:  # "Phan Quân | 14/04/2021 08:54" or "Cập nhật: 10:45 | 19/03/2024"
        candidates.append(line.split("|", 1)[1].strip())
    for candidate in candidates:
        candidate = _DATELINE_LABEL.sub("", candidate).strip(" .")
        for form in _DATELINE_FORMS:
            match = form.fullmatch(candidate)
            if match is None:
                continue
            g = match.groupdict()
            try:
                return dt.datetime(int(g["y"]), int(g["m"]), int(g["d"]), int(g["h"] or 0),
                                   int(g["mi"] or 0), int(g["s"] or 0))
            except ValueError:
                return None
    return None
