"""Vietnamese temporal expressions: spans, kinds, values, non-dates, year resolution, gold floor."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rusus_desktop.nlp.dates import find_dateline, find_dates
from rusus_desktop.nlp.evaluation import span_prf, total, value_accuracy
from tests.nlp.gold import gold_documents

Y2021 = dt.date(2021, 11, 1)
Y2022 = dt.date(2022, 7, 14)  # a Thursday in ISO week 28
TET_2025 = dt.date(2025, 1, 20)  # nine days before Tết Ất Tỵ (2025-01-29); lunar month 12 has 29 days


def only(text: str, published: dt.date | None = Y2021):
    spans = find_dates(text, published)
    assert len(spans) == 1, spans
    return spans[0]


# (sentence, published, span text, kind, value, mod)
EXAMPLES = [
    ("Thượng đỉnh ngày 16/6 tại Geneva.", Y2021, "ngày 16/6", "date", "2021-06-16", None),
    ("Ông Putin gặp ông Biden tại Moscow tháng 3/2011.", Y2021, "tháng 3/2011", "date", "2011-03", None),
    ("Hội nghị diễn ra vào ngày 1-2/11 tại Glasgow.", Y2021, "ngày 1-2/11", "range", "2021-11-01/2021-11-02", None),
    ("Reuters ngày 28 - 29/7 đưa tin.", Y2021, "ngày 28 - 29/7", "range", "2021-07-28/2021-07-29", None),
    ("Hai bên sẽ gặp lại vào cuối tháng 9/2021.", Y2021, "cuối tháng 9/2021", "date", "2021-09", "END"),
    ("14/04/2021 - 08:54", None, "14/04/2021 - 08:54", "datetime", "2021-04-14T08:54", None),
    ("20:43 | 29/07/2021", None, "20:43 | 29/07/2021", "datetime", "2021-07-29T20:43", None),
    ("Thứ Hai, 13/3/2023 09:12 (GMT+7)", None, "Thứ Hai, 13/3/2023 09:12 (GMT+7)", "datetime",
     "2023-03-13T09:12+07:00", None),
    ("Thứ năm, 29/7/2021, 20:43 (GMT+7)", None, "Thứ năm, 29/7/2021, 20:43 (GMT+7)", "datetime",
     "2021-07-29T20:43+07:00", None),
    ("theo báo Kommersant hôm nay 17.7.", Y2021, "hôm nay 17.7", "date", "2021-07-17", None),
    ("Phát biểu tại diễn đàn ngày 30.11, ông nói.", Y2021, "ngày 30.11", "date", "2021-11-30", None),
    ("Thỏa thuận ngày 12 tháng 3 năm 2023 là bước ngoặt.", Y2021, "ngày 12 tháng 3 năm 2023", "date", "2023-03-12", None),
    ("Sáng 12/3, hội nghị khai mạc.", Y2021, "Sáng 12/3", "datetime", "2021-03-12TMO", None),
    ("Chuyến tàu khởi hành 20h30 ngày 1/4.", Y2021, "20h30 ngày 1/4", "datetime", "2021-04-01T20:30", None),
    ("Lệnh có hiệu lực từ 0h01 ngày 14/5.", Y2021, "0h01 ngày 14/5", "datetime", "2021-05-14T00:01", None),
    ("Doanh thu quý III/2022 tăng mạnh.", Y2021, "quý III/2022", "date", "2022-Q3", None),
    ("Hiệp ước có hiệu lực từ năm 2011.", Y2021, "năm 2011", "date", "2011", None),
    ("Cuộc gặp diễn ra vào tháng 6 tại Thụy Sĩ.", Y2021, "tháng 6", "date", "2021-06", None),
    ("Cuộc điện đàm hôm 13/4 kéo dài.", Y2021, "hôm 13/4", "date", "2021-04-13", None),
    ("Cuộc gặp vào tháng 10 vừa qua.", Y2021, "tháng 10 vừa qua", "relative", "2021-10", None),
    ("Một cuộc gặp khác vào năm nay.", Y2021, "năm nay", "relative", "2021", None),
    ("Hiến pháp sửa đổi năm ngoái.", Y2021, "năm ngoái", "relative", "2020", None),
    ("Quyết định được đưa ra tuần trước.", Y2022, "tuần trước", "relative", "2022-W27", None),
    ("Hai bên sẽ gặp lại tuần tới.", Y2022, "tuần tới", "relative", "2022-W29", None),
    ("Ông đã phát biểu hôm qua.", Y2022, "hôm qua", "relative", "2022-07-13", None),
    ("Họ sẽ gặp nhau vào thứ Hai tới.", Y2022, "thứ Hai tới", "relative", "2022-07-18", None),
    ("Vòng đàm phán sẽ diễn ra vào tháng 7 tới.", dt.date(2021, 6, 30), "tháng 7 tới", "relative", "2021-07", None),
    ("Mỹ đã áp đặt trừng phạt cách đây 9 tháng.", Y2021, "9 tháng", "duration", "P9M", None),
    ("Trong hai thập kỷ qua, Nga thay đổi.", Y2021, "hai thập kỷ", "duration", "P20Y", None),
    ("Hai bên gia hạn 5 năm hiệp ước.", Y2021, "5 năm", "duration", "P5Y", None),
    ("Ông ở lại Moskva 3 ngày.", Y2021, "3 ngày", "duration", "P3D", None),
    ("Sau mười lăm ngày, tình hình ổn định.", Y2021, "mười lăm ngày", "duration", "P15D", None),
    ("Quan hệ kéo dài hai mươi mốt năm.", Y2021, "hai mươi mốt năm", "duration", "P21Y", None),
    ("Có hai chục năm kinh nghiệm.", Y2021, "hai chục năm", "duration", "P20Y", None),
    ("Đó là xung đột của thế kỷ 20.", Y2021, "thế kỷ 20", "date", "19", None),
    ("Đó là xung đột của thế kỷ XX.", Y2021, "thế kỷ XX", "date", "19", None),
    ("Hội nghị từ ngày 24 đến 27/7 tại Viêng Chăn.", Y2021, "ngày 24 đến 27/7", "range", "2021-07-24/2021-07-27", None),
    ("Hiệp định được thông qua hồi tháng 7 năm ngoái.", Y2021, "tháng 7 năm ngoái", "relative", "2020-07", None),
    ("Sản lượng 4 tháng đầu năm tăng.", Y2021, "4 tháng đầu năm", "range", "2021-01/2021-04", None),
    ("GDP 6 tháng đầu năm 2022 tăng.", Y2021, "6 tháng đầu năm 2022", "date", "2022-H1", None),
    ("Bão đổ bộ đêm nay (13.3).", dt.date(2023, 3, 13), "đêm nay (13.3)", "datetime", "2023-03-13TNI", None),
    ("Tối 15-5, Công An Hà Nội thắng.", dt.date(2023, 5, 15), "Tối 15-5", "datetime", "2023-05-15TEV", None),
    ("Giá vàng giảm từ trung tuần tháng 8.", Y2021, "trung tuần tháng 8", "date", "2021-08", "MID"),
    ("Hoạt động này kéo dài từ giai đoạn 2021 - 2025.", Y2021, "2021 - 2025", "range", "2021/2025", None),
    ("Bản tin phát lúc 15h30 chiều nay.", dt.date(2023, 3, 13), "15h30 chiều nay", "relative", "2023-03-13T15:30", None),
    ("Họp báo bắt đầu lúc 8 giờ 30 phút sáng.", Y2021, "8 giờ 30 phút sáng", "time", "T08:30", None),
    ("Cập nhật trong vòng 24 giờ.", Y2021, "24 giờ", "duration", "PT24H", None),
    # Ranges of durations keep both ends, as date ranges do.
    ("Các cầu thủ cần 2-3 ngày để hồi phục.", Y2021, "2-3 ngày", "duration", "P2D/P3D", None),
    ("Lãi suất có thể tăng trong 2-3 tháng tới.", Y2021, "2-3 tháng", "duration", "P2M/P3M", None),
    ("Hai tàu diễn tập trong khoảng 2 - 3 giờ.", Y2021, "2 - 3 giờ", "duration", "PT2H/PT3H", None),
    ("Quá trình cài đặt mất 10-15 phút.", Y2021, "10-15 phút", "duration", "PT10M/PT15M", None),
    ("Hội nghị diễn ra ngày 2-3 tháng 5.", Y2021, "ngày 2-3 tháng 5", "range", "2021-05-02/2021-05-03", None),
    # Two years in order are a period, even without a cue word; a noun before them stays outside.
    ("Sau khủng hoảng tài chính châu Á 1997-1998, G20 ra đời.", Y2021, "1997-1998", "range", "1997/1998", None),
    ("Khai giảng năm học 2024-2025 tại các trường quân đội.", Y2021, "2024-2025", "range", "2024/2025", None),
    # A holiday named by its day.
    ("Bộ đội Trường Sa mừng Quốc khánh 2/9.", dt.date(2024, 9, 5), "2/9", "date", "2024-09-02", None),
    # Weekdays: spelled as weekdays, after a cue, by tense.
    ("Công ty cho biết sẽ chi thưởng vào thứ Sáu.", Y2022, "thứ Sáu", "relative", "2022-07-15", None),
    ("Trước đó, vào thứ Ba, một phụ nữ đã trình báo.", Y2022, "thứ Ba", "relative", "2022-07-12", None),
    ("Công An Hà Nội thắng SLNA 2-0 Chủ nhật tuần trước.", Y2022, "Chủ nhật tuần trước", "relative", "2022-07-10", None),
    ("Đội bóng đã thắng ở trận đấu thứ Bảy.", Y2022, "thứ Bảy", "relative", "2022-07-09", None),
    ("Giá vàng có thể biến động mạnh vào cuối tuần.", Y2022, "cuối tuần", "relative", "2022-W28", "END"),
    ("Giá không đổi so với cuối tuần trước.", Y2022, "cuối tuần trước", "relative", "2022-W27", "END"),
    ("Ông ở lại Hà Nội thêm vài tuần.", Y2022, "vài tuần", "duration", "PXW", None),
    # Lunar dates take their Gregorian day in the lunar year nearest the document's date.
    ("Công nhân đi làm lại từ mùng 6 Tết.", TET_2025, "mùng 6 Tết", "date", "2025-02-03", None),
    ("Đêm giao thừa rơi vào tối 29 Tết.", TET_2025, "tối 29 Tết", "datetime", "2025-01-28TEV", None),
    ("Nhiều doanh nghiệp cho nghỉ từ 23 tháng Chạp.", TET_2025, "23 tháng Chạp", "date", "2025-01-22", None),
    ("Kỳ nghỉ kéo dài đến hết mùng 5 tháng Giêng.", TET_2025, "mùng 5 tháng Giêng", "date", "2025-02-02", None),
    ("Lễ hội chùa Hương khai mạc rằm tháng Giêng.", TET_2025, "rằm tháng Giêng", "date", "2025-02-12", None),
    ("Giỗ Tổ Hùng Vương mùng 10/3 âm lịch.", dt.date(2024, 4, 1), "mùng 10/3 âm lịch", "date", "2024-04-18", None),
    ("Chợ hoa họp từ đầu tháng Chạp.", TET_2025, "đầu tháng Chạp", "date", None, "START"),
    # The months of a year so far, quarters as businesses write them, halves of a month.
    ("Trong 11 tháng năm 2024, cả nước xảy ra 21.118 vụ.", Y2021, "11 tháng năm 2024", "range", "2024-01/2024-11", None),
    ("Xuất khẩu 9 tháng năm nay tăng 15%.", Y2021, "9 tháng năm nay", "range", "2021-01/2021-09", None),
    ("Lợi nhuận Q3/2024 tăng 20%.", Y2021, "Q3/2024", "date", "2024-Q3", None),
    ("Trong nửa đầu tháng 9, giá tăng.", Y2021, "nửa đầu tháng 9", "date", "2021-09", "START"),
    # Days joined by "và" with the month written once; a holiday's day with a dash.
    ("Kỳ thi diễn ra ngày 26 và 27-6.", Y2021, "ngày 26 và 27-6", "range", "2021-06-26/2021-06-27", None),
    ("Học sinh được nghỉ dịp lễ 30-4.", Y2021, "30-4", "date", "2021-04-30", None),
]


@pytest.mark.parametrize(("sentence", "published", "span_text", "kind", "value", "mod"), EXAMPLES,
                         ids=[e[2] for e in EXAMPLES])
def test_dates_examples(sentence, published, span_text, kind, value, mod):
    span = only(sentence, published)
    assert (span.text, span.kind, span.value, span.mod) == (span_text, kind, value, mod)
    assert sentence[span.start:span.end] == span.text


@pytest.mark.parametrize("sentence", [
    "Hơn 1/3 dân số sống ở nông thôn.",
    "Tỷ lệ 2/3 cử tri ủng hộ dự luật.",
    "Theo hiệp ước, mỗi nước chỉ được giữ 1.550 đầu đạn hạt nhân.",
    "Hai nước nắm giữ hơn 90% vũ khí hạt nhân.",
    "Việt Nam thắng Thái Lan 2-1 ở lượt đi.",
    "Phiên bản 2.1 của ứng dụng đã ra mắt.",
    "Pháp điều quân bảo vệ Olympic Paris 2024.",
    "Thứ hai, vòng đàm phán sẽ diễn ra tại Geneva.",
    "Ngày 32/13 không có trong lịch.",
    "Giá xăng 23.500 đồng/lít, tăng 17.7% so với cùng kỳ, đạt 1,5 tỷ USD.",
    "Quãng đường dài 15,5 km, nặng 20 tấn.",
    "Nghị định 15/2020/NĐ-CP và nhà số 12/3 đường Lê Lợi.",
    "Cửa hàng mở cửa 24/7.",
    "Trong 2000 người được hỏi, phần lớn đồng ý.",
    "Đây là chiến thắng thứ 5 của đội.",
    "Ông nói được hai tiếng Anh và Pháp.",
    # Document numbers, house numbers, phones, plates, rates, ratios, rounds.
    "Nghị định 145/2020/NĐ-CP không quy định mức thưởng tối thiểu.",
    "Luật số 59/2020/QH14 và Thông tư 02/2023/TT-NHNN đã có hiệu lực.",
    "Theo Quyết định 1/2021/QĐ-TTg và Nghị quyết số 24-NQ/TW.",
    "Giấy phép số 115/GP-BTTTT do Bộ cấp.",
    "Căn hộ tại ngõ 15/2 phố Kim Mã và nhà số 12/3 đường Nguyễn Chí Thanh.",
    "Gọi đường dây nóng 1900 1233 hoặc 0283 829 8069.",
    "Chiếc xe mang biển kiểm soát 30K-123.45.",
    "Lãi suất 4,7-4,8%/năm, lợi nhuận hứa hẹn 3-5%/ngày.",
    "Kết quả, 9/10 nội dung đạt loại giỏi.",
    "Nhóm VN30 có 24/30 mã tăng giá.",
    "Lịch thi đấu vòng 1/8 Champions League.",
    "Có khoảng 1500-2000 người tham gia.",
    # Years inside the name of a law or convention, like "Olympic Paris 2024".
    "Hành vi vi phạm Điều 174 Bộ luật Hình sự năm 2015.",
    "Theo Công ước Liên hợp quốc về Luật Biển năm 1982 (UNCLOS).",
    # Wages counted in months, ages, ranks, a Japanese owner.
    "Mỗi công nhân được thưởng 1,2 tháng lương.",
    "Cầu thủ 24 tuổi người Anh ghi bàn.",
    "Đội bóng xếp thứ Ba trên bảng xếp hạng.",
    "Doanh nghiệp do chủ Nhật Bản đầu tư.",
    "Thay thế các quy định của Luật Giao thông đường bộ năm 2008.",
    "Luật Trật tự, an toàn giao thông đường bộ năm 2024 gồm 9 chương.",
    "Điểm thi chiếm tỷ trọng 7/3 như trước.",
    "Điểm học bạ tính theo hệ số 1-2-3 cho ba năm học.",
    "Bão mạnh cấp 12-13, khi vào đất liền còn cấp 8-9.",
    "Văn phòng đặt tại Q1, TP.HCM.",
    "Người đi xe máy vượt đèn đỏ bị phạt 4-6 triệu đồng, gấp 4-5 lần.",
    "Ứng dụng VNeID phiên bản 2.1.5 đã có.",
])
def test_dates_non_dates(sentence):
    assert find_dates(sentence, Y2021) == []


def test_dates_law_year_is_a_date_when_the_name_has_ended():
    spans = find_dates("Quốc hội thông qua Luật Đất đai vào năm 2024.", Y2021)
    assert [(d.text, d.value) for d in spans] == [("năm 2024", "2024")]
    spans = find_dates("Bộ luật Hình sự năm 2015 (sửa đổi, bổ sung năm 2017).", Y2021)
    assert [(d.text, d.value) for d in spans] == [("năm 2017", "2017")]


def test_dates_a_count_of_days_before_the_days():
    spans = find_dates("Chương trình diễn ra trong 2 ngày 18-19/1 tại quận 1.", TET_2025)
    assert [(d.text, d.kind, d.value) for d in spans] == [("2 ngày", "duration", "P2D"),
                                                           ("18-19/1", "range", "2025-01-18/2025-01-19")]


def test_dates_weekdays_listed_together_share_a_week():
    spans = find_dates("Họp vào thứ Sáu tuần này và Chủ nhật; làm việc từ thứ Hai đến thứ Sáu.", Y2022)
    assert [(d.text, d.value) for d in spans] == [("thứ Sáu tuần này", "2022-07-15"), ("Chủ nhật", "2022-07-17"),
                                                   ("thứ Hai", "2022-07-11"), ("thứ Sáu", "2022-07-15")]


def test_dates_anaphora_skips_dates_inside_quoted_speech():
    text = ('Tối 8/3, Nam Định thắng 3-1. "Thứ Tư tới chúng tôi phải làm khách", HLV nói. '
            "Ở trận đấu sớm chiều cùng ngày, Viettel hòa 1-1.")
    values = {d.text: d.value for d in find_dates(text, dt.date(2025, 3, 8))}
    assert values["Thứ Tư tới"] == "2025-03-12"
    assert values["chiều cùng ngày"] == "2025-03-08TAF"


def test_dates_weekday_joins_the_datetime_after_it():
    spans = find_dates("Chủ Nhật, 15:30, 12/03/2023\nTin chính", None)
    assert [(d.text, d.value) for d in spans][0] == ("Chủ Nhật, 15:30, 12/03/2023", "2023-03-12T15:30")


def test_lunar_calendar_new_years():
    from rusus_desktop.nlp.dates.lunar import lunar_to_solar, tet

    # Tết in Vietnam; 1985, 2007 and 2030 differ from the Chinese calendar (UTC+7 versus UTC+8).
    for day in ("1985-01-21", "2007-02-17", "2020-01-25", "2023-01-22", "2024-02-10", "2025-01-29", "2030-02-02"):
        assert tet(int(day[:4])).isoformat() == day
    assert lunar_to_solar(30, 12, 2023) == dt.date(2024, 2, 9)  # "30 Tết" of Giáp Thìn
    assert lunar_to_solar(30, 12, 2024) is None  # Ất Tỵ has no 30 Tết
    assert lunar_to_solar(15, 8, 2024) == dt.date(2024, 9, 17)  # Trung thu


def test_dates_september_11_by_context():
    text = ("Mỹ rút quân trước ngày 11/9. Đó là ngày kỷ niệm 20 năm vụ tấn công khủng bố 11/9 năm nay.")
    values = {d.text: d.value for d in find_dates(text, dt.date(2021, 4, 14))}
    assert values["ngày 11/9"] == "2021-09-11"
    assert values["11/9"] == "2001-09-11"
    assert values["năm nay"] == "2021"


def test_dates_year_from_published_date():
    assert only("Cuộc gặp ngày 16/6 tại Geneva.", dt.datetime(2021, 6, 30, 9, 0)).value == "2021-06-16"
    # A late month named in January is last year's.
    assert only("Sự kiện ngày 28/12 gây chú ý.", dt.date(2022, 1, 5)).value == "2021-12-28"


def test_dates_year_from_dateline():
    text = "Tiêu đề bài báo về hội nghị thượng đỉnh\n20:43 | 29/07/2021\nHai bên gặp nhau ngày 28/7 tại Geneva."
    assert find_dates(text)[-1].value == "2021-07-28"


def test_dates_year_from_latest_explicit_date_in_body():
    text = ("Nga và Mỹ tiếp tục đối thoại về ổn định chiến lược\n"
            "Tổng thống hai nước đã gặp nhau tại Geneva ngày 16/6/2021 trong bầu không khí xây dựng.\n"
            "Vòng đàm phán tiếp theo dự kiến diễn ra vào ngày 28/7 tại Thụy Sĩ.\n"
            "Hiệp ước được gia hạn đến ngày 5/2/2026, theo thông báo của hai bên.")
    spans = {d.text: d.value for d in find_dates(text)}
    assert spans["ngày 28/7"] == "2021-07-28"  # the deadline in 2026 is not the document's date


def test_dates_unknown_year_and_relative_without_anchor():
    spans = {d.text: d.value for d in find_dates("Cuộc gặp ngày 16/6 diễn ra năm nay.")}
    assert spans == {"ngày 16/6": "XXXX-06-16", "năm nay": None}


@pytest.mark.parametrize(("text", "expected"), [
    # No dateline: the year comes from the latest explicit year when no date names a month...
    ("Lãnh đạo NATO ngày 25/6 đã thông qua mục tiêu chi 5% GDP vào năm 2035, khác với thượng đỉnh năm ngoái.\n"
     "Chi tiêu quân sự toàn cầu năm 2024 đạt 2.718 tỷ USD.",
     {"ngày 25/6": "2024-06-25", "năm ngoái": "2023"}),
    # ... a plan's year is not the time of writing ("dự kiến thông qua năm 2025") ...
    ("Trong hai ngày 2 và 3/11, bệnh viện đã ghép thận cho 5 bệnh nhân thành công.\n"
     "Năm 2023 cả nước thực hiện hơn 1.000 ca ghép tạng. Luật sửa đổi dự kiến thông qua năm 2025.",
     {"2 và 3/11": "2023-11-02/2023-11-03"}),
    # ... the months so far of a named year date the document ...
    ("(VnEconomy) - Trong 5 tháng đầu năm 2025, vốn FDI đăng ký vào Việt Nam đạt gần 18,4 tỷ USD.\n"
     "Tín dụng đến cuối tháng 5 tăng 6,5%. WB dự báo GDP năm nay tăng 6,6%.",
     {"cuối tháng 5": "2025-05", "năm nay": "2025"}),
    # ... and the lead's own day is the day of writing that "tuần này" counts from.
    ("TTO - Các nhà trung gian Qatar và Ai Cập ngày 7/7 cho biết đang hoàn tất dự thảo thỏa thuận.\n"
     "Đặc phái viên dự kiến đến Doha trong tuần này. Hơn 57.000 người thiệt mạng kể từ tháng 10/2023.",
     {"ngày 7/7": "2023-07-07", "tuần này": "2023-W27"}),
    ("(VOV) - Phái đoàn Nga và Ukraine ngày 2/6 đã có cuộc đàm phán trực tiếp lần thứ hai tại Istanbul.\n"
     "Đặc phái viên dự kiến tới châu Âu tuần tới. Đây là tiếp xúc đầu tiên kể từ mùa xuân năm 2022.",
     {"ngày 2/6": "2022-06-02", "tuần tới": "2022-W23"}),
])
def test_dates_anchor_without_dateline(text, expected):
    spans = {d.text: d.value for d in find_dates(text)}
    assert {key: spans.get(key) for key in expected} == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "Cùng ngày" is the day being narrated, not a deadline ("từ ngày 1/7") mentioned since.
    ("Chiều 12/6, Quốc hội thông qua nghị quyết, cả nước còn 34 tỉnh từ ngày 1/7. Cùng ngày, Quốc hội thông qua luật.",
     "XXXX-06-12"),
    ("Sáng 26/10, bão vào bờ; mưa lớn kéo dài đến ngày 28/10. Cùng ngày, tỉnh sơ tán dân.", "2024-10-26"),
    ("Ngày 28/6, ông Biden phát biểu. Cùng ngày, Bộ Ngoại giao ra khuyến cáo.", "2024-06-28"),
])
def test_dates_same_day_skips_deadlines(text, expected):
    spans = {d.text: d.value for d in find_dates(text, dt.date(2024, 10, 26) if "XXXX" not in expected else None)}
    assert spans["Cùng ngày"] == expected


@pytest.mark.parametrize(("text", "span_text", "value"), [
    ("11:20 SA, 16/11/2024", "11:20 SA, 16/11/2024", "2024-11-16T11:20"),
    ("08:15 CH, 16/11/2024", "08:15 CH, 16/11/2024", "2024-11-16T20:15"),
    ("16/11/2024 12:05 SA", "16/11/2024 12:05 SA", "2024-11-16T00:05"),
    ("Cập nhật 16/11/2024 9:30 PM", "16/11/2024 9:30 PM", "2024-11-16T21:30"),
])
def test_dates_meridiem_marks_join_the_clock(text, span_text, value):
    spans = find_dates(text, dt.date(2024, 11, 16))
    assert [(d.text, d.value) for d in spans] == [(span_text, value)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Trong hai ngày 2 và 3/11, các bác sĩ ghép thận.", [("hai ngày", "P2D"), ("2 và 3/11", "2024-11-02/2024-11-03")]),
    ("trong 2 ngày 18-19/11 tới", [("2 ngày", "P2D"), ("18-19/11 tới", "2024-11-18/2024-11-19")]),
    ("Sau 3 ngày 5/8, đoàn trở về.", [("3 ngày", "P3D"), ("5/8", "2024-08-05")]),
])
def test_dates_count_of_days_before_listed_days(text, expected):
    assert [(d.text, d.value) for d in find_dates(text, dt.date(2024, 11, 16))] == expected


def test_dates_same_day_and_month_with_year_on_the_line():
    spans = find_dates("XSMB 30/3, kết quả xổ số hôm nay thứ Bảy ngày 30/3/2024.", dt.date(2021, 6, 30))
    assert [(d.text, d.value) for d in spans] == [("30/3", "2024-03-30"),
                                                   ("hôm nay thứ Bảy ngày 30/3/2024", "2024-03-30")]


def test_dates_anaphora_takes_the_date_just_mentioned():
    spans = find_dates("Ngày 28/6, ông Biden phát biểu. Cùng ngày, Bộ Ngoại giao ra khuyến cáo.", dt.date(2021, 6, 30))
    assert [(d.text, d.kind, d.value) for d in spans] == [("Ngày 28/6", "date", "2021-06-28"),
                                                           ("Cùng ngày", "relative", "2021-06-28")]


@pytest.mark.parametrize(("line", "expected"), [
    ("14/04/2021 - 08:54", dt.datetime(2021, 4, 14, 8, 54)),
    ("20:43 | 29/07/2021", dt.datetime(2021, 7, 29, 20, 43)),
    ("Thứ Hai, 13/3/2023 09:12 (GMT+7)", dt.datetime(2023, 3, 13, 9, 12)),
    ("Thứ năm, 29/7/2021, 20:43 (GMT+7)", dt.datetime(2021, 7, 29, 20, 43)),
    ("Cập nhật: 10:45 | 19/03/2024", dt.datetime(2024, 3, 19, 10, 45)),
    ("Chủ Nhật, 15:30, 12/03/2023", dt.datetime(2023, 3, 12, 15, 30)),
    ("06/01/2025 07:15 GMT+7", dt.datetime(2025, 1, 6, 7, 15)),
    ("Thứ Sáu, 26/07/2024", dt.datetime(2024, 7, 26)),
    ("Cập nhật lúc 21:05, 07/05/2023", dt.datetime(2023, 5, 7, 21, 5)),
    ("Thứ Năm, 05/09/2024 06:30 (GMT+7)", dt.datetime(2024, 9, 5, 6, 30)),
    ("20-01-2025 - 15:42", dt.datetime(2025, 1, 20, 15, 42)),
    ("22:40 8/3/2025", dt.datetime(2025, 3, 8, 22, 40)),
    ("Thứ Tư, ngày 20/11/2024 10:32", dt.datetime(2024, 11, 20, 10, 32)),
])
def test_dateline_formats(line, expected):
    assert find_dateline(f"Tiêu đề của một bài báo dài vừa phải\n\n{line}\n\nNội dung bài viết.") == expected


def test_dateline_absent_when_the_top_has_only_prose():
    text = "Tiêu đề\nTổng thống hai nước đã gặp nhau tại Geneva ngày 16/6/2021 trong bầu không khí xây dựng."
    assert find_dateline(text) is None


_PIECES = st.sampled_from([
    "ngày 16/6", " ", "\n", "tháng 3/2011", "1/3 dân số", "2-1", "hôm nay 17.7", "năm nay", "9 tháng",
    "20:43 | 29/07/2021", "Thứ hai, ", "(", ")", "sáng", "quý III/2022", "17.7", "11/9", "hai thập kỷ", "tới",
    "cuối ", "năm", "2024", "12", "/", ".", "-", "đến", "Ngày 28 - 29/7", "0h01", "thế kỷ XX", "cùng ngày",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join), st.sampled_from([None, Y2021]))
def test_dates_spans_are_sorted_disjoint_and_exact(text, published):
    spans = find_dates(text, published)
    previous_end = 0
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert span.start >= previous_end
        assert text[span.start:span.end] == span.text
        assert "\n" not in span.text
        previous_end = span.end


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789/.-: hôngàytháquýThứ", max_size=60))
def test_dates_never_fail_on_noise(text):
    for span in find_dates(text, Y2021):
        assert text[span.start:span.end] == span.text


@pytest.mark.parametrize("prefixes", [("0",), ("dates_", "u"), ("heldout",), ("e_", "f_", "g_", "h_", "k_", "m_", "n_")],
                         ids=["seeds", "unseen", "heldout", "heldout3"])
def test_dates_gold_floor(prefixes):
    """Regression floor on the hand-annotated gold (published date given, as the CLI's --published)."""
    scores, right, count = [], 0, 0
    for text, gold in gold_documents("dates", prefixes):
        published = dt.date.fromisoformat(gold["published"]) if gold["published"] else None
        predicted = find_dates(text, published)
        scores.append(span_prf(predicted, gold["dates"]))
        r, n = value_accuracy(predicted, gold["dates"])
        right, count = right + r, count + n
    assert count > 0
    assert total(scores).f1 >= 0.95
    assert right / count >= 0.90
