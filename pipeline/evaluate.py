"""Scoring predictions against gold, with the rules of ANNOTATION.md.

* weapons: spans overlap and names agree (case, spaces and hyphens ignored);
* quantities: spans overlap; *strict* when value, low, high, unit and weapon agree;
  ``approx`` and ``measure`` as accuracy over matched pairs;
* attributions: cue spans overlap; *strict* when source spans overlap too;
  ``content`` by token overlap (F1, averaged over matched pairs); ``stance``,
  ``kind``, ``hedged`` as accuracy;
* transfers: supplier, recipient and weapon (or weapon-class head) agree,
  ignoring case; ``status`` as accuracy.

Choices the contract leaves open, made here: matching is one-to-one and
greedy in text order; optional gold records are removed, and so is any
prediction that matches one and no required record; a weapon-class head is the last word of the
phrase's first conjunct (``antitankraketten`` in ``antitankraketten van het
type Javelin en TOW``), and two classes agree when either head occurs among
the other phrase's words; a null content agrees only with a null content.

For pattern tuning the report also counts, per pattern id (the ``pattern``
field of a prediction), how often it fired and how many of its hits matched
gold, and how many gold records no pattern reached; :func:`format_diff` shows
each error in its sentence with the span marked ``[[…]]`` and the pattern that
produced it (for a miss: the unmatched prediction over the same words, if any).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional

Rec = dict[str, Any]


def _norm(name: Optional[str]) -> str:
    return re.sub(r"[\s\-‐–]", "", (name or "").lower())


def _overlap(a: Rec, b: Rec) -> bool:
    return a is not None and b is not None and a["start"] < b["end"] and b["start"] < a["end"]


def _num_eq(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def class_head(phrase: Optional[str]) -> str:
    if not phrase:
        return ""
    first = re.split(r"\s+(?:van|en|of|voor|uit)\s+", phrase.lower())[0]
    return first.split()[-1] if first.split() else ""


def _class_agree(a: Optional[str], b: Optional[str]) -> bool:
    if not a or not b:
        return not a and not b
    ha, hb = class_head(a), class_head(b)
    return ha == hb or ha in b.lower().split() or hb in a.lower().split()


def _tokens(text: Optional[str]) -> list[str]:
    return re.findall(r"\w+", (text or "").lower())


def token_f1(gold: Optional[str], pred: Optional[str]) -> float:
    if gold is None or pred is None:
        return 1.0 if gold is None and pred is None else 0.0
    g, p = Counter(_tokens(gold)), Counter(_tokens(pred))
    common = sum((g & p).values())
    if not common:
        return 0.0
    prec, rec = common / sum(p.values()), common / sum(g.values())
    return 2 * prec * rec / (prec + rec)


def weapon_match(g: Rec, p: Rec) -> bool:
    return _overlap(g, p) and _norm(g["name"]) == _norm(p["name"])


def quantity_match(g: Rec, p: Rec) -> bool:
    return _overlap(g, p)


def quantity_strict(g: Rec, p: Rec) -> bool:
    return (all(_num_eq(g.get(k), p.get(k)) for k in ("value", "low", "high")) and g.get("unit") == p.get("unit")
            and _norm(g.get("weapon")) == _norm(p.get("weapon")))


def attribution_match(g: Rec, p: Rec) -> bool:
    return _overlap(g["cue"], p["cue"])


def attribution_strict(g: Rec, p: Rec) -> bool:
    return _overlap(g["source"], p["source"])


def transfer_match(g: Rec, p: Rec) -> bool:
    same = lambda a, b: (a or "").strip().lower() == (b or "").strip().lower()  # noqa: E731
    if not (same(g.get("supplier"), p.get("supplier")) and same(g.get("recipient"), p.get("recipient"))):
        return False
    if g.get("weapon") or p.get("weapon"):
        return _norm(g.get("weapon")) == _norm(p.get("weapon"))
    return _class_agree(g.get("weapon_class"), p.get("weapon_class"))


MATCHERS: dict[str, tuple[Callable[[Rec, Rec], bool], Optional[Callable[[Rec, Rec], bool]]]] = {
    "weapons": (weapon_match, None),
    "quantities": (quantity_match, quantity_strict),
    "attributions": (attribution_match, attribution_strict),
    "transfers": (transfer_match, None),
}
FIELDS = {"quantities": ("approx", "measure"), "attributions": ("stance", "kind", "hedged"), "transfers": ("status",)}


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Error:
    doc_id: str
    kind: str
    what: str  # miss | false | wrong
    record: Rec
    other: Optional[Rec] = None  # for ``wrong``: the gold record it was matched to
    note: str = ""
    near: Optional[Rec] = None  # for ``miss``: an unmatched prediction over the same text, if any

    @property
    def pattern(self) -> Optional[str]:
        """The pattern id that produced the prediction behind this error (a miss has none of its own)."""
        rec = self.near if self.what == "miss" else self.record
        return (rec or {}).get("pattern")

    @property
    def span(self) -> Optional[tuple[int, int]]:
        return anchor(self.kind, self.record)


@dataclass
class Report:
    loose: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    strict: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    fields: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    content: list[float] = field(default_factory=list)
    patterns: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # fired, matched
    unreached: Counter = field(default_factory=Counter)
    errors: list[Error] = field(default_factory=list)
    docs: int = 0
    in_lexicon: dict[bool, PRF] = field(default_factory=lambda: defaultdict(PRF))
    names: PRF = field(default_factory=PRF)  # distinct weapon names per document
    texts: dict[str, str] = field(default_factory=dict)  # doc_id → text, to show errors in context

    def f1(self, kind: str, strict: bool = False) -> float:
        return (self.strict if strict and kind in self.strict else self.loose)[kind].f1

    def accuracy(self, kind: str, name: str) -> Optional[float]:
        ok, n = self.fields.get(f"{kind}.{name}", (0, 0))
        return ok / n if n else None


def anchor(kind: str, rec: Optional[Rec]) -> Optional[tuple[int, int]]:
    """The span that places a record in the text: the mention, an attribution's cue, a transfer's evidence."""
    if not rec:
        return None
    span = rec.get("cue") if kind == "attributions" else rec.get("evidence") if kind == "transfers" else rec
    if not isinstance(span, dict) or span.get("start") is None or span.get("end") is None:
        return None
    return int(span["start"]), int(span["end"])


def _near(kind: str, gold: Rec, candidates: list[Rec]) -> Optional[Rec]:
    g = anchor(kind, gold)
    if g is None:
        return None
    return next((p for p in candidates if (a := anchor(kind, p)) and a[0] < g[1] and g[0] < a[1]), None)


def _pairs(gold: list[Rec], pred: list[Rec], match: Callable[[Rec, Rec], bool]) -> tuple[list[tuple[Rec, Rec]], list[Rec], list[Rec]]:
    used: set[int] = set()
    pairs, misses = [], []
    for g in gold:
        hit = next((i for i, p in enumerate(pred) if i not in used and match(g, p)), None)
        if hit is None:
            misses.append(g)
        else:
            used.add(hit)
            pairs.append((g, pred[hit]))
    return pairs, misses, [p for i, p in enumerate(pred) if i not in used]


def score_doc(report: Report, gold_doc: Rec, pred_doc: Rec, kinds: Iterable[str]) -> None:
    report.docs += 1
    doc_id = gold_doc.get("doc_id", "?")
    report.texts[doc_id] = gold_doc.get("text") or pred_doc.get("text") or ""
    for kind in kinds:
        match, strict = MATCHERS[kind]
        gold_all = gold_doc.get(kind) or []
        pred = list(pred_doc.get(kind) or [])
        optional = [g for g in gold_all if g.get("optional")]
        gold = [g for g in gold_all if not g.get("optional")]
        pairs, misses, false = _pairs(gold, pred, match)
        # a prediction left over that matches an optional gold record is neither rewarded nor penalised
        false = [p for p in false if not any(match(o, p) for o in optional)]
        pred = [p for p in pred if any(p is q for _g, q in pairs) or any(p is f for f in false)]
        report.loose[kind].tp += len(pairs)
        report.loose[kind].fn += len(misses)
        report.loose[kind].fp += len(false)
        for p in pred:
            report.patterns[f"{kind}:{p.get('pattern') or '?'}"][0] += 1
        for _g, p in pairs:
            report.patterns[f"{kind}:{p.get('pattern') or '?'}"][1] += 1
        for g in misses:
            report.unreached[kind] += 1
            report.errors.append(Error(doc_id, kind, "miss", g, near=_near(kind, g, false)))
        for p in false:
            report.errors.append(Error(doc_id, kind, "false", p))
        if kind == "weapons":
            for p in pred:
                lex = bool(p.get("in_lexicon", True))
                report.in_lexicon[lex].tp += any(p is q for _g, q in pairs)
                report.in_lexicon[lex].fp += not any(p is q for _g, q in pairs)
            for g in misses:
                report.in_lexicon[True].fn += 1
            # weapon names: which systems the article names, each counted once per document
            gold_names = {_norm(g["name"]) for g in gold}
            optional_names = {_norm(o["name"]) for o in optional} - gold_names
            pred_names = {_norm(p["name"]) for p in pred} - optional_names
            names = report.names
            names.tp += len(gold_names & pred_names)
            names.fp += len(pred_names - gold_names)
            names.fn += len(gold_names - pred_names)
        if strict is not None:
            s = report.strict[kind]
            ok = [(g, p) for g, p in pairs if strict(g, p)]
            s.tp += len(ok)
            s.fn += len(misses) + len(pairs) - len(ok)
            s.fp += len(false) + len(pairs) - len(ok)
            for g, p in pairs:
                if not strict(g, p):
                    report.errors.append(Error(doc_id, kind, "wrong", p, g))
        for name in FIELDS.get(kind, ()):
            cell = report.fields[f"{kind}.{name}"]
            for g, p in pairs:
                cell[1] += 1
                cell[0] += g.get(name) == p.get(name)
        if kind == "attributions":
            for g, p in pairs:
                report.content.append(token_f1((g.get("content") or {}).get("text"), (p.get("content") or {}).get("text")))


def score(gold_docs: list[Rec], pred_docs: list[Rec], kinds: Iterable[str] = tuple(MATCHERS)) -> Report:
    """Score predictions (matched to gold by ``doc_id``); a gold doc without prediction counts as all missed."""
    kinds = tuple(kinds)
    by_id = {p["doc_id"]: p for p in pred_docs}
    report = Report()
    for g in gold_docs:
        score_doc(report, g, by_id.get(g["doc_id"], {"doc_id": g["doc_id"]}), kinds)
    return report


def _show(rec: Rec, kind: str) -> str:
    if kind == "attributions":
        return f"cue={rec['cue']['text']!r} source={(rec.get('source') or {}).get('text')!r}"
    if kind == "transfers":
        return (f"{rec.get('supplier')} → {rec.get('recipient')}: {rec.get('weapon') or rec.get('weapon_class')} "
                f"[{rec.get('status')}]")
    if kind == "quantities":
        return (f"{rec['text']!r} value={rec.get('value')} low={rec.get('low')} high={rec.get('high')} "
                f"unit={rec.get('unit')} weapon={rec.get('weapon')}")
    return f"{rec['text']!r} name={rec.get('name')!r}"


def format_report(report: Report, *, errors: bool = True, max_errors: int = 60) -> str:
    lines = [f"{report.docs} documents", "",
             f"{'kind':<14}{'P':>7}{'R':>7}{'F1':>7}   {'strict P':>9}{'R':>7}{'F1':>7}   tp/fp/fn"]
    for kind in MATCHERS:
        if kind not in report.loose:
            continue
        l = report.loose[kind]
        row = f"{kind:<14}{l.precision:7.3f}{l.recall:7.3f}{l.f1:7.3f}   "
        if kind in report.strict:
            s = report.strict[kind]
            row += f"{s.precision:9.3f}{s.recall:7.3f}{s.f1:7.3f}   "
        else:
            row += " " * 26
        lines.append(row + f"{l.tp}/{l.fp}/{l.fn}")
        if kind == "weapons" and report.names.tp + report.names.fp + report.names.fn:
            n = report.names
            lines.append(f"{'weapon names':<14}{n.precision:7.3f}{n.recall:7.3f}{n.f1:7.3f}   {'':26}{n.tp}/{n.fp}/{n.fn}")
    accs = [f"{k} {ok / n:.2f} ({ok}/{n})" for k, (ok, n) in sorted(report.fields.items()) if n]
    if report.content:
        accs.append(f"attributions.content token-F1 {sum(report.content) / len(report.content):.2f}")
    if accs:
        lines += ["", "field accuracy over matched pairs:", *("  " + a for a in accs)]
    unk = report.in_lexicon.get(False)
    if unk is not None and unk.tp + unk.fp:
        lines.append(f"  unknown designations (in_lexicon=false): precision {unk.precision:.2f} ({unk.tp}/{unk.tp + unk.fp})")
    lines += format_patterns(report)
    if report.loose:
        unreached = ", ".join(f"{k} {report.unreached.get(k, 0)}" for k in MATCHERS if k in report.loose)
        lines += ["", f"gold records no pattern reached (misses): {unreached}"]
    if errors and report.errors:
        lines += ["", "errors (miss = gold not found, false = predicted but not in gold, wrong = matched, field off):"]
        for e in report.errors[:max_errors]:
            rec = _show(e.record, e.kind)
            extra = f"  gold: {_show(e.other, e.kind)}" if e.other else ""
            pat = f"  [{e.record.get('pattern')}]" if e.what != "miss" and e.record.get("pattern") else ""
            lines.append(f"  {e.what:<5} {e.doc_id} {e.kind}: {rec}{extra}{pat}")
        if len(report.errors) > max_errors:
            lines.append(f"  ... and {len(report.errors) - max_errors} more (--max-errors)")
    return "\n".join(lines)


def pattern_rows(report: Report) -> list[tuple[str, str, int, int, float]]:
    """(kind, pattern id, fired, matched gold, precision), by kind then most fired first."""
    rows = []
    for key, (fired, matched) in report.patterns.items():
        kind, _, pattern = key.partition(":")
        rows.append((kind, pattern, fired, matched, matched / fired if fired else 0.0))
    order = {k: i for i, k in enumerate(MATCHERS)}
    return sorted(rows, key=lambda r: (order.get(r[0], 99), -r[2], r[1]))


def format_patterns(report: Report) -> list[str]:
    """The per-pattern table: how often each pattern fired and how many of its hits matched gold."""
    rows = pattern_rows(report)
    if not rows:
        return []
    width = max(30, *(len(r[1]) for r in rows))
    out = ["", "per pattern (kind, pattern id, fired, matched gold, precision):",
           f"  {'kind':<14}{'pattern':<{width}}{'fired':>7}{'matched':>9}{'P':>7}"]
    out += [f"  {k:<14}{p:<{width}}{f:>7}{m:>9}{prec:7.2f}" for k, p, f, m, prec in rows]
    return out


_SENTENCE_END = re.compile(r"[.!?…]+[\"”’'»)]*\s+|\n")


def sentence_around(text: str, start: int, end: int, limit: int = 400) -> tuple[int, int]:
    """Bounds of the sentence(s) holding ``text[start:end]``, by punctuation; at most ``limit`` chars each side."""
    lo = max(0, start - limit)
    s = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        s = m.end()
    m = _SENTENCE_END.search(text, max(start, end - 1), min(len(text), end + limit))  # a span may end the sentence
    e = m.start() + len(m.group().rstrip()) if m else min(len(text), end + limit)
    return s, max(e, end)


def marked(text: str, start: int, end: int) -> str:
    """The sentence around a span with the span marked ``[[…]]``, on one line."""
    s, e = sentence_around(text, start, end)
    return " ".join(f"{text[s:start]}[[{text[start:end]}]]{text[end:e]}".split())


def format_diff(report: Report, *, max_errors: int = 60) -> str:
    """Each miss, false hit and wrong field with its sentence, the span marked and the pattern that fired."""
    lines = ["", "diff (miss = gold no pattern reached, false = predicted but not in gold, wrong = matched, field off):"]
    for e in report.errors[:max_errors]:
        span = e.span
        where = f"@{span[0]}-{span[1]}" if span else ""
        pat = e.pattern
        if e.what == "miss":
            how = f"no pattern reached it; nearest prediction [{pat}]: {_show(e.near, e.kind)}" if e.near else \
                "no pattern reached it"
        else:
            how = f"pattern [{pat or '?'}]"
        lines.append(f"{e.what:<5} {e.doc_id} {e.kind} {where}  {how}")
        text = report.texts.get(e.doc_id, "")
        if span and text:
            lines.append(f"      {marked(text, *span)}")
        lines.append(f"      {'gold' if e.what == 'miss' else 'pred'}: {_show(e.record, e.kind)}")
        if e.other:
            lines.append(f"      gold: {_show(e.other, e.kind)}")
    if len(report.errors) > max_errors:
        lines.append(f"  ... and {len(report.errors) - max_errors} more (--max-errors)")
    if not report.errors:
        lines.append("  no errors")
    return "\n".join(lines)
