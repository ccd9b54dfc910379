"""The scorer's tuning views: per-pattern counts, unreached gold, and the --diff listing."""
from __future__ import annotations

import re

from pipeline.evaluate import Error, anchor, format_diff, format_report, marked, pattern_rows, score, sentence_around

TEXT = ("Rusland vuurde 12 Kalibrs af op Odesa, meldt de Oekraïense marine. "
        "Ook twee Iskanders werden gezien.\nDe rest bleef stil.")


def span(text: str, occurrence: int = 0) -> dict:
    start = TEXT.index(text)
    for _ in range(occurrence):
        start = TEXT.index(text, start + 1)
    return {"text": text, "start": start, "end": start + len(text)}


def weapon(text: str, name: str, pattern: str | None = None, **extra) -> dict:
    rec = {"id": f"w-{name}", **span(text), "name": name, "category": "cruise_missile", "origin": "RU", **extra}
    if pattern:
        rec["pattern"] = pattern
    return rec


def quantity(text: str, value: float, weapon_name: str, pattern: str | None = None) -> dict:
    rec = {"id": f"q-{text}", **span(text), "value": value, "low": None, "high": None, "approx": "exact",
           "unit": "item", "measure": "used", "weapon": weapon_name, "weapon_class": None, "owner": None,
           "attribution": None}
    if pattern:
        rec["pattern"] = pattern
    return rec


GOLD = {"doc_id": "synthetic", "text": TEXT,
        "weapons": [weapon("Kalibrs", "Kalibr"), weapon("Iskanders", "Iskander")],
        "quantities": [quantity("12", 12, "Kalibr"), quantity("twee", 2, "Iskander")],
        "attributions": [], "transfers": []}
PRED = {"doc_id": "synthetic", "text": TEXT,
        "weapons": [weapon("Kalibrs", "Kalibr", "lexicon:kalibr"), weapon("Odesa", "Odesa", "designation:x"),
                    weapon("Iskanders", "Iskander-M", "lexicon:iskander-m")],
        "quantities": [quantity("12", 12, "Kalibr", "number+counted-after")],
        "attributions": [], "transfers": []}


def test_counts_per_pattern_fired_and_matched():
    report = score([GOLD], [PRED], ("weapons", "quantities"))
    assert report.patterns["weapons:lexicon:kalibr"] == [1, 1]
    assert report.patterns["weapons:designation:x"] == [1, 0]
    assert report.patterns["weapons:lexicon:iskander-m"] == [1, 0]
    assert report.patterns["quantities:number+counted-after"] == [1, 1]
    rows = {(k, p): (f, m, prec) for k, p, f, m, prec in pattern_rows(report)}
    assert rows[("weapons", "lexicon:kalibr")] == (1, 1, 1.0)
    assert rows[("weapons", "designation:x")] == (1, 0, 0.0)
    assert report.unreached == {"weapons": 1, "quantities": 1}
    assert report.loose["weapons"].tp == 1 and report.loose["weapons"].fp == 2 and report.loose["weapons"].fn == 1


def test_report_prints_pattern_table_and_unreached_gold():
    out = format_report(score([GOLD], [PRED], ("weapons", "quantities")))
    assert "per pattern (kind, pattern id, fired, matched gold, precision):" in out
    assert re.search(r"^\s+weapons\s+lexicon:kalibr\s+1\s+1\s+1\.00$", out, re.M)
    assert re.search(r"^\s+weapons\s+designation:x\s+1\s+0\s+0\.00$", out, re.M)
    assert "gold records no pattern reached (misses): weapons 1, quantities 1" in out


def test_diff_marks_the_span_in_its_sentence_with_the_pattern():
    report = score([GOLD], [PRED], ("weapons", "quantities"))
    out = format_diff(report)
    # the missed Iskanders: its sentence, the span marked, and the prediction over the same words
    assert "Ook twee [[Iskanders]] werden gezien." in out
    assert "nearest prediction [lexicon:iskander-m]" in out
    # the false hit Odesa, with the pattern that produced it
    false_line = next(line for line in out.splitlines() if line.startswith("false") and "@" + str(span("Odesa")["start"]) in line)
    assert "pattern [designation:x]" in false_line
    assert "Rusland vuurde 12 Kalibrs af op [[Odesa]], meldt de Oekraïense marine." in out
    # the missed quantity: no prediction near it
    assert "Ook [[twee]] Iskanders werden gezien." in out
    assert "no pattern reached it\n" in out + "\n"


def test_error_pattern_and_anchor():
    report = score([GOLD], [PRED], ("weapons",))
    by_what = {(e.what, e.record["text"]): e for e in report.errors}
    assert by_what[("miss", "Iskanders")].pattern == "lexicon:iskander-m"
    assert by_what[("false", "Odesa")].pattern == "designation:x"
    assert anchor("attributions", {"cue": {"start": 3, "end": 8}}) == (3, 8)
    assert anchor("transfers", {"evidence": {"start": 0, "end": 40}}) == (0, 40)
    assert Error("d", "weapons", "miss", {"start": 1, "end": 2}).span == (1, 2)


def test_sentence_bounds_stop_at_punctuation_and_newlines():
    s, e = sentence_around(TEXT, *[span("gezien")[k] for k in ("start", "end")])
    assert TEXT[s:e] == "Ook twee Iskanders werden gezien."
    s, e = sentence_around(TEXT, span("rest")["start"], span("rest")["end"])
    assert TEXT[s:e] == "De rest bleef stil."
    assert marked(TEXT, span("Rusland")["start"], span("Rusland")["end"]).startswith("[[Rusland]] vuurde")


def test_a_span_that_ends_its_sentence_is_not_extended_into_the_next():
    sentence = span("Rusland vuurde 12 Kalibrs af op Odesa, meldt de Oekraïense marine.")
    s, e = sentence_around(TEXT, sentence["start"], sentence["end"])
    assert (s, e) == (sentence["start"], sentence["end"])
