"""From a processed ``Doc`` to the contract's document object (a plain dict, JSON-ready).

Record ids are deterministic: a short hash of (doc_id, kind, span and, for
transfers, the parties), so the same text gives the same ids on every run and
a downstream upsert works (issue 6). Dicts are built directly instead of via
pydantic models because this runs for every article; the tests validate the
output against :mod:`pipeline.records`.
"""
from __future__ import annotations

import hashlib
from typing import Any, Iterable, Optional

from spacy.tokens import Doc

from .numbers import as_number
from .records import KINDS, SCHEMA_VERSION
from .state import Extraction, SpanRef, get_state

PREFIX = {"weapons": "w", "quantities": "q", "attributions": "a", "transfers": "t"}


def record_id(doc_id: str, kind: str, *parts: Any) -> str:
    digest = hashlib.blake2s("\x1f".join(map(str, (doc_id, kind, *parts))).encode(), digest_size=5).hexdigest()
    return f"{PREFIX[kind]}-{digest}"


def _unique(ids: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i in ids:
        n = seen.get(i, 0)
        seen[i] = n + 1
        out.append(i if n == 0 else f"{i}-{n + 1}")
    return out


def _span(text: str, ref: Optional[SpanRef]) -> Optional[dict]:
    if ref is None:
        return None
    return {"text": text[ref.start:ref.end], "start": ref.start, "end": ref.end}


def doc_to_record(doc: Doc, doc_id: str, *, date: Optional[str] = None, url: Optional[str] = None,
                  language: Optional[str] = None, kinds: Iterable[str] = KINDS) -> dict:
    """The document object of ANNOTATION.md for one processed doc."""
    state: Extraction = get_state(doc)
    text = state.text
    kinds = set(kinds)
    a_ids = _unique([record_id(doc_id, "attributions", a.cue.start, a.cue.end) for a in state.attributions])
    q_ids = _unique([record_id(doc_id, "quantities", q.start, q.end) for q in state.quantities])

    def a_ref(i: Optional[int]) -> Optional[str]:
        return a_ids[i] if i is not None and "attributions" in kinds else None

    weapons = [{
        "id": wid, "start": w.start, "end": w.end, "text": w.text, "name": w.name, "category": w.category,
        "origin": w.origin, "system_id": w.system_id, "in_lexicon": w.in_lexicon, "pattern": w.pattern,
    } for w, wid in zip(state.weapons, _unique([record_id(doc_id, "weapons", w.start, w.end) for w in state.weapons]))]
    quantities = [{
        "id": qid, "start": q.start, "end": q.end, "text": q.text, "value": as_number(q.value),
        "low": as_number(q.low), "high": as_number(q.high), "approx": q.approx, "unit": q.unit,
        "measure": q.measure, "weapon": q.weapon, "weapon_class": q.weapon_class, "owner": q.owner,
        "attribution": a_ref(q.attribution), "pattern": q.pattern,
    } for q, qid in zip(state.quantities, q_ids)]
    attributions = [{
        "id": aid, "cue": _span(text, a.cue), "source": _span(text, a.source), "source_name": a.source_name,
        "source_type": a.source_type, "content": _span(text, a.content), "kind": a.kind, "stance": a.stance,
        "hedged": a.hedged, "pattern": a.pattern,
    } for a, aid in zip(state.attributions, a_ids)]
    t_ids = _unique([record_id(doc_id, "transfers", t.evidence.start, t.evidence.end, t.supplier, t.recipient,
                               t.weapon or t.weapon_class) for t in state.transfers])
    transfers = [{
        "id": tid, "supplier": t.supplier, "supplier_country": t.supplier_country, "recipient": t.recipient,
        "recipient_country": t.recipient_country, "weapon": t.weapon, "weapon_class": t.weapon_class,
        "quantity": q_ids[t.quantity] if t.quantity is not None and "quantities" in kinds else None,
        "status": t.status, "evidence": _span(text, t.evidence), "attribution": a_ref(t.attribution),
        "pattern": t.pattern,
    } for t, tid in zip(state.transfers, t_ids)]
    out = {"schema_version": SCHEMA_VERSION, "doc_id": doc_id, "date": date if date is not None else state.date,
           "url": url, "language": language, "text": text}
    for kind, records in (("weapons", weapons), ("quantities", quantities), ("attributions", attributions),
                          ("transfers", transfers)):
        out[kind] = records if kind in kinds else []
    return out
