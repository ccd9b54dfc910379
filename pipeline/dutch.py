"""Closed-class Dutch word lists (``patterns/dutch.jsonl``) and a small word scanner.

The blank Dutch pipeline has no POS tags, so noun-phrase edges are found with
these lists: a phrase stops at a finite verb, an adverb, a subordinator.
When a base model provides POS tags, :func:`pos_at` lets callers prefer them.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Optional

from pydantic import BaseModel
from spacy.tokens import Doc

from .state import get_state


class WordList(BaseModel):
    id: str
    words: list[str]
    note: str = ""


def alternation(phrases) -> str:
    """A regex alternative for literal phrases: escaped, any run of spaces between words, longest first
    (so the alternation prefers `de militaire junta` to `de junta`, and its order does not depend on set order)."""
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(phrases), key=lambda p: (-len(p), p)))


class Closed:
    """Lookup sets by list id, lower-cased."""

    def __init__(self, lists: list[WordList]) -> None:
        self.sets: dict[str, frozenset[str]] = {w.id: frozenset(x.lower() for x in w.words) for w in lists}

    def __getitem__(self, list_id: str) -> frozenset[str]:
        return self.sets.get(list_id, frozenset())

    def alternation(self, list_id: str) -> str:
        """The list as one regex alternative (see :func:`alternation`)."""
        return alternation(self[list_id])


# A word: letters/digits joined by hyphens, apostrophes or periods (F-16’s, 2.300,
# marineschepen.nl); anything else that is not space is a one-character token.
WORD_RE = re.compile(r"\w+(?:[-’'.]\w+)*(?:['’]s)?|[^\w\s]")
QUOTE_OPEN = "‘“„\"'«"
QUOTE_CLOSE = "’”\"'»"
QUOTES = set(QUOTE_OPEN) | set(QUOTE_CLOSE)


@dataclass(slots=True)
class Word:
    text: str
    start: int
    end: int
    lower: str  # computed once: the components compare lower-cased words several hundred thousand times a run

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_cap(self) -> bool:
        return self.text[0].isupper()


def words(text: str, start: int, end: int) -> list[Word]:
    """The words of ``text[start:end]`` with document offsets."""
    return [Word(w, m.start(), m.end(), w.lower()) for m in WORD_RE.finditer(text, start, end) for w in (m.group(),)]


def sentence_words(state, sent) -> list[Word]:
    """The words of a sentence, scanned once per document (several components read them)."""
    ws = state.scan_cache.get(sent.start)
    if ws is None:
        ws = state.scan_cache[sent.start] = words(state.text, sent.start, sent.end)
    return ws


def _tags(doc: Doc) -> tuple:
    state = get_state(doc)
    if state.pos_tags is None:  # looked up once per doc: has_annotation scans every token
        state.pos_tags = ([t.idx for t in doc], [t.pos_ for t in doc]) if doc.has_annotation("POS") else ()
    return state.pos_tags


def has_pos(doc: Doc) -> bool:
    return bool(_tags(doc))


def pos_at(doc: Doc, char: int) -> Optional[str]:
    """The coarse POS of the token at ``char`` when the base model tagged the doc, else None."""
    tags = _tags(doc)
    if not tags:
        return None
    i = bisect.bisect_right(tags[0], char) - 1
    return tags[1][i] if i >= 0 else None
