"""The unknown-designation path on its own test set: half weapons in no lexicon, half look-alikes."""
from __future__ import annotations

import orjson

from pipeline.designation_eval import evaluate

from ..conftest import ROOT

DATA = ROOT / "tests" / "data" / "designations.jsonl"


def test_precision_and_recall_bars(nlp):
    rows = [orjson.loads(x) for x in DATA.read_bytes().splitlines() if x.strip()]
    assert len(rows) >= 40 and sum(r["is_weapon"] for r in rows) >= 20 and sum(not r["is_weapon"] for r in rows) >= 20
    res = evaluate(nlp, rows)
    assert res.precision >= 0.9
    assert res.recall >= 0.8


def test_test_set_weapons_are_really_unknown(nlp):
    rows = [orjson.loads(x) for x in DATA.read_bytes().splitlines() if x.strip()]
    weapons = nlp.get_pipe("wapenradar_weapons")
    for row in rows:
        if row["is_weapon"]:
            assert row["designation"] not in weapons.forms, row
