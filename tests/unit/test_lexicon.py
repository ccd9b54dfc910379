"""The weapon lexicon as a maintained resource: every alias is found and resolves to its entry."""
from __future__ import annotations

import re
import shutil
from collections import defaultdict

import pytest

import pipeline
from pipeline.lexicon import ContextAlias, WeaponEntry, WeaponRule, surface_forms
from pipeline.patterns import PatternError, default_patterns_dir, load_entries

PATTERNS = default_patterns_dir()
ENTRIES = load_entries(PATTERNS / "weapons.jsonl", WeaponEntry)
CONTEXT = load_entries(PATTERNS / "weapon_context_aliases.jsonl", ContextAlias)


def _norm(s: str) -> str:
    return re.sub(r"[\s\-.]", "", s.lower())


VARIANT_SUFFIX = [re.compile(r.regex) for r in load_entries(PATTERNS / "weapon_rules.jsonl", WeaponRule)
                  if r.kind == "variant_suffix"]


def _is_model(name: str, alias: str) -> bool:
    return alias.lower().startswith(name.lower()) and any(rx.match(alias[len(name):]) for rx in VARIANT_SUFFIX)


def test_lexicon_is_broad():
    assert len(ENTRIES) >= 400
    cats = {e.category for e in ENTRIES}
    assert {"cruise_missile", "ballistic_missile", "air_defense", "tank", "aircraft", "naval_vessel",
            "loitering_munition", "anti_tank", "small_arms"} <= cats
    assert {"RU", "UA", "IR", "KP", "CN", "US", "NL", "BE", "IL", "DE"} <= {e.origin for e in ENTRIES}


def test_no_guessed_wikidata_ids():
    # QIDs only where checked against Wikidata itself; none could be checked here
    assert all(e.wikidata is None or re.fullmatch(r"Q[1-9]\d*", e.wikidata) for e in ENTRIES)


def test_no_alias_claimed_twice():
    owners = defaultdict(set)
    for e in ENTRIES:
        for alias in (e.name, *e.aliases):
            for form in surface_forms(alias):
                owners[form].add(e.id)
    for ca in CONTEXT:
        for form in surface_forms(ca.alias):
            owners[form].add(ca.system)
    clashes = {form: ids for form, ids in owners.items() if len(ids) > 1}
    assert clashes == {}


def test_context_aliases_point_to_entries():
    ids = {e.id for e in ENTRIES}
    assert [c.id for c in CONTEXT if c.system not in ids] == []


@pytest.fixture(scope="module")
def recognizer(nlp):
    return nlp


SENTENCE = "Volgens het ministerie van Defensie zette het leger de {} in tegen de vijandelijke troepen."
# names that are also places need context next to them (local_context)
LOCAL_SENTENCE = "Volgens het ministerie van Defensie zette het leger wapens van het type {} in tegen de troepen."


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_every_alias_is_found_and_resolves(extract, entry):
    for alias in (entry.name, *entry.aliases):
        for form in sorted(surface_forms(alias)):
            text = (LOCAL_SENTENCE if entry.local_context else SENTENCE).format(form)
            found = [(w["text"], w["name"], w["system_id"]) for w in extract(text)["weapons"]]
            hit = next((f for f in found if f[0] == form), None)
            assert hit is not None, (form, found)
            # the system's name, or a model of it named as the lexicon spells the model (F-35A, Gripen E)
            if _norm(alias) != _norm(entry.name) and _is_model(entry.name, alias):
                assert (_norm(hit[1]), hit[2].startswith(entry.id + "-")) == (_norm(alias), True), (form, hit)
            else:
                assert hit == (form, entry.name, entry.id), (form, hit)
            if entry.local_context:  # a military sentence alone does not make the place a weapon
                assert extract(SENTENCE.format(form))["weapons"] == []


@pytest.mark.parametrize("ca", CONTEXT, ids=lambda c: c.id)
def test_context_aliases_need_military_context(extract, ca):
    entry = next(e for e in ENTRIES if e.id == ca.system)
    found = extract(SENTENCE.format(ca.alias))["weapons"]
    assert [(w["text"], w["name"]) for w in found] == [(ca.alias, entry.name)]


def test_invalid_entry_names_file_and_line(tmp_path):
    folder = tmp_path / "patterns"
    shutil.copytree(PATTERNS, folder)
    lines = (folder / "weapons.jsonl").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace('"category": "', '"category": "laser_')
    (folder / "weapons.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(PatternError, match=r"^patterns/weapons\.jsonl:3: category: "):
        pipeline.load("blank", patterns_dir=str(folder))


def test_malformed_json_names_file_and_line(tmp_path):
    folder = tmp_path / "patterns"
    shutil.copytree(PATTERNS, folder)
    with open(folder / "quantities.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"id": "broken", "kind": "approx",\n')
    n = len((folder / "quantities.jsonl").read_text(encoding="utf-8").splitlines())
    with pytest.raises(PatternError, match=rf"^patterns/quantities\.jsonl:{n}: not valid JSON"):
        pipeline.load("blank", patterns_dir=str(folder))


def test_regex_that_does_not_compile_names_file_and_line(tmp_path):
    folder = tmp_path / "patterns"
    shutil.copytree(PATTERNS, folder)
    lines = (folder / "weapon_rules.jsonl").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace('"regex": "', '"regex": "(unclosed', 1)
    (folder / "weapon_rules.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(PatternError, match=r"^patterns/weapon_rules\.jsonl:2: regex: Value error, regex does not compile"):
        pipeline.load("blank", patterns_dir=str(folder))


@pytest.mark.parametrize("text, name", [
    ("De luchtmacht vliegt met de Gripen E.", "Gripen E"),      # a model: named as written
    ("De luchtmacht kreeg haar eerste F-35A.", "F-35A"),
    ("Het leger zette de Iskander-M in.", "Iskander-M"),
    ("De marine plaatst een Phalanx CIWS op het schip.", "Phalanx"),  # a descriptor, no model
    ("De luchtmacht vliegt met de Gripen.", "Gripen"),
])
def test_a_model_is_named_as_written(extract, text, name):
    assert [w["name"] for w in extract(text)["weapons"]] == [name]


def test_a_bare_name_is_the_system_the_article_names_in_full(extract):
    """`Poseidons` after `P-8 Poseidon` are the aircraft; alone, in a Russian context, the torpedo."""
    doc = extract("Canada bestelde veertien P-8 Poseidon-patrouillevliegtuigen. De eerste Poseidons vliegen in 2026 voor de marine.")
    assert [w["name"] for w in doc["weapons"]] == ["P-8 Poseidon", "P-8 Poseidon"]
    doc = extract("Rusland testte volgens het ministerie van Defensie opnieuw een Poseidon-torpedo.")
    assert [w["name"] for w in doc["weapons"]] == ["Poseidon"]


def test_a_name_after_a_media_noun_is_a_publication(extract):
    doc = extract("Dat meldt de Servische krant Danas. Het leger zette DANA-houwitsers in.")
    assert [w["text"] for w in doc["weapons"]] == ["DANA"]
