"""Transfer extractor: who supplies which weapons to whom, in what number, on whose word.

A transfer verb (``patterns/transfers.jsonl``) opens a clause; its parties
come from the gazetteer (countries by name, demonym, capital or seat;
organisations and companies), from anaphors (``het land``) and from
pronouns (``ze`` after ``Finland en Polen``). The verb's entry says which
party is the supplier and which the recipient: the subject, or the phrase
after a preposition (``aan Oekraïne``, ``van Israël``, ``bij Lockheed``,
``met Xian Bingo``), or the agent of a passive (``door X``). Every named
weapon in the clause is a transfer of its own; with none, a class phrase is
(``zware raketsystemen``), resolved to a system when it is an anaphor
(``deze raket``). Status comes from the entry, or from tense and modality
for delivery verbs; negation denies.
"""
from __future__ import annotations

import re
from typing import Optional

from pydantic import BaseModel
from spacy.language import Language
from spacy.tokens import Doc

from .clauses import ClauseSplitter
from .component import PatternComponent
from .patterns import Regex
from .dutch import Closed, Word, WordList, sentence_words
from .gazetteer import CountryEntry, Gazetteer, OrganizationEntry, Party
from .parties import DocumentParties, PartyMention
from .lexicon import trie_regex
from .reference import antecedent_phrase, main_system, resolve_class
from .state import Extraction, Sentence, SpanRef, TransferHit, WeaponHit


class TransferRule(BaseModel):
    id: str
    verbs: list[str]
    supplier: str  # subject | parenthetical | prepositions joined by |
    recipient: str  # subject | object | indirect | prepositions joined by |
    status: str  # by_tense or a status
    particle: Optional[str] = None
    particle_verbs: list[str] = []  # the forms that need the particle in the clause (zegde ... toe)
    arrival: bool = False  # goods arriving: a place is no blocker; an unnamed recipient is the home country
    items_after_verb: bool = False  # only what follows the verb is supplied (kiezen voor X)
    topic_system: bool = False  # a deal naming no system is about the one named just before, or the article's
    requires: Optional[Regex] = None
    default_class: Optional[str] = None
    note: str = ""



_SEPARABLE_PARTICIPLE = re.compile(r"^(?:af|aan|op|over|toe|uit|in|mee|terug|door|weg|bij)ge\w+(?:d|t|en)$")
_COORDINATION = r"\s*(?:,|en|of|,\s*en)\s*(?:de\s+|het\s+)?"  # Duitsland, de Verenigde Staten en Nederland
_NONRESTRICTIVE = re.compile(r",\s+(?:dat|die|wat)\b[^,.;]*(?=,)")  # enclosed: Rusland, dat ..., tot
_SOURCE_BEFORE = re.compile(r"\b(?:aldus|volgens)\s+(?:de\s+|het\s+)?$", re.I)
_ADJECTIVE_BEFORE = re.compile(r"[A-ZÀ-Þ][\wë-]*(?:se|sche)\s+(?:de\s+|het\s+)?$")
# the nationality of a named system: Chinese J-35's; Amerikaanse gevechtshelikopters van het type AH-64E
_ORIGIN_BEFORE = re.compile(r"([A-ZÀ-Þ][\wë-]+)\s+(?:[a-zà-ÿ][\w-]*\s+van\s+het\s+type\s+)?$")
STATUS_RANK = {"delivered": 4, "promised": 3, "negotiating": 2, "considering": 1, "denied": 0}


def _implied(party: Party) -> PartyMention:
    """A party the clause does not name but the article gives (its home country, the country it is about)."""
    return PartyMention(-1, -1, party.name, party.iso2)


def _is_frame(t: TransferHit) -> bool:
    """A deal between two parties without a weapon: context for later sentences, not a record."""
    return t.weapon is None and t.weapon_class is None


