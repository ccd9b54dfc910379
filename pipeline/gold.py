"""Gold authoring: validating gold files against ANNOTATION.md, and pipeline output as a gold draft.

:func:`check_doc` is the pipeline's port of ``shared/tools/check_gold.py``:
the record models of :mod:`pipeline.records` check fields, types and
vocabularies (strictly: ``"true"`` is not a boolean in a gold file), and the
checks here add what a model cannot see — offsets that do not cut the text
where the span says, ids that repeat within a document, references to
records that do not exist, values missing for the ``approx`` given, a
transfer with neither weapon nor class, a ``doc_id`` used twice.

:func:`to_gold` turns a document object of a run into the anchored gold
shape: records keep ``text``/``start``/``end`` and the contract's fields,
lose what only the extractor writes (``pattern``, ``system_id``,
``in_lexicon``), and get annotator-friendly ids (``w1``, ``q1``, ``a1``,
``t1``) with every reference renumbered to match.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

import orjson
from pydantic import ValidationError

from .jsonl import Unreadable, iter_lines
from .records import KINDS, RECORD_MODELS, Document

Rec = dict[str, Any]
EXTRACTOR_ONLY = frozenset({"pattern", "system_id", "in_lexicon"})
GOLD_DOC_KEYS = ("doc_id", "date", "text")
PREFIX = {"weapons": "w", "quantities": "q", "attributions": "a", "transfers": "t"}
DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


def _where(kind: str, i: int, rec: Any) -> str:
    rid = rec.get("id") if isinstance(rec, dict) else None
    return f"{kind}[{i}]" + (f" ({rid})" if rid else "")


def _check_span(text: str, span: Any, where: str, required: bool = True) -> list[str]:
    if span is None:
        return [f"{where}: missing span"] if required else []
    if not isinstance(span, dict) or not {"text", "start", "end"} <= span.keys():
        return [f"{where}: a span needs text, start and end: {span!r}"]
    s, e = span["start"], span["end"]
    if not (isinstance(s, int) and isinstance(e, int)) or isinstance(s, bool) or isinstance(e, bool):
        return [f"{where}: start and end must be integers"]
    if not 0 <= s <= e <= len(text):
        return [f"{where}: offsets {s}:{e} outside the text (length {len(text)})"]
    if text[s:e] != span["text"]:
        return [f"{where}: text[{s}:{e}] is {text[s:e]!r}, not {span['text']!r}"]
    return []


def _model_problems(d: Rec) -> list[str]:
    try:
        Document.model_validate(d, strict=True)
    except ValidationError as exc:
        out = []
        for err in exc.errors():
            loc = list(err["loc"])
            where = ".".join(str(p) for p in loc) or "document"
            if len(loc) >= 2 and loc[0] in KINDS and isinstance(loc[1], int):
                recs = d.get(loc[0]) or []
                rec = recs[loc[1]] if loc[1] < len(recs) else None
                where = _where(loc[0], loc[1], rec) + "".join(f".{p}" for p in loc[2:])
            out.append(f"{where}: {err['msg']}")
        return out
    return []


def check_doc(d: Any) -> list[str]:
    """Every problem of one gold document object, without the file position (see :func:`check_file`)."""
    if not isinstance(d, dict):
        return ["a line must be a JSON object"]
    text = d.get("text")
    if not isinstance(text, str):
        return ["no text"]
    problems = _model_problems(d)
    for kind in KINDS:
        if not isinstance(d.get(kind), list):
            problems.append(f"'{kind}' must be a list (write [] when there are none)")
    if d.get("date") is not None and not (isinstance(d["date"], str) and DATE.match(d["date"])):
        problems.append(f"date {d['date']!r} is not YYYY-MM or YYYY-MM-DD")
    records = {k: [r for r in (d.get(k) if isinstance(d.get(k), list) else []) if isinstance(r, dict)] for k in KINDS}
    ids: dict[str, set] = {}
    for kind, recs in records.items():
        seen: set = set()
        for i, r in enumerate(recs):
            if r.get("id") in seen:
                problems.append(f"{_where(kind, i, r)}: id {r['id']!r} is used twice in this document")
            seen.add(r.get("id"))
        ids[kind] = seen
    for i, r in enumerate(records["weapons"]):
        w = _where("weapons", i, r)
        problems += _check_span(text, r, w)
        if not r.get("name"):
            problems.append(f"{w}: no name")
    for i, r in enumerate(records["quantities"]):
        w = _where("quantities", i, r)
        problems += _check_span(text, r, w)
        if r.get("approx") in ("range", "vague"):
            if r.get("low") is None or r.get("high") is None:
                problems.append(f"{w}: approx {r['approx']!r} needs low and high")
        elif r.get("value") is None:
            problems.append(f"{w}: no value (only range and vague amounts have value null)")
        if r.get("unit") == "":
            problems.append(f"{w}: empty unit")
        if r.get("attribution") and r["attribution"] not in ids["attributions"]:
            problems.append(f"{w}: attribution {r['attribution']!r} does not exist")
    for i, r in enumerate(records["attributions"]):
        w = _where("attributions", i, r)
        problems += _check_span(text, r.get("cue"), f"{w}.cue")
        problems += _check_span(text, r.get("source"), f"{w}.source")
        problems += _check_span(text, r.get("content"), f"{w}.content", required=False)
    for i, r in enumerate(records["transfers"]):
        w = _where("transfers", i, r)
        problems += _check_span(text, r.get("evidence"), f"{w}.evidence")
        if not r.get("weapon") and not r.get("weapon_class"):
            problems.append(f"{w}: needs weapon or weapon_class")
        for ref, kind in (("quantity", "quantities"), ("attribution", "attributions")):
            if r.get(ref) and r[ref] not in ids[kind]:
                problems.append(f"{w}: {ref} {r[ref]!r} does not exist")
    return list(dict.fromkeys(problems))


def check_file(path: Path | str, seen_ids: Optional[dict[str, str]] = None) -> list[str]:
    """``FILE:LINE: doc_id: problem`` for every problem in one gold JSONL file.

    ``seen_ids`` (doc_id → where first seen) carries across files so a doc_id used twice is reported.
    """
    seen_ids = {} if seen_ids is None else seen_ids
    out = []
    try:
        lines = list(iter_lines(path))
    except Unreadable as exc:
        return [str(exc)]
    for n, d, problem in lines:
        if problem is not None:
            out.append(f"{path}:{n}: {problem}")
            continue
        doc_id = d.get("doc_id")
        prefix = f"{path}:{n}: {doc_id}" if doc_id else f"{path}:{n}"
        if not isinstance(doc_id, str) or not doc_id:
            out.append(f"{path}:{n}: no doc_id")
        elif doc_id in seen_ids:
            out.append(f"{prefix}: doc_id also used at {seen_ids[doc_id]}")
        else:
            seen_ids[doc_id] = f"{path}:{n}"
        out += [f"{prefix}: {p}" for p in check_doc(d)]
    return out


def check_files(paths: Iterable[Path | str]) -> list[str]:
    seen: dict[str, str] = {}
    return [p for path in paths for p in check_file(path, seen)]


def _gold_record(kind: str, rec: Rec, new_id: str) -> Rec:
    fields = [n for n in RECORD_MODELS[kind].model_fields if n not in EXTRACTOR_ONLY and n != "optional"]
    out: Rec = {}
    if kind in ("weapons", "quantities"):  # the shape of the anchored gold: the span first
        out.update(text=rec["text"], start=rec["start"], end=rec["end"])
    out["id"] = new_id
    for name in fields:
        if name not in out and name in rec:
            out[name] = rec[name]
    return out


def to_gold(doc: Rec) -> Rec:
    """A run's document object in gold shape, ids renumbered ``w1``/``q1``/``a1``/``t1`` and references updated."""
    renumber: dict[str, dict[str, str]] = {
        kind: {r["id"]: f"{PREFIX[kind]}{i}" for i, r in enumerate(doc.get(kind) or [], 1)} for kind in KINDS}
    out: Rec = {k: doc.get(k) for k in GOLD_DOC_KEYS}
    for kind in KINDS:
        recs = []
        for r in doc.get(kind) or []:
            g = _gold_record(kind, r, renumber[kind][r["id"]])
            for ref, target in (("attribution", "attributions"), ("quantity", "quantities")):
                if g.get(ref) is not None:
                    g[ref] = renumber[target].get(g[ref])
            recs.append(g)
        out[kind] = recs
    return out


def iter_gold_lines(docs: Iterable[Rec]) -> Iterator[bytes]:
    """JSON Lines of gold drafts; error objects (documents that failed) are skipped by the caller."""
    for d in docs:
        yield orjson.dumps(to_gold(d)) + b"\n"
