"""W3C Web Annotation export: conformance with the W3C test suite's own JSON Schemas (offline registry),
JSON-LD expansion with pyld (offline loader for the vendored context), and the round trip."""
from __future__ import annotations

import json
import re
import tempfile
from functools import cache
from pathlib import Path

import pytest
from export_testkit import annotation_rows, fake_analysis, load, make_project, populate, projects
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft4Validator, FormatChecker
from pyld import jsonld
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from rusus_desktop.export import ExportOptions, export_project, import_file
from rusus_desktop.export.common import ni_uri
from rusus_desktop.store import Store

W3C = Path(__file__).resolve().parents[1] / "data" / "w3c"
ANNO_CONTEXT_URL = "http://www.w3.org/ns/anno.jsonld"
OA = "http://www.w3.org/ns/oa#"
# Suite samples that the current model's MUST schemas reject on purpose: three use the "Composite"
# target type of an earlier draft, four are collections/pages rather than annotations.
NOT_CURRENT_ANNOTATIONS = {"anno11.json", "anno12.json", "anno13.json", "collection1.json", "example41.json",
                           "example42.json", "example43.json"}
# Optional (SHOULD/MAY) features we claim to implement; each must be reported as implemented.
IMPLEMENTED_OPTIONALS = [
    "annotations/3.3.1-annotationCreatedImplemented.json",
    "annotations/3.3.1-annotationModifiedImplemented.json",
    "annotations/3.3.1-annotationCreatorImplemented.json",
    "annotations/3.3.5-annotationMotivationImplemented.json",
    "annotations/3.1-bodyKeyFound.json",
    "annotations/bodiesTargets/3.3.5-bodyPurpose.json",
    "annotations/bodiesTargets/3.2.4-bodyETBTypeTextualBody.json",
    "annotations/bodiesTargets/3.2.1-bodyFormat.json",
]


