"""Re-anchoring annotations when a document's text changes (re-added from an edited file)."""
from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from rusus_desktop.corpus.anchoring import Anchor, locate, offset_mapper, reanchor
from rusus_desktop.corpus.reader import document_from_text
from rusus_desktop.corpus.text import canonicalize, quote_context
from rusus_desktop.store import Store
from rusus_desktop.store.reanchor import orphaned

ARTICLE = (
    "Nga-Mỹ tìm kiếm đồng thuận\n"
    "Ngày 16/6, Tổng thống Mỹ Joe Biden và Tổng thống Nga Vladimir Putin gặp nhau tại Geneva, Thụy Sĩ.\n"
    "Hai bên thảo luận về kiểm soát vũ khí và an ninh mạng.\n"
    "Ngoại trưởng Nga Sergey Lavrov cho biết Moskva sẵn sàng đối thoại.\n"
)


def _anchor(text: str, quote: str, nth: int = 0) -> Anchor:
    i = -1
    for _ in range(nth + 1):
        i = text.index(quote, i + 1)
    prefix, exact, suffix = quote_context(text, i, i + len(quote))
    return Anchor(quote, i, i + len(quote), exact, prefix, suffix)


def test_unchanged_text_keeps_offsets():
    a = _anchor(ARTICLE, "Joe Biden")
    p = reanchor(ARTICLE, ARTICLE, [a])[a.id]
    assert (p.start, p.end, p.method) == (a.start, a.end, "unchanged")


def test_text_inserted_before_shifts_offsets():
    new = "Tin mới nhất\n" + ARTICLE
    anchors = [_anchor(ARTICLE, q) for q in ("Joe Biden", "kiểm soát vũ khí", "Moskva")]
    placed = reanchor(ARTICLE, new, anchors)
    for a in anchors:
        p = placed[a.id]
        assert new[p.start:p.end] == a.quote
        assert p.start == a.start + len("Tin mới nhất\n")


def test_repeated_quote_resolved_by_context():
    # "Nga" occurs several times; the second one (in "Tổng thống Nga") must stay the second one.
    a = _anchor(ARTICLE, "Nga", nth=1)
    assert ARTICLE[a.start - 11:a.start] == "Tổng thống "
    new = ARTICLE.replace("Nga-Mỹ tìm kiếm", "Nga và Mỹ: Nga-Mỹ tìm kiếm")
    p = reanchor(ARTICLE, new, [a])[a.id]
    assert new[p.start - 11:p.end] == "Tổng thống Nga"
    # Without any diff hint, context alone still picks the right occurrence.
    q = locate(new, a.quote, a.prefix, a.suffix)
    assert (q.start, q.end) == (p.start, p.end)


def test_edited_quote_placed_fuzzily():
    a = _anchor(ARTICLE, "Tổng thống Nga Vladimir Putin")
    new = ARTICLE.replace("Vladimir Putin", "Vladimir V. Putin")
    p = reanchor(ARTICLE, new, [a])[a.id]
    assert p.method == "fuzzy"
    assert new[p.start:p.end] == "Tổng thống Nga Vladimir V. Putin"


def test_tone_mark_placement_change_is_fuzzy_match():
    old = "Hai nước hướng tới hoà bình lâu dài ở khu vực.\n"
    a = _anchor(old, "hoà bình lâu dài")
    new = old.replace("hoà", "hòa")
    p = reanchor(old, new, [a])[a.id]
    assert new[p.start:p.end] == "hòa bình lâu dài"


def test_deleted_passage_cannot_be_placed():
    a = _anchor(ARTICLE, "Hai bên thảo luận về kiểm soát vũ khí và an ninh mạng.")
    new = ARTICLE.replace("Hai bên thảo luận về kiểm soát vũ khí và an ninh mạng.\n", "")
    assert reanchor(ARTICLE, new, [a])[a.id] is None


def test_emoji_before_the_passage():
    old = "Bình luận 😀 hay. Tổng thống Joe Biden phát biểu.\n"
    a = _anchor(old, "Joe Biden")
    new = "👍🏽👨\u200d👩\u200d👧 " + old.replace("😀", "😀😀")
    p = reanchor(old, new, [a])[a.id]
    assert new[p.start:p.end] == "Joe Biden"


def test_nfd_input_is_canonical_before_anchoring():
    old = canonicalize(unicodedata.normalize("NFD", ARTICLE))
    assert old == ARTICLE
    a = _anchor(old, "Thụy Sĩ")
    new = canonicalize(unicodedata.normalize("NFD", "Mở đầu.\n" + ARTICLE))
    p = reanchor(old, new, [a])[a.id]
    assert new[p.start:p.end] == "Thụy Sĩ"


def test_fuzzy_placement_never_splits_combining_marks():
    old = "Xin chào Việt Nam thân yêu của chúng ta.\n"
    a = _anchor(old, "Việt Nam thân yêu")
    # The edited text is *not* canonical here (a stray combining mark after the quote).
    new = "Xin chào Việt Nam thân yêu\u0301 của chúng ta.\n"
    p = locate(new, a.quote, a.prefix, a.suffix, hint=a.start)
    from rusus_desktop.corpus.text import is_boundary

    assert p is not None and is_boundary(new, p.start) and is_boundary(new, p.end)


