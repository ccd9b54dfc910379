"""``wapenradar patterns check``: are the pattern files valid, consistent, and do they fire?

1. Every file the components read is validated with the model the component
   uses (:func:`pipeline.patterns.load_entries`), then the pipeline is built
   from the folder so cross-file checks in the components run too (a context
   alias naming an unknown system). Problems come out as
   ``patterns/FILE:LINE: what is wrong``, never as a traceback.
2. Ids used in more than one file, and weapon aliases claimed by two
   different systems — exactly, or once case, spaces and hyphens are ignored
   (the recogniser keeps the first claim silently, so the second entry never
   gets that alias).
3. Entries that never fire on the bundled corpus (``corpus/articles/*.txt``).
   An entry fires when its id appears in the ``pattern`` of a hit (records,
   and the class hits the components keep). Rules that never leave their id in
   a pattern (measure cues, exclusions, context words, credits) are checked
   by whether their regex or phrases occur in the corpus text at all. Word
   lists and gazetteers (``dutch.jsonl``, ``countries.jsonl``,
   ``organizations.jsonl``) are not checked for firing.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from pydantic import BaseModel

from .patterns import PatternError, load_entries, read_jsonl, resolve_dir

# Which entries of a file leave their id in a hit's `pattern` (see the components' pattern strings).
TRACED: dict[str, Callable[[Any], bool]] = {
    "weapons.jsonl": lambda e: True,
    "weapon_context_aliases.jsonl": lambda e: True,
    "weapon_classes.jsonl": lambda e: e.kind == "noun",
    "weapon_rules.jsonl": lambda e: e.kind == "designation",
    "quantities.jsonl": lambda e: e.kind in ("approx", "vague", "unit", "unit_prefix", "range_sep", "range_frame"),
    "attributions.jsonl": lambda e: e.kind != "hedge",
    "transfers.jsonl": lambda e: True,
}
NOT_CHECKED = ("dutch.jsonl", "countries.jsonl", "organizations.jsonl")
_PHRASE_FIELDS = ("phrases", "words", "forms", "verbs")


def component_files() -> dict[str, type[BaseModel]]:
    """Every pattern file a Wapenradar component reads, with the model that validates it."""
    from .article import ArticleSegmenter
    from .attributions import AttributionExtractor
    from .quantities import QuantityExtractor
    from .transfers import TransferExtractor
    from .weapons import WeaponRecognizer

    files: dict[str, type[BaseModel]] = {}
    for comp in (ArticleSegmenter, WeaponRecognizer, QuantityExtractor, AttributionExtractor, TransferExtractor):
        files.update(comp.FILES)
    return files


def norm_alias(alias: str) -> str:
    return re.sub(r"[\s\-‐‑–]", "", alias).casefold()


@dataclass
class CheckResult:
    folder: Path
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    duplicate_ids: list[str] = field(default_factory=list)
    shared_aliases: list[str] = field(default_factory=list)
    never_fired: dict[str, list[str]] = field(default_factory=dict)  # file → ids (traced entries)
    never_seen: dict[str, list[str]] = field(default_factory=dict)  # file → ids (untraced: no text match)
    counts: dict[str, int] = field(default_factory=dict)  # file → entries
    articles: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _where(fname: str, line: Optional[int]) -> str:
    return f"patterns/{fname}:{line}" if line else f"patterns/{fname}"


def _lines(path: Path) -> dict[str, int]:
    return {str(obj.get("id")): n for n, obj in read_jsonl(path)}


def _locate(path: Path, model: type[BaseModel], exc: Exception) -> str:
    """``patterns/FILE:LINE: ...`` for an error that :func:`load_entries` let through without a position."""
    for n, obj in read_jsonl(path):
        try:
            model.model_validate(obj)
        except Exception as line_exc:  # noqa: BLE001 - the same failure, now with its line
            return f"{_where(path.name, n)}: {type(line_exc).__name__}: {line_exc} (id {obj.get('id')!r})"
    return f"{_where(path.name, None)}: {type(exc).__name__}: {exc}"


def _duplicates(lines: dict[str, dict[str, int]]) -> list[str]:
    where: dict[str, list[str]] = defaultdict(list)
    for fname, ids in sorted(lines.items()):
        for entry_id, n in ids.items():
            where[entry_id].append(_where(fname, n))
    return [f"id {i!r} in {', '.join(w)}" for i, w in sorted(where.items()) if len(w) > 1]


def _shared_aliases(data: dict[str, list], lines: dict[str, dict[str, int]]) -> list[str]:
    """Aliases (names included) that resolve to two different systems."""
    claims: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # norm → (alias, system, where)
    for e in data.get("weapons.jsonl", []):
        for alias in dict.fromkeys((e.name, *e.aliases)):
            claims[norm_alias(alias)].append((alias, e.id, _where("weapons.jsonl", lines["weapons.jsonl"].get(e.id))))
    for ca in data.get("weapon_context_aliases.jsonl", []):
        where = _where("weapon_context_aliases.jsonl", lines["weapon_context_aliases.jsonl"].get(ca.id))
        claims[norm_alias(ca.alias)].append((ca.alias, ca.system, f"{where} ({ca.id})"))
    out = []
    for key, cl in sorted(claims.items()):
        systems = {system for _a, system, _w in cl}
        if len(systems) < 2:
            continue
        by_alias: dict[str, set] = defaultdict(set)
        for alias, system, _w in cl:
            by_alias[alias].add(system)
        how = "exact" if any(len(s) > 1 for s in by_alias.values()) else "ignoring case, spaces and hyphens"
        who = "; ".join(f"{alias!r} → {system} ({w})" for alias, system, w in cl)
        out.append(f"{'/'.join(dict.fromkeys(a for a, _s, _w in cl))} [{how}]: {who}")
    return out


def _fired_ids(nlp: Any, texts: list[str]) -> set[str]:
    from .state import get_state

    fired: set[str] = set()
    for doc in nlp.pipe(texts):
        st = get_state(doc)
        for hit in (*st.weapons, *st.classes, *st.quantities, *st.attributions, *st.transfers):
            fired.update(p for p in re.split(r"[+:]", hit.pattern or "") if p)
    return fired


def _seen_in_text(entry: Any, texts: list[str]) -> bool:
    """Whether an untraced rule could act on the corpus at all: its regex or one of its phrases occurs."""
    regex = getattr(entry, "regex", None)
    if regex:
        rx = re.compile(regex, re.I | re.M)
        if any(rx.search(t) for t in texts):
            return True
    phrases = [p for f in _PHRASE_FIELDS for p in (getattr(entry, f, None) or [])]
    for p in phrases:
        rx = re.compile(r"(?<!\w)" + re.escape(p).replace(r"\ ", r"\s+") + r"(?!\w)", re.I)
        if any(rx.search(t) for t in texts):
            return True
    return not regex and not phrases  # nothing to look for: nothing to report


def check_patterns(patterns_dir: Optional[str | Path] = None, corpus: Optional[Iterable[Path]] = None,
                   model: Optional[str] = None) -> CheckResult:
    """Run every check; ``corpus`` is the articles to fire on (default: the bundled ``corpus/articles``)."""
    try:
        folder = resolve_dir(patterns_dir)
    except PatternError as exc:
        return CheckResult(Path(str(patterns_dir)), errors=[str(exc)])
    res = CheckResult(folder)
    files = component_files()
    data: dict[str, list] = {}
    lines: dict[str, dict[str, int]] = {}
    for fname, model_cls in files.items():
        path = folder / fname
        if not path.exists():
            res.errors.append(f"patterns/{fname}: missing (read by the pipeline)")
            continue
        try:
            data[fname] = load_entries(path, model_cls)
            lines[fname] = _lines(path)
        except PatternError as exc:
            res.errors.append(str(exc))
        except OSError as exc:
            res.errors.append(f"patterns/{fname}: cannot read ({exc.strerror or exc})")
        except Exception as exc:  # noqa: BLE001 - e.g. re.error escaping a model validator
            res.errors.append(_locate(path, model_cls, exc))
        else:
            res.counts[fname] = len(data[fname])
    for extra in sorted(p.name for p in folder.glob("*.jsonl") if p.name not in files):
        res.warnings.append(f"patterns/{extra}: not read by any component")
    res.duplicate_ids = _duplicates(lines)
    if "weapons.jsonl" in data and "weapon_context_aliases.jsonl" in data:
        res.shared_aliases = _shared_aliases(data, lines)
    if res.errors:
        return res

    from .language import load

    try:
        nlp = load(model, patterns_dir=str(folder))
    except PatternError as exc:
        res.errors.append(str(exc))
        return res
    except Exception as exc:  # noqa: BLE001 - a compile-time failure of a component, reported not raised
        res.errors.append(f"patterns/: the pipeline cannot be built from these files: {type(exc).__name__}: {exc}")
        return res
    if corpus is None:
        corpus = sorted((Path(__file__).resolve().parent.parent / "corpus" / "articles").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in corpus]
    res.articles = len(texts)
    fired = _fired_ids(nlp, texts)
    for fname, entries in data.items():
        if fname in NOT_CHECKED:
            continue
        traced = TRACED.get(fname, lambda e: False)
        never = [e.id for e in entries if traced(e) and e.id not in fired]
        unseen = [e.id for e in entries if not traced(e) and e.id not in fired and not _seen_in_text(e, texts)]
        if never:
            res.never_fired[fname] = never
        if unseen:
            res.never_seen[fname] = unseen
    return res


def _ids(ids: list[str], limit: int) -> str:
    shown = ids if limit <= 0 else ids[:limit]
    more = f", … and {len(ids) - len(shown)} more (--limit 0 lists all)" if len(shown) < len(ids) else ""
    return ", ".join(shown) + more


def format_result(res: CheckResult, limit: int = 30) -> str:
    lines: list[str] = []
    if res.errors:
        lines += [*res.errors, "", f"{len(res.errors)} invalid pattern file(s) in {res.folder}"]
        return "\n".join(lines)
    lines.append(f"{len(res.counts)} pattern files, {sum(res.counts.values())} entries: valid")
    lines += [f"warning: {w}" for w in res.warnings]
    lines.append(f"duplicate ids across files: {len(res.duplicate_ids) or 'none'}")
    lines += [f"  {d}" for d in res.duplicate_ids]
    lines.append(f"aliases claimed by two weapon entries: {len(res.shared_aliases) or 'none'}")
    lines += [f"  {a}" for a in res.shared_aliases]
    lines.append(f"never fired on the bundled corpus ({res.articles} articles):")
    for fname, ids in res.never_fired.items():
        lines.append(f"  patterns/{fname}: {len(ids)} of {res.counts[fname]}: {_ids(ids, limit)}")
    for fname, ids in res.never_seen.items():
        lines.append(f"  patterns/{fname} (rules without a pattern id; regex/phrases not in the text): "
                     f"{len(ids)} of {res.counts[fname]}: {_ids(ids, limit)}")
    if not res.never_fired and not res.never_seen:
        lines.append("  none")
    lines.append(f"not checked for firing (word lists and gazetteers): {', '.join(NOT_CHECKED)}")
    return "\n".join(lines)