class TransferExtractor(PatternComponent):
    def __init__(self, nlp: Language, name: str, *, patterns_dir: Optional[str] = None, merge: str = "article") -> None:
        if merge not in ("sentence", "article"):
            raise ValueError(f"merge must be 'sentence' or 'article', not {merge!r}")
        self.merge = merge
        super().__init__(nlp, name, patterns_dir=patterns_dir)

    FILES = {"transfers.jsonl": TransferRule, "dutch.jsonl": WordList, "countries.jsonl": CountryEntry,
             "organizations.jsonl": OrganizationEntry}

    def _compile(self) -> None:
        self.rules: dict[str, TransferRule] = {}
        for r in self.data["transfers.jsonl"]:
            for v in r.verbs:
                self.rules.setdefault(v.lower(), r)
        self.verb_re = re.compile(r"(?<![\w-])(?:" + trie_regex(sorted(self.rules)) + r")(?![\w-])", re.I)
        self.requires = {r.id: re.compile(r.requires, re.I) for r in self.data["transfers.jsonl"] if r.requires}
        self.closed = Closed(self.data["dutch.jsonl"])
        self.gazetteer = Gazetteer(self.data["countries.jsonl"], self.data["organizations.jsonl"])
        self.parties = DocumentParties(self.gazetteer, self.closed)
        self.clauses = ClauseSplitter(self.closed, set(self.rules), self.gazetteer)
        self.anaphor_re = re.compile(rf"(?i)\b(?:{self.closed.alternation('party-anaphors')})\b")
        self.speaker_re = re.compile(rf"(?i)\b(?:{self.closed.alternation('speaker-pronouns')})\b")
        self.company_anaphor_re = re.compile(rf"(?i)\b(?:{self.closed.alternation('company-anaphors')})\b")
        # other full names of a country (Saoedi-Arabië, Wit-Rusland): a party is named the way the article
        # names it, as ANNOTATION.md names parties "as written or resolved"
        self.spellings = {c.name: c.spellings for c in self.data["countries.jsonl"] if c.spellings}
        self.related_re = re.compile(rf"(?i)\b(?:{self.closed.alternation('relation-nouns')})\s+van\s+(?:de|het)\s+$")
        self.home_body_re = re.compile(rf"(?i)\b(?:(?:de|het)\s+)?(?:{self.closed.alternation('home-bodies')})\b(?!-)")

    # -- run --------------------------------------------------------------------------------
    def process(self, doc: Doc, state: Extraction) -> None:
        text = state.text
        out: list[TransferHit] = []
        done_sentences: set[tuple[int, str]] = set()
        governed: list[tuple[int, int]] = []  # complements of overwegen/ontkennen/onderhandelen
        matches = [m for m in self.verb_re.finditer(text, state.body_start)]
        # a verb that takes a complement (overweegt ... te leveren) decides for the verbs inside it
        matches.sort(key=lambda m: (self._order(self.rules[m.group().lower()]), m.start()))
        for m in matches:
            sent = state.sentence_at(m.start())
            if sent is None or state.skipped(m.start(), m.end()):
                continue
            if any(a <= m.start() < b for a, b in governed):
                continue
            rule = self.rules[m.group().lower()]
            ws = sentence_words(state, sent)
            vi = next((i for i, w in enumerate(ws) if w.start >= m.start()), None)
            if vi is None or (self.clauses.adjective_use(ws, vi) and not self.clauses.het_pronoun(ws, vi - 1)):
                continue  # het bestelde materieel, but: ..., en het bestelde twaalf Rafales
            lo, hi = self.clauses.clause(ws, vi)
            key = (sent.start + lo, rule.id)
            if key in done_sentences:
                continue
            clause = ws[lo:hi]
            ctext = text[clause[0].start:clause[-1].end] if clause else ""
            if rule.requires and not self.requires[rule.id].search(ctext):
                continue
            if rule.particle and m.group().lower() in rule.particle_verbs and \
                    not any(w.lower == rule.particle for w in ws[vi + 1:hi]):
                continue
            found = self._transfers(text, state, sent, ws, lo, hi, vi, rule, out)
            if found:
                done_sentences.add(key)
                out.extend(found)
                if self._order(rule) == 0:
                    governed.append((ws[vi].end, ws[hi - 1].end))
        out.sort(key=lambda t: t.evidence.start)
        # a supply needs a recipient (the gold never lacks one: ANNOTATION.md lets only the supplier be unnamed);
        # one whose recipient the article never makes clear stays context for the sentences after it
        state.transfers = self._dedupe(state, [t for t in out if not _is_frame(t) and t.recipient is not None])
        self._as_spelled(state)

    def _as_spelled(self, state: Extraction) -> None:
        """Saoedi-Arabië or Wit-Rusland where the article writes it so more often than the gazetteer's name."""
        renames = {}
        for name, others in self.spellings.items():
            best = max(others, key=state.text.count)
            if state.text.count(best) > state.text.count(name):
                renames[name] = best
        if renames:
            for t in state.transfers:
                t.supplier = renames.get(t.supplier, t.supplier)
                t.recipient = renames.get(t.recipient, t.recipient)

    @staticmethod
    def _order(rule: TransferRule) -> int:
        """Verbs with a complement first (they decide for the verbs inside it), deals referred back to last."""
        if rule.status == "inherit":
            return 2
        return 0 if rule.status in ("negotiating", "considering", "denied") else 1

    # -- parties ----------------------------------------------------------------------------
    def _parties(self, text: str, state: Extraction, clause: list[Word]) -> list[PartyMention]:
        if not clause:
            return []
        start, end = clause[0].start, clause[-1].end
        out: list[PartyMention] = []
        weapons = [w for w in state.weapons if start <= w.start < end]
        hits = self.gazetteer.hits_in(state, start, end)
        # Volgens de Oekraïense inlichtingendienst HUR: the source of a volgens/aldus claim is no party of it
        sources = [(a.source.start, a.source.end) for a in state.attributions if a.source is not None
                   and start <= a.source.start < end and a.source_after_cue_word]
        relatives = [(m.start(), m.end()) for m in _NONRESTRICTIVE.finditer(text, start, end)]
        org_from: dict[int, int] = {}
        for k, hit in enumerate(hits):
            p = hit.party
            if state.skipped(hit.start, hit.end) or p.kind == "media" or _SOURCE_BEFORE.search(text, max(start, hit.start - 14), hit.start):
                continue  # a dateline, a newspaper or the source of the claim (aldus het Pentagon) is no party
            if any(a <= hit.start < b for a, b in relatives) or any(a <= hit.start < b for a, b in sources):
                continue  # Rusland, dat voor de invasie in Oekraïne ...; aldus het Pentagon: not a party here
            if p.role == "adjective":
                m = re.match(r"\s+([\w-]+)(\s+)?", text[hit.end:hit.end + 40])
                noun = m.group(1).lower() if m else ""
                nxt = hits[k + 1] if k + 1 < len(hits) else None
                if nxt is not None and nxt.party.role == "org" and m and nxt.start in (hit.end + 1, hit.end + m.end()):
                    org_from[k + 1] = (hit.start, p.iso2)  # het Turkse Baykar, de Amerikaanse fabrikant Lockheed Martin
                    continue
                if noun in self.closed["state-bodies"]:
                    out.append(PartyMention(hit.start, hit.end + len(m.group(0).rstrip()), p.name, p.iso2))
                elif noun in self.closed["party-nouns"] or noun.endswith(("bedrijven", "bedrijf", "fabrikanten")):
                    out.append(PartyMention(hit.start, hit.end + len(m.group(0).rstrip()),
                                            text[hit.start:hit.end + len(m.group(0).rstrip())], p.iso2))
                continue
            if any(w.start <= hit.start < w.end for w in weapons):
                continue
            s_, e_ = org_from.get(k, (hit.start, None))[0], hit.end
            iso = org_from.get(k, (None, p.iso2))[1] or p.iso2  # het Franse KNDS: the text's own nationality
            if p.role == "org" and p.kind == "government" and p.iso2 is None:
                # Defensie, het ministerie van Defensie: the article's own country, unless an adjective says
                # whose (het Amerikaanse ministerie van Buitenlandse Zaken)
                owner = self.gazetteer.by_iso.get(org_from[k][1]) if k in org_from and org_from[k][1] else None
                home = owner or self.parties.home_country(state)
                name, iso = (home.name, home.iso2) if home else (hit.text, None)
            elif p.role == "org":
                if p.kind == "company":  # BAE Systems Hägglunds: the name as written, with its trailing words
                    tail = re.match(r"(?:\s+[A-Z][\w&.-]*)+", text[e_:e_ + 40])
                    e_ += tail.end() if tail else 0
                name = text[hit.start:e_]
            else:
                name = p.name
            holder = re.search(r"(\w+)\s+(?:in|uit|van)\s+$", text[max(start, s_ - 40):s_])
            if p.kind == "country" and holder:
                noun = holder.group(1).lower()
                if noun in self.closed["party-nouns"] or noun.endswith(("bedrijven", "bedrijf")):
                    s_ = s_ - len(text[max(start, s_ - 40):s_]) + holder.start()  # defensiebedrijven in Rusland
                    name = text[s_:e_]
                elif noun in self.closed["state-bodies"]:
                    s_ = s_ - len(text[max(start, s_ - 40):s_]) + holder.start()  # de regering in Kyiv
            if any(a <= s_ < b for a, b in ((q.start, q.end) for q in out)):
                continue
            out.append(PartyMention(s_, e_, name, iso))
        def taken(char: int) -> bool:
            return any(p.start <= char < p.end for p in out)

        for m in self.home_body_re.finditer(text, start, end):
            # de landmacht, de marine, het kabinet: the article's own country, unless a country adjective says whose
            if taken(m.start()) or _ADJECTIVE_BEFORE.search(text, max(start, m.start() - 20),
                                                                                              m.start()) \
                    or re.search(r"\b(?:eigen|zijn|haar|hun)\s+$", text[max(start, m.start() - 12):m.start()]):
                continue  # de eigen luchtmacht, zijn marine: the subject's own, not the article's home
            home = self.parties.home_country(state)
            if home is not None:
                out.append(PartyMention(m.start(), m.end(), home.name, home.iso2))
        for m in self.speaker_re.finditer(text, start, end):
            home = self.parties.speaker_country(state, m.start())
            if home is not None and not taken(m.start()):
                out.append(PartyMention(m.start(), m.end(), home.name, home.iso2))
        for m in self.company_anaphor_re.finditer(text, start, end):
            if not taken(m.start()):
                company = self.parties.last_company(state, start)
                if company is not None:
                    out.append(PartyMention(m.start(), m.end(), company.text, company.party.iso2))
        for m in self.anaphor_re.finditer(text, start, end):
            if not taken(m.start()):
                ante = self.parties.antecedent(state, start)  # never a party of the same clause
                if ante is not None:
                    out.append(PartyMention(m.start(), m.end(), ante.name, ante.iso2))
        out.sort(key=lambda p: p.start)
        return out

    def _role(self, text: str, ws: list[Word], lo: int, hi: int, vi: int, spec: str, parties: list[PartyMention],
              used: set[int]) -> list[PartyMention]:
        """Parties that fill one role: the subject, the object, or the phrase after a preposition."""
        preps = [p for p in spec.split("|") if p not in ("subject", "object", "indirect", "parenthetical")]
        out: list[PartyMention] = []
        for p in parties:
            if id(p) in used:
                continue
            before = text[max(ws[lo].start, p.start - 25):p.start]
            direct = re.search(r"(\w+)\s+(?:de\s+|het\s+)?$", before)
            direct_word = direct.group(1).lower() if direct else ""
            if preps and direct_word in preps:
                out.append(p)
        if out:
            return self._coordinated(text, out, parties)
        if "subject" in spec:
            governed = self._governed(text, ws[lo].start, parties)  # aan Burkina Faso, Niger en Togo
            subj = [p for p in parties if id(p) not in used and id(p) not in governed]
            if subj:
                return self._coordinated(text, [subj[0]], parties)
        if "object" in spec or "indirect" in spec:
            verb_end = ws[vi].end
            objs = [p for p in parties if id(p) not in used and not self._after_preposition(text, ws[lo].start, p)]
            # the indirect object stands before a participle (X heeft Oekraïne ... geleverd) and after
            # a finite verb (België beloofde Kyiv ...)
            verb_start = ws[vi].start
            before = [p for p in objs if p.start < verb_start]
            participle = self._participle(ws[vi].lower)
            # after a participle, not across a comma: ... zijn geleverd, en met Mirages die Frankrijk overdroeg
            after = [p for p in objs if p.start > verb_end and (not participle or "," not in text[verb_end:p.start])]
            objs = (before or after) if participle else (after or before)
            if objs:
                return [objs[0]]
        return []

    def _governed(self, text: str, clause_start: int, parties: list[PartyMention]) -> set[int]:
        """ids of the parties after a preposition, and of those coordinated with them."""
        out: set[int] = set()
        last: Optional[PartyMention] = None
        for p in parties:
            if self._after_preposition(text, clause_start, p) or (
                    last is not None and re.fullmatch(_COORDINATION, text[last.end:p.start])):
                out.add(id(p))
                last = p
            else:
                last = None
        return out

    def _after_preposition(self, text: str, clause_start: int, p: PartyMention) -> bool:
        before = text[max(clause_start, p.start - 20):p.start]
        m = re.search(r"(\w+)\s+(?:de\s+|het\s+)?$", before)
        return bool(m and m.group(1).lower() in self.closed["prepositions"])

    @staticmethod
    def _coordinated(text: str, chosen: list[PartyMention], parties: list[PartyMention]) -> list[PartyMention]:
        """Denemarken en België, Duitsland, Finland en Polen: one role, several parties."""
        out = list(chosen)
        out += [p for p in parties if p not in out and (p.start, p.end) == (chosen[0].start, chosen[0].end)]
        last = chosen[-1]
        for p in parties:
            if p.start > last.end and re.fullmatch(_COORDINATION, text[last.end:p.start]):
                out.append(p)
                last = p
        return out

    # -- transfers ----------------------------------------------------------------------------
    def _transfers(self, text: str, state: Extraction, sent: Sentence, ws: list[Word], lo: int, hi: int, vi: int,
                   rule: TransferRule, previous: list[TransferHit]) -> list[TransferHit]:
        clause = ws[lo:hi]
        cstart, cend = clause[0].start, clause[-1].end
        # what the article said before this clause, in text order (verbs with a complement run first, so
        # the records found so far may include later sentences)
        previous = sorted((t for t in previous if t.evidence.start < cstart), key=lambda t: t.evidence.start)
        parties = self._parties(text, state, clause)
        parties = self._pronoun_subject(text, state, ws, lo, vi, parties)
        status = self._status(text, ws, lo, hi, vi, rule)
        if rule.supplier == "parenthetical":
            return self._parenthetical(text, state, sent, ws, lo, hi, vi, parties, status)
        if rule.supplier == "inherit":
            return self._inherit(text, state, sent, cstart, cend, parties, rule, ws[vi].start, previous)
        used: set[int] = set()
        reduced, passive = self._voice(ws, vi, clause)
        agent = [p for p in parties if passive and re.search(
            r"\bdoor\s+(?:onder\s+(?:meer|andere)\s+|o\.a\.\s+)?(?:de\s+|het\s+)?$",
            text[max(cstart, p.start - 26):p.start])]
        if agent:
            agent = self._coordinated(text, agent[:1], parties)  # door Duitsland, de Verenigde Staten en Nederland
        if reduced and rule.status == "by_tense":
            status = "delivered"  # Patriot-batterijen, geleverd door ...: a participle phrase tells what happened
        if reduced and agent:
            # the recipient is the subject of the main clause the participle phrase hangs on
            main = [p for p in self._parties(text, state, ws[:vi]) if not self._after_preposition(text, ws[0].start, p)]
            if main:
                parties = [*parties, main[0]]
        suppliers = agent or self._role(text, ws, lo, hi, vi, rule.supplier, parties, used)
        used.update(id(p) for p in suppliers)
        recipients = self._role(text, ws, lo, hi, vi, rule.recipient, parties, used)
        if not recipients and rule.arrival:
            # De eerste HIMARS-raketwerpers uit de VS zijn aangekomen: where this system went before, else the
            # country the article is about
            items = self._relative_antecedent(text, state, ws, lo) or self._items(text, state, cstart, cend, parties, rule)
            weapon = items[0][1] if items else None
            recipients = self._implied_recipient(state, sent, suppliers, previous, weapon, recent=False)
            home = self.parties.named_home_country(state)
            if not recipients and home is not None and home.name not in {p.name for p in suppliers}:
                recipients = [_implied(home)]
        impersonal = ws[lo].lower == "er" or (ws[vi].lower == "gekozen" and not any(p.start < ws[vi].start for p in parties))
        if not recipients and not agent and passive and rule.recipient == "subject" and impersonal:
            # dat er nieuwe marineschepen worden besteld, Voor de F35 is gekozen voor ...: an impersonal
            # purchase or choice, by the article's own country
            home = self.parties.speaker_country(state, cstart)
            if home is not None:
                recipients = [_implied(home)]
        # De voorgenomen verkoop, de omstreden aankoop: a deal named as a noun, referring to one known
        definite_noun = ws[vi].lower in self.closed["deal-verb-nouns"] and vi > 0 and \
            ws[vi - 1].lower in self.closed["deal-noun-determiners"]
        relative = self._relative_antecedent(text, state, ws, lo)
        # kiezen voor X: what is chosen follows the verb (Voor de F35 is gekozen voor een ... systeem)
        items = relative or self._items(text, state, ws[vi].end if rule.items_after_verb else cstart, cend, parties, rule)
        if not recipients and not suppliers and definite_noun and rule.recipient == "subject" and not previous \
                and any(it[1] for it in items):
            # de omstreden aankoop van het Russische S-400-systeem, in an article about Turkey: the buyer is
            # the country the article is about
            home = self.parties.topic_country(state)
            if home is not None:
                recipients = [_implied(home)]
        if not recipients and not suppliers and passive and not agent and previous and any(it[1] for it in items):
            # Nog dit jaar wordt het Israëlische Puls-systeem geleverd: to the recipient of the deals just before
            recipients = self._implied_recipient(state, sent, [], previous, items[0][1])
        origins: dict[int, PartyMention] = {}
        if not suppliers and recipients and (rule.supplier != "subject" or reduced or relative):
            # a buyer's system named with a nationality, each its own: de aankoop van het Russische S-400-systeem;
            # 96 Amerikaanse ... AH-64E Apache en 180 Zuid-Koreaanse K2-tanks; also in a participle phrase
            # (Russische Kornet-raketten, ooit aan het Syrische leger geleverd) or a relative clause (het Duitse
            # Gepard-luchtdoelgeschut dat aan Oekraïne is geleverd). A main-clause passive names no supplier by
            # it (het Israëlische Puls-systeem wordt geleverd: the dev gold leaves it null).
            origins = self._origin_suppliers(text, items, recipients)
        if not suppliers and recipients and previous:
            suppliers = self._implied_supplier(recipients, previous, items,
                                               same_system=rule.arrival)
        if not suppliers and recipients and previous and passive and rule.supplier == "subject":
            # De zes straaljagers zouden worden verkocht aan Draken: the F-16s of the one supplier that
            # handed out this system before
            named = {name for _w, name, _c, _q in items if name}
            owners = {(t.supplier, t.supplier_country) for t in previous if t.weapon in named and t.supplier}
            if len(owners) == 1:
                (name, iso), = owners
                suppliers = [PartyMention(-1, -1, name, iso)]
        if not suppliers and recipients:  # no deal before to take it from: the maker the article names
            suppliers = self.parties.maker(state, items, recipients)
        if not suppliers and not recipients:
            if definite_noun:  # De voorgenomen verkoop betreft ...: the deal named just before
                return self._inherit(text, state, sent, cstart, cend, parties, rule, ws[vi].start, previous)
            return []
        named_recipient = bool(recipients)
        if not recipients and rule.recipient != "subject":
            preps = [p for p in rule.recipient.split("|") if p not in ("object", "indirect", "subject")]
            ctext = text[cstart:cend]
            if preps and not rule.arrival and re.search(rf"\b(?:{'|'.join(preps)})\s+(?:de|het)\s+\w+", ctext):
                return []  # naar de oefening, aan het front: not delivered to a party
            if previous:
                recipients = self._implied_recipient(state, sent, suppliers, previous,
                                                     items[0][1] if items else None)
        if not items:
            last = next((t for t in reversed(previous) if not _is_frame(t)), None)
            here = state.sentence_index(sent.start)
            # (negotiating and considering verbs are read first, so the deals before are not known yet: the
            # systems named before are)
            recent = [w for w in state.weapons if w.start < cstart and here - state.sentence_index(w.start) <= 2]
            if last is not None and last.evidence.start >= sent.start:
                items = [(None, last.weapon, last.weapon_class, None)]
            elif rule.topic_system and named_recipient and (topic := recent[-1].name_from(state, cstart) if recent
                                                              else main_system(state)):
                # Het leger onderhandelt met New Delhi over een tweede contract: about the system named just
                # before, else about the system the article is about
                items = [(None, topic, None, None)]
            elif rule.default_class and named_recipient:  # Zuid-Korea haalde een wapendeal binnen: to whom, of what?
                cls = ws[vi].text if rule.default_class == "$match" else rule.default_class
                items = [(None, None, cls, None)]
            elif suppliers and recipients:
                # Polen blijft zwaar inkopen in de Verenigde Staten: no weapon, but the deal a next sentence
                # (Het land kreeg ... M1A2-tanks) continues; kept as a frame, never output
                items = [(None, None, None, None)]
            else:
                return []
        return self._records(suppliers, recipients, items, origins, status, SpanRef(cstart, cend),
                             self._attribution(state, ws[vi].start), rule)

    def _voice(self, ws: list[Word], vi: int, clause: list[Word]) -> tuple[bool, bool]:
        """(reduced, passive): a participle phrase (Patriot-batterijen, geleverd door Duitsland; Russische
        Kornet-raketten, ooit aan het Syrische leger geleverd, ...) or a passive with an auxiliary."""
        participle = self._participle(ws[vi].lower)
        nxt = ws[vi + 1] if vi + 1 < len(ws) else None
        window = ws[max(0, vi - 8):vi]
        reduced = participle and nxt is not None and (
            (vi > 0 and ws[vi - 1].text == "," and nxt.lower == "door")
            or (nxt.text == "," and any(w.text == "," for w in window) and not any(
                w.lower in self.closed["passive-auxiliaries"] or w.lower in self.closed["perfect-auxiliaries"]
                for w in window)))
        passive = participle and (reduced or any(w.lower in self.closed["passive-auxiliaries"] for w in clause))
        return reduced, passive

    def _records(self, suppliers: list[PartyMention], recipients: list[PartyMention], items: list,
                 origins: dict[int, PartyMention], status: str, evidence: SpanRef, attribution: Optional[int],
                 rule: TransferRule) -> list[TransferHit]:
        """One record per supplier, recipient and item; an item with a nationality of its own has that supplier."""
        out = []
        groups = [(suppliers or [None], [it for k, it in enumerate(items) if k not in origins])]
        groups += [([origins[k]], [it]) for k, it in enumerate(items) if k in origins]
        for group_suppliers, group_items in groups:
            for sup in group_suppliers if group_items else []:
                for rec in recipients or [None]:
                    if sup is not None and rec is not None and (sup.name == rec.name or (
                            sup.iso2 and sup.iso2 == rec.iso2 and rec.name not in self.gazetteer.by_name_country
                            and sup.name not in self.gazetteer.by_name_country)):
                        continue  # Verenigde Staten → State Department: a body of the supplier's own state (but a
                        # company supplies its own state: Rafael → Israël, Rheinmetall → Duitsland)
                    for _weapon, wname, wclass, qty in group_items:
                        out.append(TransferHit(sup.name if sup else None, sup.iso2 if sup else None,
                                               rec.name if rec else None, rec.iso2 if rec else None,
                                               wname, wclass, qty, status, evidence, attribution, rule.id))
        return out

    def _origin_suppliers(self, text: str, items: list, recipients: list[PartyMention]) -> dict[int, PartyMention]:
        """``onderhandelt over de aankoop van 40 Chinese J-35's``, ``96 Amerikaanse gevechtshelikopters van het
        type AH-64E Apache``: a buyer's system named with a nationality comes from that country (by item index)."""
        names = {r.name for r in recipients}
        out: dict[int, PartyMention] = {}
        for k, (w, _name, _cls, _q) in enumerate(items):
            if w is None:
                continue
            m = _ORIGIN_BEFORE.search(text, max(0, w.start - 60), w.start)
            party = self.gazetteer.lookup(m.group(1)) if m else None
            if party is not None and party.role == "adjective" and party.name not in names:
                out[k] = PartyMention(-1, -1, party.name, party.iso2)
        return out

    @staticmethod
    def _implied_supplier(recipients: list[PartyMention], previous: list[TransferHit],
                          items: list, same_system: bool = False) -> list[PartyMention]:
        """Daarnaast koopt Taipei ...: the supplier of the deal this recipient was already in, when that
        deal was about arms in general or about the same system (only the same system, for an arrival)."""
        names = {r.name for r in recipients}
        wanted = {name for _w, name, _c, _q in items if name}
        for t in reversed(previous):
            if same_system and (not wanted or t.weapon not in wanted):
                continue
            if t.recipient in names and t.supplier and (not t.weapon or not wanted or t.weapon in wanted):
                return [PartyMention(-1, -1, t.supplier, t.supplier_country)]
        return []

    @staticmethod
    def _implied_recipient(state: Extraction, sent: Sentence, suppliers: list[PartyMention],
                           previous: list[TransferHit], weapon: Optional[str], recent: bool = True) -> list[PartyMention]:
        """Iran heeft al honderden Shahed-136’s geleverd: the recipient this supplier had before,
        else the recipient of a transfer in this or the previous sentence (unless not ``recent``)."""
        names = {s.name for s in suppliers}
        for t in reversed(previous):
            if t.supplier in names and t.recipient:
                return [PartyMention(-1, -1, t.recipient, t.recipient_country)]
        for t in reversed(previous):  # the recipient this system went to before
            if weapon is not None and t.weapon == weapon and t.recipient and t.recipient not in names:
                return [PartyMention(-1, -1, t.recipient, t.recipient_country)]
        if not recent:
            return []
        here = state.sentence_index(sent.start)
        for t in reversed(previous):
            if here - state.sentence_index(t.evidence.start) <= 1 and t.recipient and t.recipient not in names:
                return [PartyMention(-1, -1, t.recipient, t.recipient_country)]
        # Duitsland stuurde daarnaast zes IRIS-T SLM-systemen: in an article about supplies to one country,
        # the one country that received everything before
        counts: dict[tuple[str, Optional[str]], int] = {}
        for t in previous:
            if t.recipient and t.recipient not in names and t.evidence.start < sent.start:
                key = (t.recipient, t.recipient_country)
                counts[key] = counts.get(key, 0) + 1
        if len(counts) == 1:  # every earlier transfer went there, at least twice
            (name, iso), n = next(iter(counts.items()))
            if n >= 2:
                return [PartyMention(-1, -1, name, iso)]
        return []

    def _inherit(self, text: str, state: Extraction, sent: Sentence, cstart: int, cend: int,
                 parties: list[PartyMention], rule: TransferRule, verb_start: int,
                 previous: list[TransferHit]) -> list[TransferHit]:
        """``Het pakket omvat 82 HIMARS-raketwerpers en 420 ATACMS-raketten``: the deal before, item by item."""
        before = sorted((t for t in previous if t.evidence.start < cstart), key=lambda t: t.evidence.start)
        if not before or state.sentence_index(sent.start) - state.sentence_index(before[-1].evidence.start) > 3:
            return []
        deal = before[-1]
        items = self._items(text, state, cstart, cend, parties, rule)
        return [TransferHit(deal.supplier, deal.supplier_country, deal.recipient, deal.recipient_country, name, cls,
                            qty, deal.status, SpanRef(cstart, cend), self._attribution(state, verb_start), rule.id)
                for _w, name, cls, qty in items]

    @staticmethod
    def _participle(verb: str) -> bool:
        # geleverd; verkocht; and separable verbs with ge- after the particle: afgestaan, overgedaan, toegezegd
        return verb.startswith("ge") or verb.endswith("d") or verb in ("verkocht", "verscheept") \
            or bool(_SEPARABLE_PARTICIPLE.match(verb))

    def _pronoun_subject(self, text: str, state: Extraction, ws: list[Word], lo: int, vi: int,
                         parties: list[PartyMention]) -> list[PartyMention]:
        """``ze``/``zij`` as subject: the parties named before it in the sentence (Finland en Polen ... dat ze)."""
        for k, w in enumerate(ws[lo:vi]):
            if w.lower not in ("ze", "zij") and not (w.lower == "het" and self.clauses.het_pronoun(ws, lo + k)):
                continue
            before = self._parties(text, state, ws[:lo + k])
            cands = [p for p in before if not self._after_preposition(text, ws[0].start, p)]
            if w.lower == "het":  # one party, the last subject before it: Teheran ontkent dat het ...
                cands = cands[:1]
            if cands:
                seen = cands
                group = [seen[-1]]
                for p in reversed(seen[:-1]):
                    if re.fullmatch(r"\s*(?:,|en|,\s*en)\s*", text[p.end:group[0].start]):
                        group.insert(0, p)
                    else:
                        break
                moved = [PartyMention(w.start + i * 0, w.end, p.name, p.iso2) for i, p in enumerate(group)]
                return sorted([*moved, *parties], key=lambda p: p.start)
        return parties

    def _parenthetical(self, text, state, sent, ws, lo, hi, vi, parties, status) -> list[TransferHit]:
        """Iran (kamikazedrones) en Noord-Korea (artilleriegranaten) zijn Rusland te hulp gekomen."""
        out = []
        suppliers = []
        for p in parties:
            m = re.match(r"\s*\(([^)]{2,60})\)", text[p.end:p.end + 64])
            if m:
                suppliers.append((p, m.group(1).strip()))
        rest = [p for p in parties if all(p is not s for s, _ in suppliers)]
        if not suppliers or not rest:
            return out
        rec = rest[0]
        ev = SpanRef(ws[lo].start, ws[hi - 1].end)
        for sup, cls in suppliers:
            out.append(TransferHit(sup.name, sup.iso2, rec.name, rec.iso2, None, cls, None, status, ev,
                                   self._attribution(state, ws[vi].start), "tr-te-hulp"))
        return out

    def _relative_antecedent(self, text: str, state: Extraction, ws: list[Word], lo: int):
        """``het Duitse Gepard-luchtdoelgeschut dat ook aan Oekraïne is geleverd``: in a relative clause
        the thing supplied is the phrase the pronoun refers to."""
        if lo < 2 or ws[lo - 1].lower not in ("dat", "die", "welke", "waarvan"):
            return []  # waarvan India er 45 kocht: the MiG-29K before the comma
        if ws[lo - 2].text == ",":  # non-restrictive: de vloot van 52 F-35's, die Nederland ... kocht,
            if lo < 3:
                return []
            end = ws[lo - 3].end
        else:
            end = ws[lo - 2].end
        for w in reversed(state.weapons):
            if w.end <= end and re.fullmatch(r"[\w’'-]*", text[w.end:end]):
                return [(w, w.name, None, self._quantity(state, w.start, w.name, None))]
        return []

    def _items(self, text: str, state: Extraction, start: int, end: int, parties: list[PartyMention],
               rule: TransferRule) -> list[tuple[Optional[WeaponHit], Optional[str], Optional[str], Optional[int]]]:
        """(weapon hit, weapon name, class phrase, quantity index) for each thing supplied in the clause."""
        items = []
        seen_names: set[str] = set()
        for w in state.weapons:
            if not start <= w.start < end or w.name in seen_names:
                continue
            if self.related_re.search(text, max(start, w.start - 30), w.start):
                continue  # het S-400-systeem, de voorganger van de S-500: a system named to describe another
            seen_names.add(w.name)
            items.append((w, w.name, None, self._quantity(state, w.start, w.name, None)))
        if items:
            return items
        for c in state.classes:
            if start <= c.head_start < end and not any(p.start <= c.head_start < p.end for p in parties):
                ref = resolve_class(state, c)
                if ref is not None:
                    name = ref.name_from(state, c.start)
                    return [(ref, name, None, self._quantity(state, c.start, name, None))]
                if c.generic:
                    ante = antecedent_phrase(state, c)
                    if ante is not None:
                        return [(ante, None, ante.text, None)]  # the phrase, so its maker can be found after it
                    continue
                return [(None, None, c.text, self._quantity(state, c.start, None, c.text))]
        return []

    @staticmethod
    def _quantity(state: Extraction, target_start: int, weapon: Optional[str], cls: Optional[str]) -> Optional[int]:
        for i, q in enumerate(state.quantities):
            if q.unit != "item":
                continue
            if q.target_start == target_start or (weapon and q.weapon == weapon and 0 <= target_start - q.end <= 40):
                return i
        return None

    def _status(self, text: str, ws: list[Word], lo: int, hi: int, vi: int, rule: TransferRule) -> str:
        clause_words = [w.lower for w in ws[lo:hi]]
        verb = ws[vi].lower
        before = [w.lower for w in ws[max(lo, vi - 8):vi]]
        # auxiliaries of this verb: before it, or after it up to a comma (not those of a relative clause on
        # the object: tientallen Koksan-houwitsers, die granaten tot 60 kilometer ver kunnen afvuren)
        own_end = next((i for i in range(vi + 1, hi) if ws[i].text == ","), hi)
        own_words = [w.lower for w in ws[lo:own_end]]
        if rule.status != "by_tense":
            status = rule.status
            if rule.recipient == "subject" and "te" in [w.lower for w in ws[max(lo, vi - 2):vi]]:
                # Ottawa overwoog onderzeeërs aan te schaffen; Bogotá weigerde wapens te kopen: the verb governing
                # the infinitive decides
                governing = {w.lower for w in ws[:vi]}
                if governing & self.closed["refuse-verbs"]:
                    status = "denied"
                elif governing & self.closed["consider-verbs"]:
                    status = "considering"
        elif any(w in self.closed["future-auxiliaries"] for w in own_words) and not (
                verb.startswith("ge") and any(w in ("heeft", "hebben", "had", "hadden", "is", "zijn") for w in clause_words)):
            status = "promised"
        elif self._participle(verb) and any(w in self.closed["perfect-auxiliaries"] for w in clause_words):
            status = "delivered"  # a participle with heeft/is/werd: geleverd, ondersteund
        elif verb.endswith("en") and vi > lo and any(w.lower in ("heeft", "hebben", "had", "hadden") for w in ws[lo:vi]) \
                and not (vi + 1 < hi and ws[vi + 1].lower in ("te",)):
            status = "delivered"  # heeft ... ontvangen, hebben ... gekregen: a perfect whose participle ends in -en
        elif verb.endswith(("de", "den", "te", "ten")) or verb in self.closed["irregular-past"]:
            status = "delivered"
        else:
            status = "promised"
        if status not in ("denied",) and any(w in ("niet", "geen", "nooit") for w in before):
            status = "denied"
        if lo >= 2 and ws[lo - 1].lower == "dat" and ws[lo - 2].lower in self.closed["deny-verbs"]:
            status = "denied"  # Peking ontkende dat het raketten aan Rusland levert
        return status

    @staticmethod
    def _attribution(state: Extraction, char: int) -> Optional[int]:
        for i, a in enumerate(state.attributions):
            if a.content is not None and a.content.start <= char < a.content.end:
                return i
        return None

    def _dedupe(self, state: Extraction, transfers: list[TransferHit]) -> list[TransferHit]:
        """One record per (supplier, recipient, weapon) per sentence (``merge: sentence``, each statement
        keeps its own evidence) or per article (``merge: article``); merged records keep the most
        definite status, and a quantity and attribution if any of them has one."""
        out: dict[tuple, TransferHit] = {}
        for t in transfers:
            scope = state.sentence_index(t.evidence.start) if self.merge == "sentence" else 0
            key = ((t.supplier or "").lower(), (t.recipient or "").lower(), (t.weapon or t.weapon_class or "").lower(),
                   scope)
            if not t.supplier:
                match = next((k for k in out if k[1:] == key[1:]), None)
                if match is not None:
                    key = match
            old = out.get(key)
            if old is None:
                out[key] = t
                continue
            if STATUS_RANK[t.status] > STATUS_RANK[old.status] and t.status != "denied":
                old.status = t.status
            if old.quantity is None:
                old.quantity = t.quantity
            if old.attribution is None:
                old.attribution = t.attribution
        return list(out.values())


@Language.factory(
    "wapenradar_transfers",
    default_config={"patterns_dir": None, "merge": "article"},
    requires=["doc._.wapenradar"],
    assigns=["doc._.wapenradar"],
)
def make_transfer_extractor(nlp: Language, name: str, patterns_dir: Optional[str], merge: str) -> TransferExtractor:
    return TransferExtractor(nlp, name, patterns_dir=patterns_dir, merge=merge)