@cache
def _suite():
    registry = Registry()
    schemas = {}
    for path in sorted((W3C / "definitions").glob("*.json")) + sorted((W3C / "annotations").rglob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource(schema, DRAFT4)
        registry = registry.with_resource(path.name, resource)
        if schema.get("id") and schema["id"] != path.name:
            registry = registry.with_resource(schema["id"], resource)
        schemas[path.relative_to(W3C).as_posix()] = schema
    checker = FormatChecker(())

    @checker.checks("uri")
    def _uri(value) -> bool:  # RFC 3986: a scheme, then no whitespace
        return not isinstance(value, str) or bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:\S*", value))

    @checker.checks("date-time")
    def _date_time(value) -> bool:  # RFC 3339 (xsd:dateTime with a zone)
        return not isinstance(value, str) or bool(re.fullmatch(
            r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", value))

    musts = json.loads((W3C / "annotations/annotationMusts.test").read_text(encoding="utf-8"))["assertions"]
    validators = {name: Draft4Validator(schemas[name], registry=registry, format_checker=checker)
                  for name in set(musts) | set(IMPLEMENTED_OPTIONALS)}
    return musts, validators


def must_failures(annotation: dict) -> list[str]:
    musts, validators = _suite()
    return [name for name in musts if not validators[name].is_valid(annotation)]


def _loader(url, options=None):
    if url.rstrip("/") == ANNO_CONTEXT_URL:
        return {"contextUrl": None, "documentUrl": url,
                "document": json.loads((W3C / "anno.jsonld").read_text(encoding="utf-8"))}
    raise jsonld.JsonLdError(f"offline test: refusing to load {url}", "jsonld.LoadDocumentError",
                             code="loading document failed")


def items_of(collection: dict) -> list[dict]:
    """Annotations of the collection, each with the collection's @context (embedded items inherit it)."""
    if "first" not in collection:
        return []
    return [{"@context": collection["@context"], **item} for item in collection["first"]["items"]]


def test_the_harness_tells_correct_from_incorrect_suite_samples():
    for path in sorted((W3C / "tools/samples/correct").glob("*.json")):
        failures = must_failures(json.loads(path.read_text(encoding="utf-8")))
        assert bool(failures) == (path.name in NOT_CURRENT_ANNOTATIONS), (path.name, failures)
    checked = 0
    for path in sorted((W3C / "tools/samples/incorrect").glob("*.json")):
        try:
            sample = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue  # some incorrect samples are deliberately not JSON
        assert must_failures(sample), path.name
        checked += 1
    assert checked >= 15


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    store = make_project()
    populate(store)
    out = tmp_path_factory.mktemp("w3c") / "a.jsonld"
    export_project(store, "w3c", out, options=ExportOptions(detections=True), analyze=fake_analysis)
    return store, json.loads(out.read_text(encoding="utf-8"))


def test_every_exported_annotation_passes_the_suites_must_assertions(exported):
    _, collection = exported
    items = items_of(collection)
    assert len(items) > 7  # analyst annotations plus classifying detections
    for item in items:
        assert must_failures(item) == [], item["id"]


def test_claimed_optional_features_are_reported_implemented(exported):
    _, validators = _suite()
    for item in items_of(exported[1]):
        if item["motivation"] == "classifying":
            continue
        for name in IMPLEMENTED_OPTIONALS:
            assert validators[name].is_valid(item), (name, item["id"])


def test_collection_shape(exported):
    store, collection = exported
    assert collection["type"] == "AnnotationCollection"
    assert collection["@context"][0] == ANNO_CONTEXT_URL
    assert collection["total"] == len(collection["first"]["items"])
    assert collection["first"]["type"] == "AnnotationPage"
    by_id = {a.id: a for a in store.annotations()}
    names = {t.id: t.name for t in store.tags()}
    tagging = [i for i in collection["first"]["items"] if i["motivation"] != "classifying"]
    assert len(tagging) == len(by_id)
    for item in tagging:
        ann = by_id[item["id"].removeprefix("urn:uuid:").replace("-", "")]
        text = store.document(ann.doc_id).text
        quote, position = item["target"]["selector"]
        assert item["target"]["source"] == ni_uri(ann.doc_id)
        assert quote == {"type": "TextQuoteSelector", "exact": ann.quote, "prefix": ann.prefix, "suffix": ann.suffix}
        assert position == {"type": "TextPositionSelector", "start": ann.start, "end": ann.end}
        assert text[position["start"]:position["end"]] == quote["exact"]  # code points
        bodies = {b["purpose"]: b["value"] for b in item["body"]}
        assert bodies["tagging"] == names[ann.tag_id]
        assert bodies.get("commenting") == ann.note
        assert (item["motivation"] == "tagging") == (ann.note is None)
        assert item.get("creator", {}).get("name", "") == ann.author
        assert (item["created"], item["modified"]) == (ann.created, ann.modified)


def test_expands_offline_with_pyld(exported):
    _, collection = exported
    expanded = jsonld.expand(collection, {"documentLoader": _loader})
    page = expanded[0]["http://www.w3.org/ns/activitystreams#first"][0]
    annotations = page["http://www.w3.org/ns/activitystreams#items"][0]["@list"]
    assert len(annotations) == collection["total"]
    first = annotations[0]
    assert first["@type"] == [OA + "Annotation"]
    target = first[OA + "hasTarget"][0]
    selectors = {s["@type"][0]: s for s in target[OA + "hasSelector"]}
    position = selectors[OA + "TextPositionSelector"]
    assert position[OA + "start"][0]["@type"] == "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"
    assert OA + "exact" in selectors[OA + "TextQuoteSelector"]
    assert first["http://purl.org/dc/terms/created"][0]["@type"] == "http://www.w3.org/2001/XMLSchema#dateTime"
    purposes = {b[OA + "hasPurpose"][0]["@id"] for b in first[OA + "hasBody"]}
    assert OA + "tagging" in purposes
    assert first["urn:rusus-desktop:vocab:origin"][0]["@value"] in ("manual", "detected")
    # Nothing was lost in expansion: every key of the first item maps to an IRI.
    compacted_keys = set(collection["first"]["items"][0]) - {"id", "type"}
    assert len([k for k in first if not k.startswith("@")]) == len(compacted_keys)


def test_round_trip_into_a_project_with_the_same_documents(tmp_path):
    store = make_project()
    populate(store)
    out = tmp_path / "a.jsonld"
    export_project(store, "w3c", out, options=ExportOptions(detections=True), analyze=fake_analysis)
    with Store(tmp_path / "t.rusus", default_tags=False) as target:
        target.add_documents([store.document(s.id) for s in store.documents()])
        report = import_file(target, out)
        assert report.added == 7
        assert all("detected entity" in why for _, why in report.skipped) and report.skipped
        assert annotation_rows(target) == annotation_rows(store)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_round_trip_and_conformance_property(project):
    docs, tags, anns = project
    source = load(docs, tags, anns)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "p.jsonld"
        export_project(source, "w3c", out)
        collection = json.loads(out.read_text(encoding="utf-8"))
        for item in items_of(collection):
            assert must_failures(item) == []
        target = Store(None, default_tags=False)
        target.add_documents(docs)
        assert import_file(target, out).added == len(anns)
        assert annotation_rows(target) == annotation_rows(source)


def test_import_anchors_a_quote_only_annotation_from_another_tool(tmp_path):
    store = make_project()
    doc = store.document(store.documents()[0].id)
    foreign = {"@context": ANNO_CONTEXT_URL, "id": "http://example.org/anno/1", "type": "Annotation",
               "motivation": "tagging", "created": "2024-01-02T03:04:05+07:00",
               "body": {"type": "TextualBody", "value": "Nhân vật", "purpose": "tagging"},
               "target": {"source": f"urn:sha256:{doc.id}",
                          "selector": {"type": "TextQuoteSelector", "exact": "Joe Biden"}}}
    path = tmp_path / "foreign.jsonld"
    path.write_text(json.dumps(foreign, ensure_ascii=False), encoding="utf-8")
    report = import_file(store, path)
    assert report.added == 1 and report.tags_created == ["Nhân vật"]
    (ann,) = store.annotations()
    assert doc.text[ann.start:ann.end] == "Joe Biden"
    assert ann.created == ann.modified == "2024-01-02T03:04:05+07:00"
    assert import_file(store, path).added == 0  # the foreign IRI maps to a stable id
