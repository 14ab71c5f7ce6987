"""Label Studio tasks (JSON list), for a project with a ``<Labels name="label" toName="text">`` control
over ``<Text name="text" value="$text"/>`` (see :func:`labeling_config`).

Each document is one task: ``data.text`` is the canonical text, the analyst's annotations are the
regions of one Label Studio annotation (``value.start``/``end``/``text``/``labels``; a note rides in
the region's ``meta.text``), and with ``--detections`` the detected entities and dates are
``predictions`` (dates labelled ``DATE``).

Offsets: Unicode code points of the canonical text, which is what Label Studio's text regions count
since its emoji fix (label-studio-frontend #308); the region ``text`` repeats the quote so a reader
can check each span.
"""
from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import quoteattr

from rusus_desktop.export.common import check_json_equal, json_bytes
from rusus_desktop.export.model import Built, OutFile, ProjectSnapshot

Detections = dict[str, tuple[list[dict], list[dict]]]
ENTITY_LABELS = ("PER", "ORG", "LOC", "MISC", "DATE")


def labeling_config(tag_names: list[str], *, detections: bool = True) -> str:
    """A Label Studio labeling config that matches the exported tasks."""
    labels = list(tag_names) + ([n for n in ENTITY_LABELS if n not in tag_names] if detections else [])
    rows = "\n".join(f"    <Label value={quoteattr(name)}/>" for name in labels)
    return ('<View>\n  <Labels name="label" toName="text">\n' + rows +
            '\n  </Labels>\n  <Text name="text" value="$text"/>\n</View>\n')


def _region(region_id: str, start: int, end: int, quote: str, label: str) -> dict:
    return {"id": region_id, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": quote, "labels": [label]}}


def build_labelstudio(snapshot: ProjectSnapshot, detections: Detections, tick: Callable[[int], None]) -> Built:
    tasks = []
    n_ann = n_ent = n_dates = 0
    for i, data in enumerate(snapshot.documents):
        tick(i)
        doc = data.document
        task: dict = {"id": i + 1,
                      "data": {"text": doc.text, "title": doc.title, "document_id": doc.id,
                               "path": doc.source_path, "source": doc.source, "published": doc.published}}
        results = []
        for ann in data.annotations:
            region = _region(ann.id, ann.start, ann.end, ann.quote, snapshot.tag_names[ann.tag_id])
            if ann.note:
                region["meta"] = {"text": [ann.note]}
            results.append(region)
        n_ann += len(results)
        task["annotations"] = [{"result": results, "ground_truth": False}] if results else []
        if snapshot.options.detections:
            entities, dates = detections.get(doc.id, ([], []))
            predicted = [_region(f"e{i + 1}-{k}", e["start"], e["end"], e["text"], e["label"])
                         for k, e in enumerate(entities)]
            predicted += [_region(f"d{i + 1}-{k}", d["start"], d["end"], d["text"], "DATE")
                          for k, d in enumerate(dates)]
            n_ent += len(entities)
            n_dates += len(dates)
            task["predictions"] = [{"model_version": snapshot.pipeline_version or "rusus-desktop",
                                    "result": predicted}] if predicted else []
        tasks.append(task)
    return Built(files=[OutFile("", json_bytes(tasks), check_json_equal(tasks, "Label Studio file"))],
                 annotations=n_ann, entities=n_ent, dates=n_dates)
