"""Weapon recogniser: named systems from the lexicon, unknown designations, class nouns.

Matching runs on characters, not tokens, because the contract's spans cut
inside tokens (``Kalibr`` in ``Kalibr-voorraad``, ``F-16`` in
``F-16-piloten``) and keep plural/possessive endings (``Shahed-136’s``).

* lexicon names: one trie regex over every alias and generated spelling;
* ambiguous names (``requires_context`` entries and bare context aliases such
  as ``Leopard``) count only with military context: a class-noun compound
  (``Patriot-systemen``), ``van het type``, a military sentence next to it, or
  another accepted mention of the same system in the article;
* unknown designations (``ZT-180``, ``Hwasong-20``) count when a class noun
  stands right before them or forms a compound with them (``X-raketten``);
* class nouns (``kruisraketten``, ``deze drone``) are recorded for the
  quantity and transfer components.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from .component import PatternComponent
from .dutch import Closed, WordList, has_pos, pos_at
from .lexicon import ContextAlias, WeaponClass, WeaponEntry, WeaponRule, surface_forms, trie_regex
from .numbers import DIGITS, MULTIPLIER, NUMBER_WORD
from .patterns import PatternError
from .state import ClassHit, Extraction, WeaponHit

# plural, possessive plural, diminutive: Kalibrs, F-16's, Shahed-136’s, Patriotje
INFLECTION = r"(?P<infl>['’]s|s|es|en|['’]?tjes?|['’]?jes?)?"  # es: Tauruses
# Words between a determiner and its class noun: numbers, adjectives, `andere`.
_MODIFIER = re.compile(r"^(?:[a-zà-ÿ]+(?:e|en|s)|andere|\d[\d.,]*|[a-zà-ÿ]+)$")
_CAP_ADJECTIVE = re.compile(r"[A-ZÀ-Þ][a-zà-ÿ-]+(?:e|s)")  # Israëlische, Amerikaans
NUMBER_RE = re.compile(rf"^(?:{DIGITS}|{NUMBER_WORD}|{MULTIPLIER}|tientallen|honderden|duizenden|bijna|ruim|circa|ongeveer"
                       r"|meer|minder|veel|vele|weinig)$")  # quantifiers too: (een rustige dag) meer granaten
_INFLECTION_END = re.compile(INFLECTION + "$")
UNKNOWN_CATEGORY_BY_GROUP = {
    "drone": "drone", "aircraft": "aircraft", "helicopter": "helicopter", "tank": "tank",
    "vehicle": "armored_vehicle", "artillery": "artillery", "ship": "naval_vessel",
    "air_defense": "air_defense", "ammunition": "ammunition", "small_arms": "small_arms",
}


def model_name(name: str, alias: str, variant_res: list[re.Pattern]) -> Optional[str]:
    """The alias itself when it is the system's name plus a model code (``F-35A``, ``Gripen E``), else None."""
    if len(alias) <= len(name) or alias[:len(name)].lower() != name.lower():
        return None
    rest = alias[len(name):]
    return name + rest if any(rx.match(rest) for rx in variant_res) else None


def _model_id(entry: WeaponEntry, model: str) -> str:
    """``f-35-a`` for the model F-35A of entry ``f-35``."""
    return f"{entry.id}-{model[len(entry.name):].strip(' -').lower()}"


