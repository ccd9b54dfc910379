"""Attribution extractor: who says so — cue, source, content, kind, stance, hedge.

Cues come from ``patterns/attributions.jsonl``. For each cue the sentence is
read the way Dutch word order works:

* ``volgens X`` / ``op basis van X``: the source follows; the claim is the rest
  of the clause (sentence-initial) or the whole clause (mid-sentence);
* ``CLAIM, aldus X`` and ``CLAIM, zei X``: the source follows, the claim precedes;
* ``X zegt dat CLAIM`` (subject first) and ``Op donderdag meldde X dat CLAIM``
  (inversion after an adverbial): the source is the noun phrase before the cue,
  or after it when something else fills the first position;
* separable cues (``liet X weten``, ``maakte X bekend``) need their particle;
* ``Dat meldt X.``: the claim is the previous sentence;
* a participle with only a passive auxiliary and no agent has no source and
  yields nothing (``Er werden inslagen gemeld``); an infinitive after a modal
  is no claim (``kun je niet zeggen``).

Noun-phrase edges come from closed word lists, or from POS tags when the
base model provides them.
"""
from __future__ import annotations

import re
from typing import Literal, Optional

from pydantic import BaseModel
from spacy.language import Language
from spacy.tokens import Doc

from .component import PatternComponent
from .dutch import QUOTE_CLOSE, QUOTE_OPEN, Closed, Word, WordList, alternation, has_pos, pos_at, sentence_words
from .gazetteer import CountryEntry, Gazetteer, OrganizationEntry
from .lexicon import trie_regex
from .patterns import Regex
from .state import AttributionHit, Extraction, Sentence, SpanRef

# nl_core_news_sm labels (OntoNotes style) and the CoNLL ones of other Dutch models
ENT_SOURCE_TYPES = {"PERSON": "person", "PER": "person", "ORG": "organization", "GPE": "government",
                    "NORP": "government", "LOC": "government"}
MINISTRY_TAIL = re.compile(r"\s+(?:van|voor)\s+(?:Defensie|Buitenlandse Zaken|Binnenlandse Zaken|Financiën|Justitie"
                           r"|Economische Zaken|Veiligheid)$")


class CueRule(BaseModel):
    id: str
    kind: Literal["preposition", "aldus", "self", "evidential", "fronted", "verb", "hedge"]
    forms: list[str]
    stance: Literal["assert", "deny"] = "assert"
    particle: Optional[str] = None
    after_particle: Optional[Regex] = None  # what must follow the particle (deed X af *als*, not doet af aan)
    requires_quote: bool = False
    requires_claim: bool = False  # only with a claim after it (stelt dat, schat dat); else another sense
    source_after_preposition: bool = False
    source_must_be_known: bool = False
    not_followed_by: Optional[Regex] = None  # another sense: volgens plan, zegt veel over, stelt vragen
    note: str = ""


