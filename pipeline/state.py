"""Per-document extraction state, kept on ``doc._.wapenradar``.

Components work on character offsets into ``doc.text`` (ANNOTATION.md's
offsets are Python ``str`` indices, and a weapon can be part of a token:
``Kalibr`` in ``Kalibr-voorraad``), so the state holds plain dataclasses
with ``start``/``end`` characters, not token spans.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc

EXTENSION = "wapenradar"
TEXT_KEY = "wapenradar.text"


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    heading: bool = False


@dataclass(slots=True)
class WeaponHit:
    start: int
    end: int
    text: str
    name: str
    category: str
    origin: Optional[str]
    system_id: Optional[str]
    in_lexicon: bool
    pattern: str
    family: Optional[str] = None  # the system's name when ``name`` is a model of it (F-35 for F-35A)

    def name_from(self, state: "Extraction", char: int) -> str:
        """The name a record at ``char`` gives this mention: the model within its own sentence, the system's
        name when a later sentence refers back to it (``elf toestellen`` after ``F-35A's``), as the dev gold
        names the Leopards of a Leopard 2A6 article."""
        if self.family is None or state.sentence_index(char) == state.sentence_index(self.start):
            return self.name
        return self.family


@dataclass(slots=True)
class ClassHit:
    """A weapon class noun phrase (``moderne kruisraketten``), or an anaphor (``deze raket``)."""

    start: int  # start of the phrase (modifiers included)
    end: int
    head_start: int
    text: str
    group: str  # compatibility group of the head noun: missile, drone, aircraft, ...
    category: Optional[str]  # a precise category when the phrase gives one (hypersone raket)
    generic: bool  # a placeholder noun (toestellen, systemen) that stands for a named system
    anaphoric: bool  # deze/die/de + class noun, or a generic placeholder
    pattern: str
    counted: bool = False  # a number stands in the phrase: de zes straaljagers


@dataclass(slots=True)
class QuantityHit:
    start: int
    end: int
    text: str
    value: Optional[float]
    low: Optional[float]
    high: Optional[float]
    approx: str
    unit: str
    measure: str = "other"
    weapon: Optional[str] = None
    weapon_class: Optional[str] = None
    owner: Optional[str] = None
    attribution: Optional[int] = None  # index into Extraction.attributions
    pattern: str = ""
    target_start: int = -1  # where the counted noun/weapon stands (for transfers)


@dataclass(slots=True)
class SpanRef:
    start: int
    end: int


@dataclass(slots=True)
class AttributionHit:
    cue: SpanRef
    source: SpanRef
    source_name: Optional[str]
    source_type: str
    content: Optional[SpanRef]
    kind: str
    stance: str
    hedged: bool
    pattern: str
    id: str = ""
    source_after_cue_word: bool = False  # volgens X, aldus X: the source names who says, never a party in the claim


@dataclass(slots=True)
class TransferHit:
    supplier: Optional[str]
    supplier_country: Optional[str]
    recipient: Optional[str]
    recipient_country: Optional[str]
    weapon: Optional[str]
    weapon_class: Optional[str]
    quantity: Optional[int]  # index into state.quantities
    status: str
    evidence: SpanRef
    attribution: Optional[int]  # index into Extraction.attributions
    pattern: str


@dataclass
class Extraction:
    text: str = ""  # doc.text, built once: spaCy joins the tokens anew on every access
    pos_tags: Optional[tuple] = None  # (token starts, POS tags) once asked for; () without POS
    date: Optional[str] = None
    body_start: int = 0
    sentences: list[Sentence] = field(default_factory=list)
    skips: list[tuple[int, int]] = field(default_factory=list)  # photo credits and the like
    weapons: list[WeaponHit] = field(default_factory=list)
    classes: list[ClassHit] = field(default_factory=list)
    quantities: list[QuantityHit] = field(default_factory=list)
    attributions: list[AttributionHit] = field(default_factory=list)
    transfers: list[TransferHit] = field(default_factory=list)
    _sent_starts: list[int] = field(default_factory=list)
    # what the components scan once per document and share: a sentence's words (keyed by its start, see
    # pipeline.dutch.sentence_words), a gazetteer's hits, the country counts and makers (pipeline.parties)
    scan_cache: dict = field(default_factory=dict)
    home_country: Optional[str] = None  # ISO code, worked out once (pipeline.parties.DocumentParties.home_country)

    def set_sentences(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        self._sent_starts = [s.start for s in sentences]

    def sentence_index(self, char: int) -> int:
        """Index of the sentence holding ``char`` (the previous one when ``char`` is between sentences)."""
        return max(0, bisect.bisect_right(self._sent_starts, char) - 1)

    def sentence_at(self, char: int) -> Optional[Sentence]:
        if not self.sentences:
            return None
        s = self.sentences[self.sentence_index(char)]
        return s if s.start <= char < s.end else None

    def skipped(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.skips)


if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)


def get_state(doc: Doc) -> Extraction:
    state = doc._.get(EXTENSION)
    if state is None:
        text = doc.user_data.get(TEXT_KEY)  # kept by pipeline.language.TextKeepingTokenizer
        state = Extraction(text=text if text is not None else doc.text)
        doc._.set(EXTENSION, state)
    return state
