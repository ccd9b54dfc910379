"""Quantity extractor: numbers about weapons, with approximator, unit, measure, target and owner.

Steps per number found in the body (digits, number words, vague amounts):

1. read the approximator before it and a range or unit after it
   (``bijna 2.300``, ``35 tot 50 kilo``, ``tussen 300 en 400 kilometer``);
2. drop what is not about weapons: years, dates, clock times, durations,
   counts of people, places and attacks (``patterns/quantities.jsonl``);
3. find what it counts or measures: a weapon or class noun right after a
   count (``zes F-16’s``, ``479 drones``, ``2400 van deze drones``), the thing
   counted just before for an elliptical count (``nog maar 59 over``), and
   for a measurement the phrase the clause is about (``Deze drone ... 35 tot
   50 kilo``); a count with no such target is not kept;
4. decide the measure from the strongest cue in the sentence (``geleverd``,
   ``neergehaald``, ``bereik``), and the owner from the parties named.
"""
from __future__ import annotations

import re
from typing import Literal, Optional

from pydantic import BaseModel
from spacy.language import Language
from spacy.tokens import Doc

from .component import PatternComponent
from .patterns import Regex
from .dutch import Closed, WordList, alternation
from .gazetteer import CountryEntry, Gazetteer, OrganizationEntry
from .numbers import DIGITS, MULTIPLIER, NUMBER_WORD, parse_number, parse_word
from .reference import last_weapon_before, mentions_in, resolve_class, weapon_of
from .state import ClassHit, Extraction, QuantityHit, Sentence, WeaponHit


class QuantityRule(BaseModel):
    id: str
    kind: Literal["approx", "range_frame", "range_sep", "vague", "vague_prefix", "tal", "unit", "unit_prefix",
                  "not_counted", "elliptical", "elliptical_before", "target_before", "measure", "measure_before",
                  "cost_context", "fraction", "share_whole"]
    phrases: list[str] = []
    regex: Optional[Regex] = None
    approx: Optional[str] = None
    unit: Optional[str] = None
    measure: Optional[str] = None
    low: Optional[float] = None
    high: Optional[float] = None
    value: Optional[float] = None  # a fraction's percentage (de helft: 50)
    priority: int = 0
    units: list[str] = []
    note: str = ""



COUNT_UNITS = ("item",)
# after a class noun, what may stand before the system it names (``met`` only for a system's units)
_NAMED_AFTER = re.compile(r"\s+(?:van\s+(?:het\s+type\s+|de\s+|het\s+)|voor\s+(?:het|de)\s+|(?P<met>met\s+)|(?P<direct>(?=[A-Z])))")
# a phrase naming a system, then `met` and maybe other counted parts: THAAD-batterijen met 44 ... en
_PARTS_BEFORE = re.compile(r"(\S+)\s+met\s+(?:[^.;:,]{0,60}?\s+en\s+)?$")
LENGTH_UNITS = ("km", "m", "mi", "nmi")
Target = tuple[Optional[WeaponHit], Optional[ClassHit], str]
# after a weapon or class phrase: a relative pronoun, maybe after a `van X` modifier
_RELATIVE = re.compile(r"(?:\s+van\s+[\w’'-]+(?:\s+[\w’'-]+)?)?\s*,?\s*(?:die|dat|waarmee|waarvan|welke)\b")
_SHARE_OF = re.compile(r"\s+van\s+(?:de|het|zijn|haar|hun)?\s*\w+")
_DIMENSION = re.compile(r"\s+(?:breed|lang|hoog|diep|dik|wijd|ver\s+weg)\b")
_SUSPENDED = re.compile(r"-\s+(?:en|of)\s+")  # Javelin- en TOW-antitankraketten
QUOTE_MARKS = "‘’“”„\"'«»"
_GAP_WORD = re.compile(r"[a-zà-ÿ][\w’'-]*|[A-Z][a-zà-ÿë]+(?:se|sche|e)|van|deze|die|de|het|dit")


