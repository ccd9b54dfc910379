"""Which named weapon a phrase is about: class nouns, anaphors, mentions near a number.

Shared by the quantity and transfer components. A class phrase refers back to
a named system when it is anaphoric (``deze raket``, ``de zes straaljagers``,
a bare placeholder such as ``toestellen``): the most recent compatible named
weapon within a few sentences wins; with none before it, the first compatible
one after it (an article that says ``de hypersonische raketten`` before it
names the ``Kinzjal``).
"""
from __future__ import annotations

import re
from typing import Optional, Union

from .state import ClassHit, Extraction, WeaponHit

# A `raket` can be any missile, an interceptor of an air-defence system or an anti-tank
# missile; a rocket launcher (HIMARS) is a `raketwerper`, not a `raket`.
MISSILES = {"cruise_missile", "ballistic_missile", "hypersonic_missile", "anti_ship_missile", "air_defense",
            "anti_tank"}
GROUP_CATEGORIES: dict[str, set[str]] = {
    "missile": MISSILES,
    "drone": {"drone", "loitering_munition"},
    "aircraft": {"aircraft"},
    "helicopter": {"helicopter"},
    "tank": {"tank", "armored_vehicle"},
    "vehicle": {"armored_vehicle", "tank"},
    "artillery": {"artillery", "rocket_artillery"},
    "ship": {"naval_vessel"},
    "air_defense": {"air_defense"},
    "launcher": {"rocket_artillery", "air_defense", "ballistic_missile", "cruise_missile", "anti_ship_missile"},
    "ammunition": {"ammunition", "artillery", "rocket_artillery"},
    "small_arms": {"small_arms", "anti_tank"},
}
LOOKBACK_SENTENCES = 5
SYSTEM_PHRASE = "class:cls-wapensysteem"  # een Amerikaans bewapeningssysteem: what `dit wapen` can point back to
_APPOSITION = re.compile(r"[’']?s?\s*,\s*(?:een|de|het)\s+")
Mention = Union[WeaponHit, ClassHit]


def compatible(cls: ClassHit, weapon: WeaponHit) -> bool:
    if cls.category:
        return weapon.category == cls.category or (cls.group == "missile" and cls.category == "cruise_missile"
                                                   and weapon.category == "anti_ship_missile")
    cats = GROUP_CATEGORIES.get(cls.group)
    return cats is None or weapon.category in cats


def resolve_class(state: Extraction, cls: ClassHit) -> Optional[WeaponHit]:
    """The named weapon an anaphoric class phrase stands for, or None."""
    for w in state.weapons:
        if cls.start <= w.start < cls.end:
            return w  # a weapon inside the phrase itself: Patriot-systemen
        if w.end <= cls.start and _APPOSITION.fullmatch(state.text, w.end, cls.start):
            return w  # de KN-23, een ballistische raket: an apposition names the system
    if not cls.anaphoric:
        return None
    here = state.sentence_index(cls.start)
    before = [w for w in state.weapons if w.end <= cls.start and compatible(cls, w)
              and here - state.sentence_index(w.start) <= LOOKBACK_SENTENCES]
    if before:
        if antecedent_phrase(state, cls, after=before[-1].end) is not None:
            return None  # dit wapen after `een Amerikaans bewapeningssysteem`: the unnamed system is meant
        return before[-1]
    if cls.counted or any(w.end <= cls.start for w in state.weapons):
        return None  # cataphora only for a bare topic phrase (de hypersonische raketten), never for a count
    after = [w for w in state.weapons if w.start >= cls.end and compatible(cls, w)]
    return after[0] if after else None


def antecedent_phrase(state: Extraction, cls: ClassHit, after: int = -1) -> Optional[ClassHit]:
    """An unnamed class phrase (``een Amerikaans bewapeningssysteem``) that a generic anaphor
    (``dit wapen``) refers to: the last one between ``after`` and the anaphor, in this or the previous sentence."""
    if not cls.generic:
        return None
    here = state.sentence_index(cls.start)
    for c in reversed(state.classes):
        if c.end <= cls.start and c.start > after and not c.anaphoric and not c.generic \
                and here - state.sentence_index(c.start) <= 1 and c.pattern == SYSTEM_PHRASE \
                and not any(c.start <= w.start < c.end for w in state.weapons):
            return c
    return None


def mentions_in(state: Extraction, start: int, end: int) -> list[Mention]:
    """Weapon and class mentions inside ``[start, end)``, in text order; a class word
    that holds a weapon (``Patriot-systemen``) gives way to the weapon."""
    weapons = [w for w in state.weapons if start <= w.start < end]
    classes = [c for c in state.classes if start <= c.head_start < end
               and not any(c.start <= w.start < c.end for w in weapons)]
    return sorted([*weapons, *classes], key=lambda m: m.start)


def weapon_of(state: Extraction, mention: Mention) -> tuple[Optional[WeaponHit], Optional[ClassHit]]:
    """(named weapon, class phrase) a mention stands for."""
    if isinstance(mention, WeaponHit):
        return mention, None
    return resolve_class(state, mention), mention


def last_weapon_before(state: Extraction, char: int, sentences: int = 2) -> Optional[WeaponHit]:
    """The weapon talked about just before ``char``: the last named or resolved mention
    (``de kruisraketten`` counts as the system it refers to) in the previous sentences."""
    here = state.sentence_index(char)
    lo = state.sentences[max(0, here - sentences)].start if state.sentences else 0
    for mention in reversed(mentions_in(state, lo, char)):
        weapon, _cls = weapon_of(state, mention)
        if weapon is not None:
            return weapon
    return None


def main_system(state: Extraction) -> Optional[str]:
    """The system an article is about: named at least three times, and twice as often as any other."""
    counts: dict[str, int] = {}
    for w in state.weapons:
        name = w.family or w.name
        counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]