def _strip_quotes(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """Trim spaces and final punctuation; drop enclosing quote marks (→ direct speech)."""
    while start < end and (text[start].isspace()):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:!?"):
        end -= 1
    if end - start >= 2 and text[start] in QUOTE_OPEN and text[end - 1] in QUOTE_CLOSE:
        inner = text[start + 1:end - 1]
        if not any(c in inner for c in "“”„"):
            s, e = start + 1, end - 1
            while e > s and text[e - 1] in ".,;:!?":
                e -= 1
            return s, e, True
    return start, end, False


def _open_quote_before(text: str, start: int, end: int) -> tuple[int, int]:
    """„Eerste zin. Tweede zin”, zegt X: a quote that closes in this sentence but opened in an earlier
    one (same paragraph) is the claim from its opening mark on."""
    inner = text[start:end].rstrip(" .,;:!?")
    if not inner or inner[-1] not in QUOTE_CLOSE or any(c in inner for c in "„“‘«"):
        return start, end
    if inner[-1] in "\"'" and inner.count(inner[-1]) > 1:
        return start, end  # straight quotes that open and close here
    floor = max(text.rfind("\n\n", 0, start), start - 1500, 0)
    opener = max(text.rfind(q, floor, start) for q in "„“‘«\"")
    if opener >= floor and text[opener:start].count("\n\n") == 0:
        return opener, end
    return start, end


class AttributionExtractor(PatternComponent):
    FILES = {"attributions.jsonl": CueRule, "dutch.jsonl": WordList, "countries.jsonl": CountryEntry,
             "organizations.jsonl": OrganizationEntry}

    def _compile(self) -> None:
        rules: list[CueRule] = self.data["attributions.jsonl"]
        self.closed = Closed(self.data["dutch.jsonl"])
        self.gazetteer = Gazetteer(self.data["countries.jsonl"], self.data["organizations.jsonl"])
        self.forms: dict[str, list[CueRule]] = {}  # spreekt: spreekt ... tegen (deny) or spreekt van
        for r in rules:
            if r.kind == "hedge":
                continue
            for f in r.forms:
                self.forms.setdefault(f.lower(), []).append(r)
        self.cue_re = re.compile(rf"(?<![\w-])(?:{trie_regex(sorted(self.forms))})(?![\w-])", re.I)
        self.not_followed = {r.id: re.compile(r.not_followed_by, re.I) for r in rules if r.not_followed_by}
        hedges = [f for r in rules if r.kind == "hedge" for f in r.forms]
        self.hedge_re = re.compile(rf"\b(?:{alternation(hedges)})\b", re.I) if hedges else None

    # -- run --------------------------------------------------------------------------------
    def process(self, doc: Doc, state: Extraction) -> None:
        text = state.text
        self._tagged = has_pos(doc)
        out: list[AttributionHit] = []
        last_end = -1
        for m in self.cue_re.finditer(text, state.body_start):
            if m.start() < last_end or state.skipped(m.start(), m.end()):
                continue
            sent = state.sentence_at(m.start())
            if sent is None:
                continue
            hit = None
            for rule in self.forms[m.group().lower()]:
                if rule.not_followed_by and self.not_followed[rule.id].match(text, m.end()):
                    continue
                hit = self._read(doc, text, state, sent, m.start(), m.end(), rule, out)
                if hit is not None:
                    break
            if hit is not None:
                out.append(hit)
                last_end = m.end()
        state.attributions = out
        for q in state.quantities:  # the claim that holds each number
            for i, a in enumerate(out):
                if a.content is not None and a.content.start <= q.start and q.end <= a.content.end:
                    q.attribution = i
                    break

    def _read(self, doc: Doc, text: str, state: Extraction, sent: Sentence, cs: int, ce: int,
              rule: CueRule, previous: list[AttributionHit]) -> Optional[AttributionHit]:
        ws = sentence_words(state, sent)
        idx = next((i for i, w in enumerate(ws) if w.start >= cs), None)
        if idx is None:
            return None
        cue_end_idx = next((i for i, w in enumerate(ws) if w.end >= ce), idx)
        content: Optional[tuple[int, int]] = None
        source: Optional[tuple[int, int]] = None
        clause_start = self._clause_start(ws, idx)
        if rule.kind in ("preposition", "aldus", "evidential"):
            source = self._np_after(doc, text, ws, cue_end_idx + 1, rule.kind == "preposition")
            if source is None:
                return None
            if rule.source_must_be_known and not self._known_source(text, source):
                return None  # op basis van GPS: an evidential needs a document, report or source
            if rule.kind in ("aldus", "evidential"):
                content = self._before_comma(ws, idx, sent)  # CLAIM, blijkt uit een rapport van de VN
                if content is None and rule.kind == "evidential" and idx == 1 and ws[0].lower in ("dat", "dit"):
                    i = state.sentence_index(sent.start)  # Dat blijkt uit ...: the claim before it
                    content = (state.sentences[i - 1].start, state.sentences[i - 1].end) if i > 0 else None
            elif rule.kind == "preposition":
                content = self._volgens_content(text, ws, idx, clause_start, source, sent)
            pattern = rule.id
        elif rule.kind == "fronted":  # Uit een analyse van CSIS blijkt dat ...
            if ws[clause_start].lower != "uit" or idx < clause_start + 2:
                return None
            source = self._np_after(doc, text, ws, clause_start + 1, False)
            if source is None or source[1] > ws[idx].start or not self._known_source(text, source):
                return None
            after = [w for w in ws[cue_end_idx + 1:] if w.lower != "dat"]
            content = (after[0].start, sent.end) if after else None
            pattern = rule.id
        elif rule.kind == "self":
            if idx == clause_start:  # Naar eigen zeggen leverde Rheinmetall ...: the subject follows the verb
                source = self._np_after(doc, text, ws, cue_end_idx + 2, False)
            else:
                source = self._np_after(doc, text, ws, clause_start, False)
            if source is None:
                return None
            content = (ws[clause_start].start, sent.end)
            pattern = rule.id
        else:
            found = self._verb(doc, text, state, ws, idx, cue_end_idx, clause_start, sent, rule, previous)
            if found is None:
                return None
            source, content, pattern = found
        return self._build(doc, text, state, sent, cs, ce, source, content, rule, pattern, previous)

    # -- verbs ------------------------------------------------------------------------------
    def _verb(self, doc: Doc, text: str, state: Extraction, ws: list[Word], idx: int, cue_end_idx: int,
              clause_start: int, sent: Sentence, rule: CueRule, previous: list[AttributionHit]):
        cue = ws[idx]
        low = cue.lower
        left = ws[clause_start:idx]
        left_low = [w.lower for w in left]
        # a participle: ge-/be-/ver-/ont-/aan- ... -d/-t (not a present 3rd person), or one that ends in -en
        participle = (low.startswith(("ge", "be", "ver", "ont", "aan")) and low.endswith(("d", "t"))
                      and low not in self.closed["present-be-t-verbs"]) or low in self.closed["en-participles"]
        if participle:
            aux = [w for w in left if w.lower in ("heeft", "hebben", "had", "hadden")]
            if not aux:
                return None  # passive or adjectival: Er werden inslagen gemeld; officieel bevestigd
        elif low.endswith("en") and not low.endswith(("den", "ten")) and low not in ("zeiden",):
            # zeggen/melden: a finite plural, unless a modal or `te` governs it as an infinitive
            if any(w in self.closed["modals"] for w in left_low[-4:]):
                return None
        after_idx = cue_end_idx + 1
        if rule.particle:
            part = next((i for i in range(after_idx, min(len(ws), after_idx + 12)) if ws[i].lower == rule.particle), None)
            if part is None or any(ws[i].text in ",;:" for i in range(after_idx, part)):
                return None
            if rule.after_particle and not re.match(rule.after_particle, text[ws[part].end:ws[part].end + 40], re.I):
                return None
        source = None
        pattern = rule.id
        # first position filled by the subject?
        subject = self._subject_before(doc, text, ws, clause_start, idx, sent)
        if rule.source_after_preposition:
            m = next((i for i in range(after_idx, min(len(ws), after_idx + 4)) if ws[i].lower in ("in", "bij", "op")), None)
            source = self._np_after(doc, text, ws, m + 1, False) if m is not None else None
            pattern += ":after-preposition"
        elif subject is not None:
            source = subject
            pattern += ":subject"
        else:
            source = self._np_after(doc, text, ws, after_idx, False)
            pattern += ":inverted"
        if source is None:
            return None
        content = self._verb_content(text, state, ws, idx, cue_end_idx, source, sent, rule)
        if content == "previous-sentence":
            i = state.sentence_index(sent.start)
            prev = state.sentences[i - 1] if i > 0 else None
            content = (prev.start, prev.end) if prev is not None else None  # the claim, if the text has it
            pattern += ":dat-meldt"
        if rule.requires_quote and (content is None or not self._quoted(text, *content)):
            return None
        if content is None and rule.stance != "deny" and rule.requires_claim:
            return None
        return source, content, pattern

    def _subject_before(self, doc: Doc, text: str, ws: list[Word], clause_start: int, idx: int,
                        sent: Sentence) -> Optional[tuple[int, int]]:
        """The noun phrase before the cue when it is the subject (X zegt, X heeft gezegd, die claimen)."""
        if idx >= 2 and ws[idx - 1].lower == "zo" and ws[idx - 2].text == ",":
            return None  # CLAIM, zo erkende de minister: the subject follows the cue
        if idx > 0 and ws[idx - 1].text == "," and clause_start < idx - 1:
            if self._source_then_end(ws, idx):
                return None  # CLAIM, ..., meldt Yonhap.: the source follows, the claim is all before the comma
            return self._apposition_subject(doc, ws, idx)  # KNDS, bouwer van ..., zegt dat ...
        left = ws[clause_start:idx]
        while left and (left[0].lower in self.closed["coordinators"] or left[0].text in QUOTE_OPEN
                        or (left[0].lower in self.closed["focus-particles"] and len(left) > 1)
                        or left[0].lower == "zowel"):  # Ook SP-Kamerlid Van Rijn stelt; Zowel Moskou als Pyongyang
            if left[0].lower == "en" and clause_start > 0:
                return self._np_after(doc, text, ws, 0, False)  # Hij noemde ... en zei: shared subject
            left = left[1:]
        if not left:
            return self._apposition_subject(doc, ws, idx)
        first = left[0]
        if len(left) == 1 and first.lower in ("dat", "dit", "zo", "ook", "dan"):
            return None  # Dat meldt X: an object or adverb in first position, the subject follows
        if first.lower in ("dat", "dit") and len(left) > 2 and left[1].lower in self.closed["auxiliaries"]:
            # Dat heeft het Indiase ministerie maandag bekendgemaakt: the subject follows the auxiliary
            np = []
            for w in left[2:]:
                if w.lower in self.closed["adverbs"] or w.lower in self.closed["auxiliaries"] or w.text[0].isdigit() \
                        or w.lower in self.closed["time-words"] or not (self._np_word(w, doc)
                                                                        or w.lower in self.closed["np-prepositions"]):
                    break
                np.append(w)
            return (np[0].start, np[-1].end) if np else None
        if first.lower in self.closed["prepositions"] or first.lower in self.closed["adverbs"] \
                or first.lower in self.closed["auxiliaries"] or first.text[0].isdigit():
            return None
        # the phrase runs until an auxiliary or adverb: De Duitse regering | heeft officieel
        end = len(left)
        for i, w in enumerate(left):
            if i > 0 and (w.lower in self.closed["auxiliaries"] or w.lower in self.closed["adverbs"]
                          or w.lower in self.closed["finite-verbs"]):
                end = i
                break
        np = left[:end]
        if not np or any(w.text in QUOTE_OPEN + QUOTE_CLOSE for w in np):
            return None
        zowel = clause_start < idx and ws[clause_start].lower == "zowel"
        if not all(self._np_word(w, doc) or w.lower in self.closed["np-prepositions"] or w.text in ",()"
                   or w.lower in ("en", "zoals") or (zowel and w.lower == "als") for w in np):  # ( ): Analisten van het IISS (IISS) waarschuwen
            return None
        rest = left[end:]
        if any(w.lower not in self.closed["auxiliaries"] and w.lower not in self.closed["adverbs"]
               and not self._adverbial_ok(w) for w in rest):
            # words between subject and cue that are neither auxiliaries nor adverbs: only short adverbials
            if len(rest) > 5:
                return None
        return np[0].start, np[-1].end

    def _source_then_end(self, ws: list[Word], idx: int) -> bool:
        """After the cue only a short name or phrase and the sentence end (no dat-clause, quote or colon)."""
        rest = [w for w in ws[idx + 1:] if w.text not in ".!?"]
        return 0 < len(rest) <= 8 and rest[0].is_cap and rest[0].lower not in self.closed["person-pronouns"] and \
            not any(w.lower == "dat" or w.text in QUOTE_OPEN + ":;," for w in rest)

    def _apposition_subject(self, doc: Doc, ws: list[Word], idx: int) -> Optional[tuple[int, int]]:
        """``Een Amerikaanse denktank, C4ADS, meldde``: a subject with an apposition before the cue."""
        pre = ws[:idx]
        if pre and pre[-1].text == "," and pre[0].is_cap and pre[0].lower not in self.closed["adverbs"] \
                and sum(1 for w in pre if w.text == ",") >= 2 \
                and pre[0].lower not in self.closed["prepositions"] \
                and all(w.text == "," or w.lower in ("en", "of") or (self._np_word(w, doc) and (
                    w.lower not in self.closed["prepositions"] or w.lower in self.closed["np-prepositions"]))
                    for w in pre[:-1]):
            return pre[0].start, pre[-2].end  # Het Frans-Duitse KNDS, bouwer van de Leopard 2, de CAESAR ..., zegt
        return None

    def _adverbial_ok(self, w: Word) -> bool:
        return w.is_word and (w.lower in self.closed["prepositions"] or w.lower in self.closed["determiners"]
                              or w.text[0].islower() or w.is_cap)

    def _verb_content(self, text: str, state: Extraction, ws: list[Word], idx: int, cue_end_idx: int,
                      source: tuple[int, int], sent: Sentence, rule: CueRule):
        cue = ws[idx]
        # CLAIM, zei X  /  ‘CLAIM’, meldde X
        if idx > 0 and ws[idx - 1].text == "," and source[0] > cue.start:
            return self._before_comma(ws, idx, sent)
        # Dat meldt X.
        if idx == 1 and ws[0].lower in ("dat", "dit") and source[0] > cue.start:
            return "previous-sentence"
        start_from = max(cue.end, source[1]) if source[0] > cue.start else ws[cue_end_idx].end
        rest = [w for w in ws if w.start >= start_from]
        if rule.particle:
            p = next((i for i, w in enumerate(rest) if w.lower == rule.particle), None)
            if p is not None:
                rest = rest[p + 1:]
        if not rest:
            return None
        # zegt: „...”  /  noemde X ”...”
        for i, w in enumerate(rest[:12]):
            if w.text in QUOTE_OPEN and (i == 0 or rest[i - 1].text in ":," or rule.requires_quote):
                close = next((j for j in range(i + 1, len(rest)) if rest[j].text in QUOTE_CLOSE), None)
                end = rest[close].end if close is not None else sent.end
                return w.start, end
            if w.lower == "dat" and rule.kind == "verb":
                after = rest[i + 1:]
                if after:
                    return after[0].start, self._clause_end(text, ws, after[0].start, sent)
                return None
        if rule.stance == "deny" and rest[0].text in ",.;" or rest[0].lower in self.closed["coordinators"]:
            return None
        return rest[0].start, self._clause_end(text, ws, rest[0].start, sent)

    def _clause_end(self, text: str, ws: list[Word], start: int, sent: Sentence) -> int:
        """End of the claim: the sentence end, or a comma followed by the main verb (Hoewel X ontkent ..., is)."""
        for i, w in enumerate(ws):
            if w.start > start and w.text == "," and i + 1 < len(ws) and ws[i + 1].lower in self.closed["finite-verbs"] \
                    and ws[0].lower in self.closed["subordinators"]:
                return w.start
        return sent.end

    # -- content for volgens / aldus ----------------------------------------------------------
    def _before_comma(self, ws: list[Word], idx: int, sent: Sentence) -> Optional[tuple[int, int]]:
        if idx == 0 or ws[idx - 1].text != ",":
            return None
        start = ws[0].start
        for w in ws[:idx - 1]:  # a leading conjunction is not part of the claim
            if w.lower in ("maar", "en", "want") and w.start == ws[0].start:
                start = ws[1].start
        return start, ws[idx - 1].start

    def _volgens_content(self, text: str, ws: list[Word], idx: int, clause_start: int,
                         source: tuple[int, int], sent: Sentence) -> tuple[int, int]:
        if idx == clause_start:  # sentence-initial: the claim is what follows the source
            rest = [w for w in ws if w.start >= source[1]]
            # skip a non-restrictive relative clause: Volgens de VS, die claimen ..., overweegt
            if rest and rest[0].text == "," and len(rest) > 1 and rest[1].lower in ("die", "dat", "wat"):
                close = next((i for i in range(2, len(rest)) if rest[i].text == ","), None)
                rest = rest[close + 1:] if close is not None else rest
            while rest and rest[0].text in ",":
                rest = rest[1:]
            if rest:
                return rest[0].start, sent.end
        return ws[clause_start].start, sent.end

    # -- noun phrases -------------------------------------------------------------------------
    def _clause_start(self, ws: list[Word], idx: int) -> int:
        """Index of the first word of the clause that holds ws[idx]."""
        for i in range(idx - 1, -1, -1):
            w = ws[i]
            if w.text in ";:":
                return i + 1
            if w.text == "," and i + 1 < idx and ws[i + 1].lower in ("die", "dat", "wat", "welke") \
                    and all(x.lower in self.closed["adverbs"] for x in ws[i + 2:idx]):
                return i + 1  # volgens Levinson, die (ook) waarschuwt: the relative pronoun is the subject
            if w.text == "," and i + 1 < idx and ws[i + 1].lower in self.closed["subordinators"]:
                return i + 2
            if i == idx - 1 and w.lower in ("en", "maar", "of"):
                return i  # Hij noemde ... en zei: a second verb of the same subject
            if w.lower in ("omdat", "nadat", "hoewel", "terwijl", "doordat", "zodat", "aangezien", "voordat") and i < idx:
                return i + 1
        start = 0
        while start < idx and (ws[start].text in QUOTE_OPEN + "(-–"):
            start += 1
        return start

    def _np_word(self, w: Word, doc: Doc) -> bool:
        if not w.is_word:
            return False
        pos = pos_at(doc, w.start) if self._tagged else None
        if pos is not None:
            return pos in ("NOUN", "PROPN", "ADJ", "DET", "PRON", "NUM") or (pos == "ADP" and w.lower in self.closed["np-prepositions"])
        low = w.lower
        return not (low in self.closed["finite-verbs"] or low in self.closed["auxiliaries"]
                    or low in self.closed["adverbs"] or low in self.closed["subordinators"] and low not in ("die", "dat"))

    def _np_after(self, doc: Doc, text: str, ws: list[Word], i: int, restrictive_relative: bool) -> Optional[tuple[int, int]]:
        """A noun phrase starting at ws[i]: [det] adjectives head [van/in/uit/bij NP]* [, apposition at the end]."""
        n = len(ws)
        while i < n and ws[i].text in QUOTE_OPEN:
            i += 1
        if i >= n or not ws[i].is_word:
            return None
        start = i
        first = ws[i]
        if first.lower in self.closed["subordinators"]:
            nxt = ws[i + 1] if i + 1 < n else None
            as_determiner = first.lower in self.closed["determiners"] and nxt is not None and nxt.is_word \
                and nxt.lower not in self.closed["determiners"] and nxt.lower not in self.closed["person-pronouns"] \
                and nxt.lower not in self.closed["pronouns"]
            if not as_determiner:
                return None  # waarschuwen dat het ...: a claim, not a source; but volgens die missie is one
        if first.lower in self.closed["person-pronouns"] or first.lower in ("het", "men", "hem", "haar", "hen") and (
                i + 1 >= n or not ws[i + 1].is_word or ws[i + 1].lower in self.closed["prepositions"]
                or ws[i + 1].lower in self.closed["adverbs"] or ws[i + 1].lower in self.closed["auxiliaries"]
                or ws[i + 1].lower in self.closed["finite-verbs"]):  # Volgens haar zou Iran ...
            return first.start, first.end
        if first.lower in ("een", "één") and i + 1 < n and ws[i + 1].lower == "van":
            end: Optional[int] = i  # een van de auteurs van het rapport: `een` heads the phrase
        else:
            if first.lower in self.closed["determiners"]:
                i += 1
            end = self._np_core(doc, ws, i)
        if end is None:
            return None
        # post-modifiers: van de Oekraïense strijdkrachten in Odessa
        while end + 1 < n and ws[end + 1].lower in self.closed["np-prepositions"] and (
                not ws[end].is_cap or ws[end + 1].lower == "van"):  # a name takes no `in`-phrase: Austin in een interview
            j = end + 2
            if j < n and ws[j].lower in self.closed["determiners"]:
                j += 1
            nxt = self._np_core(doc, ws, j)
            if nxt is None:
                break
            end = nxt
        # an apposition that runs to the end of the sentence: Jaime Karremann, marinejournalist bij ...
        if end + 2 < n and ws[end + 1].text == "," and ws[end].is_cap:
            tail = ws[end + 2:]
            if tail and tail[0].lower not in self.closed["subordinators"] and tail[0].lower not in self.closed["pronouns"] \
                    and all(w.text in ".!?" or (w.is_word and w.lower not in self.closed["finite-verbs"]
                                               and w.lower not in self.closed["auxiliaries"]) for w in tail):
                last = [w for w in tail if w.is_word]
                if last:
                    end = ws.index(last[-1])
        # a restrictive relative clause after volgens: de mededeling die vrijdagavond is verspreid,
        if restrictive_relative and end + 1 < n and ws[end + 1].lower == "die":
            close = next((k for k in range(end + 2, n) if ws[k].text in ",.;"), None)
            if close is not None and ws[close].text == "," and close - end < 10:
                end = close - 1
        return ws[start].start, ws[end].end

    def _np_core(self, doc: Doc, ws: list[Word], i: int) -> Optional[int]:
        """Index of the last word of [adjectives] head, starting at i; names run on (Antony Blinken)."""
        n = len(ws)
        last = None
        while i < n:
            w = ws[i]
            if not w.is_word or not self._np_word(w, doc):
                break
            low = w.lower
            name_next = i + 1 < n and (ws[i + 1].is_cap or ws[i + 1].lower in self.closed["name-particles"])
            particle = low in self.closed["name-particles"] and name_next and (w.is_cap or (last is not None and ws[last].is_cap))
            if not particle and (low in self.closed["prepositions"] or low in self.closed["coordinators"]
                                   or low in self.closed["subordinators"] or (low in self.closed["determiners"] and last is not None)):
                break
            if w.text[0].isdigit():
                break
            if w.is_cap or particle:  # Van der Maat, Erwin van Veen
                last = i
                i += 1
                continue
            # lower-case: an adjective (ends in -e and another word follows) or the head noun
            nxt = ws[i + 1] if i + 1 < n else None
            heads = ("person-titles", "media-nouns", "government-nouns", "document-nouns")
            adjective = low.endswith("e") and not any(low in self.closed[k] for k in heads) \
                and nxt is not None and nxt.is_word and self._np_word(nxt, doc) \
                and nxt.lower not in self.closed["prepositions"] and nxt.lower not in self.closed["determiners"]
            # an uninflected adjective before a known head noun: een vertrouwelijk rapport, een intern document
            adjective = adjective or (nxt is not None and not any(low in self.closed[k] for k in heads)
                                      and any(nxt.lower in self.closed[k] for k in heads))
            if last is not None and ws[last].is_cap and not adjective and not ws[last].text.endswith("e") \
                    and low not in self.closed["person-titles"]:
                break  # a name ends the phrase: Kyiv nog, Scholz samen
            last = i
            i += 1
            if not adjective:
                # a head noun; names may follow it (minister ... Antony Blinken, weekblad Der Spiegel)
                while i < n and ws[i].is_cap and ws[i].is_word and self._np_word(ws[i], doc):
                    last = i
                    i += 1
                break
        return last

    def _known_source(self, text: str, source: tuple[int, int]) -> bool:
        """A phrase that can be a source: a document, medium, body or person noun, or a known party."""
        words_ = set(text[source[0]:source[1]].lower().split())
        lists = ("document-nouns", "media-nouns", "government-nouns", "person-titles", "organization-nouns")
        return any(words_ & self.closed[k] for k in lists) or any(True for _ in self.gazetteer.find(text, *source))

    @staticmethod
    def _quoted(text: str, start: int, end: int) -> bool:
        s = text[max(0, start - 1):end + 1]
        return any(c in s for c in QUOTE_OPEN + QUOTE_CLOSE)

    # -- the record ---------------------------------------------------------------------------
    @staticmethod
    def _entity_type(doc: Doc, source: tuple[int, int]) -> Optional[str]:
        """The source type the base model's named entities give (None without NER or without an entity)."""
        if not doc.has_annotation("ENT_IOB"):
            return None
        for ent in doc.ents:
            if ent.start_char < source[1] and source[0] < ent.end_char:
                return ENT_SOURCE_TYPES.get(ent.label_)
        return None

    def _build(self, doc: Doc, text: str, state: Extraction, sent: Sentence, cs: int, ce: int, source: tuple[int, int],
               content: Optional[tuple[int, int]], rule: CueRule, pattern: str,
               previous: list[AttributionHit]) -> AttributionHit:
        kind = "indirect"
        content_ref = None
        if content is not None:
            content = _open_quote_before(text, *content)
            s, e, direct = _strip_quotes(text, *content)
            if e > s:
                content_ref = SpanRef(s, e)
                kind = "direct" if direct else "indirect"
        hedged = False
        if kind == "indirect" and self.hedge_re is not None:
            lo = min(cs, content_ref.start if content_ref else cs)
            hi = max(ce, content_ref.end if content_ref else ce)
            clause_lo = min(lo, self._clause_left(text, sent, cs))
            hedged = bool(self.hedge_re.search(text, clause_lo, hi))
        name, stype = self._source_name(text, state, source, previous)
        ent_type = self._entity_type(doc, source)
        if ent_type is not None and stype in ("person", "unknown"):
            stype = ent_type  # the base model's NER, when it ran, knows a company is no person
        return AttributionHit(SpanRef(cs, ce), SpanRef(*source), name, stype, content_ref, kind, rule.stance, hedged, pattern,
                              source_after_cue_word=rule.kind in ("preposition", "aldus"))

    def _clause_left(self, text: str, sent: Sentence, cs: int) -> int:
        """Start of the cue's clause, for hedges before it: zouden volgens X."""
        k = max(text.rfind(",", sent.start, cs), text.rfind(";", sent.start, cs))
        return k + 1 if k >= 0 else sent.start

    def _source_name(self, text: str, state: Extraction, source: tuple[int, int],
                     previous: list[AttributionHit]) -> tuple[Optional[str], str]:
        phrase = text[source[0]:source[1]]
        low = phrase.lower()
        tokens = low.split()
        head_words = set(tokens)
        if low in ("hij", "zij", "ze", "hem", "haar", "die", "men", "wij", "we", "ik") or low.startswith(("het blad", "de krant", "het land", "het ministerie", "de minister", "de president")) and len(tokens) <= 2:
            for a in reversed(previous):
                if low in ("het blad", "de krant") and a.source_type != "media":
                    continue
                if low in ("hij", "zij", "hem", "haar") and a.source_type != "person":
                    continue
                return a.source_name, a.source_type
            if low == "die":
                k = text.rfind(",", 0, source[0])
                ante = text[max(0, k - 60):k].split()
                party = self.gazetteer.country_of(" ".join(ante[-3:]))
                if party is not None:
                    return party.name, "government" if party.kind == "country" else party.kind
            return None, "person" if low in ("hij", "zij", "hem", "haar", "ik") else "unknown"
        phrase = re.split(r"\s+(?:die|dat|welke)\s+", phrase)[0]  # de mededeling die ... is verspreid
        tokens = phrase.lower().split()
        head_words = set(tokens)
        if head_words & self.closed["person-titles"] and self._trailing_name(phrase):
            return self._trailing_name(phrase), "person"  # de minister van Buitenlandse Zaken Antony Blinken
        org = None
        for hit in self.gazetteer.find(text, source[0], source[0] + len(phrase)):
            if hit.party.role == "org":
                org = hit
                break
        if org is not None:
            kind = {"media": "media", "company": "organization", "organization": "organization",
                    "government": "government"}[org.party.kind]
            return org.party.name, kind
        if head_words & self.closed["media-nouns"]:
            return self._trailing_name(phrase) or phrase, "media"
        if head_words & self.closed["person-titles"] or any(t.endswith(("expert", "deskundige", "woordvoerder")) for t in tokens):
            return self._trailing_name(phrase) or phrase, "person"
        if head_words & self.closed["document-nouns"]:
            return self._country_or(phrase), "document"
        if head_words & self.closed["organization-nouns"]:
            return self._trailing_name(phrase) or phrase, "organization"
        if head_words & self.closed["government-nouns"]:
            return self._country_or(phrase), "government"
        for hit in self.gazetteer.find(text, source[0], source[1]):
            p = hit.party
            if p.role in ("capital", "seat"):
                return hit.text, "government"
            if p.role in ("name", "short", "people"):
                return p.name, "government"
        if phrase[:1].isupper():
            return self._trailing_name(phrase) or phrase, "person"
        return phrase, "unknown"

    def _country_or(self, phrase: str) -> str:
        party = self.gazetteer.country_of(phrase)
        return party.name if party is not None else re.sub(r"^(?:de|het|een)\s+", "", phrase, flags=re.I)

    def _trailing_name(self, phrase: str) -> Optional[str]:
        """The personal name at the end of a phrase: surname, its particles, one first name
        (``... minister van Buitenlandse Zaken Antony Blinken`` → ``Antony Blinken``)."""
        phrase = MINISTRY_TAIL.sub("", phrase)  # Christophe van der Maat van Defensie
        toks = phrase.split()
        if not toks or not toks[-1][:1].isupper():
            return None
        i = len(toks) - 1
        while i > 0 and toks[i - 1].lower() in self.closed["name-particles"]:
            i -= 1
        if i > 0 and toks[i - 1][:1].isupper() and toks[i - 1].lower() not in self.closed["name-particles"] \
                and not (i > 1 and toks[i - 2].lower() in ("van", "voor")):  # not: minister van Buitenlandse Zaken
            i -= 1
        name = " ".join(toks[i:])
        return name if name[:1].isupper() else None


@Language.factory(
    "wapenradar_attributions",
    default_config={"patterns_dir": None},
    requires=["doc._.wapenradar"],
    assigns=["doc._.wapenradar"],
)
def make_attribution_extractor(nlp: Language, name: str, patterns_dir: Optional[str]) -> AttributionExtractor:
    return AttributionExtractor(nlp, name, patterns_dir=patterns_dir)