def test_offset_mapper_follows_edits():
    carry = offset_mapper("abc\ndef\nghi", "abc\nXXdef\nghi")
    assert carry(0) == 0
    assert carry(4) == 6  # "d"
    assert carry(8) == 10  # "g"


@settings(max_examples=60, deadline=None)
@given(before=st.text("aăâbcdđeêioôơuưy àáảãạ\n😀\u0301", max_size=40),
       after=st.text("aăâbcdđeêioôơuưy àáảãạ\n😀", max_size=40))
def test_property_inserting_text_elsewhere_keeps_every_passage(before, after):
    old = ARTICLE
    new = canonicalize(before + "\n") + old + canonicalize(after)
    anchors = [_anchor(old, q) for q in ("Joe Biden", "Geneva, Thụy Sĩ", "Sergey Lavrov", "an ninh mạng")]
    placed = reanchor(old, new, anchors)
    for a in anchors:
        p = placed[a.id]
        assert p is not None and new[p.start:p.end] == a.quote


# -- through the store: re-adding an edited file --------------------------------------------------


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    from rusus_desktop.corpus.reader import read_document

    return read_document(path)


def test_readding_an_edited_file_reanchors_and_keeps_orphans(tmp_path):
    src = tmp_path / "bai.txt"
    with Store(tmp_path / "p.rusus") as store:
        doc = _write(src, ARTICLE)
        store.add_documents([doc])
        tag = store.tags()[0]
        keep = store.make_annotation(doc.id, ARTICLE.index("Joe Biden"), ARTICLE.index("Joe Biden") + 9, tag.id,
                                     note="người Mỹ", author="An")
        i = ARTICLE.index("Hai bên thảo luận")
        lost = store.make_annotation(doc.id, i, ARTICLE.index("\n", i), tag.id, author="An")
        store.add_annotation(keep)
        store.add_annotation(lost)
        store.db.execute("INSERT INTO undo_log (doc_id, label, command, state, created) "
                         "VALUES (?, 'x', '{}', 'done', 'now')", [doc.id])
        position = store.documents()[0].position

        edited = "😀 Cập nhật\n" + ARTICLE.replace("Hai bên thảo luận về kiểm soát vũ khí và an ninh mạng.\n", "")
        new = _write(src, edited)
        result = store.add_documents([new])
        added, present = result
        assert added == [new.id] and present == []
        report = result.reanchored[0]
        assert report.old_id == doc.id and report.new_id == new.id
        assert report.orphaned == [lost.id]
        assert store.document_count() == 1
        assert store.documents()[0].position == position
        anns = {a.id: a for a in store.annotations(new.id)}
        assert set(anns) == {keep.id, lost.id}  # never dropped
        k = anns[keep.id]
        assert edited[k.start:k.end] == "Joe Biden" and k.status == "anchored" and k.text_sha256 == new.id
        assert (k.note, k.author, k.created) == ("người Mỹ", "An", keep.created)
        o = anns[lost.id]
        assert o.status == "orphaned" and o.quote == lost.quote and o.text_sha256 == doc.id
        assert 0 <= o.start <= o.end <= len(edited)
        assert [a.id for a in orphaned(store)] == [lost.id]
        # Old history named offsets in a text that is gone.
        assert store.db.execute("SELECT COUNT(*) FROM undo_log").fetchone()[0] == 0
        assert store.search("Cập nhật")[0].doc_id == new.id
        assert store.integrity_check() == "ok"


def test_same_text_again_is_not_a_new_version(tmp_path):
    src = tmp_path / "bai.txt"
    with Store(tmp_path / "p.rusus") as store:
        doc = _write(src, ARTICLE)
        store.add_documents([doc])
        result = store.add_documents([_write(src, ARTICLE)])
        assert list(result) == [[], [doc.id]] and result.reanchored == []


def test_other_paths_are_separate_documents(tmp_path):
    with Store(tmp_path / "p.rusus") as store:
        a = document_from_text(ARTICLE, source_path=str(tmp_path / "a.txt"))
        b = document_from_text(ARTICLE + "Thêm.\n", source_path=str(tmp_path / "b.txt"))
        store.add_documents([a])
        store.add_documents([b])
        assert store.document_count() == 2


def test_new_version_found_through_a_different_spelling_of_the_path(tmp_path, monkeypatch):
    src = tmp_path / "bai 100%_x.txt"
    with Store(tmp_path / "p.rusus") as store:
        doc = _write(src, ARTICLE)
        store.add_documents([doc])
        monkeypatch.chdir(tmp_path)
        from rusus_desktop.corpus.reader import read_document

        src.write_text(ARTICLE + "Thêm một câu.\n", encoding="utf-8")
        new = read_document("bai 100%_x.txt")  # relative this time
        result = store.add_documents([new])
        assert result.reanchored and result.reanchored[0].old_id == doc.id
        assert store.document_count() == 1
