"""Article body versus page furniture: line classes, range shape, gold floor."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rusus_desktop.nlp.body import find_body
from rusus_desktop.nlp.evaluation import char_prf, total
from tests.nlp.gold import gold_documents

TITLE = "Nga và Mỹ nhất trí nối lại đối thoại về ổn định chiến lược tại Geneva"
DATELINE = "20:43 | 29/07/2021"
LEAD = ("(PetroTimes) - Reuters ngày 28/7 đưa tin, Mỹ và Nga đã tổ chức đối thoại ổn định chiến lược cấp cao "
        "mà lãnh đạo hai nước đã cam kết tại thượng đỉnh.")
PARAGRAPH = ("Người phát ngôn Bộ Ngoại giao Mỹ cho biết cuộc đối thoại tại Geneva là bước đầu tiên để thực hiện "
             "cam kết của hai tổng thống về ổn định chiến lược.")
CAPTION = "Thứ trưởng Ngoại giao Mỹ Wendy Sherman tại Geneva. Ảnh: Reuters"
AUTHOR = "Tô Châu (theo Reuters, AFP)"


def body_lines(text: str) -> list[str]:
    """The body as a list of its non-blank lines."""
    return [line for start, end in find_body(text) for line in text[start:end].split("\n") if line.strip()]


def test_body_keeps_title_dateline_lead_paragraphs_caption_and_author():
    lines = [TITLE, DATELINE, LEAD, CAPTION, PARAGRAPH, AUTHOR]
    assert body_lines("\n".join(lines)) == lines


@pytest.mark.parametrize("widget", ["Video đang HOT", "Theo dõi Baoquocte.vn trên", "Chia sẻ", "Quảng cáo",
                                    "Xem thêm: Giá xăng tăng lần thứ 6 liên tiếp", "|", "Chia sẻ Facebook Zalo Email",
                                    "Lưu | In bài | Copy link"])
def test_body_drops_widget_lines_inside_the_article(widget):
    text = "\n".join([TITLE, LEAD, widget, PARAGRAPH, AUTHOR])
    assert body_lines(text) == [TITLE, LEAD, PARAGRAPH, AUTHOR]


@pytest.mark.parametrize("heading", ["TIN LIÊN QUAN", "Tin liên quan", "Đọc thêm", "Xem thêm"])
def test_body_drops_a_related_news_box_and_resumes_after_it(heading):
    text = "\n".join([TITLE, LEAD, heading, "Mỹ phủ nhận điều tàu khu trục tới Biển Đen",
                      "Nhân tố chi phối chính sách đối ngoại của Tổng thống Joe Biden", PARAGRAPH, AUTHOR])
    assert body_lines(text) == [TITLE, LEAD, PARAGRAPH, AUTHOR]


@pytest.mark.parametrize("heading", ["Tiêu điểm", "Tin mới nhất", "Bài viết cùng chủ đề", "Có thể bạn quan tâm",
                                     "Tin cùng chuyên mục", "Phiên bản di động", "Tags: Nga, Mỹ"])
def test_body_ends_at_sidebar_headings(heading):
    text = "\n".join([TITLE, LEAD, PARAGRAPH, AUTHOR, heading, "Giá vàng hôm nay 30/3/2024 phá kỷ lục mới",
                      "07:40:36 23/05/2025", PARAGRAPH])
    assert body_lines(text) == [TITLE, LEAD, PARAGRAPH, AUTHOR]


def test_body_own_dateline_is_body_other_timestamps_are_not():
    text = "\n".join([TITLE, DATELINE, LEAD, PARAGRAPH, "Chứng khoán giảm phiên thứ ba liên tiếp...",
                      "14:02 29/06/2021"])
    assert body_lines(text) == [TITLE, DATELINE, LEAD, PARAGRAPH]


def test_body_drops_masthead_and_breadcrumbs_above_the_title():
    text = "\n".join(["Dân trí", "Thế giới > Châu Âu", TITLE, DATELINE, LEAD, PARAGRAPH])
    assert body_lines(text) == [TITLE, DATELINE, LEAD, PARAGRAPH]


@pytest.mark.parametrize("header", [
    ["Kinh tế & Đô thị", "Trang chủ > Tài chính > Ngân hàng"],
    ["CAND.COM.VN", "Thời sự | Chính trị | An ninh trật tự | Hồ sơ | Pháp luật", "An ninh trật tự"],
    ["QĐND Online", "Trang chủ | Chính trị | Quân sự | Quốc phòng - An ninh | Kinh tế", "Quân sự - Quốc phòng"],
    ["Người Lao Động", "Thời sự | Quốc tế | Lao động | Văn hóa - Văn nghệ", "Lao động > Công đoàn"],
    # A breadcrumb whose sub-section name is long enough to pass for a headline.
    ["TIỀN PHONG", "Thời sự | Kinh tế | Đời sống | Thế giới", "Kinh tế > Bất động sản - Hạ tầng"],
    ["Báo Quốc tế", "Thế giới » Quân sự - Quốc phòng - An ninh"],
])
def test_body_drops_mastheads_menus_and_kickers_above_a_longer_headline(header):
    text = "\n".join([*header, TITLE, DATELINE, LEAD, PARAGRAPH])
    assert body_lines(text) == [TITLE, DATELINE, LEAD, PARAGRAPH]


def test_body_keeps_a_short_title_directly_above_the_lead():
    text = "\n".join(["Nga cảnh báo Mỹ", LEAD, PARAGRAPH])
    assert body_lines(text) == ["Nga cảnh báo Mỹ", LEAD, PARAGRAPH]


@pytest.mark.parametrize("heading", ["Đọc tiếp", "Tin liên quan", "Tin mới"])
def test_body_drops_related_headlines_listed_just_above_a_box_heading(heading):
    links = ["Bảng xếp hạng V-League 2024/25 sau vòng 15", "Kết quả bóng đá hôm nay 9/3"]
    text = "\n".join([TITLE, LEAD, PARAGRAPH, "Hoàng Anh", *links, heading, "Man Utd hòa Arsenal 1-1"])
    assert body_lines(text) == [TITLE, LEAD, PARAGRAPH, "Hoàng Anh"]


def test_body_keeps_a_long_source_line_above_a_box_heading():
    text = "\n".join([TITLE, LEAD, PARAGRAPH, "Minh Hòa/VOV.VN (Tổng hợp theo Reuters)", "Tin liên quan",
                      "Iran, Saudi Arabia đàm phán vòng 5 tại Baghdad"])
    assert body_lines(text) == [TITLE, LEAD, PARAGRAPH, "Minh Hòa/VOV.VN (Tổng hợp theo Reuters)"]


def test_body_teaser_in_the_middle_of_the_article_stays():
    trailing = "Ông nói rằng còn nhiều việc phải làm, từ kiểm soát vũ khí đến an ninh mạng và nhiều vấn đề khác..."
    text = "\n".join([TITLE, LEAD, trailing, PARAGRAPH, AUTHOR])
    assert body_lines(text) == [TITLE, LEAD, trailing, PARAGRAPH, AUTHOR]


def test_body_drops_an_embedded_related_article_closed_by_a_teaser():
    embedded = ["Nga, Mỹ ấn định thời điểm đàm phán về ổn định chiến lược hạt nhân",
                "Báo Kommersant ngày 20/7 đưa tin Nga và Mỹ đã nhất trí tổ chức vòng đàm phán đầu tiên.",
                "Tổng thống Putin ngỏ lời cho Mỹ dùng căn cứ Nga? Tổng thống Vladimir Putin hồi tháng 6 được cho là..."]
    text = "\n".join([TITLE, LEAD, PARAGRAPH, *embedded, "", "Tiêu điểm", "Tin mới nhất"])
    assert body_lines(text) == [TITLE, LEAD, PARAGRAPH]
    with_embedded = [line for s, e in find_body(text, include_embedded=True) for line in text[s:e].split("\n")]
    assert embedded[1] in with_embedded


def test_body_ranges_cover_whole_lines_without_the_final_newline():
    text = "\n".join([TITLE, "", LEAD, "Video đang HOT", PARAGRAPH, "", AUTHOR, "", "TIN LIÊN QUAN", "Tin khác"]) + "\n"
    ranges = find_body(text)
    assert ranges == [(0, text.index(LEAD) + len(LEAD)),
                      (text.index(PARAGRAPH), text.index(AUTHOR) + len(AUTHOR))]


_LINES = st.sampled_from([TITLE, DATELINE, LEAD, PARAGRAPH, CAPTION, AUTHOR, "", " ", "Video đang HOT",
                          "TIN LIÊN QUAN", "Tiêu điểm", "07:40:36 23/05/2025", "Tin nổi bật", "Một tin khác...",
                          "Dân trí", "Phiên bản di động", "|"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, max_size=20).map("\n".join))
def test_body_ranges_are_sorted_disjoint_whole_lines(text):
    previous_end = -1
    for start, end in find_body(text):
        assert previous_end < start < end <= len(text) or (start == 0 and previous_end == -1 and end > 0)
        assert start == 0 or text[start - 1] == "\n"
        assert end == len(text) or text[end] == "\n"
        assert text[start:end].strip()
        previous_end = end


@pytest.mark.parametrize("prefixes", [("0",), ("dates_", "u"), ("heldout",), ("e_", "f_", "g_", "h_", "k_", "m_", "n_")],
                         ids=["seeds", "unseen", "heldout", "heldout3"])
def test_body_gold_floor(prefixes):
    """Regression floor: body character F1 on the hand-annotated gold."""
    scores = [char_prf(find_body(text), gold["body"]) for text, gold in gold_documents("body", prefixes)]
    assert scores
    assert total(scores).f1 >= 0.97
