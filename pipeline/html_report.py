"""``wapenradar evaluate --html``: one self-contained page to tune patterns against gold.

Each article is rendered twice with displaCy's manual ``ent`` mode, gold on the
left and predictions on the right, one colour per kind (weapons, quantities,
attribution cues and sources). Above the articles stand the score tables and
the list of errors; every error links into the text (``#doc-ID-off-START`` in
the gold column, ``#doc-ID-pred-off-START`` in the predicted one).

displaCy draws spans that do not overlap, so each column keeps, greedily, the
error spans first and then the rest in text order; an error whose own span was
crowded out links to the span that covers it. Transfers have no mention span:
an empty anchor marks the start of their evidence sentence, and a table under
each column lists them. Everything is inline (CSS included) so the file can be
mailed or opened offline: no external URL is referenced.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from spacy import displacy

from .evaluate import FIELDS, MATCHERS, Error, Report, pattern_rows

Rec = dict[str, Any]
COLORS = {"WEAPON": "#f7c873", "QUANTITY": "#8fd3e8", "CUE": "#f4a3b8", "SOURCE": "#c9b3f2"}
# One template for every span so that each mark carries an id to link to; ``params`` fill it.
TEMPLATE = ('<mark class="entity {cls}" id="{anchor}" title="{tip}" style="background: {bg};">{text}'
            '<span class="label">{label}</span></mark>')
SIDES = ("gold", "pred")

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5em auto;max-width:1400px;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.25em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
h3{font-size:1em;color:#555;margin:.3em 0}
table{border-collapse:collapse;margin:.5em 0 1em}td,th{border:1px solid #ddd;padding:.2em .6em;text-align:left}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:1.5em}
.col{border:1px solid #e3e3e3;border-radius:6px;padding:.5em 1em;min-width:0}
.entities{line-height:2.4;overflow-wrap:anywhere}
mark.entity{padding:.3em .45em;margin:0 .15em;border-radius:.35em;line-height:1}
mark.entity .label{font-size:.7em;font-weight:bold;margin-left:.4em;vertical-align:middle}
mark.entity.err{outline:3px solid #d7263d;outline-offset:1px}
mark.entity.anchor{padding:0 .2em;margin:0 .1em;background:none}mark.entity.anchor .label{color:#b00;margin:0}
mark.entity:target{box-shadow:0 0 0 4px #ffd400}
li.error{margin:.15em 0}li.error .what{font-weight:bold;display:inline-block;width:3.5em}
li.miss .what{color:#b00}li.false .what{color:#a15c00}li.wrong .what{color:#5a3fa0}
.legend mark{padding:.2em .5em;border-radius:.3em;margin-right:.5em}
.transfers td{font-size:.9em}.transfers tr.err td{background:#fde7ea}
code{font-size:.9em}
"""


