#!/usr/bin/env python3
"""Rename folded weapon models in hand-written gold to the model as written (``F-35A's``: ``F-35`` -> ``F-35A``).

The corpus convention since the dev gold was read closely (it names ``Leopard 2A6``, ``MiG-31K`` and
``M1A2`` as written): a mention that is a system's name plus a model code (the ``variant-suffix`` rule of
``patterns/weapon_rules.jsonl``) is named as written; a quantity or transfer in the model's own sentence
takes the model's name (unless the plain system is named there too), one in a later sentence keeps the
system's. This script applied that to the blind sets whose annotators had folded models into families.

    python scripts/name_models_as_written.py corpus/blind.gold.jsonl ...   # rewrites corpus/authored/*.gold.json

Re-anchor afterwards with ``../shared/tools/anchor.py`` (in the order of the set's JSON Lines file).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from pipeline.lexicon import WeaponRule
from pipeline.patterns import default_patterns_dir, load_entries
from pipeline.weapons import model_name

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = [re.compile(r.regex) for r in load_entries(default_patterns_dir() / "weapon_rules.jsonl", WeaponRule)
            if r.kind == "variant_suffix" and r.regex]
SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+|\n+")


def model(text: str, name: str) -> str | None:
    """The model as written when ``text`` is ``name`` plus a model code (inflection off), else None: the
    recogniser's own rule (:func:`pipeline.weapons.model_name`) on the mention without its ending."""
    for cand in (text, re.sub(r"['’]s$", "", text), re.sub(r"s$", "", text)):
        found = model_name(name, cand, SUFFIXES)
        if found:
            return found
    return None


def changes(doc: dict) -> dict[tuple[str, str], str]:
    """(kind, record id) -> new name for one anchored gold document."""
    bounds = [0] + [m.end() for m in SENTENCE_END.finditer(doc["text"])]

    def sentence(i: int) -> int:
        return sum(1 for b in bounds if b <= i)

    variants = [(w, model(w["text"], w["name"])) for w in doc["weapons"]]
    out = {("weapons", w["id"]): new for w, new in variants if new}
    for kind in ("quantities", "transfers"):
        for r in doc[kind]:
            at = r["start"] if kind == "quantities" else r["evidence"]["start"]
            same = [(w, new) for w, new in variants if w["name"] == r.get("weapon") and (
                sentence(w["start"]) == sentence(at) if kind == "quantities"
                else r["evidence"]["start"] <= w["start"] < r["evidence"]["end"])]
            if same and all(new for _w, new in same):  # the plain system is not named there too
                _w, new = min(same, key=lambda x: (x[0]["start"] < at, abs(x[0]["start"] - at)))
                out[(kind, r["id"])] = new
    return out


def rewrite(authored: Path, todo: dict[tuple[str, str], str]) -> None:
    """Change the names in place, keeping the file's one-record-per-line layout."""
    lines = authored.read_text(encoding="utf-8").splitlines()
    for (kind, rid), new in todo.items():
        key = "name" if kind == "weapons" else "weapon"
        start = next(i for i, line in enumerate(lines) if line.strip().startswith(f'"{kind}"'))
        i = next(i for i in range(start, len(lines)) if f'"id": "{rid}"' in lines[i])
        lines[i] = re.sub(rf'"{key}": "[^"]*"', json.dumps(key) + ": " + json.dumps(new, ensure_ascii=False), lines[i], count=1)
    authored.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(paths: list[str]) -> None:
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            todo = changes(doc)
            if todo:
                rewrite(ROOT / "corpus" / "authored" / f"{doc['doc_id']}.gold.json", todo)
                print(doc["doc_id"], len(todo), "renamed")


if __name__ == "__main__":
    main(sys.argv[1:])
