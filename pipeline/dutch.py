"""Closed-class Dutch word lists (``patterns/dutch.jsonl``) and a small word scanner.

The blank Dutch pipeline has no POS tags, so noun-phrase edges are found with
these lists: a phrase stops at a finite verb, an adverb, a subordinator.
When a base model provides POS tags, :func:`pos_at` lets callers prefer them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from pydantic import BaseModel
from spacy.tokens import Doc


class WordList(BaseModel):
    id: str
    words: list[str]
    note: str = ""


class Closed:
    """Lookup sets by list id, lower-cased."""

    def __init__(self, lists: list[WordList]) -> None:
        self.sets: dict[str, frozenset[str]] = {w.id: frozenset(x.lower() for x in w.words) for w in lists}

    def __getitem__(self, list_id: str) -> frozenset[str]:
        return self.sets.get(list_id, frozenset())

    def is_(self, word: str, list_id: str) -> bool:
        return word.lower() in self.sets.get(list_id, ())


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

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_cap(self) -> bool:
        return self.text[0].isupper()


def words(text: str, start: int, end: int) -> list[Word]:
    """The words of ``text[start:end]`` with document offsets."""
    return [Word(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text, start, end)]


def pos_at(doc: Doc, char: int) -> Optional[str]:
    """The coarse POS of the token at ``char`` when the base model tagged the doc, else None."""
    if not doc.has_annotation("POS"):
        return None
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0].pos_ if span is not None and len(span) else None
