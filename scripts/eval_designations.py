#!/usr/bin/env python3
"""Precision and recall of the unknown-designation path (weapons that are in no lexicon).

Reads tests/data/designations.jsonl: Dutch sentences, each with one designation that
is either a weapon missing from the lexicon (is_weapon true) or a look-alike
(road, summit, disease, flight, product). A prediction counts when the pipeline
emits a weapon with in_lexicon=false whose span holds the designation.

usage: python3 scripts/eval_designations.py [--data FILE] [--verbose]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pipeline  # noqa: E402
from pipeline.designation_eval import evaluate  # noqa: E402

DATA = ROOT / "tests" / "data" / "designations.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--verbose", action="store_true", help="list the misses and false hits")
    args = ap.parse_args()
    rows = [orjson.loads(x) for x in args.data.read_bytes().splitlines() if x.strip()]
    res = evaluate(pipeline.load("blank"), rows, args.verbose)
    n_weapons = sum(r["is_weapon"] for r in rows)
    print(f"{len(rows)} sentences ({n_weapons} unknown weapons, {len(rows) - n_weapons} look-alikes)")
    print(f"precision {res.precision:.3f}  recall {res.recall:.3f}  (tp {res.tp}, fp {res.fp}, fn {res.fn}, tn {res.tn})")


if __name__ == "__main__":
    main()
