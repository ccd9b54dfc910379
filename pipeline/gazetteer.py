"""Countries and organisations: Dutch names, adjectives, demonyms, capitals → party and ISO code.

Data in ``patterns/countries.jsonl`` and ``patterns/organizations.jsonl``;
ISO codes are checked against ``pycountry`` on load. Used to name owners of
quantities, parties of transfers and the ``source_name`` of attributions.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterator, Literal, Optional

import pycountry
from pydantic import BaseModel, field_validator

from .lexicon import trie_regex


# Kosovo is not in ISO 3166-1; XK is the code the EU, the IMF and ISO's own user-assigned range give it.
USER_ASSIGNED = {"XK"}


def _check_iso(v: Optional[str]) -> Optional[str]:
    if v is not None and v not in USER_ASSIGNED and pycountry.countries.get(alpha_2=v) is None:
        raise ValueError(f"{v!r} is not an ISO 3166-1 alpha-2 code")
    return v


class CountryEntry(BaseModel):
    id: str
    iso2: str
    name: str
    names: list[str] = []
    adjectives: list[str] = []
    people: list[str] = []
    capitals: list[str] = []
    seats: list[str] = []
    short: list[str] = []
    spellings: list[str] = []  # other full names a party takes when the article writes it so (Groot-Brittannië)

    @field_validator("iso2")
    @classmethod
    def _iso(cls, v: str) -> str:
        return _check_iso(v)


class OrganizationEntry(BaseModel):
    id: str
    name: str
    aliases: list[str] = []
    kind: Literal["organization", "company", "media", "government"]
    country: Optional[str] = None

    @field_validator("country")
    @classmethod
    def _iso(cls, v: Optional[str]) -> Optional[str]:
        return _check_iso(v)


Role = Literal["name", "adjective", "people", "capital", "seat", "short", "org"]


@dataclass(slots=True, frozen=True)
class Party:
    """What one gazetteer string stands for."""

    name: str  # canonical: Rusland, Verenigde Staten, Der Spiegel
    iso2: Optional[str]
    role: Role
    kind: str  # country, organization, company, media, government


@dataclass(slots=True)
class PartyHit:
    start: int
    end: int
    text: str
    party: Party


class Gazetteer:
    def __init__(self, countries: list[CountryEntry], organizations: list[OrganizationEntry]) -> None:
        self.table: dict[str, Party] = {}
        for c in countries:
            for role, strings in (("name", c.names + [c.name]), ("short", c.short), ("capital", c.capitals),
                                  ("seat", c.seats), ("people", c.people), ("adjective", c.adjectives)):
                for s in strings:
                    self._add(s, Party(c.name, c.iso2, role, "country"))
        for o in organizations:
            for s in [o.name, *o.aliases]:
                self._add(s, Party(o.name, o.country, "org", o.kind))
        self.by_iso = {p.iso2: p for p in self.table.values() if p.role == "name" and p.kind == "country"}
        # parties that are organisations other than governments (a company can supply its own state)
        self.by_name_country = {p.name for p in self.table.values() if p.role == "org" and p.kind != "government"}
        # not inside a compound: NAVO-verplichtingen, Oekraïne-oorlog name no party
        self.regex = re.compile(r"(?<![\w-])(?:" + trie_regex(sorted(self.table)) + r")(?![\w]|-[a-zà-ÿ])") if self.table else None

    def _add(self, s: str, party: Party) -> None:
        self.table.setdefault(s, party)
        if s[:1].isupper() and not s.isupper() and len(s) > 3:
            self.table.setdefault(s.upper(), party)  # KYIV (ANP) - datelines in capitals

    def find(self, text: str, start: int = 0, end: Optional[int] = None) -> Iterator[PartyHit]:
        if self.regex is None:
            return
        for m in self.regex.finditer(text, start, len(text) if end is None else end):
            yield PartyHit(m.start(), m.end(), m.group(), self.table[m.group()])

    def hits_in(self, state, start: int, end: int) -> list[PartyHit]:
        """Parties in ``[start, end)`` of the document ``state`` belongs to; the text is scanned once per
        document and gazetteer, then sliced (components ask for many sentences and clauses)."""
        key = ("gazetteer", id(self))
        cached = state.scan_cache.get(key)
        if cached is None:
            hits = list(self.find(state.text, state.body_start))
            cached = state.scan_cache[key] = (hits, [h.start for h in hits])
        hits, starts = cached
        return [h for h in hits[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)] if h.end <= end]

    def lookup(self, s: str) -> Optional[Party]:
        return self.table.get(s) or self.table.get(s.strip())

    def country_of(self, phrase: str) -> Optional[Party]:
        """The first country or organisation named inside ``phrase`` (``de laatste Oekraïense telling``)."""
        for hit in self.find(phrase):
            return hit.party
        return None
