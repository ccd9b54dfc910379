"""The components as spaCy components: factories, entry points, configuration, to_disk/from_disk."""
from __future__ import annotations

from importlib.metadata import entry_points

import spacy

import pipeline
from pipeline.extract import doc_to_record
from pipeline.language import COMPONENTS

TEXT = ("Van de 650 Kalibrs zijn volgens Kyiv nog maar 59 over. "
        "Iran heeft al honderden Shahed-136’s aan Rusland geleverd.")


def test_factories_are_exposed_as_entry_points():
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert {"wapenradar_article", *(f"wapenradar_{c}" for c in COMPONENTS)} <= names


def test_pipeline_round_trips_through_disk(tmp_path, nlp):
    nlp.to_disk(tmp_path / "wapenradar")
    saved = sorted(p.name for p in (tmp_path / "wapenradar" / "wapenradar_weapons").iterdir())
    assert "weapons.jsonl" in saved and "weapon_classes.jsonl" in saved
    loaded = spacy.load(tmp_path / "wapenradar")
    assert loaded.pipe_names == nlp.pipe_names
    strip = lambda d: {k: v for k, v in d.items() if k != "language"}  # noqa: E731
    assert strip(doc_to_record(loaded(TEXT), "t")) == strip(doc_to_record(nlp(TEXT), "t"))


def test_saved_patterns_are_what_runs(tmp_path, nlp):
    """Editing the saved lexicon changes the loaded pipeline: from_disk really reads the files."""
    nlp.to_disk(tmp_path / "p")
    lexicon = tmp_path / "p" / "wapenradar_weapons" / "weapons.jsonl"
    lines = [x for x in lexicon.read_text(encoding="utf-8").splitlines() if '"id":"kalibr"' not in x.replace(" ", "")]
    lexicon.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = spacy.load(tmp_path / "p")
    names = [w["name"] for w in doc_to_record(loaded(TEXT), "t")["weapons"]]
    assert "Kalibr" not in names and "Shahed-136" in names


def test_components_are_configurable():
    nlp = pipeline.load("blank", components=("weapons",))
    assert nlp.pipe_names == ["wapenradar_article", "wapenradar_weapons"]
    record = doc_to_record(nlp(TEXT), "t")
    assert record["weapons"] and record["quantities"] == [] and record["attributions"] == []
    strict = spacy.blank("nl")
    strict.add_pipe("wapenradar_article")
    strict.add_pipe("wapenradar_weapons", config={"unknown_designations": False})
    doc = strict("De kamikazedrone ZK-45 werd gelanceerd.")
    assert doc_to_record(doc, "t")["weapons"] == []
    assert list(doc.spans["weapons"]) == []