class WeaponRecognizer(PatternComponent):
    FILES = {
        "weapons.jsonl": WeaponEntry,
        "weapon_context_aliases.jsonl": ContextAlias,
        "weapon_classes.jsonl": WeaponClass,
        "weapon_rules.jsonl": WeaponRule,
        "dutch.jsonl": WordList,
    }

    def __init__(self, nlp: Language, name: str, *, patterns_dir: Optional[str] = None,
                 unknown_designations: bool = True, spans_key: str = "weapons") -> None:
        self.unknown_designations = unknown_designations
        self.spans_key = spans_key
        super().__init__(nlp, name, patterns_dir=patterns_dir)

    # -- compile ----------------------------------------------------------------------------
    def _compile(self) -> None:
        entries: list[WeaponEntry] = self.data["weapons.jsonl"]
        self.entries = {e.id: e for e in entries}
        self.local_context = {e.id for e in entries if e.local_context}
        rules: list[WeaponRule] = self.data["weapon_rules.jsonl"]
        variant_res = [re.compile(r.regex) for r in rules if r.kind == "variant_suffix" and r.regex]
        # surface form -> entry, pattern id, needs context, and the model name when the alias is one (F-35A)
        self.forms: dict[str, tuple[WeaponEntry, str, bool, Optional[str]]] = {}
        for e in entries:
            for alias in (e.name, *e.aliases):
                model = model_name(e.name, alias, variant_res)
                if model is not None and e.local_context:  # Negev NG7 is as much a place name as Negev
                    self.local_context.add(_model_id(e, model))
                for form in surface_forms(alias):
                    self.forms.setdefault(form, (e, f"lexicon:{e.id}", e.requires_context, model))
        for ca in self.data["weapon_context_aliases.jsonl"]:
            entry = self.entries.get(ca.system)
            if entry is None:
                raise PatternError(f"patterns/weapon_context_aliases.jsonl: {ca.id}: unknown system {ca.system!r}")
            model = model_name(entry.name, ca.alias, variant_res)
            for form in surface_forms(ca.alias):
                self.forms.setdefault(form, (entry, f"context-alias:{ca.id}", True, model))
        # the last word of a multi-word name (Poseidon of P-8 Poseidon), when only one system ends in it
        tails: dict[str, set[str]] = {}
        for e in entries:
            for alias in (e.name, *e.aliases):
                words = alias.split()
                if len(words) >= 2 and words[-1].isalpha() and words[-1][0].isupper() and len(words[-1]) >= 4:
                    tails.setdefault(words[-1], set()).add(e.id)
        self.tail_owner = {t: next(iter(ids)) for t, ids in tails.items() if len(ids) == 1}
        self.weapon_re = re.compile(
            # a weapon opens a word, or closes a hyphen compound (anti-Patriot, luchtmacht-F-16's)
            r"(?:(?<![\w-])|(?<=[a-zà-ÿ]{2}-))(?P<alias>" + trie_regex(sorted(self.forms)) + r")"
            r"(?P<variant>(?<=\d)[A-Z]{1,3}\d?)?" + INFLECTION + r"(?![\w])(?!-\d)"
        ) if self.forms else None

        self.closed = Closed(self.data["dutch.jsonl"])
        # nog eens 180 tanks: more of the system talked about
        self.more_of_re = re.compile(rf"\b(?:{self.closed.alternation('more-of')})\s+[\w.,]+\s+$", re.I)
        self.class_by_head: dict[str, WeaponClass] = {}
        self.modifiers: dict[str, WeaponClass] = {}
        self.class_excludes: set[str] = set()
        for c in self.data["weapon_classes.jsonl"]:
            target = self.class_by_head if c.kind == "noun" else self.modifiers
            for h in c.heads:
                target.setdefault(h.lower(), c)
            self.class_excludes.update(x.lower() for x in c.exclude)
        long_excludes = sorted(x for x in self.class_excludes if len(x) > 5)
        self.exclude_suffix_re = re.compile("(?:" + trie_regex(long_excludes) + ")$") if long_excludes else None
        heads = trie_regex(sorted(self.class_by_head, key=len, reverse=True))
        # A class word is any word that ends in a class head (kruisraketten, grond-luchtraketten).
        # greedy prefix: one pass to the word's end, then back off to the head (a lazy prefix retries the
        # whole head trie at every character of every word)
        self.class_re = re.compile(r"(?<![\w'’-])(?P<word>[\w-]*(?P<head>" + heads + r"))(?![\w'’-])", re.I)
        # The same words found in the reversed text, where the head is a prefix: the trie is tried once per
        # word instead of once per character of every word (four times faster over a whole article).
        rev_heads = trie_regex(sorted(h[::-1] for h in self.class_by_head))
        self.class_rev_re = re.compile(r"(?<![\w'’-])(?:" + rev_heads + r")[\w-]*(?![\w'’-])", re.I)

        words = sorted({w.lower() for r in rules if r.kind == "context_word" for w in r.words}, key=len, reverse=True)
        self.context_re = re.compile(r"(?<!\w)(?:" + trie_regex(words) + r")(?!\w)", re.I) if words else None
        self.before_res = [(r.id, re.compile(r.regex, re.I)) for r in rules if r.kind == "context_before" and r.regex]
        self.designation_res = [(r.id, re.compile(r.regex)) for r in rules if r.kind == "designation" and r.regex]
        self.publication_res = [re.compile(r.regex, re.I) for r in rules if r.kind == "publication_before" and r.regex]
        self.company_suffix_res = [re.compile(r.regex) for r in rules if r.kind == "company_suffix" and r.regex]
        self.not_designation_res = [re.compile(r.regex) for r in rules if r.kind == "not_designation" and r.regex]

    # -- run --------------------------------------------------------------------------------
    def process(self, doc: Doc, state: Extraction) -> None:
        text = state.text
        start = state.body_start
        state.classes = self._classes(doc, text, start, state)
        hits, pending = self._lexicon_hits(text, start, state)
        self._one_sense_per_article(hits, pending)
        military = self._military_sentences(text, start, state)
        military.update(state.sentence_index(h.start) for h in hits)
        confirmed = {h.system_id for h in hits}
        for hit in pending:
            local = hit.system_id in self.local_context
            if (hit.system_id in confirmed and not local) or \
                    self._has_context(text, hit.start, hit.end, state, set() if local else military):
                confirmed.add(hit.system_id)
        hits += [h for h in pending if h.system_id in confirmed]
        if self.unknown_designations:
            hits += self._unknown(text, start, state, hits)
        hits.sort(key=lambda h: h.start)
        state.weapons = hits
        spans = [doc.char_span(h.start, h.end, label=h.category, alignment_mode="expand") for h in hits]
        doc.spans[self.spans_key] = [s for s in spans if s is not None]

    def _one_sense_per_article(self, hits: list[WeaponHit], pending: list[WeaponHit]) -> None:
        """A bare name is the system the article names in full: ``Poseidons`` after ``P-8 Poseidon`` are the
        aircraft, not the Russian torpedo of the same name."""
        named = {h.system_id for h in (*hits, *pending) if " " in h.text}
        for group in (hits, pending):
            for k, h in enumerate(group):
                base = _INFLECTION_END.sub("", h.text) if h.family is None else h.text
                owner = self.tail_owner.get(base)
                if owner is not None and owner != h.system_id and owner in named:
                    e = self.entries[owner]
                    group[k] = WeaponHit(h.start, h.end, h.text, e.name, e.category, e.origin, e.id, True,
                                         f"same-article:{e.id}")

    def _lexicon_hits(self, text: str, start: int, state: Extraction) -> tuple[list[WeaponHit], list[WeaponHit]]:
        sure, pending = [], []
        if self.weapon_re is None:
            return sure, pending
        for m in self.weapon_re.finditer(text, start):
            if state.skipped(m.start(), m.end()):
                continue
            if any(rx.match(text, m.end()) for rx in self.company_suffix_res):
                continue  # BrahMos Aerospace: the company, not the missile
            if any(rx.search(text, max(0, m.start() - 30), m.start()) for rx in self.publication_res):
                continue  # de Servische krant Danas: a newspaper
            entry, pattern, needs_context, model = self.forms[m.group("alias")]
            name, system_id = entry.name, entry.id
            if model is not None:  # Gripen E, F-35A: the model as the lexicon spells it
                name, system_id = model, _model_id(entry, model)
            variant = m.group("variant")
            if variant:  # a model code glued to a listed designation: MiG-31 + K
                name, system_id = name + variant, f"{system_id}-{variant.lower()}"
            hit = WeaponHit(m.start(), m.end(), m.group(), name, entry.category, entry.origin,
                            system_id, True, pattern, entry.name if name != entry.name else None)
            (pending if needs_context else sure).append(hit)
        return sure, pending

    def _classes(self, doc: Doc, text: str, start: int, state: Extraction) -> list[ClassHit]:
        out = []
        for word_start, word_end in self._class_words(text, start):
            word = text[word_start:word_end]
            low = word.lower()
            if low in self.class_excludes or (self.exclude_suffix_re is not None and self.exclude_suffix_re.search(low)):
                continue
            if state.skipped(word_start, word_end):
                continue
            cls = self._longest_head(low)  # bewapeningssysteem is a weapon system, not a bare systeem
            phrase_start, determiner, category = self._class_phrase(doc, text, word_start, cls)
            counted = bool(NUMBER_RE.match(text[max(0, phrase_start - 12):phrase_start].split()[-1].lower())) \
                if text[max(0, phrase_start - 12):phrase_start].split() else False
            generic = cls.generic and low in (h.lower() for h in cls.heads)
            anaphoric = generic or determiner in self.closed["demonstratives"] or (
                # a definite phrase refers back, unless a restrictive relative clause identifies it
                determiner in ("de", "het") and not re.match(r"\s+(?:die|dat)\b", text[word_end:word_end + 6])) or (
                # nog eens 180 tanks: more of the system talked about
                counted and self.more_of_re.search(text, max(0, phrase_start - 30), phrase_start) is not None)
            out.append(ClassHit(phrase_start, word_end, word_start, text[phrase_start:word_end], cls.group,
                                category, generic, anaphoric, f"class:{cls.id}", counted))
        return out

    def _class_words(self, text: str, start: int) -> list[tuple[int, int]]:
        """(start, end) of every word from ``start`` on that ends in a class head, in text order."""
        n = len(text)
        spans = [(n - m.end(), n - m.start()) for m in self.class_rev_re.finditer(text[::-1])]
        return [sp for sp in reversed(spans) if sp[0] >= start]

    def _longest_head(self, word: str) -> WeaponClass:
        for k in range(len(word)):
            cls = self.class_by_head.get(word[k:])
            if cls is not None:
                return cls
        raise KeyError(word)  # unreachable: the regex matched a head at the end

    def _plural(self, text: str, head_start: int) -> bool:
        """Whether the class word at ``head_start`` is plural (wapens, systemen; not wapen, systeem)."""
        word = re.match(r"[\w-]+", text[head_start:])
        low = word.group().lower() if word else ""
        return low.endswith("s") or (low.endswith("en") and not low.endswith(tuple(self.closed["neuter-en-singulars"])))

    def _class_phrase(self, doc: Doc, text: str, head_start: int,
                      cls: WeaponClass) -> tuple[int, Optional[str], Optional[str]]:
        """Walk back over adjectives to the phrase start; return (start, determiner, precise category).

        Adjectives are told from verbs by what stands before them: a chain of
        modifiers counts only when a determiner, number, preposition, punctuation
        or the sentence start precedes it (``de moderne kruisraketten``), not a
        name or another word (``Rusland vuurde Vityaz-9-raketten``). With POS tags
        from a base model, an adjective is simply a word tagged ADJ.
        """
        tagged = has_pos(doc)
        category = cls.category
        pos = head_start
        phrase_start = head_start
        modifiers_start = head_start
        frozen = False
        steps = 0
        boundary_ok = True
        leftmost = ""
        while steps < 4:
            m = re.search(r"(\S+)\s+$", text[max(0, pos - 40):pos])
            if not m:
                break
            word = m.group(1)
            wstart = pos - len(m.group(0))
            low = word.lower().strip("‘’“”\"'(")
            if low == "het" and self._plural(text, head_start):
                break  # Teheran ontkent dat het wapens levert: a pronoun, not the article of a plural
            if low in self.closed["determiners"]:
                start = phrase_start if frozen else modifiers_start
                if frozen and low in ("zo'n", "zo’n"):
                    return start, None, category  # zo'n 380 raketten: an approximator
                return start, low, category
            if NUMBER_RE.match(low):
                frozen = True  # de zes straaljagers: the phrase starts after the number
                phrase_start = modifiers_start
            elif tagged and pos_at(doc, wstart) != "ADJ":
                boundary_ok = True
                break
            elif not (word[0].islower() or _CAP_ADJECTIVE.fullmatch(word)) or not _MODIFIER.match(low) \
                    or low in self.closed["prepositions"] \
                    or low in self.closed["auxiliaries"] or low in self.closed["coordinators"] \
                    or low in self.closed["adverbs"] or low in self.closed["finite-verbs"]:
                boundary_ok = (low in self.closed["prepositions"] or word[-1] in ",.;:(") and not frozen or frozen
                if word[-1] == "," and not frozen and leftmost.endswith("en"):
                    boundary_ok = False  # delen, kopen raketwerpers: after a comma an -en word is a verb
                break
            mod = self.modifiers.get(low)
            if mod is not None and mod.category:
                category = mod.category
            if not frozen and low not in ("andere",):
                modifiers_start = wstart
                leftmost = low
            pos = wstart
            steps += 1
        if not frozen:
            phrase_start = modifiers_start if boundary_ok else head_start
        return phrase_start, None, category

    def _military_sentences(self, text: str, start: int, state: Extraction) -> set[int]:
        military = {state.sentence_index(c.head_start) for c in state.classes}
        if self.context_re is not None:
            military.update(state.sentence_index(m.start()) for m in self.context_re.finditer(text, start))
        return military

    def _has_context(self, text: str, start: int, end: int, state: Extraction, military: set[int]) -> bool:
        after = text[end:end + 40]
        if after.startswith("-"):  # Koksan-houwitsers: a class noun compound (matched without the hyphen,
            compound = after[1:]      # which the class regex's lookbehind would refuse)
            if self.class_re.match(compound) or (self.context_re is not None and self.context_re.match(compound)):
                return True
        before = text[max(0, start - 40):start]
        if any(rx.search(before) for _id, rx in self.before_res):
            return True
        if any(c.end <= start <= c.end + 2 for c in state.classes):
            return True
        i = state.sentence_index(start)
        return bool({i - 1, i, i + 1} & military)

    def _unknown(self, text: str, start: int, state: Extraction, known: list[WeaponHit]) -> list[WeaponHit]:
        out = []
        taken = [(h.start, h.end) for h in known]
        for rule_id, rx in self.designation_res:
            for m in rx.finditer(text, start):
                s, e = m.start(), m.end()
                if any(a < e and s < b for a, b in taken) or state.skipped(s, e):
                    continue
                designation = m.group()
                if any(n.match(designation) for n in self.not_designation_res):
                    continue
                cls = self._designation_context(text, s, e, state)
                if cls is None:
                    continue
                infl = re.match(r"(?:['’]s|s)", text[e:e + 2])
                end = e + (infl.end() if infl else 0)
                category = cls.category or UNKNOWN_CATEGORY_BY_GROUP.get(cls.group, "other")
                out.append(WeaponHit(s, end, text[s:end], designation, category, None, None, False,
                                     f"designation:{rule_id}+{cls.pattern}"))
                taken.append((s, end))
        return out

    def _designation_context(self, text: str, start: int, end: int, state: Extraction) -> Optional[ClassHit]:
        """The class noun that makes a designation a weapon: right before it, or compounded after it."""
        for c in state.classes:
            if c.end <= start and not text[c.end:start].strip(" ,:") and start - c.end <= 3:
                return c
            if c.end <= start and re.fullmatch(r",\s*(?:de|het)\s+", text[c.end:start]):
                return c  # een ballistische raket, de FP-7: an apposition
            if text[end:end + 1] == "-" and c.head_start <= end < c.end:
                return c  # X-raketten: the designation opens the class compound
        before = text[max(0, start - 40):start]
        for rule_id, rx in self.before_res:
            if rx.search(before):
                near = [c for c in state.classes if c.end <= start and start - c.end < 40]
                return near[-1] if near else ClassHit(start, end, start, "", "any", None, False, False, f"rule:{rule_id}")
        return None


@Language.factory(
    "wapenradar_weapons",
    default_config={"patterns_dir": None, "unknown_designations": True, "spans_key": "weapons"},
    assigns=["doc.spans", "doc._.wapenradar"],
)
def make_weapon_recognizer(nlp: Language, name: str, patterns_dir: Optional[str], unknown_designations: bool,
                           spans_key: str) -> WeaponRecognizer:
    return WeaponRecognizer(nlp, name, patterns_dir=patterns_dir,
                            unknown_designations=unknown_designations, spans_key=spans_key)
