"""What a document says about its parties as a whole: its home country, who `we` is, the company or
country an anaphor refers back to, and the maker of each system. Worked out from the gazetteer and the
Dutch word lists, once per document where it can be (the answers are cached on the document state).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .dutch import Closed
from .gazetteer import Gazetteer, Party, PartyHit
from .reference import resolve_class
from .state import Extraction


@dataclass(slots=True)
class PartyMention:
    """A party of a clause: where it is written (-1 when implied) and who it is."""
    start: int
    end: int
    name: str
    iso2: Optional[str]


class DocumentParties:
    def __init__(self, gazetteer: Gazetteer, closed: Closed) -> None:
        self.gazetteer = gazetteer
        self.closed = closed
        # Hanwha Aerospace, de maker van de K9 / ... worden gebouwd door het Noorse Kongsberg
        self.maker_after_re = re.compile(rf",\s+(?:de\s+)?(?:{closed.alternation('maker-nouns')})\s+van\s+(?:de\s+|het\s+)?")
        # de Duitse regering, de Franse president: a country adjective that an anaphor (het land) can refer to
        self.state_body_re = re.compile(rf"\s+(?:{closed.alternation('antecedent-bodies')})\b")
        self.made_by_re = re.compile(
            rf"\b(?:{closed.alternation('making-participles')})\s+door\s+(?:het\s+|de\s+)?(?:[A-ZÀ-Þ][\w-]*\s+)?$")

    def _country_counts(self, state: Extraction) -> tuple[dict[str, int], dict[str, int]]:
        """How often the article names each country: as a country, and by any party of it (worked out once)."""
        counts = state.scan_cache.get("country_counts")
        if counts is None:
            as_country: dict[str, int] = {}
            any_party: dict[str, int] = {}
            for hit in self.gazetteer.hits_in(state, state.body_start, len(state.text)):
                iso = hit.party.iso2
                if iso:
                    any_party[iso] = any_party.get(iso, 0) + 1
                    if hit.party.kind == "country":
                        as_country[iso] = as_country.get(iso, 0) + 1
            counts = state.scan_cache["country_counts"] = (as_country, any_party)
        return counts

    def home_country(self, state: Extraction) -> Optional[Party]:
        """The country a Dutch-language article is written from: Belgium when it names Belgium more
        often than the Netherlands, else the Netherlands (``Defensie`` without a country). Counted once
        per document."""
        if state.home_country is None:
            counts = self._country_counts(state)[0]
            nl, be = counts.get("NL", 0), counts.get("BE", 0)
            state.home_country = "BE" if be > nl else "NL"
            if not nl and not be:
                # an article about another country (het ministerie van Defensie in an Israeli story) that names
                # it three times or more: that country's bodies are its own
                top = max(counts.items(), key=lambda kv: kv[1], default=(None, 0))
                if top[1] >= 3:
                    state.home_country = top[0]
        return self.gazetteer.by_iso.get(state.home_country)

    def topic_country(self, state: Extraction) -> Optional[Party]:
        """The country the article is about: named at least three times, and twice as often as any other
        (Turkije in a story on Turkey's S-400s, whatever the home country of a Dutch paper)."""
        ranked = sorted(self._country_counts(state)[1].items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
            return None
        return self.gazetteer.by_iso.get(ranked[0][0])

    def named_home_country(self, state: Extraction) -> Optional[Party]:
        """The home country when the article names it at least twice (else it is only the default)."""
        home = self.home_country(state)
        if home is None or self._country_counts(state)[1].get(home.iso2, 0) < 2:
            return None
        return home

    def speaker_country(self, state: Extraction, char: int) -> Optional[Party]:
        """The home country for `we` at ``char``, unless the claim that holds it has a foreign source
        (`zei de Oekraïense president`): then nobody, rather than a guess."""
        home = self.named_home_country(state)
        if home is None:
            return None  # an article that hardly names its home country quotes foreigners (Zelensky: we)
        for a in state.attributions:
            if a.content is not None and a.content.start <= char < a.content.end and a.source is not None:
                for hit in self.gazetteer.hits_in(state, a.source.start, a.source.end):
                    if hit.party.iso2 and hit.party.iso2 != home.iso2:
                        return None
        return home

    def last_company(self, state: Extraction, before: int) -> Optional[PartyHit]:
        """The gazetteer hit of the company named last before ``before`` (within five sentences), or None."""
        lo = state.sentences[max(0, state.sentence_index(before) - 5)].start if state.sentences else 0
        companies = [h for h in self.gazetteer.hits_in(state, lo, before)
                     if h.party.role == "org" and h.party.kind == "company"]
        return companies[-1] if companies else None

    def antecedent(self, state: Extraction, before: int) -> Optional[Party]:
        """The country an anaphor (het land, de regering) refers to: the last one named before it."""
        text = state.text
        best = None
        lo = state.sentences[max(0, state.sentence_index(before) - 3)].start if state.sentences else 0
        for hit in self.gazetteer.hits_in(state, lo, before):
            after_prep = re.search(r"\b(?:in|uit|van|naar|bij|aan|met|door|voor)\s+(?:de\s+|het\s+)?$",
                                   text[max(0, hit.start - 12):hit.start])
            if hit.party.kind == "country" and hit.party.role in ("name", "short", "people", "capital", "seat") \
                    and not after_prep:  # het land: the country that was the subject, not the one bought from
                best = hit.party
            elif hit.party.role == "adjective" and self.state_body_re.match(text, hit.end):  # de Duitse regering
                best = hit.party
        return best

    def maker(self, state: Extraction, items: list, recipients: list[PartyMention]) -> list[PartyMention]:
        """The company the article names as the maker of what is bought: `een bewapeningssysteem van Lockheed`
        (right after the thing or its antecedent), `Hanwha, de maker van de K9`, `... worden gebouwd door het
        Noorse Kongsberg` in a sentence that names the system."""
        text = state.text
        makers = self.makers(state)
        names = {r.name for r in recipients}
        for thing, wname, _cls, _q in items:
            if thing is not None:
                for hit in self.gazetteer.hits_in(state, thing.end, min(len(text), thing.end + 40)):
                    if hit.party.role == "org" and hit.party.kind == "company" and \
                            re.fullmatch(r"\s+van\s+(?:het\s+|de\s+)?(?:[\w-]+\s+)?", text[thing.end:hit.start]):
                        return [PartyMention(-1, -1, hit.text, hit.party.iso2)]
            if wname and wname in makers and makers[wname].name not in names:
                return [makers[wname]]
        return []

    def makers(self, state: Extraction) -> dict[str, PartyMention]:
        """Weapon name -> the company named as its maker anywhere in the article (worked out once)."""
        text = state.text
        if state.scan_cache.get("makers") is None:
            found: dict[str, PartyMention] = {}
            companies = [h for h in self.gazetteer.hits_in(state, state.body_start, len(text))
                         if h.party.role == "org" and h.party.kind == "company"]
            for hit in companies:
                party = PartyMention(-1, -1, hit.text, hit.party.iso2)
                after = self.maker_after_re.match(text[hit.end:hit.end + 40])
                if after:  # Hanwha Aerospace, de maker van de K9 Thunder
                    w = next((w for w in state.weapons if w.start == hit.end + after.end()), None)
                    if w is not None:
                        found.setdefault(w.name, party)
                before = text[max(0, hit.start - 40):hit.start]
                if self.made_by_re.search(before):
                    sent = state.sentence_at(hit.start)  # ... worden gebouwd door het Noorse Kongsberg
                    if sent is not None:
                        for w in state.weapons:
                            if sent.start <= w.start < sent.end:
                                found.setdefault(w.name, party)
                        for c in state.classes:
                            if sent.start <= c.head_start < sent.end and c.anaphoric:
                                ref = resolve_class(state, c)
                                if ref is not None:
                                    found.setdefault(ref.name, party)
            state.scan_cache["makers"] = found
        return state.scan_cache["makers"]
