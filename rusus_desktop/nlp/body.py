"""Separate the article from the page furniture a scraper brought along with it.

Scraped Vietnamese news pages are the article (title, dateline, lead, paragraphs, captions,
source tag, author line) followed or interrupted by furniture: widget lines ("Video đang HOT",
"Theo dõi … trên"), related-news boxes ("TIN LIÊN QUAN", "Đọc thêm"), sidebars ("Tiêu điểm",
"Tin mới nhất"), other items' timestamps, teasers ending in "...", "Phiên bản di động".

The classifier works on whole lines, top to bottom, with a small state machine:

* ``body``: lines are article unless they are widgets, navigation, teasers or timestamps;
* ``box``: after a related-news heading, headline-like lines are furniture until a real
  paragraph (long, ending in sentence punctuation) shows the article goes on;
* ``end``: after a sidebar/footer heading met once the article has started, nothing is body.

A second pass removes a related article embedded whole at the end of the host (its own
headline, lead and caption, closed by a teaser): the guide counts it as content but not as the
host's body.

Ranges cover whole lines and never include the newline that ends the last line of a run;
consecutive body lines, and the blank lines between them, form one range.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["find_body"]

# Headings after which nothing on the page is the article any more.
_END_HEADINGS = frozenset({
    "tiêu điểm", "tin mới nhất", "tin đang nóng", "tin nóng", "bài viết cùng chủ đề", "cùng chủ đề",
    "có thể bạn quan tâm", "có thể bạn muốn xem", "tin nổi bật", "phiên bản di động", "tin mới",
    "tin cùng chuyên mục", "cùng chuyên mục", "tin khác", "các tin khác", "bài đọc nhiều", "đọc nhiều",
    "đọc nhiều nhất", "xem nhiều", "xem nhiều nhất", "tin xem nhiều", "bình luận", "ý kiến bạn đọc",
    "gửi bình luận", "ý kiến", "tags", "tag", "từ khóa", "từ khoá", "đừng bỏ lỡ", "video nổi bật",
    "tin ảnh", "multimedia", "lên đầu trang", "về đầu trang", "trở lên đầu trang", "về trang chủ",
    "news_is_not_ads=", "tin tức khác", "bài viết khác", "tin bài khác", "mới nhất", "nổi bật",
    "tin 24h", "tin trong ngày", "chuyên đề", "bạn có thể quan tâm", "bài cùng chuyên mục", "tin cùng chủ đề",
    "tin đọc nhiều", "bài viết mới", "tin bài mới", "video liên quan", "bình luận của bạn", "ý kiến của bạn",
})
# Footer lines: tags, copyright, licence. Nothing after them is the article.
_END_LINE = re.compile(r"^(?:tags?|từ\s+khóa|từ\s+khoá|chủ\s+đề)\s*:|^(?:©|copyright\b|bản\s+quyền\b|giấy\s+phép\b)",
                       re.IGNORECASE)
# Related-news boxes that may sit inside the article, which then goes on.
_BOX_HEADINGS = frozenset({
    "tin liên quan", "tin bài liên quan", "bài liên quan", "bài viết liên quan", "xem thêm", "đọc thêm",
    "tin tức liên quan", "có liên quan", ">> xem thêm", "mời xem thêm", "đọc tiếp", "xem tiếp",
})
# One-line widgets and buttons.
_WIDGET_LINES = frozenset({
    "video đang hot", "quảng cáo", "advertisement", "chia sẻ", "chia sẻ bài viết", "facebook", "zalo",
    "twitter", "in bài", "in bài viết", "lưu", "lưu bài viết", "copy link", "sao chép liên kết", "gửi",
    "bình chọn", "thích", "theo dõi", "|", "x", "×", "đóng", "nghe bài viết", "nghe", "tải ảnh",
    "trang chủ", "media", "play", "0:00", "cỡ chữ", "a+", "a-",
})
_SHARE_WORDS = frozenset({
    "chia", "sẻ", "facebook", "zalo", "twitter", "x", "email", "gửi", "in", "bài", "viết", "lưu", "copy", "link",
    "sao", "chép", "liên", "kết", "thích", "bình", "luận", "theo", "dõi", "tải", "ảnh", "nghe", "cỡ", "chữ", "a",
})
_SECTION_NAMES = frozenset({
    "thời sự", "thế giới", "kinh doanh", "kinh tế", "giải trí", "thể thao", "pháp luật", "giáo dục",
    "sức khỏe", "sức khoẻ", "đời sống", "du lịch", "số hóa", "công nghệ", "xe", "ô tô xe máy", "bất động sản",
    "văn hóa", "văn hoá", "xã hội", "chính trị", "quân sự", "quốc tế", "góc nhìn", "ý kiến", "tâm sự",
    "podcast", "video", "ảnh", "media", "khoa học", "tài chính", "chứng khoán", "thị trường", "phân tích",
    "bình luận quốc tế", "hồ sơ", "tư liệu", "sự kiện", "trong nước", "nhịp sống", "giới trẻ", "bạn đọc",
    "thời trang", "ẩm thực", "sao việt", "phim", "âm nhạc", "netizen",
})

_WIDGET_PATTERNS = re.compile(
    r"^(?:theo\s+dõi\s+.{1,60}\s+trên(?:\s+.{0,40})?"
    r"|(?:đọc|xem)\s+(?:thêm|tiếp)\s*[:>»].*"
    r"|(?:tin|bài)\s+(?:liên\s+quan|cùng\s+chủ\s+đề)\s*[:>»].*"
    r"|(?:>>|»|►|▶)\s*.*"
    r"|(?:bình\s+luận|lượt\s+xem|views?)\s*\(?\d+\)?"
    r"|\d+\s+(?:bình\s+luận|lượt\s+xem|lượt\s+thích)"
    r"|(?:nguồn\s+video|video)\s*:.*"
    r")$", re.IGNORECASE)
# A line that is nothing but a timestamp ("07:40:36 23/05/2025", "2 giờ trước").
_TIMESTAMP_LINE = re.compile(
    r"^(?:(?:thứ\s+\S+|chủ\s+nhật)\s*,?\s*)?"
    r"(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[|,–-]\s*)?)?"
    r"(?:(?:ngày\s+)?\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?)?"
    r"(?:\s*(?:[|,–-]\s*)?\d{1,2}[:h]\d{2}(?::\d{2})?)?"
    r"(?:\s*\(?\s*(?:GMT|UTC)\s*[+-]\s*\d{1,2}\s*\)?)?$"
    r"|^\d+\s+(?:giây|phút|giờ|tiếng|ngày|tuần|tháng|năm)\s+trước$"
    r"|^(?:cập\s+nhật|đăng\s+lúc|ngày\s+đăng)\s*:?.{0,40}\d.{0,40}$", re.IGNORECASE)
_HAS_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w+")
# An author or source line: "Minh Hòa/VOV.VN (Tổng hợp)", "Tô Châu (theo Reuters, AFP)".
_BYLINE = re.compile(r"\)\s*$|[^\W\d]/[^\W\d]")
_NAV_SEPARATORS = re.compile(r"\s*(?:>|»|›|/|\|)\s*")
_BREADCRUMB_SEPARATORS = re.compile(r"\s*(?:>|»|›)\s*")
_BREADCRUMB_MAX_WORDS = 6
_SENTENCE_END = re.compile(r"[.!?…:;](?:[\"”’')\]»]+)?$")
_TEASER_END = re.compile(r"(?:\.\.\.|…)$")
_CAPTION = re.compile(r"(?:\b(?:ảnh|nguồn|photo|đồ\s+họa|clip)\s*:|\((?:ảnh|nguồn)\b|\bảnh\s+minh\s+họa|-\s*ảnh\s*:)",
                      re.IGNORECASE)

_PARAGRAPH_MIN_WORDS = 8
_MASTHEAD_MAX_WORDS = 3
_KICKER_MAX_WORDS = 6  # above a longer headline, lines this short are masthead or kicker
_TITLE_MIN_WORDS = 7
_LINK_MIN_WORDS = 6
_BOX_RESUME_MIN_WORDS = 15
_EMBEDDED_HEADLINE_MIN_WORDS = 8
_EMBEDDED_LOOKBACK = 15

_BODY, _FURNITURE, _BLANK = "B", "F", " "


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int  # exclusive, before the newline
    text: str  # stripped

    @property
    def words(self) -> int:
        return len(self.text.split())


def _lines(text: str) -> list[_Line]:
    lines = []
    start = 0
    for raw in text.split("\n"):
        lines.append(_Line(start, start + len(raw), raw.strip()))
        start += len(raw) + 1
    return lines


def _normalised(line: str) -> str:
    return re.sub(r"\s+", " ", line.strip().rstrip(":").strip()).casefold()


def _is_widget(line: _Line) -> bool:
    norm = _normalised(line.text)
    if norm in _WIDGET_LINES or _WIDGET_PATTERNS.match(line.text):
        return True
    # A share bar scraped as one line: "Chia sẻ Facebook Zalo Email", "Lưu | In bài | Copy link".
    words = _WORD.findall(norm)
    return len(words) >= 2 and all(word in _SHARE_WORDS for word in words)


def _is_navigation(line: _Line) -> bool:
    """Breadcrumbs ("Thế giới > Châu Âu") and section menus ("Thời sự Thế giới Kinh doanh")."""
    norm = _normalised(line.text)
    if norm in _SECTION_NAMES:
        return True
    if _SENTENCE_END.search(line.text):
        return False
    parts = [p for p in _NAV_SEPARATORS.split(norm) if p]
    # Count words, not the dashes and ampersands inside menu items ("Quốc phòng - An ninh").
    if len(parts) >= 2 and all(len(_WORD.findall(p)) <= 4 for p in parts) and \
            sum(p in _SECTION_NAMES or p == "trang chủ" for p in parts) >= 1:
        return True
    # A breadcrumb from a known section down to a longer sub-section name:
    # "Kinh tế > Bất động sản - Hạ tầng", "Thế giới » Quân sự - Quốc phòng".
    crumbs = [p for p in _BREADCRUMB_SEPARATORS.split(norm) if p]
    if len(crumbs) >= 2 and (crumbs[0] in _SECTION_NAMES or crumbs[0] == "trang chủ") and \
            all(len(_WORD.findall(p)) <= _BREADCRUMB_MAX_WORDS for p in crumbs):
        return True
    return False


def _is_masthead(line: _Line, max_words: int = _MASTHEAD_MAX_WORDS) -> bool:
    """A site name or section kicker above the title ("Dân trí", "VOV.VN", "Sức mạnh số").

    Vietnamese headlines run to many words; a line of three words or fewer with no digit and
    no sentence punctuation above the title is the page's masthead, not the article.
    """
    return len(_WORD.findall(line.text)) <= max_words and not _HAS_DIGIT.search(line.text) \
        and not _SENTENCE_END.search(line.text) and not line.text.endswith("?")


def _headline_ahead(lines: list[_Line]) -> int | None:
    """Index of the first headline-like line of the page header, if one comes before the lead.

    Lines above it that are short (a masthead "Kinh tế & Đô thị", a kicker "An ninh trật tự")
    cannot be the title: the title is that longer line. When the first long line is already a
    paragraph (a short title directly above the lead), there is no such index.
    """
    for i, line in enumerate(lines):
        if not line.text or _is_widget(line) or _is_navigation(line) or _is_timestamp(line):
            continue
        norm = _normalised(line.text)
        if norm in _END_HEADINGS or norm in _BOX_HEADINGS:
            continue
        if len(_WORD.findall(line.text)) >= _TITLE_MIN_WORDS:
            return None if _is_paragraph(line) else i
    return None


def _is_timestamp(line: _Line) -> bool:
    return bool(_HAS_DIGIT.search(line.text)) and bool(_TIMESTAMP_LINE.match(line.text)) and line.words <= 8


def _is_paragraph(line: _Line, min_words: int = _PARAGRAPH_MIN_WORDS) -> bool:
    return line.words >= min_words and bool(_SENTENCE_END.search(line.text)) and not _TEASER_END.search(line.text)


def _is_teaser(line: _Line) -> bool:
    return bool(_TEASER_END.search(line.text))


def _is_headline(line: _Line) -> bool:
    return (line.words >= _EMBEDDED_HEADLINE_MIN_WORDS and not _SENTENCE_END.search(line.text)
            and not _CAPTION.search(line.text)) or (
        # A headline may end in "?" or "!"; a paragraph of that length rarely does.
        line.words >= _EMBEDDED_HEADLINE_MIN_WORDS and line.text.endswith(("?", "!")) and line.words <= 25)


def _classify(lines: list[_Line]) -> list[str]:
    labels: list[str] = []
    state = "body"
    article_started = False  # a real paragraph has been read
    title_seen = False  # the first line is the title, even when it reads like a sentence
    headline = _headline_ahead(lines)
    for line in lines:
        if not line.text:
            labels.append(_BLANK)
            continue
        norm = _normalised(line.text)
        if state == "end":
            labels.append(_FURNITURE)
            continue
        if norm in _END_HEADINGS or _END_LINE.match(line.text):
            if article_started:
                state = "end"
            labels.append(_FURNITURE)
            continue
        if norm in _BOX_HEADINGS:
            state = "box"
            labels.append(_FURNITURE)
            continue
        if _is_widget(line) or _is_navigation(line):
            labels.append(_FURNITURE)
            continue
        if not title_seen and (_is_masthead(line) or (
                headline is not None and line.start < lines[headline].start
                and _is_masthead(line, _KICKER_MAX_WORDS))):
            labels.append(_FURNITURE)
            continue
        if _is_timestamp(line):
            # The document's own dateline sits above the first paragraph; later ones belong to
            # other items.
            labels.append(_FURNITURE if article_started else _BODY)
            continue
        if state == "box":
            if _is_paragraph(line, _BOX_RESUME_MIN_WORDS):
                state = "body"
            else:
                labels.append(_FURNITURE)
                continue
        labels.append(_BODY)
        if _is_paragraph(line) and title_seen:
            article_started = True
        title_seen = True
    return labels


def _drop_teasers(lines: list[_Line], labels: list[str]) -> None:
    """Mark lines ending in "..." that border furniture (or end the page) as furniture.

    A teaser is a cut-off headline or lead in a list of other items; a paragraph of the article
    that happens to trail off with "..." is surrounded by article, so it stays. Walking up from
    the bottom lets a run of teasers turn to furniture one after the other.
    """
    first_paragraph = next((i for i, (line, label) in enumerate(zip(lines, labels, strict=True))
                            if label == _BODY and _is_paragraph(line) and i > 0), len(lines))
    following = _FURNITURE  # the end of the page borders like furniture
    for i in range(len(lines) - 1, first_paragraph, -1):
        if labels[i] == _BLANK:
            continue
        if labels[i] == _BODY and _is_teaser(lines[i]):
            previous = next((labels[j] for j in range(i - 1, -1, -1) if labels[j] != _BLANK), _FURNITURE)
            if following == _FURNITURE or previous == _FURNITURE:
                labels[i] = _FURNITURE
        following = labels[i]


def _drop_links_before_headings(lines: list[_Line], labels: list[str]) -> None:
    """Mark headline-like lines just above a related-news or sidebar heading as furniture.

    After the author line, pages often list a few related headlines before (or without) the
    box's own heading: "Bảng xếp hạng V-League sau vòng 15" / "Đọc tiếp". Walking up from each
    heading met after the article has started, lines of several words with no sentence
    punctuation and no caption marker are links; the author line (short) stops the walk.
    """
    first_paragraph = next((i for i, (line, label) in enumerate(zip(lines, labels, strict=True))
                            if label == _BODY and _is_paragraph(line) and i > 0), None)
    if first_paragraph is None:
        return
    for heading in range(first_paragraph + 1, len(lines)):
        norm = _normalised(lines[heading].text)
        if not lines[heading].text or (norm not in _BOX_HEADINGS and norm not in _END_HEADINGS):
            continue
        i = heading - 1
        while i > first_paragraph:
            line = lines[i]
            if labels[i] == _BLANK:
                i -= 1
                continue
            if labels[i] != _BODY or len(_WORD.findall(line.text)) < _LINK_MIN_WORDS \
                    or _SENTENCE_END.search(line.text) or line.text.endswith(("?", "!")) or _CAPTION.search(line.text) \
                    or _BYLINE.search(line.text):
                break
            labels[i] = _FURNITURE
            i -= 1


def _drop_embedded_articles(lines: list[_Line], labels: list[str]) -> None:
    """Mark a whole related article embedded after the host (headline … teaser) as furniture."""
    first_paragraph = next((i for i, (line, label) in enumerate(zip(lines, labels, strict=True))
                            if label == _BODY and _is_paragraph(line)), None)
    if first_paragraph is None:
        return
    for teaser in range(len(lines)):
        if labels[teaser] != _FURNITURE or not lines[teaser].text or not _is_teaser(lines[teaser]):
            continue
        following = next((labels[j] for j in range(teaser + 1, len(lines)) if labels[j] != _BLANK), None)
        if following == _BODY:
            continue  # the host article goes on after it: the teaser was a one-line aside
        paragraphs = 0
        steps = 0
        i = teaser - 1
        while i > first_paragraph and steps < _EMBEDDED_LOOKBACK:
            if labels[i] == _BLANK:
                i -= 1
                continue
            if labels[i] != _BODY:
                break
            steps += 1
            if _is_headline(lines[i]) and paragraphs:
                for j in range(i, teaser):
                    if labels[j] == _BODY:
                        labels[j] = _FURNITURE
                break
            if _is_paragraph(lines[i]):
                paragraphs += 1
            i -= 1


def find_body(text: str, *, include_embedded: bool = False) -> list[tuple[int, int]]:
    """The character ranges of ``text`` that are the article itself.

    Args:
        text: Canonical document text.
        include_embedded: Also return a related article embedded whole after the host (it is
            content an analyst reads, but not the host's body).

    Returns:
        Sorted, non-overlapping ``(start, end)`` code-point ranges, end exclusive. Each range
        starts at the beginning of a body line and ends at the end of a body line, without its
        newline; blank lines between two body lines are inside the range.
    """
    lines = _lines(text)
    labels = _classify(lines)
    _drop_links_before_headings(lines, labels)
    _drop_teasers(lines, labels)
    if not include_embedded:
        _drop_embedded_articles(lines, labels)
    ranges: list[tuple[int, int]] = []
    run_start: int | None = None
    run_end = 0
    for line, label in zip(lines, labels, strict=True):
        if label == _BODY:
            if run_start is None:
                run_start = line.start
            run_end = line.end
        elif label == _FURNITURE and run_start is not None:
            ranges.append((run_start, run_end))
            run_start = None
    if run_start is not None:
        ranges.append((run_start, run_end))
    return ranges
