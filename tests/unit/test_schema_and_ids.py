"""The committed JSON Schema matches the models; record ids are stable and unique."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.extract import doc_to_record
from pipeline.records import KINDS, SCHEMA_VERSION
from pipeline.schema import output_schema

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "schema" / "wapenradar.schema.json"
ARTICLES = sorted((ROOT / "corpus" / "articles").glob("*.txt"))


def test_committed_schema_matches_the_models():
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert committed == output_schema(), (
        "the pydantic models changed: regenerate with `wapenradar schema > schema/wapenradar.schema.json`")
    assert SCHEMA_VERSION in committed["title"]


def _ids(record: dict) -> list[str]:
    return [r["id"] for kind in KINDS for r in record[kind]]


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_ids_are_stable_across_runs_and_unique_in_a_document(nlp, path):
    text = path.read_text(encoding="utf-8")
    first = doc_to_record(nlp(text), path.stem)
    second = doc_to_record(nlp(text), path.stem)
    ids = _ids(first)
    assert ids and ids == _ids(second)
    assert len(ids) == len(set(ids))
    # references point at ids of the same document
    for q in first["quantities"]:
        assert q["attribution"] is None or q["attribution"] in {a["id"] for a in first["attributions"]}
    for t in first["transfers"]:
        assert t["quantity"] is None or t["quantity"] in {q["id"] for q in first["quantities"]}


def test_ids_do_not_depend_on_the_pipeline_instance_or_on_other_documents(nlp):
    import pipeline

    text = ARTICLES[0].read_text(encoding="utf-8")
    fresh = pipeline.load("blank")
    in_batch = list(nlp.pipe([ARTICLES[-1].read_text(encoding="utf-8"), text]))[1]
    assert _ids(doc_to_record(fresh(text), "x")) == _ids(doc_to_record(in_batch, "x"))
    # the doc_id is part of the id: the same text under another doc_id gets other ids
    assert set(_ids(doc_to_record(nlp(text), "x"))).isdisjoint(_ids(doc_to_record(nlp(text), "y")))
