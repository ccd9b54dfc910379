"""Shared fixtures: one Wapenradar pipeline per test session (loading it builds the lexicon regexes)."""
from __future__ import annotations

from pathlib import Path

import pytest

import pipeline
from pipeline.extract import doc_to_record

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def nlp():
    return pipeline.load("blank")


@pytest.fixture(scope="session")
def extract(nlp):
    """Run the pipeline on one text and return the document object (a dict, as written to JSON)."""

    def run(text: str, doc_id: str = "test") -> dict:
        return doc_to_record(nlp(text), doc_id)

    return run
