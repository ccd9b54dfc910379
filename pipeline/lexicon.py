"""The weapon lexicon: entry models, Dutch surface forms, and a compiled matcher regex.

An entry names one system (``patterns/weapons.jsonl``); its aliases and the
spelling variants generated here (``F16``/``F 16`` for ``F-16``, ``Himars``
for ``HIMARS``) all resolve to the entry's canonical ``name`` and
``system_id``. Bare words that name a system only in a military context
(``Leopard``) live in ``patterns/weapon_context_aliases.jsonl``.
"""
from __future__ import annotations

import re
from typing import Optional

import pycountry
from pydantic import BaseModel, Field, field_validator

from .patterns import Regex
from .records import Category


class WeaponEntry(BaseModel):
    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    name: str = Field(min_length=1)
    aliases: list[str] = []
    category: Category
    origin: Optional[str] = None
    requires_context: bool = False
    # also a place the war news names (the Negev desert, the city of Dezful): only context next to the
    # name (a class noun, `van het type`) counts, not a military sentence around it
    local_context: bool = False
    wikidata: Optional[str] = Field(default=None, pattern=r"^Q[1-9][0-9]*$")
    note: str = ""

    @field_validator("origin")
    @classmethod
    def _iso(cls, v: Optional[str]) -> Optional[str]:
        if v is not None and pycountry.countries.get(alpha_2=v) is None:
            raise ValueError(f"origin {v!r} is not an ISO 3166-1 alpha-2 code")
        return v


class ContextAlias(BaseModel):
    id: str
    alias: str = Field(min_length=1)
    system: str
    note: str = ""


class WeaponClass(BaseModel):
    id: str
    kind: str = Field(pattern=r"^(noun|modifier)$")
    heads: list[str]
    group: str
    category: Optional[Category] = None
    generic: bool = False
    exclude: list[str] = []
    note: str = ""


class WeaponRule(BaseModel):
    """Context and designation rules of the weapon recogniser (``patterns/weapon_rules.jsonl``)."""

    id: str
    kind: str = Field(pattern=r"^(context_word|context_before|designation|not_designation|variant_suffix|company_suffix|publication_before)$")
    regex: Optional[Regex] = None
    words: list[str] = []
    note: str = ""



# Letters, a separator, then the digits of a designation: F-16, Su-35, L-159, Shahed-136.
_LETTER_DIGIT = re.compile(r"(?<=[A-Za-z])-(?=\d)")


def surface_forms(alias: str) -> set[str]:
    """Spellings of one alias the press uses besides the alias itself."""
    forms = {alias}
    if _LETTER_DIGIT.search(alias):
        for sep in ("", " ", "."):
            forms.add(_LETTER_DIGIT.sub(sep, alias, count=1))
    if alias.isupper() and alias.isalpha() and len(alias) >= 4:  # HIMARS → Himars
        forms.add(alias.capitalize())
    return forms


def trie_regex(words: list[str]) -> str:
    """One regex alternative for many literal words, as a character trie.

    Written here rather than taken from a package: the few trie-regex packages on
    PyPI are unmaintained, and this is 20 lines. A trie makes the alternation fail
    fast at each position, which matters for thousands of aliases, and its greedy
    optional branches prefer the longest alias (``Leopard 2A6`` over ``Leopard 2``).
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return build(trie)