class QuantityExtractor(PatternComponent):
    FILES = {"quantities.jsonl": QuantityRule, "dutch.jsonl": WordList, "countries.jsonl": CountryEntry,
             "organizations.jsonl": OrganizationEntry}

    def _compile(self) -> None:
        rules: list[QuantityRule] = self.data["quantities.jsonl"]
        by_kind: dict[str, list[QuantityRule]] = {}
        for r in rules:
            by_kind.setdefault(r.kind, []).append(r)
        self.closed = Closed(self.data["dutch.jsonl"])
        # a price of the deal or system talked about just before: de order kost, elke onderschepping kost
        self.deal_re = re.compile(rf"\b(?:de|het|deze|die|dat|dit|elke|iedere)\s+(?:\w+\s+){{0,2}}?(?:{self.closed.alternation('deal-nouns')})\b"
                                  rf"|\bper\s+(?:{self.closed.alternation('unit-nouns')})\b", re.I)
        self.gazetteer = Gazetteer(self.data["countries.jsonl"], self.data["organizations.jsonl"])

        self.vague = {p.lower(): r for r in by_kind.get("vague", []) for p in r.phrases}
        vague = alternation(list(self.vague))
        self.fractions = {p.lower(): r for r in by_kind.get("fraction", []) for p in r.phrases}
        # what must follow a fraction for it to be one (een derde daarvan, not een derde Patriot-batterij)
        self.fraction_follow = {r.id: re.compile(r.regex, re.I) for r in by_kind.get("fraction", []) if r.regex}
        fraction = rf"(?P<fraction>{alternation(list(self.fractions))})|" if self.fractions else ""
        wholes = [p for r in by_kind.get("share_whole", []) for p in r.phrases]
        # de helft van het totaal, van de voorraad: a share of what was counted before, not of something else
        self.share_whole_re = re.compile(rf"\s+van\s+(?:de|het|zijn|haar|hun)\s+(?:{alternation(wholes)})\b", re.I) \
            if wholes else None
        tal = by_kind.get("tal", [])
        self.tal_rule = tal[0] if tal else None
        tal_re = rf"|(?:een\s+)?(?P<tal>{NUMBER_WORD})tal" if tal else ""
        self.core_re = re.compile(
            # after an opening quote only a number word ('tientallen' raketten), not digits ('90, F-16's)
            rf"(?:(?<![\w.,’'-])|(?<=\s['‘’\"„“])(?!\d))(?:{fraction}(?P<vague>{vague})|(?P<digits>{DIGITS}){tal_re}|(?P<word>{NUMBER_WORD}))"
            rf"(?:\s+(?P<mult>{MULTIPLIER}))?(?![\w-]|[.,]\d)", re.I)
        vp = [p for r in by_kind.get("vague_prefix", []) for p in r.phrases]
        self.vague_prefix_re = re.compile(rf"(?:^|(?<=\s))(?:{alternation(vp)})\s+$", re.I) if vp else None
        self.target_before = [(r.id, re.compile(r.regex, re.I)) for r in by_kind.get("target_before", []) if r.regex]

        self.approx_phrases = {p.lower(): r for r in by_kind.get("approx", []) for p in r.phrases}
        self.approx_re = re.compile(rf"(?:^|(?<=[\s(„“‘\"']))(?P<a>{alternation(list(self.approx_phrases))})\s+$", re.I)
        self.approx_regexes = [(r, re.compile(r.regex + r"\s+$", re.I)) for r in by_kind.get("approx", []) if r.regex]
        seps = alternation([p for r in by_kind.get("range_sep", []) for p in r.phrases])
        self.range_re = re.compile(rf"\s*(?:{seps})\s*")
        self.range_id = by_kind["range_sep"][0].id if by_kind.get("range_sep") else "range"
        frames = alternation([p for r in by_kind.get("range_frame", []) for p in r.phrases])
        self.frame_re = re.compile(rf"(?:^|(?<=\s))(?:{frames})\s+$", re.I) if frames else None

        self.units = {p: r for r in by_kind.get("unit", []) for p in r.phrases}
        self.money_units = {r.unit for r in by_kind.get("unit", []) if r.measure == "cost"}
        self.unit_re = re.compile(rf"\s*(?P<u>{alternation(list(self.units))})(?![\w/])")
        self.prefix_units = {p: r for r in by_kind.get("unit_prefix", []) for p in r.phrases}
        self.prefix_re = re.compile(rf"(?P<u>{alternation(list(self.prefix_units))})\s*$") if self.prefix_units else None

        not_counted = [p for r in by_kind.get("not_counted", []) for p in r.phrases]
        self.not_counted_re = re.compile(
            rf"\s+(?:[a-zà-ÿ]+e\s+)?(?:{alternation(not_counted)})(?![\w])", re.I) if not_counted else None
        self.elliptical = [(r.id, re.compile(r.regex, re.I)) for r in by_kind.get("elliptical", []) if r.regex]
        self.elliptical_before = [(r.id, re.compile(r.regex, re.I)) for r in by_kind.get("elliptical_before", []) if r.regex]
        self.measures = [(r, re.compile(r.regex, re.I)) for r in by_kind.get("measure", []) if r.regex]
        # all measure cues as one alternation, strongest first where two start at the same word
        order = sorted(range(len(self.measures)), key=lambda i: -self.measures[i][0].priority)
        branches = "|".join(f"(?P<m{i}>{self.measures[i][0].regex})" for i in order)
        # When every cue starts at a word boundary, test that once per position instead of once per branch:
        # Python's re tries each branch at each character, and this halves the time of the scan.
        guard = r"(?<!\w)(?=\w)" if all(r.regex.startswith(r"\b") for r, _ in self.measures) else ""
        self.measure_re = re.compile(f"{guard}(?:{branches})", re.I)
        self.measures_before = [(r, re.compile(r.regex)) for r in by_kind.get("measure_before", []) if r.regex]
        costs = [re.compile(r.regex, re.I) for r in by_kind.get("cost_context", []) if r.regex]
        self.cost_re = costs[0] if costs else None

    # -- run --------------------------------------------------------------------------------
    def process(self, doc: Doc, state: Extraction) -> None:
        text = state.text
        out: list[QuantityHit] = []
        cues: dict = {}
        taken_until = -1
        for m in self.core_re.finditer(text, state.body_start):
            if m.start() < taken_until:
                continue
            q = self._read(text, m, state)
            if q is None:
                continue
            sent = state.sentence_at(q.start)
            if sent is None or state.skipped(q.start, q.end):
                continue
            target = self._target(text, state, q, sent, out)
            if target is None:
                continue
            weapon, cls, how = target
            q.weapon = weapon.name_from(state, q.start) if weapon else None
            q.weapon_class = None if weapon or cls is None else cls.text
            q.target_start = (weapon or cls).start if (weapon or cls) else -1
            q.pattern += f"+{how}"
            if q.measure == "other" or q.unit in COUNT_UNITS or q.unit == "percent":
                q.measure = self._measure(text, q, sent, cues)
            q.owner = self._owner(text, state, q, sent, out)
            out.append(q)
            taken_until = q.end
        state.quantities = out

    # -- reading the number -----------------------------------------------------------------
    def _read(self, text: str, m: re.Match, state: Extraction) -> Optional[QuantityHit]:
        start, end = m.start(), m.end()
        if any(w.start <= start < w.end for w in state.weapons):
            return None  # a numeral inside a designation: F-16, PzH 2000
        pattern = "number"
        low = high = value = None
        approx = "exact"
        if m.group("fraction"):
            rule = self.fractions[re.sub(r"\s+", " ", m.group("fraction").lower())]
            if rule.id in self.fraction_follow and not self.fraction_follow[rule.id].match(text, end):
                return None  # een derde Patriot-batterij: an ordinal
            approx, start, pattern = self._approx(text, start, rule.id)
            return QuantityHit(start, end, text[start:end], rule.value, None, None, approx, "percent", pattern=pattern)
        if m.group("vague"):
            rule = self.vague[m.group("vague").lower()]
            low, high, approx, pattern = rule.low, rule.high, "vague", rule.id
            vp = self.vague_prefix_re.search(text, max(0, start - 14), start) if self.vague_prefix_re else None
            if vp:
                start = vp.start()  # enkele tientallen
        elif m.group("tal") and self.tal_rule is not None:
            value = parse_word(m.group("tal"))
            if value is None:
                return None
            approx, pattern = self.tal_rule.approx or "about", self.tal_rule.id
        else:
            value = parse_number(m.group("digits") or m.group("word"), m.group("mult"))
            if value is None:
                return None
            # a range: 35 tot 50, tussen 300 en 400
            frame = self.frame_re.search(text, max(0, start - 12), start) if self.frame_re else None
            second = None
            sep = re.compile(r"\s+en\s+") if frame else self.range_re
            sm = sep.match(text, end)
            if sm:
                second = self.core_re.match(text, sm.end())
            if second and not second.group("vague") and not second.group("tal"):
                v2 = parse_number(second.group("digits") or second.group("word"), second.group("mult"))
                if v2 is not None and second.group("mult") and not m.group("mult"):
                    value = parse_number(m.group("digits") or m.group("word"), second.group("mult"))  # 7 tot 9 miljard
                if v2 is not None and value is not None and v2 > value:
                    low, high, value, approx = value, v2, None, "range"
                    end = second.end()
                    pattern = frame and "range-tussen" or self.range_id
                    if frame:
                        start = frame.start()
        unit, unit_rule = "item", None
        um = self.unit_re.match(text, end)
        if um:
            unit_rule = self.units[um.group("u")]
            unit, end = unit_rule.unit, um.end()
        elif self.prefix_re is not None:
            pm = self.prefix_re.search(text, max(0, start - 8), start)
            if pm:
                unit_rule = self.prefix_units[pm.group("u")]
                unit, start = unit_rule.unit, pm.start()
        if self._not_a_quantity(text, m, end, unit_rule is not None, value):
            return None
        if approx == "exact":
            approx, start, pattern = self._approx(text, start, pattern)
        elif approx == "about" and self.approx_re.search(text[max(0, start - 40):start]):
            _a, start, pattern = self._approx(text, start, pattern)  # ongeveer een twintigtal
        q = QuantityHit(start, end, text[start:end], value, low, high, approx, unit, pattern=pattern)
        if unit_rule is not None:
            q.pattern += f"+{unit_rule.id}"
            q.measure = unit_rule.measure or "other"
        return q

    def _approx(self, text: str, start: int, pattern: str) -> tuple[str, int, str]:
        before = text[max(0, start - 40):start]
        am = self.approx_re.search(before)
        if am:
            rule = self.approx_phrases[re.sub(r"\s+", " ", am.group("a").lower())]
            return rule.approx or "exact", start - len(before) + am.start("a"), f"{rule.id}+{pattern}"
        for rule, rx in self.approx_regexes:
            rm = rx.search(before)
            if rm:
                return rule.approx or "exact", start - len(before) + rm.start(), f"{rule.id}+{pattern}"
        return "exact", start, pattern

    def _not_a_quantity(self, text: str, m: re.Match, end: int, has_unit: bool, value: Optional[float]) -> bool:
        if has_unit:
            return False
        digits = m.group("digits")
        if digits and len(digits) == 4 and digits.isdigit() and 1800 <= int(digits) <= 2100:
            return True  # a year
        if self.not_counted_re is not None and self.not_counted_re.match(text, end):
            return True
        return False

    # -- what it counts -----------------------------------------------------------------------
    def _target(self, text: str, state: Extraction, q: QuantityHit, sent: Sentence,
                previous: list[QuantityHit]) -> Optional[Target]:
        if q.unit in COUNT_UNITS and not q.pattern.endswith("unit-stuks"):
            t = self._counted_after(text, state, q, sent, previous) or self._counted_before(text, state, q, sent)
            if t is not None:
                return t
            if self._elliptical(text, q):
                return self._partitive_before(text, state, q, sent) or self._previous_target(state, q, previous) \
                    or self._last_mention(state, q, sent)
            return None
        if q.unit == "percent":
            t = self._counted_after(text, state, q, sent, previous)
            if t is None and _SHARE_OF.match(text, q.end) and not (
                    self.share_whole_re is not None and self.share_whole_re.match(text, q.end)):
                return None  # 4 procent van het bbp: a share of something that is not a weapon
            return t or self._previous_target(state, q, previous)
        t = self._measured(text, state, q, sent)
        if t is None and q.unit in self.money_units and self.cost_re is not None \
                and self.cost_re.search(text, sent.start, sent.end):
            return None, None, "cost-context"
        return t

    def _counted_after(self, text: str, state: Extraction, q: QuantityHit, sent: Sentence,
                       previous: list[QuantityHit] = ()) -> Optional[Target]:
        """A weapon or class noun that the number modifies: zes F-16’s, 2400 van deze drones."""
        for mention in mentions_in(state, q.end, min(sent.end, q.end + 80)):
            gap = [w for w in (x.strip(QUOTE_MARKS) for x in text[q.end:mention.start].split()) if w]
            if len(gap) == 2 and gap[1] in ("met", "vol") and gap[0].islower() and isinstance(mention, ClassHit):
                carrier = ClassHit(q.end + 1, mention.end, mention.head_start, text[q.end:mention.end].strip(),
                                   mention.group, mention.category, False, False, mention.pattern)
                return None, carrier, "counted-carrier"  # 13.000 containers met munitie
            longest = 5 if gap and gap[0].lower() == "van" else 4  # de helft van de ruim 80 toegezegde F-16's
            if len(gap) > longest or not all(self._gap_ok(w, k, gap) for k, w in enumerate(gap)):
                return None
            if isinstance(mention, WeaponHit) and _SUSPENDED.match(text, mention.end):
                # duizenden Javelin- en TOW-antitankraketten: several systems, counted as a class
                last = next((c for c in state.classes if c.head_start > mention.end), None)
                if last is not None and last.end - mention.start < 80:
                    return None, ClassHit(mention.start, last.end, last.head_start, text[mention.start:last.end],
                                          last.group, last.category, False, False, last.pattern), "counted-after"
            if isinstance(mention, WeaponHit):
                return mention, None, "counted-after"
            # de vier fregatten van de De Zeven Provinciën-klasse: a type named after the noun wins over an antecedent
            named, cls = self._of_type(text, state, mention)
            if named is not None:
                return named, None, "counted-after"
            both = self._coordinated(text, state, mention)
            if both is not mention:  # ruim 100 vliegtuigen en helikopters: two classes, no one system
                return None, both, "counted-after"
            if self._listed_after(text, state, mention):  # zestien ballistische raketten, acht Kinzjals en
                return None, mention, "counted-after"        # acht Iskander-M's: several systems, one class
            same = self._same_count(state, q, mention, previous)
            if same is not None:  # De elf lanceerinrichtingen after `de eerste elf HIMARS-raketwerpers`
                return same, None, "counted-after+same-count"
            weapon = resolve_class(state, mention)
            if weapon is not None:
                return weapon, mention, "counted-after"
            whole = self._whole_before(text, state, q)
            if whole is not None:  # zeven THAAD-batterijen met 44 lanceerinrichtingen: parts of the THAAD
                return whole, mention, "counted-after+part-of"
            return None, self._coordinated(text, state, cls) if cls else None, "counted-after"
        return None

    @staticmethod
    def _listed_after(text: str, state: Extraction, mention: ClassHit) -> bool:
        """A class phrase followed by an apposition that names two or more systems."""
        m = re.match(r",([^,.;:]*(?:,[^,.;:]*)?)[,.;:]", text[mention.end:mention.end + 120])
        if not m:
            return False
        lo, hi = mention.end + 1, mention.end + m.end(1)
        return len({w.name for w in state.weapons if lo <= w.start < hi}) >= 2

    @staticmethod
    def _same_count(state: Extraction, q: QuantityHit, mention: ClassHit,
                    previous: list[QuantityHit]) -> Optional[WeaponHit]:
        """A definite counted phrase refers to what was counted with the same number shortly before."""
        if not mention.anaphoric or q.value is None:
            return None
        here = state.sentence_index(q.start)
        for p in reversed(previous):
            if here - state.sentence_index(p.start) > 3:
                break
            if p.value == q.value and p.weapon and p.unit == q.unit:
                return next((w for w in state.weapons if w.name == p.weapon and w.start >= p.target_start), None)
        return None

    def _counted_before(self, text: str, state: Extraction, q: QuantityHit, sent: Sentence) -> Optional[Target]:
        """``de voorraad Iskanders wordt op 600 geschat``: the phrase before `op` is what is counted."""
        before = text[max(sent.start, q.start - 12):q.start]
        if not any(rx.search(before) for _id, rx in self.target_before):
            return None
        clause_start = max(text.rfind(",", sent.start, q.start), sent.start)
        mentions = mentions_in(state, clause_start, q.start)
        if not mentions:
            return None
        return (*weapon_of(state, mentions[-1]), "counted-before")

    def _partitive_before(self, text: str, state: Extraction, q: QuantityHit, sent: Sentence) -> Optional[Target]:
        """``Van die toestellen zijn er twaalf geleverd``, ``Ook van de K9 nam Polen er 200 in ontvangst``:
        the phrase after `van` earlier in the sentence is what an elliptical number counts."""
        for mention in reversed(mentions_in(state, sent.start, q.start)):
            # Van die toestellen; Van de zestien ballistische raketten (the number of the whole may stand between)
            if re.search(r"\b[Vv]an\s+(?:de|het|die|deze|dit|dat)?\s*(?:[\w.]+\s+)?$",
                         text[max(sent.start, mention.start - 30):mention.start]):
                weapon, cls = weapon_of(state, mention)
                return weapon, cls, "partitive-before"
        return None

    def _gap_ok(self, word: str, k: int, gap: list[str]) -> bool:
        """Whether a word may stand between a number and what it counts (gap[k] is ``word``)."""
        low = word.lower()
        if k >= 2 and gap[0].lower() == "van" and gap[1].lower() in ("de", "het", "die", "deze") and \
                re.fullmatch(r"\d[\d.]*", word):
            return True  # 148 van de 212 houwitsers: the whole the part is taken from
        if k == len(gap) - 1 and low.endswith(("de", "te")) and low in self.closed["finite-verbs"]:
            return True  # 212 bestelde houwitsers: a past form right before the noun is a participle adjective
        if not _GAP_WORD.fullmatch(word):
            return False
        bad = ("prepositions", "finite-verbs", "auxiliaries", "coordinators", "subordinators")
        return low in ("van", "deze", "die", "de", "het", "dit") or not any(low in self.closed[b] for b in bad)

    def _of_type(self, text: str, state: Extraction, cls: ClassHit) -> tuple[Optional[WeaponHit], Optional[ClassHit]]:
        """``tanks van het type M1A2`` names the system; ``van het type Javelin en TOW`` names two (a class)."""
        # ... van de Walrus-klasse; lanceerinrichtingen voor het NASAMS-systeem; tien batterijen van het
        # Zuid-Koreaanse luchtverdedigingssysteem Cheongung; drie batterijen met BrahMos-raketten
        pos = self._named_after(text, state, cls)
        if pos is None:
            return None, cls
        named = []
        for w in state.weapons:
            if w.start == pos:
                named.append(w)
                nxt = re.match(r"\s+(?:en|of)\s+|,\s*", text[w.end:w.end + 6])
                if not nxt:
                    break
                pos = w.end + nxt.end()
        if len(named) == 1:
            return named[0], None
        if named:
            return None, ClassHit(cls.start, named[-1].end, cls.head_start, text[cls.start:named[-1].end],
                                  cls.group, cls.category, False, False, cls.pattern)
        return None, cls

    def _whole_before(self, text: str, state: Extraction, q: QuantityHit) -> Optional[WeaponHit]:
        """``zeven THAAD-batterijen met 44 lanceerinrichtingen en 360 onderscheppingsraketten``: numbers after
        `met` count the parts of the system whose units the phrase before names (not `F-16's met raketten`)."""
        m = _PARTS_BEFORE.search(text, max(0, q.start - 120), q.start)
        if not m or not m.group(1).lower().endswith(tuple(self.closed["system-units"])):
            return None
        return next((w for w in state.weapons if m.start(1) <= w.start < m.end(1)), None)

    def _named_after(self, text: str, state: Extraction, cls: ClassHit) -> Optional[int]:
        """Where the system named after a class noun starts: ``van het type X``, ``van de X``, ``voor het X``,
        ``van het Zuid-Koreaanse luchtverdedigingssysteem X``, and for the units of a system (batterijen,
        lanceerinrichtingen) ``met X`` or X right after them; None when none is named there."""
        m = _NAMED_AFTER.match(text, cls.end)
        unit_only = m is not None and (m.group("met") is not None or m.group("direct") is not None)
        if not m or (unit_only and text[cls.head_start:cls.end].lower() not in self.closed["system-units"]):
            return None  # vier batterijen Pinaka-raketwerpers, drie batterijen met BrahMos-raketten: units only
        if m.group("direct") is not None:
            return m.end() if any(w.start == m.end() for w in state.weapons) else None
        starts = {w.start for w in state.weapons if cls.end < w.start <= cls.end + 80}
        if not starts:
            return None
        pos = m.end()
        for _ in range(3):  # up to two words between: an adjective, a class noun
            if pos in starts:
                return pos
            w = re.match(r"[\w-]+\s+", text[pos:pos + 40])
            if not w or not (w.group()[0].islower() or w.group().rstrip().endswith(("se", "e"))):
                return None
            pos += w.end()
        return pos if pos in starts else None

    def _coordinated(self, text: str, state: Extraction, cls: ClassHit) -> ClassHit:
        """``moderne kruisraketten en grondraketten``: one class phrase."""
        for other in state.classes:
            if other.head_start > cls.end and re.fullmatch(r"\s+(?:en|of)\s+", text[cls.end:other.start]):
                return ClassHit(cls.start, other.end, cls.head_start, text[cls.start:other.end], cls.group,
                                cls.category, cls.generic, cls.anaphoric, cls.pattern)
        return cls

    def _elliptical(self, text: str, q: QuantityHit) -> bool:
        after = text[q.end:q.end + 30]
        before = text[max(0, q.start - 50):q.start]  # er tussen 2009 en 2016 in totaal 45
        return any(rx.match(after) for _id, rx in self.elliptical) or any(
            rx.search(before) for _id, rx in self.elliptical_before)

    @staticmethod
    def _last_mention(state: Extraction, q: QuantityHit, sent: Sentence) -> Optional[Target]:
        """``Ook Nederland stuurde PzH 2000's. Uit Nederlandse voorraden gingen er acht naar Oekraïne``: with
        no number before it, an elliptical number counts the last weapon named in its sentence or the one
        before."""
        i = state.sentence_index(sent.start)
        lo = state.sentences[i - 1].start if i > 0 else sent.start
        mentions = mentions_in(state, lo, q.start)
        if not mentions:
            return None
        return (*weapon_of(state, mentions[-1]), "elliptical-antecedent")

    @staticmethod
    def _previous_target(state: Extraction, q: QuantityHit, previous: list[QuantityHit]) -> Optional[Target]:
        here = state.sentence_index(q.start)
        for p in reversed(previous):
            if here - state.sentence_index(p.start) > 2:
                break
            if p.unit in COUNT_UNITS and (p.weapon or p.weapon_class):
                weapon = next((w for w in state.weapons if w.name == p.weapon and w.start <= p.target_start + 60), None)
                cls = None if weapon else ClassHit(p.target_start, p.target_start, p.target_start,
                                                   p.weapon_class or "", "any", None, False, False, "previous")
                if p.weapon and weapon is None:
                    return None
                return weapon, cls, "elliptical"
        return None

    def _measured(self, text: str, state: Extraction, q: QuantityHit, sent: Sentence) -> Optional[Target]:
        """What a length, weight, speed or price is about."""
        before = mentions_in(state, sent.start, q.start)
        # 1. a relative clause: de YJ-18 waarmee ..., de pantserhouwitsers die ..., systeem van X, dat ...
        for mention in reversed(before):
            word_end = re.compile(r"[\w’'-]*").match(text, mention.end).end()  # HIMARS-raketwerpers, die
            if _RELATIVE.match(text, word_end):
                return (*weapon_of(state, mention), "relative-antecedent")
        # 2. the first weapon or class phrase of the quantity's clause, else of the sentence (its subject)
        first = text[sent.start:sent.end].split(None, 1)[0].lower() if text[sent.start:sent.end].strip() else ""
        if first in ("die", "deze", "ze", "zij") and q.unit not in self.money_units \
                and (not before or before[0].start > sent.start + len(first) + 1):
            weapon = last_weapon_before(state, sent.start, sentences=2)
            if weapon is not None:
                return weapon, None, "pronoun-subject"  # Die kunnen granaten tot op 50 kilometer verschieten
        clause_start = max(text.rfind(", ", sent.start, q.start), text.rfind("; ", sent.start, q.start))
        in_clause = [m for m in before if m.start > clause_start] if clause_start >= 0 else []
        if in_clause:
            return (*weapon_of(state, in_clause[0]), "clause-subject")
        if before:
            return (*weapon_of(state, before[0]), "sentence-subject")
        after = mentions_in(state, q.end, sent.end)
        if after and not re.search(r"[,;:]", text[q.end:after[0].start]):
            return (*weapon_of(state, after[0]), "following")
        # 3. a pronoun subject (Ze, Het, Die) or a range/payload said of something: the weapon talked
        #    about just before; never for money, whose sentence must name what it pays for
        if q.unit in self.money_units:
            if not self.deal_re.search(text, sent.start, sent.end):
                return None  # money names what it pays for, or is about no weapon
        if _DIMENSION.match(text, q.end):
            return None  # zo'n 130 kilometer breed: a width or length said of a place, not of a weapon
        if q.unit in self.money_units or q.unit in COUNT_UNITS or first in self.closed["discourse-subjects"] \
                or self._range_or_payload(text, sent):
            weapon = last_weapon_before(state, sent.start, sentences=2)
            if weapon is not None:
                return weapon, None, "discourse"
        return None

    def _range_or_payload(self, text: str, sent: Sentence) -> bool:
        return any(rule.measure in ("range", "payload") and rx.search(text, sent.start, sent.end)
                   for rule, rx in self.measures)

    # -- measure and owner ------------------------------------------------------------------
    def _measure(self, text: str, q: QuantityHit, sent: Sentence, cues: dict) -> str:
        before = text[max(sent.start, q.start - 30):q.start]
        for rule, rx in self.measures_before:
            if rx.search(before):
                return rule.measure or "other"
        found = cues.get(sent.start)
        if found is None:  # every cue of the sentence, in one pass, once for all its numbers
            found = cues[sent.start] = [(self.measures[int(m.lastgroup[1:])][0], m.start(), m.end())
                                        for m in self.measure_re.finditer(text, sent.start, sent.end)]
        best: Optional[tuple[int, int, str]] = None
        measured = q.unit not in COUNT_UNITS and q.unit != "percent"
        for rule, s, e in found:
            if (rule.units and q.unit not in rule.units) or (measured and not rule.units):
                continue  # a length, weight or speed is a range, a payload or `other`, never a stock
            dist = q.start - e if e <= q.start else s - q.end
            key = (-rule.priority, max(dist, 0), rule.measure or "other")
            if best is None or key < best:
                best = key
        if best is not None:
            return best[2]
        if q.unit in LENGTH_UNITS or q.unit in ("kg", "ton", "km/h", "mach"):
            return "other"
        return "stock" if q.unit in COUNT_UNITS else "other"

    def _owner(self, text: str, state: Extraction, q: QuantityHit, sent: Sentence,
               previous: list[QuantityHit]) -> Optional[str]:
        """Who holds, fires or receives what is counted: a best guess from the parties in the sentence."""
        if q.measure in ("range", "payload", "other", "cost") and q.unit not in COUNT_UNITS:
            return None
        parties = [h for h in self.gazetteer.hits_in(state, sent.start, sent.end)
                   if h.party.kind == "country" and h.party.role != "adjective" and not state.skipped(h.start, h.end)
                   and not re.search(r"\b(?:[Vv]olgens|aldus)\s+$", text[max(0, h.start - 9):h.start])]
        if q.measure in ("delivered", "promised"):
            for h in parties:
                if re.search(r"\b(?:aan|naar|voor)\s+(?:de\s+|het\s+)?$", text[max(0, h.start - 10):h.start]):
                    return h.party.name
        if q.measure in ("destroyed",):
            for p in reversed(previous):
                if p.owner and p.measure == "used":
                    return p.owner
        if parties:
            return parties[0].party.name
        for p in reversed(previous):
            if p.owner and (p.weapon == q.weapon if q.weapon else p.weapon_class == q.weapon_class):
                return p.owner
        return None


@Language.factory(
    "wapenradar_quantities",
    default_config={"patterns_dir": None},
    requires=["doc._.wapenradar"],
    assigns=["doc._.wapenradar"],
)
def make_quantity_extractor(nlp: Language, name: str, patterns_dir: Optional[str]) -> QuantityExtractor:
    return QuantityExtractor(nlp, name, patterns_dir=patterns_dir)