def html_id(doc_id: str) -> str:
    """``doc_id`` made safe for an HTML id (ids like ``kalibr-2023-02`` stay as they are)."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", doc_id)


def anchor_id(doc_id: str, side: str, start: int) -> str:
    return f"doc-{html_id(doc_id)}-{'pred-' if side == 'pred' else ''}off-{start}"


def error_side(e: Error) -> str:
    """Misses are gold records (left column); false hits and wrong fields are predictions (right)."""
    return "gold" if e.what == "miss" else "pred"


@dataclass
class _Mark:
    start: int
    end: int
    label: str
    tip: str
    error: bool = False


def _marks(doc: Rec, kinds: Iterable[str]) -> list[_Mark]:
    """The spans to draw for the scored kinds (an unscored kind would show gold without predictions)."""
    out = []
    doc = {k: doc.get(k) for k in kinds}
    for w in doc.get("weapons") or []:
        out.append(_Mark(w["start"], w["end"], "WEAPON", f"{w.get('name')} · {w.get('category')}"
                         + (f" · {w['pattern']}" if w.get("pattern") else "")))
    for q in doc.get("quantities") or []:
        value = q.get("value") if q.get("value") is not None else f"{q.get('low')}–{q.get('high')}"
        out.append(_Mark(q["start"], q["end"], "QUANTITY",
                         f"{value} {q.get('unit')} · {q.get('approx')} · {q.get('measure')} · "
                         f"{q.get('weapon') or q.get('weapon_class')}" + (f" · {q['pattern']}" if q.get("pattern") else "")))
    for a in doc.get("attributions") or []:
        pat = f" · {a['pattern']}" if a.get("pattern") else ""
        if a.get("cue"):
            out.append(_Mark(a["cue"]["start"], a["cue"]["end"], "CUE",
                             f"{a.get('stance')} · {a.get('kind')}{' · hedged' if a.get('hedged') else ''}{pat}"))
        if a.get("source"):
            out.append(_Mark(a["source"]["start"], a["source"]["end"], "SOURCE",
                             f"{a.get('source_name')} · {a.get('source_type')}{pat}"))
    return out


def _layout(doc: Rec, errors: list[Error], kinds: Iterable[str]) -> tuple[list[_Mark], dict[int, int]]:
    """Non-overlapping marks for one column, and for each error (by index) the start it links to.

    A transfer is placed by the start of its evidence sentence only (the sentence holds other
    marks, which are not wrong themselves).
    """
    error_spans = {i: ((e.span[0], e.span[0]) if e.kind == "transfers" else e.span)
                   for i, e in enumerate(errors) if e.span is not None}
    candidates = _marks(doc, kinds)
    for m in candidates:
        m.error = (m.start, m.end) in error_spans.values()
    kept: list[_Mark] = []
    for m in sorted(candidates, key=lambda m: (not m.error, m.start, -m.end)):
        if not any(k.start < m.end and m.start < k.end for k in kept):
            kept.append(m)
    links: dict[int, int] = {}
    for i, (s, e) in error_spans.items():
        hit = next((k for k in kept if k.start == s), None) or next(
            (k for k in kept if k.start < max(e, s + 1) and s < k.end), None)
        if hit is None:  # nothing drawn there (a transfer's evidence): an empty anchor
            hit = _Mark(s, s, "⇄ transfer" if errors[i].kind == "transfers" else "", "", True)
            kept.append(hit)
        elif errors[i].kind != "transfers":
            hit.error = True
        links[i] = hit.start
    kept.sort(key=lambda m: (m.start, m.end))
    return kept, links


def _render_column(doc_id: str, text: str, marks: list[_Mark], side: str) -> str:
    ents = [{
        "start": m.start, "end": m.end, "label": m.label,
        "params": {"anchor": anchor_id(doc_id, side, m.start), "tip": html.escape(m.tip, quote=True),
                   "cls": ("err " if m.error else "") + ("anchor" if m.start == m.end else m.label.lower()),
                   "bg": COLORS.get(m.label, "none")},
    } for m in marks]
    return displacy.render([{"text": text, "ents": ents, "title": None}], style="ent", manual=True, page=False,
                           jupyter=False, options={"colors": COLORS, "template": TEMPLATE})


def _transfer_table(transfers: list[Rec], flagged: set[int]) -> str:
    if not transfers:
        return '<p class="transfers"><em>no transfers</em></p>'
    rows = []
    for t in transfers:
        ev = t.get("evidence") or {}
        err = ' class="err"' if id(t) in flagged else ""
        rows.append(f"<tr{err}><td>{_e(t.get('supplier'))} → {_e(t.get('recipient'))}</td>"
                    f"<td>{_e(t.get('weapon') or t.get('weapon_class'))}</td><td>{_e(t.get('status'))}</td>"
                    f"<td class=\"num\">{_e(ev.get('start'))}</td><td>{_e(t.get('pattern') or '')}</td></tr>")
    return ('<table class="transfers"><tr><th>supplier → recipient</th><th>weapon</th><th>status</th>'
            '<th class="num">at</th><th>pattern</th></tr>' + "".join(rows) + "</table>")


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _describe(e: Error) -> str:
    rec = e.record
    if e.kind == "attributions":
        what = f"cue “{(rec.get('cue') or {}).get('text')}” source “{(rec.get('source') or {}).get('text')}”"
    elif e.kind == "transfers":
        what = f"{rec.get('supplier')} → {rec.get('recipient')}: {rec.get('weapon') or rec.get('weapon_class')} [{rec.get('status')}]"
    elif e.kind == "quantities":
        what = f"“{rec.get('text')}” value={rec.get('value')} unit={rec.get('unit')} weapon={rec.get('weapon')}"
    else:
        what = f"“{rec.get('text')}” name={rec.get('name')}"
    if e.other:
        what += f" (gold: {_describe(Error(e.doc_id, e.kind, 'miss', e.other))})"
    return what


def _score_tables(report: Report) -> str:
    rows = []
    for kind in MATCHERS:
        if kind not in report.loose:
            continue
        l, s = report.loose[kind], report.strict.get(kind)
        strict = (f"<td class=num>{s.precision:.3f}</td><td class=num>{s.recall:.3f}</td><td class=num>{s.f1:.3f}</td>"
                  if s is not None else "<td></td><td></td><td></td>")
        rows.append(f"<tr><td>{kind}</td><td class=num>{l.precision:.3f}</td><td class=num>{l.recall:.3f}</td>"
                    f"<td class=num>{l.f1:.3f}</td>{strict}<td class=num>{l.tp}/{l.fp}/{l.fn}</td>"
                    f"<td class=num>{report.unreached.get(kind, 0)}</td></tr>")
    out = ['<h2 id="scores">Scores</h2><table id="score-table"><tr><th>kind</th><th class=num>P</th>'
           '<th class=num>R</th><th class=num>F1</th><th class=num>strict P</th><th class=num>R</th>'
           '<th class=num>F1</th><th class=num>tp/fp/fn</th><th class=num>unreached gold</th></tr>', *rows, "</table>"]
    fields = [(k, *v) for k, v in sorted(report.fields.items()) if v[1] and k.split(".")[0] in FIELDS]
    if fields:
        out.append('<h3>Field accuracy over matched pairs</h3><table id="field-table"><tr><th>field</th>'
                   '<th class=num>accuracy</th><th class=num>n</th></tr>')
        out += [f"<tr><td>{k}</td><td class=num>{ok / n:.2f}</td><td class=num>{ok}/{n}</td></tr>" for k, ok, n in fields]
        if report.content:
            out.append(f"<tr><td>attributions.content (token F1)</td>"
                       f"<td class=num>{sum(report.content) / len(report.content):.2f}</td><td></td></tr>")
        out.append("</table>")
    prow = pattern_rows(report)
    if prow:
        out.append(f'<details><summary><strong>Per pattern</strong> ({len(prow)} pattern ids: fired, matched gold, '
                   'precision)</summary><table id="pattern-table"><tr><th>kind</th><th>pattern</th>'
                   '<th class=num>fired</th><th class=num>matched gold</th><th class=num>precision</th></tr>')
        out += [f"<tr><td>{k}</td><td><code>{_e(p)}</code></td><td class=num>{f}</td><td class=num>{m}</td>"
                f"<td class=num>{prec:.2f}</td></tr>" for k, p, f, m, prec in prow]
        out.append("</table></details>")
    return "\n".join(out)


def render_report(gold_docs: Iterable[Rec], pred_docs: Iterable[Rec], report: Report,
                  title: str = "Wapenradar evaluation") -> str:
    """The whole page as a string."""
    gold_docs = list(gold_docs)
    preds = {p["doc_id"]: p for p in pred_docs}
    links: dict[int, str] = {}  # index into report.errors → anchor id
    kinds = [k for k in MATCHERS if k in report.loose] or list(MATCHERS)
    sections = []
    for g in gold_docs:
        doc_id, text = g["doc_id"], g.get("text") or ""
        p = preds.get(doc_id, {"doc_id": doc_id})
        columns = []
        for side, doc in zip(SIDES, (g, p)):
            mine = [(i, e) for i, e in enumerate(report.errors) if e.doc_id == doc_id and error_side(e) == side]
            marks, where = _layout(doc, [e for _i, e in mine], kinds)
            for j, (i, _e_) in enumerate(mine):
                if j in where:
                    links[i] = anchor_id(doc_id, side, where[j])
            flagged = {id(e.record) for _i, e in mine if e.kind == "transfers"}
            columns.append(f'<div class="col {side}"><h3>{"gold" if side == "gold" else "predicted"}</h3>'
                           f"{_render_column(doc_id, text, marks, side)}"
                           + (f"<h3>transfers</h3>{_transfer_table(doc.get('transfers') or [], flagged)}"
                              if "transfers" in kinds else "") + "</div>")
        sections.append(f'<section class="doc" id="doc-{html_id(doc_id)}"><h2>{_e(doc_id)}'
                        f'{" · " + _e(g.get("date")) if g.get("date") else ""}</h2>'
                        f'<div class="cols">{"".join(columns)}</div></section>')
    items = []
    for i, e in enumerate(report.errors):
        target = links.get(i, f"doc-{html_id(e.doc_id)}")
        pat = (f' {"nearest prediction " if e.what == "miss" else ""}<code>[{_e(e.pattern)}]</code>'
               if e.pattern else "")
        items.append(f'<li class="error {e.what}" id="err-{i}" data-doc="{_e(e.doc_id)}" data-kind="{e.kind}">'
                     f'<span class="what">{e.what}</span> <a href="#{target}">{_e(e.doc_id)} · {e.kind}</a>: '
                     f"{_e(_describe(e))}{pat}</li>")
    legend = "".join(f'<mark style="background:{c}">{label}</mark>' for label, c in COLORS.items())
    toc = "".join(f'<li><a href="#doc-{html_id(g["doc_id"])}">{_e(g["doc_id"])}</a></li>' for g in gold_docs)
    return (f'<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>{_e(title)}</title>'
            f"<style>{CSS}</style></head><body><h1>{_e(title)}</h1>"
            f"<p>{report.docs} documents · {len(report.errors)} errors · "
            f'<span class="legend">{legend}</span> <mark class="entity err" style="background:none">error</mark></p>'
            f'<ul id="toc">{toc}</ul>{_score_tables(report)}'
            f'<h2 id="errors-heading">Errors</h2><p>miss = gold no pattern reached (left column), false = predicted '
            f"but not in gold, wrong = matched with a field off (right column).</p>"
            f'<ol id="errors">{"".join(items)}</ol>{"".join(sections)}</body></html>\n')


def write_report(path: Path | str, gold_docs: Iterable[Rec], pred_docs: Iterable[Rec], report: Report) -> None:
    Path(path).write_text(render_report(gold_docs, pred_docs, report), encoding="utf-8")
