"""Scoring the unknown-designation path: weapons in no lexicon vs. look-alikes.

A test sentence holds one designation that is either a weapon missing from the
lexicon or a look-alike (road, summit, disease, flight, product); a prediction
counts when the pipeline emits a weapon with ``in_lexicon=false`` over it.
``scripts/eval_designations.py`` prints the figures; a test asserts the bars.
"""
from __future__ import annotations

from dataclasses import dataclass

from .evaluate import PRF
from .extract import doc_to_record


@dataclass
class Result(PRF):
    tn: int = 0  # look-alikes rightly left alone


def evaluate(nlp, rows: list[dict], verbose: bool = False) -> Result:
    res = Result()
    for row in rows:
        text, designation = row["text"], row["designation"]
        start = text.index(designation)
        rec = doc_to_record(nlp(text), row["id"])
        hit = any(not w["in_lexicon"] and w["start"] <= start < w["end"] for w in rec["weapons"])
        if row["is_weapon"]:
            res.tp += hit
            res.fn += not hit
        else:
            res.fp += hit
            res.tn += not hit
        if verbose and hit != row["is_weapon"]:
            print(f"  {'miss' if row['is_weapon'] else 'false'} {row['id']}: {designation!r} in {text!r}")
    return res
