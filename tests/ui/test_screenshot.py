"""``rusus-desktop screenshot`` renders the real window to a PNG."""
from __future__ import annotations

from PySide6.QtGui import QImage

from rusus_desktop.cli.main import main
from tests.ui.conftest import add_document


def test_screenshot_of_a_cached_document(project_copy, tmp_path, qapp):
    out = tmp_path / "shot.png"
    assert main(["screenshot", str(out), "--project", str(project_copy), "--document", "2",
                 "--size", "900x600"]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 600)


def test_screenshot_analyses_the_document_it_shows(project_copy, tmp_path, qapp, pipeline_version):
    from rusus_desktop.store import Store

    doc_id = add_document(project_copy, "Ngoại trưởng Nga Sergey Lavrov gặp Ngoại trưởng Mỹ Antony Blinken "
                                        "tại Geneva ngày 16/6/2021.", None, pipeline_version)
    out = tmp_path / "new.png"
    assert main(["screenshot", str(out), "--project", str(project_copy), "--document", doc_id,
                 "--theme", "dark", "--language", "vi"]) == 0
    assert QImage(str(out)).width() == 1400
    with Store(project_copy) as store:
        cached = store.cached_analysis(doc_id, pipeline_version)
        assert cached is not None and any(e["text"] == "Sergey Lavrov" for e in cached["entities"])
        assert len(store.analysed_ids(pipeline_version)) == 6  # only the shown document was analysed


def test_screenshot_refuses_a_bad_size(project_copy, tmp_path, capsys):
    assert main(["screenshot", str(tmp_path / "x.png"), "--project", str(project_copy), "--size", "big"]) == 2
    assert "--size" in capsys.readouterr().err
