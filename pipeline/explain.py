"""``wapenradar explain``: one text through the pipeline, with every intermediate hit shown.

To debug one sentence without a gold file, a pattern tuner wants to see what
each component saw: the tokens and sentences, the weapon mentions and class
phrases with the pattern that found them, the numbers read and what they were
tied to, the attribution cues — and then the records that came out. All of
it comes from the per-document state the components fill
(:mod:`pipeline.state`), so what is shown is what the extractor used.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

import orjson
from rich.console import Console
from rich.table import Table
from spacy.language import Language
from spacy.tokens import Doc

from .extract import doc_to_record
from .state import Extraction, SpanRef, get_state


@dataclass
class Explanation:
    doc: Doc
    state: Extraction
    record: dict

    @property
    def text(self) -> str:
        return self.doc.text


def explain(nlp: Language, text: str, doc_id: str = "explain") -> Explanation:
    doc = nlp(text)
    return Explanation(doc, get_state(doc), doc_to_record(doc, doc_id))


def _at(ref: Optional[SpanRef]) -> str:
    return f"{ref.start}-{ref.end}" if ref is not None else ""


def _txt(text: str, ref: Optional[SpanRef]) -> str:
    return text[ref.start:ref.end] if ref is not None else ""


def _num(v: Optional[float]) -> str:
    return "" if v is None else (str(int(v)) if float(v).is_integer() else str(v))


def tables(ex: Explanation) -> list[Table]:
    """The rich tables, in pipeline order."""
    text, st = ex.text, ex.state
    out = []
    t = Table(title="tokens", show_lines=False)
    for col in ("i", "token", "start", "end", "sentence"):
        t.add_column(col, justify="right" if col != "token" else "left")
    for tok in ex.doc:
        if not tok.is_space:
            t.add_row(str(tok.i), tok.text, str(tok.idx), str(tok.idx + len(tok)), str(st.sentence_index(tok.idx)))
    out.append(t)
    t = Table(title=f"sentences (article segmenter; date {st.date or '-'}, body from {st.body_start})")
    for col in ("#", "start", "end", "heading", "text"):
        t.add_column(col)
    for i, s in enumerate(st.sentences):
        t.add_row(str(i), str(s.start), str(s.end), "yes" if s.heading else "", text[s.start:s.end])
    out.append(t)
    t = Table(title="weapon hits")
    for col in ("at", "text", "name", "category", "origin", "in lexicon", "pattern"):
        t.add_column(col)
    for w in st.weapons:
        t.add_row(f"{w.start}-{w.end}", w.text, w.name, w.category, w.origin or "", str(w.in_lexicon), w.pattern)
    out.append(t)
    t = Table(title="class hits (weapon-class phrases and anaphors)")
    for col in ("at", "text", "group", "category", "generic", "anaphoric", "pattern"):
        t.add_column(col)
    for c in st.classes:
        t.add_row(f"{c.start}-{c.end}", c.text, c.group, c.category or "", str(c.generic), str(c.anaphoric), c.pattern)
    out.append(t)
    t = Table(title="quantities")
    for col in ("at", "text", "value", "low-high", "approx", "unit", "measure", "about", "owner", "pattern"):
        t.add_column(col)
    for q in st.quantities:
        rng = f"{_num(q.low)}-{_num(q.high)}" if q.low is not None or q.high is not None else ""
        t.add_row(f"{q.start}-{q.end}", q.text, _num(q.value), rng, q.approx, q.unit, q.measure,
                  q.weapon or q.weapon_class or "", q.owner or "", q.pattern)
    out.append(t)
    t = Table(title="attribution cues")
    for col in ("cue at", "cue", "source", "source name", "type", "content", "kind", "stance", "hedged", "pattern"):
        t.add_column(col)
    for a in st.attributions:
        t.add_row(_at(a.cue), _txt(text, a.cue), _txt(text, a.source), a.source_name or "", a.source_type,
                  _txt(text, a.content), a.kind, a.stance, str(a.hedged), a.pattern)
    out.append(t)
    t = Table(title="transfers")
    for col in ("evidence at", "supplier", "recipient", "weapon", "status", "pattern"):
        t.add_column(col)
    for tr in st.transfers:
        t.add_row(_at(tr.evidence), tr.supplier or "", tr.recipient or "", tr.weapon or tr.weapon_class or "",
                  tr.status, tr.pattern)
    out.append(t)
    return out


def records_json(ex: Explanation) -> str:
    """The records that result (the document object without the text, which is printed above)."""
    rec: dict[str, Any] = {k: v for k, v in ex.record.items() if k != "text"}
    return orjson.dumps(rec, option=orjson.OPT_INDENT_2).decode()


def render(ex: Explanation, console: Console) -> None:
    for t in tables(ex):
        if t.row_count:
            console.print(t)
        else:
            console.print(f"[bold]{t.title}[/bold]: none")
    console.print("[bold]records[/bold]")
    console.print(records_json(ex), markup=False, highlight=False, soft_wrap=True)
