"""Dutch numbers: digits with Dutch separators, number words, multipliers.

Number words are parsed by ``text2num`` (its Dutch grammar covers compounds such
as ``vierhonderdtachtig`` and ``tweeëntwintig``); this module only finds them
in running text and handles digit strings, which text2num does not take
(``2.300`` is two thousand three hundred in Dutch, ``1,5`` one and a half).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from text_to_num import text2num

_MORPHEMES = (
    "één|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|zestien|"
    "zeventien|achttien|negentien|twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig|honderd|"
    "duizend|en|ën"
)
# A whole word built from number morphemes (tweeduizend, vierhonderdtachtig). `een`
# alone is the article, not a number (ANNOTATION.md); `één` is.
NUMBER_WORD = rf"(?:{_MORPHEMES})+"
DIGITS = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
MULTIPLIERS = {"miljoen": 1e6, "miljard": 1e9, "biljoen": 1e12, "mln": 1e6, "mln.": 1e6, "mld": 1e9, "mrd": 1e9,
               "duizend": 1e3}
MULTIPLIER = r"miljoen|miljard|biljoen|mln\.?|mld|mrd"
NUMBER_WORD_RE = re.compile(rf"^(?:{NUMBER_WORD})$", re.I)


def parse_digits(s: str) -> Optional[float]:
    """``2.300`` → 2300, ``1,5`` → 1.5, ``186,4`` → 186.4, ``1000`` → 1000."""
    s = s.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+,\d+", s):
        s = s.replace(",", ".")
    elif not re.fullmatch(r"\d+(?:\.\d+)?", s):
        return None
    try:
        value = float(s)
    except ValueError:
        return None
    return value if value < 1e300 else None


@lru_cache(maxsize=4096)
def parse_word(word: str) -> Optional[float]:
    """``duizend`` → 1000, ``negentien`` → 19, ``één`` → 1; the article ``een`` → None."""
    w = word.lower()
    if w in ("een", "en", "ën") or not NUMBER_WORD_RE.match(w):
        return None
    try:
        return float(text2num(w.replace("één", "een"), "nl"))
    except (ValueError, IndexError, KeyError):
        return None


def parse_number(core: str, multiplier: Optional[str] = None) -> Optional[float]:
    """A digit string or number word, times an optional ``miljoen``/``miljard``."""
    value = parse_digits(core) if core[:1].isdigit() else parse_word(core)
    if value is None and multiplier and core.lower() == "een":
        value = 1.0  # een miljoen
    if value is None:
        return None
    if multiplier:
        value *= MULTIPLIERS[multiplier.lower()]
    return value


def as_number(value: Optional[float]) -> Optional[int | float]:
    """Integers as ``int`` so JSON shows 2300, not 2300.0."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 2**63 else value
